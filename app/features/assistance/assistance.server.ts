/**
 * Technical-assistance (TA) requests: a delegation asks from its roadmap; Academy staff triage them
 * in one queue. Internal notes are stored as events with `internal = 1` and are filtered out of
 * every query made for a delegation — not just hidden on the page.
 */
import type { Kysely, SelectQueryBuilder } from 'kysely'
import { type AuditBy, recordAudit } from '#app/features/audit/audit.server.ts'
import { db } from '#app/utils/db.server.ts'
import { nowIso } from '#app/utils/misc.ts'
import type { Viewer } from '#app/utils/permissions.server.ts'
import { isOneOf } from '#app/utils/vocabularies.ts'
import {
	ASSISTANCE_OPEN_STATUSES,
	ASSISTANCE_STATUSES,
	ASSISTANCE_TRANSITIONS,
	ASSISTANCE_URGENCIES,
	type AssistanceStatus,
	QUEUE_PAGE_SIZE,
} from '#app/features/assistance/assistance.ts'
import type { NewRequest } from '#app/features/assistance/schemas.ts'
import { excerpt } from '#app/features/notifications/notifications.ts'
import { delegationMemberIds, notify } from '#app/features/notifications/notify.server.ts'
import type { Database } from '#db/schema.ts'

export async function createRequest(
	viewer: Viewer,
	delegationId: string,
	input: NewRequest,
): Promise<{ ok: true; id: string } | { ok: false; error: 'unknownItem' }> {
	return db.transaction().execute((trx) => insertRequest(trx, viewer, delegationId, input))
}

/**
 * The one way a request is made (asked from the roadmap, or an accepted offer), on the executor of
 * the caller's transaction: the item must be one of the delegation's roadmap; the request starts
 * open, with its `created` event.
 */
export async function insertRequest(
	executor: Kysely<Database>,
	viewer: Viewer,
	delegationId: string,
	input: NewRequest,
): Promise<{ ok: true; id: string } | { ok: false; error: 'unknownItem' }> {
	let itemId: string | null = null
	if (input.itemId) {
		const item = await executor
			.selectFrom('roadmap_items as i')
			.innerJoin('roadmaps as r', 'r.id', 'i.roadmap_id')
			.select('i.id')
			.where('i.id', '=', input.itemId)
			.where('r.delegation_id', '=', delegationId)
			.executeTakeFirst()
		if (!item) return { ok: false, error: 'unknownItem' }
		itemId = item.id
	}
	const id = crypto.randomUUID()
	const now = nowIso()
	await executor
		.insertInto('assistance_requests')
		.values({
			id,
			delegation_id: delegationId,
			section: input.section ?? null,
			item_id: itemId,
			topic: input.topic,
			need: input.need,
			urgency: input.urgency,
			due_date: input.dueDate ?? null,
			language: input.language,
			format: input.format,
			created_by: viewer.id,
			created_at: now,
			updated_at: now,
		})
		.execute()
	await executor
		.insertInto('assistance_events')
		.values({ request_id: id, kind: 'created', to_value: 'open', user_id: viewer.id, created_at: now })
		.execute()
	return { ok: true, id }
}

type QueueFilters = {
	status?: string
	topic?: string
	country?: string
	cohort?: string
	urgency?: string
	assignee?: string
}

export function filtersFrom(url: URL): QueueFilters {
	const get = (name: string) => url.searchParams.get(name) || undefined
	return {
		status: get('status'),
		topic: get('topic'),
		country: get('country'),
		cohort: get('cohort'),
		urgency: get('urgency'),
		assignee: get('assignee'),
	}
}

/**
 * The requests a viewer may see, filtered, before anything is selected: staff all; facilitators their
 * cohorts'; delegates their delegations'. Null when the viewer may see none.
 */
function visibleRequests(viewer: Viewer, filters: QueueFilters, only?: { delegationId: string }) {
	let query = db
		.selectFrom('assistance_requests as r')
		.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
		.innerJoin('cohorts as c', 'c.id', 'd.cohort_id')
	if (only) query = query.where('r.delegation_id', '=', only.delegationId)
	if (!viewer.isStaff) {
		const delegations = viewer.memberships.map((m) => m.delegationId)
		const cohorts = viewer.facilitates
		if (!delegations.length && !cohorts.length) return null
		query = query.where((eb) =>
			eb.or([
				...(delegations.length ? [eb('r.delegation_id', 'in', delegations)] : []),
				...(cohorts.length ? [eb('d.cohort_id', 'in', cohorts)] : []),
			]),
		)
	}
	if (isOneOf(ASSISTANCE_STATUSES, filters.status)) query = query.where('r.status', '=', filters.status)
	if (filters.topic) query = query.where('r.topic', '=', filters.topic)
	if (filters.country) query = query.where('d.country_code', '=', filters.country.toUpperCase())
	if (filters.cohort) query = query.where('c.id', '=', filters.cohort)
	if (isOneOf(ASSISTANCE_URGENCIES, filters.urgency)) query = query.where('r.urgency', '=', filters.urgency)
	if (filters.assignee === 'none') query = query.where('r.assignee_id', 'is', null)
	else if (filters.assignee) query = query.where('r.assignee_id', '=', filters.assignee)
	return query
}

const withAssignee = (query: NonNullable<ReturnType<typeof visibleRequests>>) => query.leftJoin('users as a', 'a.id', 'r.assignee_id')
type QueueQuery<O> =
	ReturnType<typeof withAssignee> extends SelectQueryBuilder<infer DB, infer TB, object> ? SelectQueryBuilder<DB, TB, O> : never

/** Soonest due first; requests without a date after those with one; then in the order they came. */
function soonestDueFirst<O>(query: QueueQuery<O>): QueueQuery<O> {
	return query
		.orderBy((eb) => eb.case().when('r.due_date', 'is', null).then(1).else(0).end())
		.orderBy('r.due_date')
		.orderBy('r.created_at')
		.orderBy('r.id')
}

/** Requests the viewer may see: staff all; facilitators their cohorts'; delegates their delegations'. */
export async function listRequests(viewer: Viewer, filters: QueueFilters = {}, only?: { delegationId: string }) {
	const visible = visibleRequests(viewer, filters, only)
	if (!visible) return []
	return soonestDueFirst(
		withAssignee(visible).select([
			'r.id',
			'r.topic',
			'r.need',
			'r.urgency',
			'r.due_date',
			'r.status',
			'r.scheduled_for',
			'r.format',
			'r.language',
			'r.section',
			'r.item_id',
			'r.created_at',
			'r.done_at',
			'r.assignee_id',
			'a.name as assigneeName',
			'd.id as delegationId',
			'd.country_code',
			'c.id as cohortId',
			'c.name as cohortName',
		]),
	).execute()
}

/**
 * One page of the queue (`listRequests`' order), with what the queue page shows of each request, the
 * number of requests that match and the countries of every request the viewer may see (the country
 * filter's options): counted and paged by the database instead of reading the whole queue.
 */
export async function queuePage(viewer: Viewer, filters: QueueFilters, requestedPage: number) {
	const visible = visibleRequests(viewer, filters)
	if (!visible) return { requests: [], total: 0, page: 1, pages: 1, countries: [] }
	const filtered = Object.values(filters).some(Boolean)
	const [count, countryRows] = await Promise.all([
		visible.select((eb) => eb.fn.countAll().as('count')).executeTakeFirstOrThrow(),
		(filtered ? visibleRequests(viewer, {})! : visible).select('d.country_code').distinct().execute(),
	])
	const total = Number(count.count)
	const pages = Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE))
	const page = Math.min(pages, Math.max(1, requestedPage))
	const requests = total
		? await soonestDueFirst(
				withAssignee(visible).select([
					'r.id',
					'r.topic',
					'r.need',
					'r.urgency',
					'r.due_date',
					'r.status',
					'a.name as assigneeName',
					'd.country_code',
					'c.name as cohortName',
				]),
			)
				.limit(QUEUE_PAGE_SIZE)
				.offset((page - 1) * QUEUE_PAGE_SIZE)
				.execute()
		: []
	return { requests, total, page, pages, countries: countryRows.map((r) => r.country_code).sort() }
}

/** Who a request of this cohort can be assigned to: Academy staff and the cohort's facilitators. */
function assignable(cohortId: string) {
	return db
		.selectFrom('users as u')
		.select(['u.id', 'u.name'])
		.where((eb) =>
			eb.or([
				eb('u.is_staff', '=', 1),
				eb.exists(
					eb
						.selectFrom('cohort_facilitators as f')
						.select('f.user_id')
						.whereRef('f.user_id', '=', 'u.id')
						.where('f.cohort_id', '=', cohortId),
				),
			]),
		)
}

export function assignableUsers(cohortId: string) {
	return assignable(cohortId).orderBy('u.name').execute()
}

/** A request's events; `withInternal` only for Academy staff and facilitators. */
export async function requestEvents(id: string, withInternal: boolean) {
	let query = db
		.selectFrom('assistance_events as e')
		.leftJoin('users as u', 'u.id', 'e.user_id')
		.select(['e.id', 'e.kind', 'e.internal', 'e.body', 'e.from_value', 'e.to_value', 'e.created_at', 'u.name as userName'])
		.where('e.request_id', '=', id)
		.orderBy('e.id')
	if (!withInternal) query = query.where('e.internal', '=', 0)
	return query.execute()
}

/** Who did something, as a notification names them. */
export type Actor = { id: string; name: string }

/**
 * A message (the delegation sees it) or an internal note, with its notification: a message from the
 * Academy tells the delegation; a message from the delegation tells whoever the request is assigned to.
 */
export async function addEvent(requestId: string, actor: Actor, event: { kind: 'message' | 'note'; body: string }, origin: string) {
	const now = nowIso()
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('assistance_events')
			.values({
				request_id: requestId,
				kind: event.kind,
				internal: event.kind === 'note' ? 1 : 0,
				body: event.body,
				user_id: actor.id,
				created_at: now,
			})
			.execute()
		await trx.updateTable('assistance_requests').set({ updated_at: now }).where('id', '=', requestId).execute()
		if (event.kind !== 'message') return
		const request = await trx
			.selectFrom('assistance_requests')
			.select(['delegation_id', 'topic', 'assignee_id'])
			.where('id', '=', requestId)
			.executeTakeFirstOrThrow()
		const members = await delegationMemberIds(trx, request.delegation_id)
		await notify(trx, {
			userIds: members.includes(actor.id) ? [request.assignee_id] : members,
			except: actor.id,
			notification: {
				kind: 'assistance-message',
				data: { requestId, topic: request.topic, byName: actor.name, excerpt: excerpt(event.body) },
			},
			origin,
		})
	})
}

export async function assignRequest(requestId: string, actor: Actor, assigneeId: string | null, origin: string, by: AuditBy) {
	const request = await db
		.selectFrom('assistance_requests as r')
		.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
		.select(['r.assignee_id', 'r.topic', 'd.cohort_id', 'd.country_code'])
		.where('r.id', '=', requestId)
		.executeTakeFirst()
	if (!request) return false
	// Only Academy staff or facilitators of the request's cohort can be assigned.
	if (assigneeId && !(await assignable(request.cohort_id).where('u.id', '=', assigneeId).executeTakeFirst())) return false
	const now = nowIso()
	await db.transaction().execute(async (trx) => {
		await trx.updateTable('assistance_requests').set({ assignee_id: assigneeId, updated_at: now }).where('id', '=', requestId).execute()
		await trx
			.insertInto('assistance_events')
			.values({
				request_id: requestId,
				kind: 'assign',
				from_value: request.assignee_id,
				to_value: assigneeId,
				user_id: actor.id,
				created_at: now,
			})
			.execute()
		if (assigneeId && assigneeId !== request.assignee_id) {
			await notify(trx, {
				userIds: [assigneeId],
				except: actor.id,
				notification: {
					kind: 'assistance-assigned',
					data: { requestId, topic: request.topic, countryCode: request.country_code, byName: actor.name },
				},
				origin,
			})
		}
		await recordAudit(trx, by.request, {
			actor: by.actor,
			action: 'assistance.assigned',
			targetType: 'assistance_request',
			targetId: requestId,
			cohortId: request.cohort_id,
			details: { from: request.assignee_id, to: assigneeId },
		})
	})
	return true
}

type TransitionResult = { ok: true } | { ok: false; error: 'transition' | 'scheduleDate' | 'declineReason' }

/** Moves a request on (the allowed transitions only) and tells the delegation, in one transaction. */
export async function changeStatus(
	requestId: string,
	actor: Actor,
	input: { to: AssistanceStatus; scheduledFor?: string; reason?: string },
	origin: string,
	by: AuditBy,
): Promise<TransitionResult> {
	return db.transaction().execute(async (trx) => {
		const request = await trx.selectFrom('assistance_requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow()
		if (!ASSISTANCE_TRANSITIONS[request.status].includes(input.to)) return { ok: false as const, error: 'transition' as const }
		if (input.to === 'scheduled' && !(input.scheduledFor && /^\d{4}-\d{2}-\d{2}$/.test(input.scheduledFor))) {
			return { ok: false as const, error: 'scheduleDate' as const }
		}
		if (input.to === 'declined' && !input.reason?.trim()) return { ok: false as const, error: 'declineReason' as const }
		const now = nowIso()
		await trx
			.updateTable('assistance_requests')
			.set({
				status: input.to,
				scheduled_for: input.to === 'scheduled' ? input.scheduledFor! : request.scheduled_for,
				decline_reason: input.to === 'declined' ? input.reason!.trim() : null,
				done_at: input.to === 'done' ? now : null,
				updated_at: now,
			})
			.where('id', '=', requestId)
			.execute()
		await trx
			.insertInto('assistance_events')
			.values({
				request_id: requestId,
				kind: 'status',
				from_value: request.status,
				to_value: input.to,
				body: input.to === 'scheduled' ? input.scheduledFor! : input.to === 'declined' ? input.reason!.trim() : null,
				user_id: actor.id,
				created_at: now,
			})
			.execute()
		const delegation = await trx.selectFrom('delegations').select('cohort_id').where('id', '=', request.delegation_id).executeTakeFirst()
		await recordAudit(trx, by.request, {
			actor: by.actor,
			action: 'assistance.status_changed',
			targetType: 'assistance_request',
			targetId: requestId,
			cohortId: delegation?.cohort_id ?? null,
			details: { from: request.status, to: input.to, ...(input.to === 'scheduled' ? { scheduledFor: input.scheduledFor! } : {}) },
		})
		await notify(trx, {
			userIds: await delegationMemberIds(trx, request.delegation_id),
			except: actor.id,
			notification: {
				kind: 'assistance-status',
				data: {
					requestId,
					topic: request.topic,
					to: input.to,
					scheduledFor: input.to === 'scheduled' ? input.scheduledFor! : null,
					reason: input.to === 'declined' ? input.reason!.trim() : null,
					byName: actor.name,
				},
			},
			origin,
		})
		return { ok: true as const }
	})
}

/** Open requests per roadmap item, so an item can show it has one. */
export async function openRequestsByItem(delegationId: string) {
	const rows = await db
		.selectFrom('assistance_requests')
		.select(['item_id', 'section'])
		.where('delegation_id', '=', delegationId)
		.where('status', 'in', ASSISTANCE_OPEN_STATUSES)
		.execute()
	const byItem: Record<string, number> = {}
	const bySection: Record<string, number> = {}
	for (const row of rows) {
		if (row.item_id) byItem[row.item_id] = (byItem[row.item_id] ?? 0) + 1
		if (row.section) bySection[row.section] = (bySection[row.section] ?? 0) + 1
	}
	return { byItem, bySection }
}

function median(values: number[]) {
	if (!values.length) return null
	const sorted = [...values].sort((a, b) => a - b)
	const middle = Math.floor(sorted.length / 2)
	return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

/** Requests per topic and per country (open / done / declined) and the median days to done. */
export async function overview() {
	const rows = await db
		.selectFrom('assistance_requests as r')
		.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
		.select(['r.topic', 'r.status', 'r.created_at', 'r.done_at', 'd.country_code'])
		.execute()
	const group = (key: (row: (typeof rows)[number]) => string) => {
		const map = new Map<string, { open: number; done: number; declined: number }>()
		for (const row of rows) {
			const entry = map.get(key(row)) ?? { open: 0, done: 0, declined: 0 }
			if (row.status === 'done') entry.done++
			else if (row.status === 'declined') entry.declined++
			else entry.open++
			map.set(key(row), entry)
		}
		return [...map.entries()].map(([name, counts]) => ({ name, ...counts })).sort((a, b) => b.open + b.done - (a.open + a.done))
	}
	const days = rows.filter((r) => r.done_at).map((r) => (Date.parse(r.done_at!) - Date.parse(r.created_at)) / 86_400_000)
	return {
		total: rows.length,
		open: rows.filter((r) => isOneOf(ASSISTANCE_OPEN_STATUSES, r.status)).length,
		done: rows.filter((r) => r.status === 'done').length,
		medianDaysToDone: median(days),
		byTopic: group((r) => r.topic),
		byCountry: group((r) => r.country_code),
	}
}

/** When each delegation's roadmap was last updated; flags those quiet for `months` or more. */
export async function roadmapActivity(months: number) {
	const rows = await db
		.selectFrom('delegations as d')
		.innerJoin('cohorts as c', 'c.id', 'd.cohort_id')
		.leftJoin('roadmaps as r', 'r.delegation_id', 'd.id')
		.select(['d.id', 'd.country_code', 'c.name as cohortName', 'c.status as cohortStatus', 'r.updated_at'])
		.orderBy('r.updated_at')
		.execute()
	const cutoff = new Date()
	cutoff.setUTCMonth(cutoff.getUTCMonth() - months)
	return rows.map((row) => ({ ...row, stale: !row.updated_at || row.updated_at < cutoff.toISOString() }))
}
