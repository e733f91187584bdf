import { type AnyNotification, describeNotification } from '#app/features/notifications/notifications.ts'
import { type MailBlock, type MailTemplate, renderMail } from './layout.ts'

/**
 * Notification mail: one notification ("single"), the hourly mail of new comments ("comments") or
 * the daily digest ("daily"). Each notification is worded by the same function as the
 * notifications page, in the recipient's language; the footer says why the mail came and where to
 * change that.
 */
export type NotificationsMailData = {
	name: string
	variant: 'single' | 'comments' | 'daily'
	items: AnyNotification[]
	/** The Academy's origin: links in mail are absolute. */
	origin: string
}

export const notifications: MailTemplate<NotificationsMailData> = (data, t, language) => {
	const described = data.items.map((item) => describeNotification(t, language, item))
	const url = (path: string) => `${data.origin}${path}`
	const first = described[0]
	const count = described.length
	const subject =
		data.variant === 'single' && first
			? first.title
			: data.variant === 'comments'
				? t('notifications.mail.commentsSubject', { count })
				: t('notifications.mail.dailySubject', { count })
	const heading =
		data.variant === 'single' && first
			? first.title
			: data.variant === 'comments'
				? t('notifications.mail.commentsHeading', { count })
				: t('notifications.mail.dailyHeading', { count })
	const blocks: MailBlock[] = [{ paragraph: t('mail.greeting', { name: data.name }) }]
	if (data.variant === 'single' && first) {
		for (const line of first.lines) blocks.push({ paragraph: line })
		blocks.push({ link: { label: t('notifications.mail.open'), url: url(first.path) } })
	} else {
		for (const item of described) {
			blocks.push({ paragraph: [item.title, ...item.lines].join(' — ') })
			blocks.push({ link: { label: t('notifications.mail.openOne'), url: url(item.path) } })
		}
		blocks.push({ link: { label: t('notifications.mail.all'), url: url('/notifications') } })
	}
	return renderMail({
		t,
		language,
		subject: t('notifications.mail.subject', { subject, academy: t('app.name') }),
		heading,
		blocks,
		footer: [t('notifications.mail.why', { url: url('/settings#notifications') })],
	})
}
