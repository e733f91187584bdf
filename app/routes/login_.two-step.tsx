import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { Field, FormErrors } from '#app/components/ui/forms.tsx'
import { requireAnonymous } from '#app/features/auth/auth.server.ts'
import { clientAddress } from '#app/features/auth/throttle.server.ts'
import { SecondStepSchema } from '#app/features/auth/two-step-schemas.ts'
import { completeSecondStep, findPendingSignIn } from '#app/features/auth/two-step.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

/** The second step of signing in, after a right password for an account with two-step on. */
export async function loader({ request }: LoaderFunctionArgs) {
	await requireAnonymous(request)
	const t = await getT(await getLanguage(request))
	const pending = await findPendingSignIn(request)
	return { title: `${t('twoStep.signIn.title')} · ${t('app.name')}`, pending: Boolean(pending) }
}

export async function action({ request }: ActionFunctionArgs) {
	await requireAnonymous(request)
	const formData = await readFormData(request)
	const submission = parseWithZod(formData, { schema: SecondStepSchema })
	if (submission.status !== 'success') {
		return data(
			{ result: submission.reply({ hideFields: ['code', 'recoveryCode'] }), ended: false, minutes: 0, message: null },
			{ status: 400 },
		)
	}
	const value = submission.value
	const code = value.intent === 'code' ? value.code : value.recoveryCode
	const field = value.intent === 'code' ? 'code' : 'recoveryCode'
	const outcome = await completeSecondStep(request, code, clientAddress(request))
	if (outcome.ok) throw redirect(outcome.location, { headers: outcome.headers })
	if (outcome.reason === 'wrong-code') {
		return data(
			{
				result: submission.reply({ hideFields: ['code', 'recoveryCode'], fieldErrors: { [field]: ['twoStep.codeWrong'] } }),
				ended: false,
				minutes: 0,
				message: null,
			},
			{ status: 400 },
		)
	}
	if (outcome.reason === 'throttled') {
		return data(
			{
				result: submission.reply({ hideFields: ['code', 'recoveryCode'], formErrors: ['twoStep.signIn.throttled'] }),
				ended: false,
				minutes: Math.ceil(outcome.retryAfter / 60),
				message: null,
			},
			{ status: 429, headers: { 'Retry-After': String(outcome.retryAfter) } },
		)
	}
	// No pending sign-in any more (expired, or too many wrong codes): back to the password.
	return data(
		{
			result: submission.reply({
				hideFields: ['code', 'recoveryCode'],
			}),
			message: outcome.reason === 'too-many' ? 'twoStep.signIn.tooMany' : 'twoStep.signIn.expired',
			ended: true,
			minutes: 0,
		},
		{ status: outcome.reason === 'too-many' ? 429 : 400, headers: outcome.headers },
	)
}

export default function SecondStepPage() {
	const { t } = useTexts()
	const { pending } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const navigation = useNavigation()
	const lastIntent = actionData?.result?.initialValue?.intent
	const [codeForm, codeFields] = useForm<{ intent: string; code: string }>({
		id: 'second-step',
		lastResult: lastIntent !== 'recovery' ? actionData?.result : undefined,
		constraint: getZodConstraint(SecondStepSchema),
		shouldValidate: 'onSubmit',
	})
	const [recoveryForm, recoveryFields] = useForm<{ intent: string; recoveryCode: string }>({
		id: 'second-step-recovery',
		lastResult: lastIntent === 'recovery' ? actionData?.result : undefined,
		shouldValidate: 'onSubmit',
	})
	if (!pending || actionData?.ended) {
		return (
			<div className="page page--narrow">
				<h1>{t('twoStep.signIn.title')}</h1>
				<FormErrors errors={[actionData?.message ?? 'twoStep.signIn.expired']} />
				<p>
					<Link className="button button--primary" to="/login">
						{t('twoStep.signIn.startAgain')}
					</Link>
				</p>
			</div>
		)
	}
	const submitting = navigation.state === 'submitting'
	return (
		<div className="page page--narrow stack">
			<h1>{t('twoStep.signIn.title')}</h1>
			<p className="lead">{t('twoStep.signIn.intro')}</p>
			<Form method="post" {...getFormProps(codeForm)} className="stack">
				<input type="hidden" name="intent" value="code" />
				<Field
					label={t('twoStep.signIn.codeLabel')}
					hint={t('twoStep.signIn.codeHint')}
					errors={codeFields.code.errors}
					inputProps={{
						...getInputProps(codeFields.code, { type: 'text' }),
						autoComplete: 'one-time-code',
						inputMode: 'numeric',
						pattern: undefined,
						maxLength: 20,
						autoFocus: true,
					}}
				/>
				<FormErrors id={codeForm.errorId} errors={codeForm.errors} values={{ count: actionData?.minutes ?? 0 }} />
				<button type="submit" className="button button--primary" disabled={submitting}>
					{t('twoStep.signIn.submit')}
				</button>
			</Form>
			<details className="panel" open={lastIntent === 'recovery'}>
				<summary>{t('twoStep.signIn.recoverySummary')}</summary>
				<Form method="post" {...getFormProps(recoveryForm)} className="stack">
					<p>{t('twoStep.signIn.recoveryIntro')}</p>
					<input type="hidden" name="intent" value="recovery" />
					<Field
						label={t('twoStep.signIn.recoveryLabel')}
						errors={recoveryFields.recoveryCode.errors}
						inputProps={{
							...getInputProps(recoveryFields.recoveryCode, { type: 'text' }),
							autoComplete: 'off',
							autoCapitalize: 'none',
							spellCheck: false,
							maxLength: 40,
						}}
					/>
					<FormErrors id={recoveryForm.errorId} errors={recoveryForm.errors} values={{ count: actionData?.minutes ?? 0 }} />
					<button type="submit" className="button" disabled={submitting}>
						{t('twoStep.signIn.recoverySubmit')}
					</button>
				</Form>
			</details>
			<p className="muted">{t('twoStep.signIn.lostBoth')}</p>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

/** A throttled second step says when to try again (Retry-After), also to a form posted without JavaScript. */
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders
