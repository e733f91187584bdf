import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { Field, FormErrors } from '#app/components/ui/forms.tsx'
import { completePasswordReset, findPasswordReset, statusForState } from '#app/features/auth/password-reset.server.ts'
import { judgePassword } from '#app/features/auth/password-strength.server.ts'
import { ResetPasswordSchema, resetPasswordSchema } from '#app/features/auth/schemas.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

/**
 * A reset link, for anyone who has it (signed in or not: the token is the permission). A link that
 * does not work is a page that says why, with status 400 (never existed, or mangled) or 410 (used,
 * replaced or expired), and a way to ask for a new one.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const t = await getT(await getLanguage(request))
	const found = await findPasswordReset(params.token)
	const title = `${t(found.state === 'valid' ? 'passwordReset.resetTitle' : 'passwordReset.invalidTitle')} · ${t('app.name')}`
	if (found.state !== 'valid') return data({ title, state: found.state, email: null }, { status: statusForState(found.state) })
	return { title, state: found.state, email: found.reset.email }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readFormData(request)
	const found = await findPasswordReset(params.token)
	const userInputs = found.state === 'valid' ? [found.reset.name, found.reset.email] : []
	const submission = parseWithZod(formData, { schema: resetPasswordSchema(judgePassword, userInputs) })
	if (submission.status !== 'success') {
		return data({ result: submission.reply({ hideFields: ['newPassword', 'confirmPassword'] }), state: null }, { status: 400 })
	}
	const outcome = await completePasswordReset(params.token ?? '', submission.value.newPassword, request)
	if (!outcome.ok) {
		return data(
			{ result: submission.reply({ hideFields: ['newPassword', 'confirmPassword'] }), state: outcome.state },
			{ status: statusForState(outcome.state) },
		)
	}
	throw redirect(outcome.location, { headers: outcome.headers })
}

export default function ResetPasswordPage() {
	const loaderData = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTexts()
	const [form, fields] = useForm({
		id: 'reset-password',
		lastResult: actionData?.result,
		constraint: getZodConstraint(ResetPasswordSchema),
		shouldValidate: 'onBlur',
		// A corrected field's error goes as it is typed, so the button does not move under the pointer on blur.
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
	})
	const state = actionData?.state ?? loaderData.state
	if (state !== 'valid') {
		return (
			<div className="page page--narrow">
				<h1>{t('passwordReset.invalidTitle')}</h1>
				<p className="alert alert--error" role="alert">
					{t(`passwordReset.${state}`)}
				</p>
				<p>
					<Link className="button button--primary" to="/forgot-password">
						{t('passwordReset.askAgain')}
					</Link>
				</p>
			</div>
		)
	}
	return (
		<div className="page page--narrow">
			<h1>{t('passwordReset.resetTitle')}</h1>
			<p className="lead">{t('passwordReset.resetIntro', { email: loaderData.email })}</p>
			<Form method="post" {...getFormProps(form)} className="stack">
				<Field
					label={t('passwordReset.newPassword')}
					hint={t('forms.passwordHint')}
					errors={fields.newPassword.errors}
					inputProps={{ ...getInputProps(fields.newPassword, { type: 'password' }), autoComplete: 'new-password' }}
				/>
				<Field
					label={t('passwordReset.confirmPassword')}
					errors={fields.confirmPassword.errors}
					inputProps={{ ...getInputProps(fields.confirmPassword, { type: 'password' }), autoComplete: 'new-password' }}
				/>
				<FormErrors id={form.errorId} errors={form.errors} />
				<button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
					{t('passwordReset.submit')}
				</button>
			</Form>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
