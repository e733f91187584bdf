/**
 * The roadmap's history as people read it: a page of entries (the latest 100, filtered in SQL by
 * section, person and dates, older ones behind a cursor on the change number), each with who, when,
 * which item (its label and plan number), what changed field by field and in which currency, and
 * whether it can be restored or set back; and the summaries a section page shows around a delete.
 */
import { z } from 'zod'
import { isKind } from '#app/features/roadmap/kinds.ts'
import { type ChildCounts, itemLabel, sectionKinds } from '#app/features/roadmap/history.ts'
import { comparable, type Item, readItems, sameData } from '#app/features/roadmap/items.server.ts'
import { planNumbers } from '#app/features/roadmap/numbering.ts'
import { buildTree, parseChange } from '#app/features/roadmap/roadmap.server.ts'
import { CHANGE_JSON, type ItemSnapshot } from '#app/features/roadmap/schemas.ts'
import { db } from '#app/utils/db.server.ts'
import type { Roadmap } from '#db/schema.ts'

export const PAGE_SIZE = 100

const day = z
	.string()
	.regex(/^\d{4}-\d{2}-\d{2}$/)
	.refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)))

/** The filters of the history page, from its URL (a GET form): anything that does not read is left out. */
export const HistoryFilters = z.object({
	view: z.enum(['design', 'implementation']).catch('design'),
	section: z
		.enum(['theory-of-change', 'strategic-design', 'gender-budgeting', 'coordination', 'localization', 'monitoring'])
		.optional()
		.catch(undefined),
	person: z.string().min(1).max(100).optional().catch(undefined),
	from: day.optional().catch(undefined),
	to: day.optional().catch(undefined),
	before: z.coerce.number().int().positive().optional().catch(undefined),
})
export type HistoryFilters = z.output<typeof HistoryFilters>

export function readFilters(url: URL): HistoryFilters {
	const value = (name: string) => url.searchParams.get(name) || undefined
	return HistoryFilters.parse({
		view: value('view'),
		section: value('section'),
		person: value('person'),
		from: value('from'),
		to: value('to'),
		before: value('before'),
	})
}

const nextDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString()

/** The people who changed this roadmap, for the filter. */
export async function historyPeople(roadmapId: string) {
	return db
		.selectFrom('roadmap_changes as c')
		.innerJoin('users as u', 'u.id', 'c.user_id')
		.select(['u.id', 'u.name'])
		.distinct()
		.where('c.roadmap_id', '=', roadmapId)
		.orderBy('u.name')
		.execute()
}

type Settings = Array<{ createdAt: string; before: string; after: string }>

/**
 * The currency amounts of a history row are in: on its `before` side, the one before the row's moment;
 * on its `after` side, the one right after it (a currency change rescales the costs in the same
 * transaction, so those rows' `after` is in the new currency).
 */
function currencyAt(settings: Settings, createdAt: string, side: 'before' | 'after', current: string) {
	const isBefore = (s: Settings[number]) => (side === 'before' ? s.createdAt < createdAt : s.createdAt <= createdAt)
	const last = settings.filter(isBefore).at(-1)
	if (last) return last.after
	return settings.find((s) => !isBefore(s))?.before ?? current
}

export type FieldChange = { field: string; before: unknown; after: unknown }

/**
 * The fields whose values differ between two versions of an item's data, each with its value before
 * and after (the history's field diff, and a snapshot comparison's): "the same nothing" — an empty
 * field, an unticked box, no cost lines, never set — is no change (see `comparable`).
 */
export function changedFields(before: Record<string, unknown>, after: Record<string, unknown>): FieldChange[] {
	return [...new Set([...Object.keys(before), ...Object.keys(after)])]
		.filter((key) => comparable(before[key]) !== comparable(after[key]))
		.map((field) => ({ field, before: before[field] ?? null, after: after[field] ?? null }))
}

export async function historyPage(roadmap: Roadmap, filters: HistoryFilters) {
	const implementation = ['implementation', 'report']
	let query = db
		.selectFrom('roadmap_changes as c')
		.leftJoin('users as u', 'u.id', 'c.user_id')
		.select(['c.id', 'c.item_id', 'c.kind', 'c.change', 'c.before', 'c.after', 'c.created_at', 'c.user_id', 'u.name as userName'])
		.where('c.roadmap_id', '=', roadmap.id)
		.where('c.change', filters.view === 'implementation' ? 'in' : 'not in', implementation)
	if (filters.section) {
		const kinds = sectionKinds(filters.section)
		query =
			filters.section === 'gender-budgeting'
				? query.where((eb) => eb.or([eb('c.kind', 'in', kinds), eb.and([eb('c.kind', '=', 'roadmap'), eb('c.change', '=', 'settings')])]))
				: query.where('c.kind', 'in', kinds)
	}
	if (filters.person) query = query.where('c.user_id', '=', filters.person)
	if (filters.from) query = query.where('c.created_at', '>=', `${filters.from}T00:00:00.000Z`)
	if (filters.to) query = query.where('c.created_at', '<', nextDay(filters.to))
	if (filters.before) query = query.where('c.id', '<', filters.before)
	const rows = (
		await query
			.orderBy('c.id', 'desc')
			.limit(PAGE_SIZE + 1)
			.execute()
	).map(parseChange)
	const older = rows.length > PAGE_SIZE ? rows[PAGE_SIZE - 1]!.id : null

	const items = await readItems(db, roadmap.id)
	const byId = new Map(items.map((item) => [item.id, item]))
	const numbers = planNumbers(buildTree(items))
	const settings: Settings = (
		await db
			.selectFrom('roadmap_changes')
			.select(['id', 'item_id', 'kind', 'change', 'before', 'after', 'created_at'])
			.where('roadmap_id', '=', roadmap.id)
			.where('change', '=', 'settings')
			.orderBy('id')
			.execute()
	)
		.map(parseChange)
		.flatMap((s) => (s.change === 'settings' ? [{ createdAt: s.created_at, before: s.before.currency, after: s.after.currency }] : []))

	const entries = rows.slice(0, PAGE_SIZE).map((row) => {
		const snapshotOf = (side: unknown) => (side && typeof side === 'object' && 'data' in side ? (side as ItemSnapshot) : undefined)
		const before = snapshotOf(row.before)
		const after = snapshotOf(row.after)
		const current = row.item_id ? byId.get(row.item_id) : undefined
		const kind = (after ?? before)?.kind ?? current?.kind
		const fields = row.change === 'update' && before && after ? changedFields(before.data, after.data) : []
		const currency = {
			before: currencyAt(settings, row.created_at, 'before', roadmap.currency),
			after: currencyAt(settings, row.created_at, 'after', roadmap.currency),
		}
		return {
			id: row.id,
			change: row.change,
			kind: row.kind,
			itemId: row.item_id,
			userName: row.userName,
			createdAt: row.created_at,
			label: kind ? itemLabel(kind, (after ?? before)?.data ?? current?.data) : '',
			number: row.item_id ? (numbers.get(row.item_id) ?? null) : null,
			fields,
			currency,
			/** A roadmap setting, the status or the sharing: before and after, in words on the page. */
			setting:
				row.change === 'settings'
					? { field: 'currency' as const, before: row.before.currency, after: row.after.currency }
					: row.change === 'status'
						? { field: 'status' as const, before: row.before.status, after: row.after.status }
						: row.change === 'sharing'
							? { field: 'sharing' as const, before: row.before.shared, after: row.after.shared }
							: null,
			implementation:
				row.change === 'implementation'
					? { status: String(row.after.data.status ?? ''), dated: row.after.dated, note: row.after.note }
					: row.change === 'report'
						? { value: row.after.value, period: row.after.period, dated: row.after.dated, source: row.after.source }
						: null,
			/** A deleted item that is not back: it can be restored. */
			restorable: row.change === 'delete' && !current,
			/** The item as it was after this update, when it is still there and not like that now. */
			setBack:
				row.change === 'update' && after && current && current.kind === after.kind
					? { version: current.version, isCurrent: currency.after === roadmap.currency && sameData(current.data, after.data) }
					: null,
		}
	})
	return { entries, older }
}

export type HistoryEntry = Awaited<ReturnType<typeof historyPage>>['entries'][number]

// -------------------------------------------------------------------------------------------------
// Around a delete, on a section page

function countByKind(items: Array<{ kind: string }>): ChildCounts {
	const counts: ChildCounts = {}
	for (const { kind } of items) if (isKind(kind)) counts[kind] = (counts[kind] ?? 0) + 1
	return counts
}

function under(items: Item[], id: string): Item[] {
	const children = items.filter((i) => i.parentId === id)
	return [...children, ...children.flatMap((child) => under(items, child.id))]
}

/** What the confirmation of a delete says: the item and how many of each kind go with it. */
export function deleteSummary(items: Item[], id: string) {
	const item = items.find((i) => i.id === id)
	if (!item) return null
	const numbers = planNumbers(buildTree(items))
	return {
		id: item.id,
		version: item.version,
		kind: item.kind,
		label: itemLabel(item.kind, item.data),
		number: numbers.get(item.id) ?? null,
		counts: countByKind(under(items, item.id)),
	}
}

/** The notice after a delete (history row `changeId` of this roadmap): what went, and whether it can still be undone. */
export async function deletedNotice(roadmapId: string, changeId: number, items: Item[]) {
	const row = await db
		.selectFrom('roadmap_changes')
		.select(['id', 'item_id', 'kind', 'change', 'before', 'after', 'created_at'])
		.where('id', '=', changeId)
		.where('roadmap_id', '=', roadmapId)
		.where('change', '=', 'delete')
		.executeTakeFirst()
	if (!row) return null
	const deleted = parseChange(row)
	if (deleted.change !== 'delete') return null
	let counts: ChildCounts = {}
	const group = deleted.after?.group
	if (group) {
		const rows = await db
			.selectFrom('roadmap_changes')
			.select(['kind', 'after'])
			.where('roadmap_id', '=', roadmapId)
			.where('change', '=', 'delete')
			.where('created_at', '=', row.created_at)
			.where('id', '<', row.id)
			.execute()
		counts = countByKind(rows.filter((r) => CHANGE_JSON.delete.after.parse(r.after === null ? null : JSON.parse(r.after))?.group === group))
	}
	return {
		changeId: deleted.id,
		kind: deleted.before.kind,
		label: itemLabel(deleted.before.kind, deleted.before.data),
		counts,
		canUndo: !items.some((i) => i.id === deleted.item_id),
	}
}
