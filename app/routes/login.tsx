import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { Field, FormErrors } from '#app/components/ui/forms.tsx'
import { recordAudit } from '#app/features/audit/audit.server.ts'
import { requireAnonymous, signIn } from '#app/features/auth/auth.server.ts'
import { LoginSchema } from '#app/features/auth/schemas.ts'
import { throttledMessage } from '#app/features/auth/throttle.ts'
import { finishPasswordStep, SECOND_STEP_PATH } from '#app/features/auth/two-step.server.ts'
import { db } from '#app/utils/db.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request }: LoaderFunctionArgs) {
	await requireAnonymous(request)
	const t = await getT(await getLanguage(request))
	return { title: `${t('login.title')} · ${t('app.name')}` }
}

export async function action({ request }: ActionFunctionArgs) {
	await requireAnonymous(request)
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: LoginSchema })
	if (submission.status !== 'success') {
		return data({ result: submission.reply({ hideFields: ['password'] }) }, { status: 400 })
	}
	const { email, password, redirectTo } = submission.value
	const outcome = await signIn(email, password, request)
	const account = await db.selectFrom('users').select(['id', 'name']).where('email', '=', email).executeTakeFirst()
	if (!outcome.ok) {
		await recordAudit(db, request, {
			actor: null,
			action: 'auth.sign_in_failed',
			targetType: 'user',
			targetId: account?.id ?? null,
			// An address with no account is kept as typed (who is being tried); a real account by its id only.
			details: {
				reason: outcome.retryAfter ? 'throttled' : outcome.deactivated ? 'deactivated' : 'password',
				...(account ? {} : { email }),
			},
		})
		const minutes = outcome.retryAfter ? Math.ceil(outcome.retryAfter / 60) : 0
		return data(
			{
				result: submission.reply({
					hideFields: ['password'],
					formErrors: [
						outcome.retryAfter
							? throttledMessage(outcome.reason)
							: outcome.deactivated
								? 'personalData.deactivatedSignIn'
								: 'login.invalid',
					],
				}),
				minutes,
			},
			{
				status: outcome.retryAfter ? 429 : 400,
				headers: outcome.retryAfter ? { 'Retry-After': String(outcome.retryAfter) } : undefined,
			},
		)
	}
	await recordAudit(db, request, {
		actor: account ?? null,
		action: 'auth.sign_in',
		targetType: 'user',
		targetId: outcome.userId,
	})
	// With two-step sign-in on, the session (and the known-device cookie) come only after the second step.
	const next = await finishPasswordStep(outcome.userId, request, redirectTo)
	if (next.location !== SECOND_STEP_PATH) next.headers.append('Set-Cookie', outcome.deviceCookie)
	throw redirect(next.location, { headers: next.headers })
}

export default function LoginPage() {
	const { t } = useTexts()
	const actionData = useActionData<typeof action>()
	const [searchParams] = useSearchParams()
	const navigation = useNavigation()
	const [form, fields] = useForm({
		id: 'login',
		lastResult: actionData?.result,
		constraint: getZodConstraint(LoginSchema),
		shouldValidate: 'onBlur',
		shouldRevalidate: 'onInput',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
	})
	const minutes = actionData && 'minutes' in actionData ? Number(actionData.minutes) : 0
	return (
		<div className="page page--narrow">
			<h1>{t('login.title')}</h1>
			<p className="lead">{t('login.intro')}</p>
			<Form method="post" {...getFormProps(form)} className="stack">
				<input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? ''} />
				<Field
					label={t('forms.email')}
					errors={fields.email.errors}
					inputProps={{ ...getInputProps(fields.email, { type: 'email' }), autoComplete: 'email' }}
				/>
				<Field
					label={t('forms.password')}
					errors={fields.password.errors}
					inputProps={{
						...getInputProps(fields.password, { type: 'password' }),
						autoComplete: 'current-password',
					}}
				/>
				<FormErrors id={form.errorId} errors={form.errors} values={{ count: minutes }} />
				<button type="submit" className="button button--primary" disabled={navigation.state === 'submitting'}>
					{t('login.submit')}
				</button>
			</Form>
			<p>
				<Link to="/forgot-password">{t('passwordReset.forgotLink')}</Link>
			</p>
			<p className="muted">{t('login.invitationOnly')}</p>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

/** A throttled sign-in says when to try again (Retry-After), also to a form posted without JavaScript. */
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders
