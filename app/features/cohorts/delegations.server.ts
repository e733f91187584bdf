/**
 * Delegations of a cohort and their members. Routes reach a delegation through `requireDelegation`
 * (app/utils/access.server.ts), which refuses a delegation of another cohort; these helpers take the
 * delegation's id from there.
 */
import { type AuditBy, recordAudit } from '#app/features/audit/audit.server.ts'
import { db } from '#app/utils/db.server.ts'
import { nowIso } from '#app/utils/misc.ts'
import type { NapStatus, Sector } from '#db/schema.ts'
import { createRoadmap } from '#app/features/roadmap/items.server.ts'

/** Adds a delegation with its roadmap (the four usual pillars in the language of `by`, who adds it). */
export async function addDelegation(
	cohortId: string,
	countryCode: string,
	napStatus: NapStatus,
	by: { userId: string; language: 'en' | 'es' },
	audit: AuditBy,
) {
	const existing = await db
		.selectFrom('delegations')
		.select('id')
		.where('cohort_id', '=', cohortId)
		.where('country_code', '=', countryCode)
		.executeTakeFirst()
	if (existing) return { ok: false as const, id: existing.id }
	const id = `${cohortId}-${countryCode.toLowerCase()}`
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('delegations')
			.values({ id, cohort_id: cohortId, country_code: countryCode, nap_status: napStatus, created_at: nowIso() })
			.execute()
		await createRoadmap(trx, { delegationId: id, language: by.language, userId: by.userId })
		await recordAudit(trx, audit.request, {
			actor: audit.actor,
			action: 'delegation.created',
			targetType: 'delegation',
			targetId: id,
			cohortId,
			details: { country: countryCode, napStatus },
		})
	})
	return { ok: true as const, id }
}

export async function setNapStatus(delegationId: string, napStatus: NapStatus, by: AuditBy) {
	await db.transaction().execute(async (trx) => {
		const before = await trx.selectFrom('delegations').select(['cohort_id', 'nap_status']).where('id', '=', delegationId).executeTakeFirst()
		if (!before) return
		await trx.updateTable('delegations').set({ nap_status: napStatus }).where('id', '=', delegationId).execute()
		if (before.nap_status === napStatus) return
		await recordAudit(trx, by.request, {
			actor: by.actor,
			action: 'delegation.updated',
			targetType: 'delegation',
			targetId: delegationId,
			cohortId: before.cohort_id,
			details: { field: 'napStatus', from: before.nap_status, to: napStatus },
		})
	})
}

export async function delegationMembers(delegationId: string) {
	const rows = await db
		.selectFrom('delegation_members as m')
		.innerJoin('users as u', 'u.id', 'm.user_id')
		.select(['u.id', 'u.name', 'u.email', 'u.last_login_at', 'm.sector', 'm.organisation', 'm.position', 'm.is_lead', 'm.joined_at'])
		.where('m.delegation_id', '=', delegationId)
		.orderBy('m.is_lead', 'desc')
		.orderBy('u.name')
		.execute()
	return rows.map(({ is_lead, ...row }) => ({ ...row, isLead: is_lead === 1 }))
}

export async function updateMember(
	delegationId: string,
	userId: string,
	input: { sector: Sector; organisation: string; position: string; isLead: boolean },
	by: AuditBy,
) {
	await db.transaction().execute(async (trx) => {
		const members = await trx
			.selectFrom('delegation_members as m')
			.innerJoin('delegations as d', 'd.id', 'm.delegation_id')
			.select(['m.user_id', 'm.sector', 'm.organisation', 'm.position', 'm.is_lead', 'd.cohort_id'])
			.where('m.delegation_id', '=', delegationId)
			.execute()
		const before = members.find((m) => m.user_id === userId)
		if (!before) return
		const where = { targetType: 'user' as const, cohortId: before.cohort_id }
		if (input.isLead) {
			// One lead per delegation.
			await trx.updateTable('delegation_members').set({ is_lead: 0 }).where('delegation_id', '=', delegationId).execute()
			for (const previous of members.filter((m) => m.is_lead === 1 && m.user_id !== userId)) {
				await recordAudit(trx, by.request, {
					actor: by.actor,
					action: 'membership.lead_changed',
					...where,
					targetId: previous.user_id,
					details: { delegation: delegationId, lead: false },
				})
			}
		}
		if ((before.is_lead === 1) !== input.isLead) {
			await recordAudit(trx, by.request, {
				actor: by.actor,
				action: 'membership.lead_changed',
				...where,
				targetId: userId,
				details: { delegation: delegationId, lead: input.isLead },
			})
		}
		const changed = (['sector', 'organisation', 'position'] as const).filter((field) => before[field] !== input[field])
		if (changed.length) {
			await recordAudit(trx, by.request, {
				actor: by.actor,
				action: 'membership.updated',
				...where,
				targetId: userId,
				details: { delegation: delegationId, fields: changed },
			})
		}
		await trx
			.updateTable('delegation_members')
			.set({
				sector: input.sector,
				organisation: input.organisation,
				position: input.position,
				is_lead: input.isLead ? 1 : 0,
			})
			.where('delegation_id', '=', delegationId)
			.where('user_id', '=', userId)
			.execute()
	})
}

export async function removeMember(delegationId: string, userId: string, by: AuditBy) {
	await db.transaction().execute(async (trx) => {
		const removed = await trx
			.deleteFrom('delegation_members')
			.where('delegation_id', '=', delegationId)
			.where('user_id', '=', userId)
			.executeTakeFirst()
		if (!Number(removed.numDeletedRows)) return
		const delegation = await trx.selectFrom('delegations').select('cohort_id').where('id', '=', delegationId).executeTakeFirstOrThrow()
		await recordAudit(trx, by.request, {
			actor: by.actor,
			action: 'membership.removed',
			targetType: 'user',
			targetId: userId,
			cohortId: delegation.cohort_id,
			details: { delegation: delegationId },
		})
	})
}
