/**
 * The audit log: who did what, when, from which address. Every sensitive change records one row
 * with `recordAudit(executor, request, event)` on the executor of its own transaction, so the change
 * and its trace are written together or not at all. Nothing in the app updates or deletes a row: the
 * database refuses it (triggers of db/migrations/2026-12-09_01_audit_log.ts), except the retention
 * pruning below and the erasure of an actor's name (personal-data.server.ts).
 */
import { type Kysely, sql } from 'kysely'
import { z } from 'zod'
import { clientAddress } from '#app/features/auth/throttle.server.ts'
import { AUDIT_ACTIONS, type AuditAction, type AuditTarget } from '#app/features/audit/audit.ts'
import { allowAuditPruning, db } from '#app/utils/db.server.ts'
import { env } from '#app/utils/env.server.ts'
import type { Database } from '#db/schema.ts'

/** Who acted: a signed-in person (a Viewer fits), or null for the system (pruning, a script). */
export type AuditActor = { id: string; name: string } | null

/** Who is acting and the request they act with: what a write primitive takes to record its event. */
export type AuditBy = { request: Request | null; actor: AuditActor }

/** Small facts about the event: ids, values before → after, counts. Never names, emails, hashes or tokens. */
export type AuditDetails = Record<string, string | number | boolean | null | string[]>

const DetailValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())])
export const AuditDetailsSchema = z.record(z.string(), DetailValue)

export type AuditEvent = {
	actor: AuditActor
	action: AuditAction
	targetType?: AuditTarget
	targetId?: string | null
	cohortId?: string | null
	details?: AuditDetails
}

/**
 * Records one event, on `executor` (the change's transaction). `request` gives the client's address
 * (the same function sign-in throttling uses); null for what no request caused (pruning, scripts).
 */
export async function recordAudit(executor: Kysely<Database>, request: Request | null, event: AuditEvent) {
	await executor
		.insertInto('audit_log')
		.values({
			at: new Date().toISOString(),
			actor_id: event.actor?.id ?? null,
			actor_name: event.actor?.name ?? null,
			action: event.action,
			target_type: event.targetType ?? null,
			target_id: event.targetId ?? null,
			cohort_id: event.cohortId ?? null,
			ip: request ? clientAddress(request) : null,
			details: JSON.stringify(event.details ?? {}),
		})
		.execute()
}

/** Records that someone downloaded an export (CSV, JSON, Word, calendar file): one line per export route. */
export async function recordExport(
	request: Request,
	actor: AuditActor,
	exported: { name: string; cohortId?: string | null; targetType?: AuditTarget; targetId?: string | null },
) {
	await recordAudit(db, request, {
		actor,
		action: 'export.downloaded',
		targetType: exported.targetType ?? 'export',
		targetId: exported.targetId ?? null,
		cohortId: exported.cohortId ?? null,
		details: { export: exported.name, path: new URL(request.url).pathname },
	})
}

// -------------------------------------------------------------------------------------------------
// Reading

const isoDate = z.iso.date()

/** The page's and the CSV's filters, from the query string. */
export const AuditFilterSchema = z.object({
	action: z.enum(AUDIT_ACTIONS).optional(),
	actor: z.string().trim().max(200).optional(),
	cohort: z.string().trim().max(200).optional(),
	from: isoDate.optional(),
	to: isoDate.optional(),
})
export type AuditFilters = z.infer<typeof AuditFilterSchema>

/** Filters from a URL; a malformed value is reported per field and left out. */
export function auditFiltersFrom(url: URL): { filters: AuditFilters; errors: Record<string, string> } {
	const raw = Object.fromEntries(
		(['action', 'actor', 'cohort', 'from', 'to'] as const).map((key) => [key, url.searchParams.get(key) || undefined]),
	)
	const parsed = AuditFilterSchema.safeParse(raw)
	if (parsed.success) return { filters: parsed.data, errors: {} }
	const errors = Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]))
	const kept = Object.fromEntries(Object.entries(raw).filter(([key]) => !(key in errors)))
	return { filters: AuditFilterSchema.parse(kept), errors }
}

export type AuditEntry = {
	id: number
	at: string
	actorId: string | null
	actorName: string | null
	actorErased: boolean
	action: AuditAction | string
	targetType: string | null
	targetId: string | null
	cohortId: string | null
	ip: string | null
	details: AuditDetails
}

function escapeLike(value: string) {
	return value.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** Newest first, at most `limit` rows, filtered by action, actor (name or id), cohort and dates (inclusive, UTC). */
export async function listAudit(filters: AuditFilters, limit = 200): Promise<AuditEntry[]> {
	let query = db
		.selectFrom('audit_log as a')
		.leftJoin('users as u', 'u.id', 'a.actor_id')
		.selectAll('a')
		.select('u.erased_at as actorErasedAt')
		.orderBy('a.id', 'desc')
		.limit(limit)
	if (filters.action) query = query.where('a.action', '=', filters.action)
	if (filters.cohort) query = query.where('a.cohort_id', '=', filters.cohort)
	if (filters.from) query = query.where('a.at', '>=', `${filters.from}T00:00:00.000Z`)
	if (filters.to) query = query.where('a.at', '<', nextDay(filters.to))
	if (filters.actor) {
		const pattern = `%${escapeLike(filters.actor.toLowerCase())}%`
		const actor = filters.actor
		query = query.where((eb) => eb.or([eb('a.actor_id', '=', actor), eb(sql`lower(a.actor_name)`, 'like', sql`${pattern} escape '\\'`)]))
	}
	const rows = await query.execute()
	return rows.map((row) => {
		const details = AuditDetailsSchema.safeParse(safeJson(row.details))
		return {
			id: row.id,
			at: row.at,
			actorId: row.actor_id,
			actorName: row.actor_name,
			actorErased: row.actorErasedAt !== null,
			action: row.action,
			targetType: row.target_type,
			targetId: row.target_id,
			cohortId: row.cohort_id,
			ip: row.ip,
			details: details.success ? details.data : {},
		}
	})
}

function nextDay(date: string) {
	const day = new Date(`${date}T00:00:00.000Z`)
	day.setUTCDate(day.getUTCDate() + 1)
	return day.toISOString()
}

function safeJson(text: string): unknown {
	try {
		return JSON.parse(text)
	} catch {
		return null
	}
}

/** The details as one line of text, `key: value; …`, for the page and the CSV. */
export function detailsText(details: AuditDetails) {
	return Object.entries(details)
		.map(([key, value]) => `${key}: ${Array.isArray(value) ? value.join(', ') : String(value)}`)
		.join('; ')
}

// -------------------------------------------------------------------------------------------------
// Retention

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Deletes the rows older than AUDIT_RETENTION_DAYS (at least 365), and records that it did. The
 * triggers allow the delete only for rows past the 365-day floor (and, on PostgreSQL, only in a
 * transaction that says it is the pruning). Returns how many rows went.
 */
export async function pruneAudit(now = new Date(), retentionDays = env.AUDIT_RETENTION_DAYS) {
	const before = new Date(now.getTime() - retentionDays * DAY_MS).toISOString()
	return db.transaction().execute(async (trx) => {
		await allowAuditPruning(trx)
		const result = await trx.deleteFrom('audit_log').where('at', '<', before).executeTakeFirst()
		const rows = Number(result.numDeletedRows)
		if (rows) await recordAudit(trx, null, { actor: null, action: 'audit.pruned', targetType: 'audit_log', details: { rows, before } })
		return rows
	})
}

declare global {
	var __academyAuditPruning: NodeJS.Timeout | undefined
}

/** Prunes at start-up and then once a day, in this process (every worker may; the delete is idempotent). */
export function startAuditPruning() {
	if (globalThis.__academyAuditPruning) return
	const pass = () =>
		pruneAudit().catch((error) => console.error(`Audit log pruning failed (will try again tomorrow): ${(error as Error).message}`))
	void pass()
	globalThis.__academyAuditPruning = setInterval(pass, DAY_MS).unref()
}

// -------------------------------------------------------------------------------------------------
// The CSV

/**
 * A cell a spreadsheet would read as a formula (it begins with = + - @, a tab or a carriage return)
 * gets a leading `'`, as spreadsheets expect. (To be replaced by the shared CSV writer's escaping.)
 */
export function escapeFormula(cell: string) {
	return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell
}

/** Up to this many rows in one CSV (the newest first); narrow the filters for older ones. */
export const AUDIT_CSV_LIMIT = 50_000
