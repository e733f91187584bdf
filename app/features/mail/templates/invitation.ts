import { countryName, formatDate, formatDateRange } from '#app/utils/format.ts'
import { type MailTemplate, renderMail } from './layout.ts'

/** An invitation to join a delegation: the personal link, who invites, the convening, the expiry. */
export type InvitationData = {
	name: string
	inviterName: string
	cohortName: string
	/** The delegation's country (ISO code), named in the recipient's language. */
	countryCode: string
	convening: { startDate: string; endDate: string; venue: string | null; hostCity: string; hostCountry: string }
	inviteUrl: string
	/** When the link stops working (ISO). */
	expiresAt: string
}

export const invitation: MailTemplate<InvitationData> = (data, t, language) => {
	const country = countryName(data.countryCode, language)
	const place = [data.convening.venue, data.convening.hostCity, countryName(data.convening.hostCountry, language)]
		.filter(Boolean)
		.join(', ')
	const values = { inviter: data.inviterName, country, cohort: data.cohortName }
	return renderMail({
		t,
		language,
		subject: t('mail.invitation.subject', { country, academy: t('app.name') }),
		heading: t('mail.invitation.heading', { country }),
		blocks: [
			{ paragraph: data.name ? t('mail.greeting', { name: data.name }) : t('mail.invitation.greetingNoName') },
			{ paragraph: t('mail.invitation.intro', values) },
			{
				paragraph: t('mail.invitation.convening', {
					dates: formatDateRange(data.convening.startDate, data.convening.endDate, language),
					place,
				}),
			},
			{ link: { label: t('mail.invitation.action'), url: data.inviteUrl } },
			{ paragraph: t('mail.invitation.expires', { date: formatDate(data.expiresAt, language), inviter: data.inviterName }) },
			{ paragraph: t('mail.invitation.calendar') },
			{ paragraph: t('mail.invitation.notExpected') },
		],
	})
}
