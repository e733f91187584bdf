import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { Field, FormErrors } from '#app/components/ui/forms.tsx'
import { requireAnonymous } from '#app/features/auth/auth.server.ts'
import { clientAddress } from '#app/features/auth/throttle.server.ts'
import { requestPasswordReset } from '#app/features/auth/password-reset.server.ts'
import { ForgotPasswordSchema } from '#app/features/auth/schemas.ts'
import { mailIsKept } from '#app/features/mail/outbox.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAnonymous(request)
	const t = await getT(await getLanguage(request))
	return { title: `${t('passwordReset.forgotTitle')} · ${t('app.name')}`, kept: mailIsKept() }
}

/** The same answer whether or not the address has an account; only throttling is said. */
export async function action({ request }: ActionFunctionArgs) {
	await requireAnonymous(request)
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: ForgotPasswordSchema })
	if (submission.status !== 'success') {
		return data({ result: submission.reply(), sentTo: null, minutes: 0 }, { status: 400 })
	}
	const outcome = await requestPasswordReset({
		email: submission.value.email,
		ip: clientAddress(request),
		request,
		language: await getLanguage(request),
	})
	if (!outcome.ok) {
		return data(
			{
				result: submission.reply({ formErrors: ['passwordReset.throttled'] }),
				sentTo: null,
				minutes: Math.ceil(outcome.retryAfter / 60),
			},
			{ status: 429, headers: { 'Retry-After': String(outcome.retryAfter) } },
		)
	}
	return { result: submission.reply({ resetForm: true }), sentTo: submission.value.email, minutes: 0 }
}

export default function ForgotPasswordPage() {
	const { kept } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const { t } = useTexts()
	const [form, fields] = useForm({
		id: 'forgot-password',
		lastResult: actionData?.result,
		constraint: getZodConstraint(ForgotPasswordSchema),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
	})
	if (actionData?.sentTo) {
		return (
			<div className="page page--narrow">
				<h1>{t('passwordReset.sentTitle')}</h1>
				<p role="status" className="alert alert--success">
					{t('passwordReset.sent', { email: actionData.sentTo })}
				</p>
				{kept ? <p className="muted">{t('passwordReset.sentKept')}</p> : null}
				<p>
					<Link to="/login">{t('passwordReset.backToSignIn')}</Link> · <Link to="/forgot-password">{t('passwordReset.again')}</Link>
				</p>
			</div>
		)
	}
	return (
		<div className="page page--narrow">
			<h1>{t('passwordReset.forgotTitle')}</h1>
			<p className="lead">{t('passwordReset.forgotIntro')}</p>
			<Form method="post" {...getFormProps(form)} className="stack">
				<Field
					label={t('forms.email')}
					errors={fields.email.errors}
					inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email' }}
				/>
				<FormErrors id={form.errorId} errors={form.errors} values={{ count: actionData?.minutes ?? 0 }} />
				<button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
					{t('passwordReset.send')}
				</button>
			</Form>
			<p>
				<Link to="/login">{t('passwordReset.backToSignIn')}</Link>
			</p>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

/** A throttled request says when to try again (Retry-After), also to a form posted without JavaScript. */
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders
