/**
 * Delegations of a cohort and their members. Routes reach a delegation through `requireDelegation`
 * (app/utils/access.server.ts), which refuses a delegation of another cohort; these helpers take the
 * delegation's id from there.
 */
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
	})
	return { ok: true as const, id }
}

export async function setNapStatus(delegationId: string, napStatus: NapStatus) {
	await db.updateTable('delegations').set({ nap_status: napStatus }).where('id', '=', delegationId).execute()
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
) {
	await db.transaction().execute(async (trx) => {
		if (input.isLead) {
			// One lead per delegation.
			await trx.updateTable('delegation_members').set({ is_lead: 0 }).where('delegation_id', '=', delegationId).execute()
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

export async function removeMember(delegationId: string, userId: string) {
	await db.deleteFrom('delegation_members').where('delegation_id', '=', delegationId).where('user_id', '=', userId).execute()
}
