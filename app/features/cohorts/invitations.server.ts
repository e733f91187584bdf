import type { Kysely, Transaction } from 'kysely'
import { type AuditBy, recordAudit } from '#app/features/audit/audit.server.ts'
import { db } from '#app/utils/db.server.ts'
import { generateToken, sha256 } from '#app/features/auth/auth.server.ts'
import { type InvitationMailContext, queueInvitationMails } from '#app/features/cohorts/invitation-mail.server.ts'
import { DEFAULT_INVITATION_DAYS } from '#app/features/cohorts/schemas.ts'
import { nowIso } from '#app/utils/misc.ts'
import type { Database, InvitationRole, Sector } from '#db/schema.ts'

/**
 * Invitation links: a random token in the URL, only its SHA-256 in the database. Single use (a
 * conditional update claims it, so two requests at the same moment cannot both succeed), with an
 * expiry, revocable.
 */

export type InvitationState = 'valid' | 'used' | 'revoked' | 'expired'

export async function findInvitation(token: string) {
	if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return undefined
	return db
		.selectFrom('invitations as i')
		.innerJoin('cohorts as c', 'c.id', 'i.cohort_id')
		.leftJoin('delegations as d', 'd.id', 'i.delegation_id')
		.select([
			'i.id',
			'i.role',
			'i.email',
			'i.name',
			'i.sector',
			'i.organisation',
			'i.position',
			'i.expires_at',
			'i.accepted_at',
			'i.revoked_at',
			'i.cohort_id',
			'i.delegation_id',
			'c.name as cohortName',
			'd.country_code as countryCode',
		])
		.where('i.token_hash', '=', sha256(token))
		.executeTakeFirst()
}

export function invitationState(
	invitation: { accepted_at: string | null; revoked_at: string | null; expires_at: string },
	now = new Date(),
): InvitationState {
	if (invitation.revoked_at) return 'revoked'
	if (invitation.accepted_at) return 'used'
	if (invitation.expires_at <= now.toISOString()) return 'expired'
	return 'valid'
}

/** Creates an invitation and returns the token for the link (shown once, never stored). */
export async function createInvitation(
	input: {
		cohortId: string
		delegationId: string | null
		role: InvitationRole
		email: string
		name?: string
		sector?: Sector | null
		organisation?: string | null
		position?: string | null
		createdBy: string | null
		days?: number
		now?: Date
	},
	executor: Kysely<Database> | Transaction<Database> = db,
) {
	const token = generateToken()
	const now = input.now ?? new Date()
	const expires = new Date(now.getTime() + (input.days ?? DEFAULT_INVITATION_DAYS) * 86_400_000)
	const id = crypto.randomUUID()
	await executor
		.insertInto('invitations')
		.values({
			id,
			token_hash: sha256(token),
			cohort_id: input.cohortId,
			delegation_id: input.delegationId,
			role: input.role,
			email: input.email.trim().toLowerCase(),
			name: input.name ?? '',
			sector: input.sector ?? null,
			organisation: input.organisation ?? null,
			position: input.position ?? null,
			created_by: input.createdBy,
			created_at: now.toISOString(),
			expires_at: expires.toISOString(),
		})
		.execute()
	return { id, token, expiresAt: expires.toISOString() }
}

export class InvitationUnavailableError extends Error {}

type Joiner = { sector: Sector; organisation: string; position: string }

/**
 * Accepts an invitation for a user: claims it (only if still unused, unrevoked and unexpired) and
 * adds the user to the delegation or cohort, in one transaction. `newUser` is created in the same
 * transaction, so a failed claim leaves no half-made account behind.
 */
export async function acceptInvitation(input: {
	invitationId: string
	userId: string
	newUser?: { email: string; name: string; passwordHash: string; language: 'en' | 'es' }
	joiner: Joiner
	/** The request that accepts it (for the audit log's address). */
	request?: Request | null
}) {
	const now = nowIso()
	await db.transaction().execute(async (trx) => {
		if (input.newUser) {
			await trx
				.insertInto('users')
				.values({
					id: input.userId,
					email: input.newUser.email,
					name: input.newUser.name,
					password_hash: input.newUser.passwordHash,
					language: input.newUser.language,
					created_at: now,
					last_login_at: now,
				})
				.execute()
		}
		const claimed = await trx
			.updateTable('invitations')
			.set({ accepted_at: now, accepted_by: input.userId })
			.where('id', '=', input.invitationId)
			.where('accepted_at', 'is', null)
			.where('revoked_at', 'is', null)
			.where('expires_at', '>', now)
			.executeTakeFirst()
		if (Number(claimed.numUpdatedRows) !== 1) throw new InvitationUnavailableError()
		const invitation = await trx
			.selectFrom('invitations')
			.select(['role', 'cohort_id', 'delegation_id'])
			.where('id', '=', input.invitationId)
			.executeTakeFirstOrThrow()
		const joiner = await trx.selectFrom('users').select(['id', 'name']).where('id', '=', input.userId).executeTakeFirstOrThrow()
		const facilitator = invitation.role === 'facilitator' || !invitation.delegation_id
		await recordAudit(trx, input.request ?? null, {
			actor: joiner,
			action: facilitator ? 'facilitator.added' : 'membership.added',
			targetType: 'user',
			targetId: input.userId,
			cohortId: invitation.cohort_id,
			details: { invitation: input.invitationId, ...(facilitator ? {} : { delegation: invitation.delegation_id }) },
		})
		if (invitation.role === 'facilitator' || !invitation.delegation_id) {
			await trx
				.insertInto('cohort_facilitators')
				.values({ cohort_id: invitation.cohort_id, user_id: input.userId, created_at: now })
				.onConflict((oc) => oc.doNothing())
				.execute()
		} else {
			await trx
				.insertInto('delegation_members')
				.values({
					delegation_id: invitation.delegation_id,
					user_id: input.userId,
					sector: input.joiner.sector,
					organisation: input.joiner.organisation,
					position: input.joiner.position,
					joined_at: now,
				})
				.onConflict((oc) =>
					oc.columns(['delegation_id', 'user_id']).doUpdateSet({
						sector: input.joiner.sector,
						organisation: input.joiner.organisation,
						position: input.joiner.position,
					}),
				)
				.execute()
		}
	})
}

// -------------------------------------------------------------------------------------------------
// A delegation's invitations: the list, revoking and re-issuing

export async function delegationInvitations(delegationId: string) {
	const rows = await db
		.selectFrom('invitations as i')
		.leftJoin('users as u', 'u.id', 'i.accepted_by')
		.select([
			'i.id',
			'i.email',
			'i.name',
			'i.sector',
			'i.organisation',
			'i.position',
			'i.created_at',
			'i.expires_at',
			'i.accepted_at',
			'i.revoked_at',
			'u.name as acceptedByName',
		])
		.where('i.delegation_id', '=', delegationId)
		.orderBy('i.created_at', 'desc')
		.execute()
	const mail = await invitationMail(rows.map((row) => row.id))
	return rows.map((row) => {
		const state = invitationState(row)
		const message = mail.get(row.id)
		return { ...row, state, mail: state === 'used' ? { status: 'accepted' as const, error: null } : (message ?? null) }
	})
}

/** What the invitation list says of an invitation's mail; `accepted` once the link was used. */
export type InvitationMailStatus = 'queued' | 'sent' | 'failed' | 'kept' | 'accepted'

/**
 * The latest mail of each invitation (`about: invitation:<id>`), with the mail server's answer
 * when it was not delivered. Only those who run the cohort see this list, so they see the error.
 */
async function invitationMail(invitationIds: string[]) {
	const byInvitation = new Map<string, { status: InvitationMailStatus; error: string | null }>()
	if (!invitationIds.length) return byInvitation
	const messages = await db
		.selectFrom('mail_outbox')
		.select(['about', 'status', 'last_error', 'created_at'])
		.where(
			'about',
			'in',
			invitationIds.map((id) => `invitation:${id}`),
		)
		.orderBy('created_at', 'asc')
		.execute()
	for (const message of messages) {
		const status: InvitationMailStatus = message.status === 'sending' ? 'queued' : message.status
		byInvitation.set(message.about!.slice('invitation:'.length), {
			status,
			error: status === 'failed' ? message.last_error : null,
		})
	}
	return byInvitation
}

/** The invitation, only if it belongs to the delegation. */
export async function getInvitationInDelegation(delegationId: string, invitationId: string) {
	return db
		.selectFrom('invitations')
		.selectAll()
		.where('id', '=', invitationId)
		.where('delegation_id', '=', delegationId)
		.executeTakeFirst()
}

export async function revokeInvitation(invitationId: string, by: AuditBy) {
	await db.transaction().execute(async (trx) => {
		const revoked = await trx
			.updateTable('invitations')
			.set({ revoked_at: nowIso() })
			.where('id', '=', invitationId)
			.where('accepted_at', 'is', null)
			.where('revoked_at', 'is', null)
			.returning(['cohort_id', 'delegation_id'])
			.executeTakeFirst()
		if (!revoked) return
		await recordAudit(trx, by.request, {
			actor: by.actor,
			action: 'invitation.revoked',
			targetType: 'invitation',
			targetId: invitationId,
			cohortId: revoked.cohort_id,
			details: { delegation: revoked.delegation_id },
		})
	})
}

/** A fresh link for the same person, mailed to them: the old one stops working. */
export async function reissueInvitation(invitationId: string, mail: InvitationMailContext, days: number) {
	return db.transaction().execute(async (trx) => {
		const old = await trx.selectFrom('invitations').selectAll().where('id', '=', invitationId).executeTakeFirstOrThrow()
		if (!old.revoked_at && !old.accepted_at) {
			await trx.updateTable('invitations').set({ revoked_at: nowIso() }).where('id', '=', invitationId).execute()
		}
		const { id, token, expiresAt } = await createInvitation(
			{
				cohortId: old.cohort_id,
				delegationId: old.delegation_id,
				role: old.role,
				email: old.email,
				name: old.name,
				sector: old.sector,
				organisation: old.organisation,
				position: old.position,
				createdBy: mail.inviter.id,
				days,
			},
			trx,
		)
		await queueInvitationMails(trx, mail, [{ id, token, email: old.email, name: old.name, expiresAt }])
		return { name: old.name, email: old.email, token }
	})
}
