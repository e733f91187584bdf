import { formatDateTime } from '#app/utils/format.ts'
import { type MailTemplate, renderMail } from './layout.ts'

/**
 * Account mail — security mail: it goes out whatever the person's mail settings say, and carries
 * no List-Unsubscribe header.
 */

export type PasswordResetData = {
	name: string
	resetUrl: string
	/** When the link stops working (ISO). */
	expiresAt: string
	/** Sent by a member of staff rather than asked for by the person. */
	sentByStaff: boolean
}

export const passwordReset: MailTemplate<PasswordResetData> = (data, t, language) => {
	const subject = t('mail.passwordReset.subject', { academy: t('app.name') })
	return renderMail({
		t,
		language,
		subject,
		heading: t('mail.passwordReset.heading'),
		blocks: [
			{ paragraph: t('mail.greeting', { name: data.name }) },
			{ paragraph: data.sentByStaff ? t('mail.passwordReset.introStaff') : t('mail.passwordReset.intro') },
			{ link: { label: t('mail.passwordReset.action'), url: data.resetUrl } },
			{ paragraph: t('mail.passwordReset.expires', { time: formatDateTime(data.expiresAt, language) }) },
			{ paragraph: t('mail.passwordReset.notYou') },
		],
	})
}

export type PasswordChangedData = {
	name: string
	/** When it changed (ISO). */
	changedAt: string
	how: 'reset' | 'settings'
	/** Where to ask for a new password if this was not the person. */
	forgotUrl: string
}

export const passwordChanged: MailTemplate<PasswordChangedData> = (data, t, language) => {
	const subject = t('mail.passwordChanged.subject', { academy: t('app.name') })
	return renderMail({
		t,
		language,
		subject,
		heading: t('mail.passwordChanged.heading'),
		blocks: [
			{ paragraph: t('mail.greeting', { name: data.name }) },
			{
				paragraph: t(data.how === 'reset' ? 'mail.passwordChanged.byReset' : 'mail.passwordChanged.bySettings', {
					time: formatDateTime(data.changedAt, language),
				}),
			},
			{ paragraph: t('mail.passwordChanged.signedOut') },
			{ paragraph: t('mail.passwordChanged.notYou') },
			{ link: { label: t('mail.passwordChanged.action'), url: data.forgotUrl } },
		],
	})
}
