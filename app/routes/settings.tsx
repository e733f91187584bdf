import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { Field, FormErrors, SelectField } from '#app/components/ui/forms.tsx'
import { recordAudit } from '#app/features/audit/audit.server.ts'
import { checkCurrentPassword, hashPassword, rotateAllSessions } from '#app/features/auth/auth.server.ts'
import { queuePasswordChanged, spendOutstandingResets } from '#app/features/auth/password-reset.server.ts'
import { judgePassword } from '#app/features/auth/password-strength.server.ts'
import { PasswordSchema, passwordSchema, ProfileSchema } from '#app/features/auth/schemas.ts'
import { throttledMessage } from '#app/features/auth/throttle.ts'
import { twoStepStatus } from '#app/features/auth/two-step.server.ts'
import { deleteFeed, feedCreatedAt, feedUrl, resetFeed } from '#app/features/calendar/feed.server.ts'
import { calendarOrigin } from '#app/features/calendar/ics.server.ts'
import { CalendarFeedSection } from '#app/features/calendar/feed-section.tsx'
import { mailOrigin } from '#app/features/mail/outbox.server.ts'
import {
	categoriesFor,
	getNotificationSettings,
	type NotificationSettings,
	saveNotificationSettings,
} from '#app/features/notifications/notify.server.ts'
import { NotificationSettingsSchema } from '#app/features/notifications/schemas.ts'
import { NotificationSettingsSection } from '#app/features/notifications/settings-section.tsx'
import { requireAccount } from '#app/utils/access.server.ts'
import { db } from '#app/utils/db.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { getLanguage, getT, languageCookie } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { type Viewer } from '#app/utils/permissions.server.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request }: LoaderFunctionArgs) {
	const { viewer } = await requireAccount(request)
	const language = await getLanguage(request, viewer.language)
	const t = await getT(language)
	return {
		title: `${t('settings.title')} · ${t('app.name')}`,
		user: { name: viewer.name, email: viewer.email, language: viewer.language ?? language },
		feedCreatedAt: await feedCreatedAt(viewer.id),
		notifications: await notificationSettingsOf(viewer),
		twoStepOn: (await twoStepStatus(viewer.id)).state === 'on',
	}
}

/** The categories that can concern the viewer, each with how it reaches them by mail. */
async function notificationSettingsOf(viewer: Viewer) {
	const settings = await getNotificationSettings(viewer.id)
	return categoriesFor(viewer).map((category) => ({ category, ...settings[category] }))
}

export async function action({ request }: ActionFunctionArgs) {
	const { viewer } = await requireAccount(request)
	const formData = await readFormData(request)
	const intent = formData.get('intent')
	if (intent === 'calendarFeed') {
		// Making the feed and resetting it are one step: a new secret address, the old one (if any) stops working.
		const token = await resetFeed(viewer.id)
		return data({ intent, result: undefined, saved: true, feedUrl: feedUrl(calendarOrigin(request), token) })
	}
	if (intent === 'calendarFeedOff') {
		await deleteFeed(viewer.id)
		await recordAudit(db, request, { actor: viewer, action: 'calendar_feed.deleted', targetType: 'calendar_feed', targetId: viewer.id })
		return data({ intent, result: undefined, saved: true })
	}
	if (intent === 'notifications') {
		const submission = parseWithZod(formData, { schema: NotificationSettingsSchema })
		if (submission.status !== 'success') return data({ intent, result: submission.reply(), saved: false }, { status: 400 })
		const current = await getNotificationSettings(viewer.id)
		const changes: Partial<NotificationSettings> = {}
		for (const category of categoriesFor(viewer)) {
			const mail = submission.value[category]
			if (!mail) continue
			changes[category] = {
				mail,
				quietDays: category === 'alumni' ? (submission.value.quietDays ?? current.alumni.quietDays) : current[category].quietDays,
			}
		}
		await saveNotificationSettings(viewer.id, changes)
		return data({ intent, result: submission.reply(), saved: true })
	}
	if (intent === 'profile') {
		const submission = parseWithZod(formData, { schema: ProfileSchema })
		if (submission.status !== 'success') {
			return data({ intent, result: submission.reply(), saved: false }, { status: 400 })
		}
		await db
			.updateTable('users')
			.set({ name: submission.value.name, language: submission.value.language })
			.where('id', '=', viewer.id)
			.execute()
		return data(
			{ intent, result: submission.reply(), saved: true },
			{ headers: { 'Set-Cookie': await languageCookie.serialize(submission.value.language) } },
		)
	}
	if (intent === 'password') {
		const submission = parseWithZod(formData, { schema: passwordSchema(judgePassword, [viewer.name, viewer.email]) })
		if (submission.status !== 'success') {
			return data(
				{ intent, result: submission.reply({ hideFields: ['currentPassword', 'newPassword', 'confirmPassword'] }), saved: false },
				{ status: 400 },
			)
		}
		// Guessing the current password from a session left open is limited like signing in.
		const checked = await checkCurrentPassword(request, viewer, submission.value.currentPassword)
		if (!checked.ok) {
			const retryAfter = checked.retryAfter
			return data(
				{
					intent,
					result: submission.reply({
						hideFields: ['currentPassword', 'newPassword', 'confirmPassword'],
						...(retryAfter
							? { formErrors: [throttledMessage(checked.reason)] }
							: { fieldErrors: { currentPassword: ['settings.currentPasswordWrong'] } }),
					}),
					saved: false,
					minutes: retryAfter ? Math.ceil(retryAfter / 60) : 0,
				},
				{ status: retryAfter ? 429 : 400, headers: retryAfter ? { 'Retry-After': String(retryAfter) } : undefined },
			)
		}
		const passwordHash = await hashPassword(submission.value.newPassword)
		const changedAt = new Date().toISOString()
		const origin = mailOrigin(request)
		// The new password, its "your password was changed" mail and the end of every reset link
		// still out: saved together.
		await db.transaction().execute(async (trx) => {
			await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', viewer.id).execute()
			await spendOutstandingResets(trx, viewer.id, changedAt)
			await queuePasswordChanged(trx, {
				user: { id: viewer.id, email: viewer.email, name: viewer.name, language: viewer.language },
				how: 'settings',
				origin,
				changedAt,
				fallbackLanguage: await getLanguage(request, viewer.language),
			})
			await recordAudit(trx, request, {
				actor: viewer,
				action: 'auth.password_changed',
				targetType: 'user',
				targetId: viewer.id,
				details: { how: 'settings' },
			})
		})
		// Every other session of this account ends; this browser gets a fresh one. A redirect, not the
		// page: the page's loader would run with the old (ended) session and lose the new cookie on
		// the way, sending a form posted without JavaScript to the sign-in page.
		const cookie = await rotateAllSessions(viewer.id)
		throw redirect('/settings?passwordChanged=1#password-heading', { headers: { 'Set-Cookie': cookie } })
	}
	return data({ intent: null, result: undefined, saved: false }, { status: 400 })
}

export default function Settings() {
	const { user, feedCreatedAt, notifications, twoStepOn } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTexts()
	const [searchParams] = useSearchParams()
	const [profileForm, profileFields] = useForm({
		id: 'profile',
		lastResult: actionData?.intent === 'profile' ? actionData.result : undefined,
		constraint: getZodConstraint(ProfileSchema),
		defaultValue: { name: user.name, language: user.language },
		shouldValidate: 'onBlur',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: ProfileSchema }),
	})
	const [passwordForm, passwordFields] = useForm({
		id: 'password',
		lastResult: actionData?.intent === 'password' ? actionData.result : undefined,
		constraint: getZodConstraint(PasswordSchema),
		shouldValidate: 'onBlur',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordSchema }),
	})
	return (
		<div className="page page--narrow">
			<h1>{t('settings.title')}</h1>
			<p className="muted">{t('settings.signedInAs', { email: user.email })}</p>
			{searchParams.get('passwordReset') === '1' ? (
				<p role="status" className="alert alert--success">
					{t('passwordReset.done')}
				</p>
			) : null}

			<section className="panel" aria-labelledby="profile-heading">
				<h2 id="profile-heading">{t('settings.profile')}</h2>
				<Form method="post" {...getFormProps(profileForm)} className="stack">
					<input type="hidden" name="intent" value="profile" />
					<Field
						label={t('forms.name')}
						errors={profileFields.name.errors}
						inputProps={{ ...getInputProps(profileFields.name, { type: 'text' }), autoComplete: 'name' }}
					/>
					<SelectField
						label={t('settings.language')}
						errors={profileFields.language.errors}
						selectProps={getSelectProps(profileFields.language)}
						options={[
							{ value: 'es', label: 'Español' },
							{ value: 'en', label: 'English' },
						]}
					/>
					{actionData?.intent === 'profile' && actionData.saved ? (
						<p role="status" className="alert alert--success">
							{t('settings.saved')}
						</p>
					) : null}
					<button type="submit" className="button button--primary">
						{t('settings.saveProfile')}
					</button>
				</Form>
			</section>

			<section className="panel" aria-labelledby="password-heading">
				<h2 id="password-heading">{t('settings.password')}</h2>
				<Form method="post" {...getFormProps(passwordForm)} className="stack">
					<input type="hidden" name="intent" value="password" />
					<Field
						label={t('settings.currentPassword')}
						errors={passwordFields.currentPassword.errors}
						inputProps={{
							...getInputProps(passwordFields.currentPassword, { type: 'password' }),
							autoComplete: 'current-password',
						}}
					/>
					<Field
						label={t('settings.newPassword')}
						hint={t('forms.passwordHint')}
						errors={passwordFields.newPassword.errors}
						inputProps={{
							...getInputProps(passwordFields.newPassword, { type: 'password' }),
							autoComplete: 'new-password',
						}}
					/>
					<Field
						label={t('settings.confirmPassword')}
						errors={passwordFields.confirmPassword.errors}
						inputProps={{
							...getInputProps(passwordFields.confirmPassword, { type: 'password' }),
							autoComplete: 'new-password',
						}}
					/>
					<FormErrors
						id={passwordForm.errorId}
						errors={passwordForm.errors}
						values={{ count: actionData && 'minutes' in actionData ? Number(actionData.minutes) : 0 }}
					/>
					{searchParams.get('passwordChanged') === '1' ? (
						<p role="status" className="alert alert--success">
							{t('settings.passwordChanged')}
						</p>
					) : null}
					<button type="submit" className="button button--primary">
						{t('settings.changePassword')}
					</button>
				</Form>
			</section>

			<section className="panel" aria-labelledby="two-step-heading">
				<h2 id="two-step-heading">{t('twoStep.title')}</h2>
				<p>{t('twoStep.settingsText')}</p>
				<p>
					<strong>{twoStepOn ? t('twoStep.settingsOn') : t('twoStep.settingsOff')}</strong>
				</p>
				<p>
					<Link to="/settings/two-step">{t('twoStep.settingsLink')}</Link>
				</p>
			</section>

			<CalendarFeedSection
				createdAt={feedCreatedAt}
				newUrl={actionData && 'feedUrl' in actionData && typeof actionData.feedUrl === 'string' ? actionData.feedUrl : undefined}
				turnedOff={actionData?.intent === 'calendarFeedOff'}
			/>
			<NotificationSettingsSection
				email={user.email}
				categories={notifications}
				saved={actionData?.intent === 'notifications' && actionData.saved}
				error={actionData?.intent === 'notifications' && !actionData.saved}
			/>
			<section className="panel" aria-labelledby="mail-heading">
				<h2 id="mail-heading">{t('mail.settingsHeading')}</h2>
				<p>{t('mail.settingsIntro', { email: user.email })}</p>
				<p>
					<Link to="/mail">{t('mail.settingsLink')}</Link>
				</p>
			</section>
			<section className="panel" aria-labelledby="my-data-heading">
				<h2 id="my-data-heading">{t('personalData.myDataHeading')}</h2>
				<p>{t('personalData.myDataIntro')}</p>
				<p>
					<a href="/settings/my-data.json" download>
						{t('personalData.myDataLink')}
					</a>
				</p>
			</section>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}

/** A throttled password check says when to try again (Retry-After), also to a form posted without JavaScript. */
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders
