/**
 * Cohorts (convenings) and their facilitators: listing them for the public home and for those who
 * run them, the roster of delegations and members, creating and editing a cohort, and choosing its
 * facilitators. Routes reach a cohort through `requireCohort` (app/utils/access.server.ts) first.
 */
import { db } from '#app/utils/db.server.ts'
import { type AuditBy, recordAudit } from '#app/features/audit/audit.server.ts'
import { nowIso } from '#app/utils/misc.ts'
import { buildTree, roadmapItems } from '#app/features/roadmap/roadmap.server.ts'
import { snapshotCohortRoadmaps } from '#app/features/roadmap/snapshots.server.ts'
import { roadmapMetrics } from '#app/features/roadmap/comparison.server.ts'
import { can, requirePermission, type Viewer } from '#app/utils/permissions.server.ts'
import { slugify } from '#app/utils/slugify.ts'
import type { CohortStatus } from '#db/schema.ts'

/** Convenings as the public home lists them: no people, only where, when and which countries. */
export async function listPublicCohorts() {
	const [cohorts, delegations] = await Promise.all([
		db
			.selectFrom('cohorts')
			.select(['id', 'name', 'host_city', 'host_country', 'start_date', 'end_date', 'status'])
			.orderBy('start_date', 'desc')
			.execute(),
		db.selectFrom('delegations').select(['cohort_id', 'country_code']).execute(),
	])
	return cohorts.map((cohort) => ({
		...cohort,
		countries: delegations
			.filter((d) => d.cohort_id === cohort.id)
			.map((d) => d.country_code)
			.sort(),
	}))
}

/** The cohorts a viewer runs: every cohort for staff, their own for a facilitator. */
export async function cohortsRunBy(viewer: Viewer) {
	if (!viewer.isStaff && viewer.facilitates.length === 0) return []
	let query = db
		.selectFrom('cohorts as c')
		.select((eb) => [
			'c.id',
			'c.name',
			'c.host_city',
			'c.host_country',
			'c.start_date',
			'c.end_date',
			'c.prework_due_date',
			'c.status',
			eb
				.selectFrom('delegations as d')
				.whereRef('d.cohort_id', '=', 'c.id')
				.select((e) => e.fn.countAll<number>().as('n'))
				.as('delegationCount'),
			eb
				.selectFrom('delegation_members as m')
				.innerJoin('delegations as d', 'd.id', 'm.delegation_id')
				.whereRef('d.cohort_id', '=', 'c.id')
				.select((e) => e.fn.countAll<number>().as('n'))
				.as('delegateCount'),
		])
		.orderBy('c.start_date', 'desc')
	if (!viewer.isStaff) query = query.where('c.id', 'in', viewer.facilitates)
	return query.execute()
}

export async function getCohort(cohortId: string) {
	return db.selectFrom('cohorts').selectAll().where('id', '=', cohortId).executeTakeFirst()
}

/**
 * A cohort's delegations and members, as the viewer may see them. Throws 403 for a viewer who may
 * not see the cohort; e-mail addresses only for those who run it.
 */
export async function getCohortRoster(viewer: Viewer, cohortId: string) {
	requirePermission(viewer, 'view', { type: 'cohort', cohortId })
	const showEmails = can(viewer, 'manage', { type: 'cohort', cohortId })
	const [delegations, members, facilitators] = await Promise.all([
		db
			.selectFrom('delegations')
			.select(['id', 'country_code', 'nap_status'])
			.where('cohort_id', '=', cohortId)
			.orderBy('country_code')
			.execute(),
		db
			.selectFrom('delegation_members as m')
			.innerJoin('delegations as d', 'd.id', 'm.delegation_id')
			.innerJoin('users as u', 'u.id', 'm.user_id')
			.select(['m.delegation_id', 'u.id as userId', 'u.name', 'u.email', 'm.sector', 'm.organisation', 'm.position', 'm.is_lead'])
			.where('d.cohort_id', '=', cohortId)
			.orderBy('m.is_lead', 'desc')
			.orderBy('u.name')
			.execute(),
		db
			.selectFrom('cohort_facilitators as f')
			.innerJoin('users as u', 'u.id', 'f.user_id')
			.select(['u.id', 'u.name'])
			.where('f.cohort_id', '=', cohortId)
			.orderBy('u.name')
			.execute(),
	])
	return {
		facilitators,
		delegations: delegations.map((delegation) => ({
			...delegation,
			members: members
				.filter((member) => member.delegation_id === delegation.id)
				.map(({ email, is_lead, delegation_id: _d, ...member }) => ({
					...member,
					isLead: is_lead === 1,
					email: showEmails ? email : null,
				})),
		})),
	}
}

type CohortInput = {
	name: string
	hostCity: string
	hostCountry: string
	venue: string
	startDate: string
	endDate: string
	preworkDueDate: string | null
	status: CohortStatus
}

function cohortColumns(input: CohortInput) {
	return {
		name: input.name,
		host_city: input.hostCity,
		host_country: input.hostCountry,
		venue: input.venue || null,
		start_date: input.startDate,
		end_date: input.endDate,
		prework_due_date: input.preworkDueDate,
		status: input.status,
	}
}

async function uniqueCohortId(name: string, startDate: string) {
	const base = slugify(`${name} ${startDate.slice(0, 4)}`).slice(0, 60) || 'cohort'
	let id = base
	for (let n = 2; await db.selectFrom('cohorts').select('id').where('id', '=', id).executeTakeFirst(); n++) {
		id = `${base}-${n}`
	}
	return id
}

export async function createCohort(input: CohortInput, by: AuditBy) {
	const now = nowIso()
	const id = await uniqueCohortId(input.name, input.startDate)
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('cohorts')
			.values({
				id,
				...cohortColumns(input),
				created_at: now,
				updated_at: now,
			})
			.execute()
		await recordAudit(trx, by.request, { actor: by.actor, action: 'cohort.created', targetType: 'cohort', targetId: id, cohortId: id })
	})
	return id
}

/**
 * Saves a cohort's details. A cohort that moves to closed has every roadmap of its delegations frozen
 * as a close snapshot in the same transaction (saving a closed cohort again takes none).
 */
export async function updateCohort(id: string, input: CohortInput, userId: string | null, by: AuditBy) {
	await db.transaction().execute(async (trx) => {
		const before = await trx.selectFrom('cohorts').selectAll().where('id', '=', id).executeTakeFirst()
		const columns = cohortColumns(input)
		await trx
			.updateTable('cohorts')
			.set({ ...columns, updated_at: nowIso() })
			.where('id', '=', id)
			.execute()
		const changed = before ? Object.entries(columns).filter(([key, value]) => before[key as keyof typeof before] !== value) : []
		if (changed.length) {
			await recordAudit(trx, by.request, {
				actor: by.actor,
				action: 'cohort.updated',
				targetType: 'cohort',
				targetId: id,
				cohortId: id,
				details: {
					fields: changed.map(([key]) => key),
					...(before && before.status !== input.status ? { statusFrom: before.status, statusTo: input.status } : {}),
				},
			})
		}
		if (before && before.status !== 'closed' && input.status === 'closed') {
			await snapshotCohortRoadmaps(trx, { cohortId: id, cohortName: input.name, userId })
		}
	})
}

/** People who can be made facilitators: everyone but the cohort's current facilitators. */
export async function facilitatorCandidates(cohortId: string) {
	return db
		.selectFrom('users')
		.select(['id', 'name', 'email'])
		.where('id', 'not in', db.selectFrom('cohort_facilitators').select('user_id').where('cohort_id', '=', cohortId))
		.orderBy('name')
		.execute()
}

export async function addFacilitator(cohortId: string, email: string, by: AuditBy) {
	const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()
	if (!user) return { ok: false as const }
	await db.transaction().execute(async (trx) => {
		const added = await trx
			.insertInto('cohort_facilitators')
			.values({ cohort_id: cohortId, user_id: user.id, created_at: nowIso() })
			.onConflict((oc) => oc.doNothing())
			.executeTakeFirst()
		if (!Number(added.numInsertedOrUpdatedRows)) return
		await recordAudit(trx, by.request, { actor: by.actor, action: 'facilitator.added', targetType: 'user', targetId: user.id, cohortId })
	})
	return { ok: true as const }
}

export async function removeFacilitator(cohortId: string, userId: string, by: AuditBy) {
	await db.transaction().execute(async (trx) => {
		const removed = await trx
			.deleteFrom('cohort_facilitators')
			.where('cohort_id', '=', cohortId)
			.where('user_id', '=', userId)
			.executeTakeFirst()
		if (!Number(removed.numDeletedRows)) return
		await recordAudit(trx, by.request, { actor: by.actor, action: 'facilitator.removed', targetType: 'user', targetId: userId, cohortId })
	})
}

/**
 * Peer learning: the roadmaps of a cohort side by side, with their size and funding — those shared
 * with the cohort, plus any other the viewer may read (their own, or all of them for those who run it).
 */
export async function peerRoadmaps(viewer: Viewer, cohortId: string) {
	const rows = await db
		.selectFrom('roadmaps as r')
		.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
		.select(['r.id', 'r.status', 'r.currency', 'r.shared_with_cohort', 'd.id as delegationId', 'd.country_code'])
		.where('d.cohort_id', '=', cohortId)
		.orderBy('d.country_code')
		.execute()
	const visible = rows.filter((row) =>
		can(viewer, 'view', {
			type: 'roadmap',
			delegationId: row.delegationId,
			cohortId: cohortId,
			sharedWithCohort: row.shared_with_cohort === 1,
		}),
	)
	return Promise.all(
		visible.map(async (row) => {
			const tree = buildTree(await roadmapItems(row.id))
			return {
				...row,
				own: viewer.memberships.some((m) => m.delegationId === row.delegationId),
				pillars: tree.pillars.map((p) => String(p.data.name ?? '')),
				metrics: roadmapMetrics(tree),
			}
		}),
	)
}
