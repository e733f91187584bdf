import { Form } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { ShareLink } from '#app/features/share/share-link.tsx'
import { formatDateTime } from '#app/utils/format.ts'
import { useLanguage } from '#app/utils/use-language.ts'

/**
 * The settings page's "Calendar feed": make the private feed, give it a new address, or turn it off,
 * with plain POST forms. The address is shown once, right after it is made (only its hash is kept).
 */
export function CalendarFeedSection({
	createdAt,
	newUrl,
	turnedOff,
}: {
	createdAt: string | null
	newUrl: string | undefined
	turnedOff: boolean
}) {
	const { t } = useTexts()
	const language = useLanguage()
	return (
		<section className="panel stack" aria-labelledby="calendar-feed-heading">
			<h2 id="calendar-feed-heading">{t('calendar.settings.title')}</h2>
			<p>{t('calendar.settings.intro')}</p>
			{newUrl ? (
				<div className="alert alert--success stack-sm" role="status">
					<p>
						<strong>{t('calendar.settings.madeTitle')}</strong> {t('calendar.settings.shownOnce')}
					</p>
					<ShareLink url={newUrl} who={t('calendar.settings.title')} label={t('calendar.settings.urlLabel')} />
				</div>
			) : null}
			{turnedOff ? (
				<p className="alert alert--success" role="status">
					{t('calendar.settings.turnedOff')}
				</p>
			) : null}
			{createdAt ? (
				<p>{t('calendar.settings.active', { date: formatDateTime(createdAt, language) })}</p>
			) : (
				<p>{t('calendar.settings.none')}</p>
			)}
			<div className="share-link__actions">
				<Form method="post">
					<input type="hidden" name="intent" value="calendarFeed" />
					<button type="submit" className="button button--primary">
						{createdAt ? t('calendar.settings.reset') : t('calendar.settings.create')}
					</button>
				</Form>
				{createdAt ? (
					<Form method="post">
						<input type="hidden" name="intent" value="calendarFeedOff" />
						<button type="submit" className="button">
							{t('calendar.settings.turnOff')}
						</button>
					</Form>
				) : null}
			</div>
			{createdAt ? <p className="muted">{t('calendar.settings.resetHint')}</p> : null}
			<h3>{t('calendar.settings.howTitle')}</h3>
			<ul>
				<li>{t('calendar.settings.howGoogle')}</li>
				<li>{t('calendar.settings.howOutlook')}</li>
				<li>{t('calendar.settings.howApple')}</li>
			</ul>
			<p className="muted">{t('calendar.settings.privacy')}</p>
		</section>
	)
}
