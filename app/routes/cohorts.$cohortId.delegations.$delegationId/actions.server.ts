/**
 * The delegation page's action, one handler per intent. Each gets the form already parsed by
 * `DelegationPageSchema` (Conform's `parseWithZod`) and the delegation the route loaded through
 * `requireDelegation`, and answers with the submission's reply, so errors show next to their field.
 */
import { type Submission, type SubmissionResult } from '@conform-to/react'
import { data } from '@remix-run/node'
import { delegationMembers, removeMember, setNapStatus, updateMember } from '#app/features/cohorts/delegations.server.ts'
import { getInvitationInDelegation, reissueInvitation, revokeInvitation } from '#app/features/cohorts/invitations.server.ts'
import { type InvitationMailContext } from '#app/features/cohorts/invitation-mail.server.ts'
import { inviteRows, type NewLink, parseRoster, type RosterError, takenEmails } from '#app/features/cohorts/roster.server.ts'
import { DEFAULT_INVITATION_DAYS, type DelegationPageInput, MAX_ROSTER_BYTES } from '#app/features/cohorts/schemas.ts'
import { invitationShares, type SharedLink } from '#app/features/share/invitation-share.server.ts'
import { createPasswordReset } from '#app/features/auth/password-reset.server.ts'
import { mailIsKept, mailOrigin } from '#app/features/mail/outbox.server.ts'
import { db } from '#app/utils/db.server.ts'
import { env } from '#app/utils/env.server.ts'
import { getLanguage } from '#app/utils/i18n.server.ts'
import type { Viewer } from '#app/utils/permissions.server.ts'

type Delegation = { id: string; cohort_id: string; country_code: string }
type Context = {
	request: Request
	viewer: Viewer
	delegation: Delegation
	submission: Submission<DelegationPageInput>
}
type Input<I extends DelegationPageInput['intent']> = Extract<DelegationPageInput, { intent: I }>

type Extra = {
	/** A success message for the whole page. */
	message?: string
	messageValues?: Record<string, string>
	links?: SharedLink[]
	rosterErrors?: RosterError[]
	imported?: number
	rosterText?: string
}

/** The action's answer: which form was posted, Conform's reply for it, and what else the page shows. */
export function reply(intent: string, result: SubmissionResult<string[]>, extra: Extra = {}, status = 200) {
	return data({ intent, result, ...extra }, { status })
}

/** The links' addresses, and the message to share each with, in its invitee's language. */
async function withUrls({ request, viewer, delegation }: Context, links: NewLink[]) {
	const origin = env.APP_ORIGIN || new URL(request.url).origin
	return invitationShares({
		links: links.map((link) => ({ ...link, url: `${origin}/invite/${link.token}` })),
		delegation,
		facilitatorLanguage: await getLanguage(request, viewer.language),
	})
}

/** Who sends the invitation mail, from where, for this request. */
async function mailContext({ request, viewer, delegation }: Context): Promise<InvitationMailContext> {
	return {
		origin: mailOrigin(request),
		inviter: { id: viewer.id, name: viewer.name },
		facilitatorLanguage: await getLanguage(request, viewer.language),
		delegation,
	}
}

/** The page's message after invitations were made: mailed, or (without a mail server) kept. */
function mailedMessage() {
	return mailIsKept() ? 'invitations.mailKept' : 'invitations.mailQueued'
}

async function isMember(delegationId: string, userId: string) {
	return (await delegationMembers(delegationId)).some((member) => member.id === userId)
}

export async function napStatus({ request, viewer, delegation, submission }: Context, input: Input<'napStatus'>) {
	await setNapStatus(delegation.id, input.napStatus, { request, actor: viewer })
	return reply(input.intent, submission.reply(), { message: 'delegation.saved' })
}

export async function member({ request, viewer, delegation, submission }: Context, input: Input<'member'>) {
	if (!(await isMember(delegation.id, input.userId))) {
		return reply(input.intent, submission.reply({ formErrors: ['delegation.noSuchMember'] }), {}, 404)
	}
	await updateMember(
		delegation.id,
		input.userId,
		{
			sector: input.sector,
			organisation: input.organisation,
			position: input.position,
			isLead: Boolean(input.isLead),
		},
		{ request, actor: viewer },
	)
	return reply(input.intent, submission.reply(), { message: 'delegation.saved' })
}

export async function removeMemberIntent({ request, viewer, delegation, submission }: Context, input: Input<'removeMember'>) {
	if (!(await isMember(delegation.id, input.userId))) {
		return reply(input.intent, submission.reply({ formErrors: ['delegation.noSuchMember'] }), {}, 404)
	}
	await removeMember(delegation.id, input.userId, { request, actor: viewer })
	return reply(input.intent, submission.reply(), { message: 'delegation.memberRemoved' })
}

/** Staff and the cohort's facilitators mail a member a link to set a new password. */
export async function sendReset({ request, viewer, delegation, submission }: Context, input: Input<'sendReset'>) {
	if (!(await isMember(delegation.id, input.userId))) {
		return reply(input.intent, submission.reply({ formErrors: ['delegation.noSuchMember'] }), {}, 404)
	}
	const user = await db
		.selectFrom('users')
		.select(['id', 'email', 'name', 'language'])
		.where('id', '=', input.userId)
		.executeTakeFirstOrThrow()
	const origin = mailOrigin(request)
	await db.transaction().execute((trx) => createPasswordReset(trx, { user, origin, language: user.language ?? 'es', createdBy: viewer.id }))
	return reply(input.intent, submission.reply(), {
		message: mailIsKept() ? 'passwordReset.staffSentKept' : 'passwordReset.staffSent',
		messageValues: { email: user.email },
	})
}

export async function inviteOne(context: Context, input: Input<'inviteOne'>) {
	const { delegation, submission } = context
	const taken = await takenEmails(delegation.id)
	if (taken.emails.has(input.email)) {
		return reply(input.intent, submission.reply({ fieldErrors: { email: ['roster.errors.alreadyInvited'] } }), {}, 409)
	}
	const links = await inviteRows({
		cohortId: delegation.cohort_id,
		delegationId: delegation.id,
		rows: [input],
		mail: await mailContext(context),
		days: input.days,
	})
	return reply(input.intent, submission.reply(), { message: mailedMessage(), links: await withUrls(context, links) })
}

export async function roster(context: Context, input: Input<'roster'>) {
	const { delegation, submission } = context
	const tooBig = () => reply(input.intent, submission.reply({ formErrors: ['roster.errors.tooBig'] }), {}, 413)
	if (input.file && input.file.size > MAX_ROSTER_BYTES) return tooBig()
	const text = input.file && input.file.size > 0 ? await input.file.text() : input.roster
	if (text.length > MAX_ROSTER_BYTES) return tooBig()
	const { rows, errors } = parseRoster(text, await takenEmails(delegation.id))
	if (errors.length) {
		// Nothing is imported while any row is wrong; the page lists every problem.
		return reply(input.intent, submission.reply(), { rosterErrors: errors, imported: 0, rosterText: text.slice(0, 100_000) }, 400)
	}
	const links = await inviteRows({
		cohortId: delegation.cohort_id,
		delegationId: delegation.id,
		rows,
		mail: await mailContext(context),
		days: input.days,
	})
	return reply(input.intent, submission.reply(), {
		message: mailedMessage(),
		imported: links.length,
		links: await withUrls(context, links),
	})
}

export async function revokeOrReissue(context: Context, input: Input<'revoke' | 'reissue'>) {
	const { delegation, submission } = context
	const invitation = await getInvitationInDelegation(delegation.id, input.invitationId)
	if (!invitation) return reply(input.intent, submission.reply({ formErrors: ['invitations.notFound'] }), {}, 404)
	if (invitation.accepted_at) return reply(input.intent, submission.reply({ formErrors: ['invitations.alreadyAccepted'] }), {}, 409)
	if (input.intent === 'revoke') {
		await revokeInvitation(invitation.id, { request: context.request, actor: context.viewer })
		return reply(input.intent, submission.reply(), { message: 'invitations.revoked' })
	}
	const link = await reissueInvitation(invitation.id, await mailContext(context), DEFAULT_INVITATION_DAYS)
	return reply(input.intent, submission.reply(), { message: mailedMessage(), links: await withUrls(context, [link]) })
}
