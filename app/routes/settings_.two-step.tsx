import { getFormProps, getInputProps, type SubmissionResult, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { recordAudit } from '#app/features/audit/audit.server.ts'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { Field, FormErrors } from '#app/components/ui/forms.tsx'
import { clientAddress } from '#app/features/auth/throttle.server.ts'
import { BeginEnrolmentSchema, ConfirmEnrolmentSchema, ReauthenticateSchema } from '#app/features/auth/two-step-schemas.ts'
import {
	beginEnrolment,
	confirmEnrolment,
	ENROLMENT_PATH,
	enrolmentDetails,
	reauthenticate,
	regenerateRecoveryCodes,
	turnOffTwoStep,
	twoStepStatus,
} from '#app/features/auth/two-step.server.ts'
import { requireTwoStepSettings } from '#app/utils/access.server.ts'
import { db } from '#app/utils/db.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { formatDateTime } from '#app/utils/format.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

/**
 * Two-step sign-in for the signed-in person: set it up (QR code and the secret as text, confirmed
 * with a code), new recovery codes, turn it off. The one page a person who must use two-step
 * (REQUIRE_TWO_STEP) can open before setting it up.
 */
export async function loader({ request }: LoaderFunctionArgs) {
	const { viewer, required } = await requireTwoStepSettings(request)
	const t = await getT(await getLanguage(request, viewer.language))
	const status = await twoStepStatus(viewer.id)
	return {
		title: `${t('twoStep.title')} · ${t('app.name')}`,
		required,
		status,
		// The secret is shown only while enrolment is under way, never once two-step is on.
		enrolment: status.state === 'enrolling' ? await enrolmentDetails(viewer.id, viewer.email) : null,
	}
}

type ActionData = {
	intent: 'confirm' | 'turnOff' | 'regenerate' | 'begin' | null
	result?: SubmissionResult<string[]>
	recoveryCodes?: string[]
	turnedOff?: boolean
	minutes?: number
}

export async function action({ request }: ActionFunctionArgs) {
	const { viewer, required } = await requireTwoStepSettings(request)
	const formData = await readFormData(request)
	const intent = formData.get('intent')
	if (intent === 'begin') {
		const submission = parseWithZod(formData, { schema: BeginEnrolmentSchema })
		if (submission.status !== 'success' || !(await beginEnrolment(viewer.id))) {
			return data<ActionData>({ intent, result: submission.reply({ formErrors: ['twoStep.alreadyOn'] }) }, { status: 400 })
		}
		// The page shows the new secret (post, then read: the loader never writes).
		throw redirect(ENROLMENT_PATH)
	}
	if (intent === 'confirm') {
		const submission = parseWithZod(formData, { schema: ConfirmEnrolmentSchema })
		if (submission.status !== 'success') return data<ActionData>({ intent, result: submission.reply() }, { status: 400 })
		const outcome = await confirmEnrolment(viewer.id, submission.value.code, clientAddress(request))
		if (!outcome.ok) {
			const error =
				outcome.reason === 'wrong-code'
					? 'twoStep.confirmWrong'
					: outcome.reason === 'already-on'
						? 'twoStep.alreadyOn'
						: 'twoStep.notStarted'
			return data<ActionData>({ intent, result: submission.reply({ fieldErrors: { code: [error] } }) }, { status: 400 })
		}
		await recordAudit(db, request, { actor: viewer, action: 'auth.two_step_enabled', targetType: 'user', targetId: viewer.id })
		return data<ActionData>({ intent, result: submission.reply({ resetForm: true }), recoveryCodes: outcome.recoveryCodes })
	}
	if (intent === 'turnOff' || intent === 'regenerate') {
		const submission = parseWithZod(formData, { schema: ReauthenticateSchema })
		const hideFields = ['password', 'code']
		if (submission.status !== 'success') return data<ActionData>({ intent, result: submission.reply({ hideFields }) }, { status: 400 })
		if ((await twoStepStatus(viewer.id)).state !== 'on') {
			return data<ActionData>({ intent, result: submission.reply({ hideFields, formErrors: ['twoStep.notOn'] }) }, { status: 400 })
		}
		if (intent === 'turnOff' && required) {
			return data<ActionData>(
				{ intent, result: submission.reply({ hideFields, formErrors: ['twoStep.requiredCannotTurnOff'] }) },
				{ status: 400 },
			)
		}
		const check = await reauthenticate(viewer.id, submission.value.password, submission.value.code, clientAddress(request))
		if (!check.ok) {
			if (check.retryAfter) {
				return data<ActionData>(
					{
						intent,
						result: submission.reply({ hideFields, formErrors: ['twoStep.signIn.throttled'] }),
						minutes: Math.ceil(check.retryAfter / 60),
					},
					{ status: 429, headers: { 'Retry-After': String(check.retryAfter) } },
				)
			}
			const fieldErrors: Record<string, string[]> =
				check.field === 'password' ? { password: ['settings.currentPasswordWrong'] } : { code: ['twoStep.codeWrong'] }
			return data<ActionData>({ intent, result: submission.reply({ hideFields, fieldErrors }) }, { status: 400 })
		}
		if (intent === 'turnOff') {
			await turnOffTwoStep(viewer.id, clientAddress(request))
			await recordAudit(db, request, { actor: viewer, action: 'auth.two_step_disabled', targetType: 'user', targetId: viewer.id })
			return data<ActionData>({ intent, result: submission.reply({ resetForm: true }), turnedOff: true })
		}
		const recoveryCodes = await regenerateRecoveryCodes(viewer.id)
		await recordAudit(db, request, { actor: viewer, action: 'auth.recovery_codes_regenerated', targetType: 'user', targetId: viewer.id })
		return data<ActionData>({ intent, result: submission.reply({ resetForm: true }), recoveryCodes })
	}
	return data<ActionData>({ intent: null }, { status: 400 })
}

export default function TwoStepSettings() {
	const { required, status, enrolment } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTexts()
	const language = useLanguage()
	const recoveryCodes = actionData?.recoveryCodes
	return (
		<div className="page page--narrow stack">
			<p>
				<Link to="/settings">{t('twoStep.backToSettings')}</Link>
			</p>
			<h1>{t('twoStep.title')}</h1>
			<p className="lead">{t('twoStep.intro')}</p>
			{required && status.state !== 'on' ? (
				<div className="alert alert--info" role="status">
					<p>
						<strong>{t('twoStep.requiredTitle')}</strong> {t('twoStep.requiredText')}
					</p>
				</div>
			) : null}
			{actionData?.turnedOff ? (
				<p className="alert alert--success" role="status">
					{t('twoStep.turnedOff')}
				</p>
			) : null}
			{recoveryCodes ? <RecoveryCodes codes={recoveryCodes} justTurnedOn={actionData?.intent === 'confirm'} /> : null}

			{status.state === 'off' || (status.state === 'enrolling' && !enrolment) ? (
				<BeginSection lastResult={actionData?.intent === 'begin' ? actionData.result : undefined} />
			) : null}
			{status.state === 'enrolling' && enrolment ? (
				<EnrolSection enrolment={enrolment} lastResult={actionData?.intent === 'confirm' ? actionData.result : undefined} />
			) : null}
			{status.state === 'on' ? (
				<>
					<section className="panel stack" aria-labelledby="two-step-on-heading">
						<h2 id="two-step-on-heading">{t('twoStep.onTitle')}</h2>
						<p>{t('twoStep.onSince', { date: status.since ? formatDateTime(status.since, language) : '' })}</p>
						<p>{t('twoStep.codesLeft', { count: status.recoveryCodesLeft })}</p>
						{recoveryCodes && actionData?.intent === 'confirm' && required ? (
							<p>
								<Link className="button button--primary" to="/home">
									{t('twoStep.continue')}
								</Link>
							</p>
						) : null}
					</section>
					<ReauthSection
						intent="regenerate"
						lastResult={actionData?.intent === 'regenerate' ? actionData.result : undefined}
						minutes={actionData?.minutes ?? 0}
					/>
					{required ? (
						<p className="muted">{t('twoStep.requiredCannotTurnOff')}</p>
					) : (
						<ReauthSection
							intent="turnOff"
							lastResult={actionData?.intent === 'turnOff' ? actionData.result : undefined}
							minutes={actionData?.minutes ?? 0}
						/>
					)}
				</>
			) : null}
		</div>
	)
}

type LastResult = ActionData['result']

function BeginSection({ lastResult }: { lastResult: LastResult }) {
	const { t } = useTexts()
	const [form] = useForm({ id: 'two-step-begin', lastResult })
	return (
		<section className="panel stack" aria-labelledby="two-step-begin-heading">
			<h2 id="two-step-begin-heading">{t('twoStep.offTitle')}</h2>
			<p>{t('twoStep.offText')}</p>
			<Form method="post" {...getFormProps(form)} className="stack">
				<input type="hidden" name="intent" value="begin" />
				<FormErrors id={form.errorId} errors={form.errors} />
				<button type="submit" className="button button--primary">
					{t('twoStep.begin')}
				</button>
			</Form>
		</section>
	)
}

function EnrolSection({ enrolment, lastResult }: { enrolment: { secret: string; qrCode: string; uri: string }; lastResult: LastResult }) {
	const { t } = useTexts()
	const [form, fields] = useForm<{ intent: string; code: string }>({
		id: 'two-step-confirm',
		lastResult,
		constraint: getZodConstraint(ConfirmEnrolmentSchema),
		shouldValidate: 'onSubmit',
	})
	return (
		<section className="panel stack" aria-labelledby="two-step-enrol-heading">
			<h2 id="two-step-enrol-heading">{t('twoStep.enrolTitle')}</h2>
			<ol className="stack">
				<li>{t('twoStep.enrolApp')}</li>
				<li>
					<p>{t('twoStep.enrolScan')}</p>
					<img className="two-step__qr" src={enrolment.qrCode} alt={t('twoStep.qrAlt')} width={200} height={200} />
					<p>{t('twoStep.enrolType')}</p>
					<dl>
						<dt>{t('twoStep.secretLabel')}</dt>
						<dd>
							<code className="two-step__secret">{enrolment.secret}</code>
						</dd>
					</dl>
					<p className="muted">{t('twoStep.enrolTypeHint')}</p>
				</li>
				<li>
					<Form method="post" {...getFormProps(form)} className="stack">
						<input type="hidden" name="intent" value="confirm" />
						<Field
							label={t('twoStep.confirmLabel')}
							hint={t('twoStep.confirmHint')}
							errors={fields.code.errors}
							inputProps={{
								...getInputProps(fields.code, { type: 'text' }),
								autoComplete: 'one-time-code',
								inputMode: 'numeric',
								pattern: undefined,
								maxLength: 20,
							}}
						/>
						<FormErrors id={form.errorId} errors={form.errors} />
						<button type="submit" className="button button--primary">
							{t('twoStep.confirm')}
						</button>
					</Form>
				</li>
			</ol>
			<Form method="post">
				<input type="hidden" name="intent" value="begin" />
				<button type="submit" className="button">
					{t('twoStep.newSecret')}
				</button>
			</Form>
		</section>
	)
}

function RecoveryCodes({ codes, justTurnedOn }: { codes: string[]; justTurnedOn: boolean }) {
	const { t } = useTexts()
	return (
		<section className="alert alert--success stack" role="status" aria-labelledby="recovery-codes-heading">
			<h2 id="recovery-codes-heading">{justTurnedOn ? t('twoStep.turnedOn') : t('twoStep.newCodesTitle')}</h2>
			<p>{t('twoStep.codesIntro')}</p>
			<ol className="two-step__codes">
				{codes.map((code) => (
					<li key={code}>
						<code>{code}</code>
					</li>
				))}
			</ol>
			<p>
				<strong>{t('twoStep.codesOnce')}</strong>
			</p>
		</section>
	)
}

function ReauthSection({ intent, lastResult, minutes }: { intent: 'turnOff' | 'regenerate'; lastResult: LastResult; minutes: number }) {
	const { t } = useTexts()
	const [form, fields] = useForm<{ intent: string; password: string; code: string }>({
		id: `two-step-${intent}`,
		lastResult,
		constraint: getZodConstraint(ReauthenticateSchema),
		shouldValidate: 'onSubmit',
	})
	const heading = `two-step-${intent}-heading`
	return (
		<section className="panel stack" aria-labelledby={heading}>
			<h2 id={heading}>{t(`twoStep.${intent}.title`)}</h2>
			<p>{t(`twoStep.${intent}.text`)}</p>
			<Form method="post" {...getFormProps(form)} className="stack">
				<input type="hidden" name="intent" value={intent} />
				<Field
					label={t('settings.currentPassword')}
					errors={fields.password.errors}
					inputProps={{ ...getInputProps(fields.password, { type: 'password' }), autoComplete: 'current-password' }}
				/>
				<Field
					label={t('twoStep.reauthCodeLabel')}
					hint={t('twoStep.reauthCodeHint')}
					errors={fields.code.errors}
					inputProps={{
						...getInputProps(fields.code, { type: 'text' }),
						autoComplete: 'one-time-code',
						autoCapitalize: 'none',
						spellCheck: false,
					}}
				/>
				<FormErrors id={form.errorId} errors={form.errors} values={{ count: minutes }} />
				<button type="submit" className={intent === 'turnOff' ? 'button danger' : 'button'}>
					{t(`twoStep.${intent}.submit`)}
				</button>
			</Form>
		</section>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

/** A throttled re-authentication says when to try again (Retry-After), also without JavaScript. */
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders
