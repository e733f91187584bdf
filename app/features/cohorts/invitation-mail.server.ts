/**
 * The mail that carries a new invitation link to its invitee: queued in the transaction that
 * creates the invitation (so a refused roster queues nothing), in the invitee's language (chosen
 * as for the share text), with the convening as an `.ics` attachment. `about: invitation:<id>`
 * lets the delegation page show each invitation's delivery status.
 */
import { type Kysely } from 'kysely'
import { calendarFile, conveningEvent, icsFileName } from '#app/features/calendar/ics.server.ts'
import { queueMail } from '#app/features/mail/outbox.server.ts'
import { inviteeLanguages } from '#app/features/share/invitation-share.server.ts'
import { countryName } from '#app/utils/format.ts'
import { type Language } from '#app/utils/i18n.ts'
import type { Database } from '#db/schema.ts'

/** Who sends the invitations, and where: everything but the invitations themselves. */
export type InvitationMailContext = {
	/** `mailOrigin(request)`: links in the mail start with it. */
	origin: string
	inviter: { id: string; name: string }
	/** The language the facilitator is using: the last choice for an invitee's language. */
	facilitatorLanguage: Language
	delegation: { cohort_id: string; country_code: string }
}

export type MailedInvitation = { id: string; token: string; email: string; name: string; expiresAt: string }

export async function queueInvitationMails(executor: Kysely<Database>, context: InvitationMailContext, invitations: MailedInvitation[]) {
	const withAddress = invitations.filter((invitation) => invitation.email.trim() !== '')
	if (!withAddress.length) return
	const cohort = await executor
		.selectFrom('cohorts')
		.select(['id', 'name', 'host_city', 'host_country', 'venue', 'start_date', 'end_date', 'prework_due_date'])
		.where('id', '=', context.delegation.cohort_id)
		.executeTakeFirstOrThrow()
	const languageOf = await inviteeLanguages(
		withAddress.map((invitation) => invitation.email),
		context.delegation,
		context.facilitatorLanguage,
		executor,
	)
	const calendars = new Map<Language, string>()
	for (const invitation of withAddress) {
		const language = languageOf(invitation.email)
		let ics = calendars.get(language)
		if (!ics) {
			ics = calendarFile([await conveningEvent(cohort, language, context.origin)], { name: cohort.name, language })
			calendars.set(language, ics)
		}
		await queueMail(executor, {
			to: invitation.email,
			language,
			template: 'invitation',
			data: {
				name: invitation.name,
				inviterName: context.inviter.name,
				cohortName: cohort.name,
				countryCode: context.delegation.country_code,
				convening: {
					startDate: cohort.start_date,
					endDate: cohort.end_date,
					venue: cohort.venue,
					hostCity: cohort.host_city,
					hostCountry: cohort.host_country,
				},
				inviteUrl: `${context.origin}/invite/${invitation.token}`,
				expiresAt: invitation.expiresAt,
			},
			category: 'invitations',
			causedBy: context.inviter.id,
			about: `invitation:${invitation.id}`,
			attachments: [
				{
					filename: icsFileName(`${cohort.name} ${countryName(cohort.host_country, language)}`),
					contentType: 'text/calendar; method=PUBLISH',
					content: ics,
				},
			],
			origin: context.origin,
		})
	}
}
