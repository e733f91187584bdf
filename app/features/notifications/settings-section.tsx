import { Form } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { ALUMNI_QUIET_DAYS, MAIL_FREQUENCIES, type NotificationCategory } from '#app/features/notifications/notifications.ts'
import type { CategorySetting } from '#app/features/notifications/notify.server.ts'

/**
 * The settings page's notification section: for each category that can concern the person, how it
 * reaches them by mail (radio buttons: right away, a daily digest, not by mail); for alumni, after
 * how long without an update. A plain form: it works without JavaScript.
 */
export function NotificationSettingsSection({
	email,
	categories,
	saved,
	error,
}: {
	email: string
	categories: Array<{ category: NotificationCategory } & CategorySetting>
	saved: boolean
	error: boolean
}) {
	const { t } = useTexts()
	return (
		<section className="panel" aria-labelledby="notifications">
			<h2 id="notifications" tabIndex={-1}>
				{t('notifications.settings.heading')}
			</h2>
			<p>{t('notifications.settings.intro', { email })}</p>
			<Form method="post" className="stack notification-settings" action="/settings#notifications">
				<input type="hidden" name="intent" value="notifications" />
				{categories.map(({ category, mail, quietDays }) => (
					<fieldset key={category} aria-describedby={`notify-${category}-hint`}>
						<legend>{t(`notifications.categories.${category}.label`)}</legend>
						<p id={`notify-${category}-hint`} className="field-hint">
							{t(`notifications.categories.${category}.hint`)}
						</p>
						<div className="inline-fields" role="radiogroup" aria-label={t('notifications.settings.frequency')}>
							{MAIL_FREQUENCIES.map((frequency) => (
								<label key={frequency} className="choice">
									<input type="radio" name={category} value={frequency} defaultChecked={mail === frequency} />{' '}
									{t(`notifications.settings.frequencies.${frequency}`)}
								</label>
							))}
						</div>
						{category === 'alumni' ? (
							<div className="field">
								<label htmlFor="notify-quiet-days">{t('notifications.settings.quietDays')}</label>
								<select id="notify-quiet-days" name="quietDays" defaultValue={String(quietDays)}>
									{ALUMNI_QUIET_DAYS.map((days) => (
										<option key={days} value={days}>
											{t('notifications.settings.quietDaysOption', { count: days })}
										</option>
									))}
								</select>
							</div>
						) : null}
					</fieldset>
				))}
				{error ? (
					<p role="alert" className="alert alert--error">
						{t('notifications.settings.invalid')}
					</p>
				) : null}
				{saved ? (
					<p role="status" className="alert alert--success">
						{t('notifications.settings.saved')}
					</p>
				) : null}
				<button type="submit" className="button button--primary">
					{t('notifications.settings.save')}
				</button>
			</Form>
		</section>
	)
}
