/**
 * What moved between two moments of a roadmap — two snapshots, or a snapshot and now: per section,
 * the items added, removed and changed (field by field, as the history shows a change, and moved when
 * an item went under another parent or changed places with a sibling), with their plan numbers on each
 * side, and the budget totals before and after.
 */
import { z } from 'zod'
import { changedFields, type FieldChange } from '#app/features/roadmap/history.server.ts'
import { itemLabel } from '#app/features/roadmap/history.ts'
import { readItems } from '#app/features/roadmap/items.server.ts'
import { type FieldSpec, type Kind, KINDS, SECTIONS, type Section } from '#app/features/roadmap/kinds.ts'
import { planNumbers } from '#app/features/roadmap/numbering.ts'
import { budgetTotals, buildTree, type TreeItem } from '#app/features/roadmap/roadmap.server.ts'
import { getSnapshot, listSnapshots, type Snapshot, type SnapshotItem } from '#app/features/roadmap/snapshots.server.ts'
import { db } from '#app/utils/db.server.ts'
import type { Roadmap } from '#db/schema.ts'

/** One side of a comparison: the items, in the order `readItems` reads them, and the currency their amounts are in. */
export type Side = { items: SnapshotItem[]; currency: string }

type Located = { item: SnapshotItem; number: string | null; order: number; rank: number }

/** Every item of a side with its plan number, its place in the plan's reading order and its rank among its siblings. */
function locate(items: SnapshotItem[]) {
	const tree = buildTree(items)
	const numbers = planNumbers(tree)
	const reading: TreeItem[] = [
		...(tree.toc ? [tree.toc] : []),
		...tree.pathways,
		...tree.assumptions,
		...tree.risks,
		...tree.pillars.flatMap((pillar) => [
			pillar,
			...pillar.objectives.flatMap((objective) => [
				objective,
				...objective.indicators,
				...objective.actions.flatMap((action) => [action, ...action.indicators]),
			]),
		]),
		...(tree.mechanism ? [tree.mechanism] : []),
		...tree.members,
		...tree.milestones,
		...tree.partners,
	]
	const order = new Map(reading.map((item, index) => [item.id, index]))
	const located = new Map<string, Located>()
	items.forEach((item, index) => {
		located.set(item.id, { item, number: numbers.get(item.id) ?? null, order: order.get(item.id) ?? reading.length + index, rank: 0 })
	})
	return { located, tree }
}

/** Each item's rank among the siblings (same kind, same parent) that both sides have: a change of it is a move. */
function rankCommon(located: Map<string, Located>, common: Set<string>) {
	const groups = new Map<string, Located[]>()
	for (const entry of located.values()) {
		if (!common.has(entry.item.id)) continue
		const key = `${entry.item.kind}\u0000${entry.item.parentId ?? ''}`
		groups.set(key, [...(groups.get(key) ?? []), entry])
	}
	for (const group of groups.values()) {
		group.sort((a, b) => a.item.position - b.item.position || a.order - b.order)
		group.forEach((entry, rank) => (entry.rank = rank))
	}
}

export type CompareEntry = {
	id: string
	kind: Kind
	label: string
	/** The plan number on each side (null where the kind has none, or the item is not on that side). */
	number: { before: string | null; after: string | null }
	/** The fields that differ, in the kind's order (changed items only). */
	fields: FieldChange[]
	/** It went under another parent, or changed places with a sibling. */
	moved: boolean
}

export type SectionChanges = { section: Section; added: CompareEntry[]; removed: CompareEntry[]; changed: CompareEntry[] }

const fieldIndex = (kind: Kind, field: string) => {
	const index = (KINDS[kind].fields as readonly FieldSpec[]).findIndex((f) => f.name === field)
	return index === -1 ? Number.MAX_SAFE_INTEGER : index
}

/** What moved from `before` to `after`, per section (only the sections where something did), and the budget totals of each. */
export function compareSides(before: Side, after: Side) {
	const b = locate(before.items)
	const a = locate(after.items)
	const common = new Set([...b.located.keys()].filter((id) => a.located.has(id)))
	rankCommon(b.located, common)
	rankCommon(a.located, common)

	const entry = (item: SnapshotItem, was: Located | undefined, is: Located | undefined, fields: FieldChange[] = [], moved = false) => ({
		id: item.id,
		kind: item.kind,
		label: itemLabel(item.kind, item.data),
		number: { before: was?.number ?? null, after: is?.number ?? null },
		fields,
		moved,
	})
	const added: Array<CompareEntry & { order: number }> = []
	const removed: Array<CompareEntry & { order: number }> = []
	const changed: Array<CompareEntry & { order: number }> = []
	for (const is of a.located.values()) {
		const was = b.located.get(is.item.id)
		if (!was) {
			added.push({ ...entry(is.item, undefined, is), order: is.order })
			continue
		}
		const fields =
			was.item.kind === is.item.kind
				? changedFields(was.item.data, is.item.data).sort((x, y) => fieldIndex(is.item.kind, x.field) - fieldIndex(is.item.kind, y.field))
				: []
		const moved = was.item.parentId !== is.item.parentId || was.rank !== is.rank
		if (fields.length || moved) changed.push({ ...entry(is.item, was, is, fields, moved), order: is.order })
	}
	for (const was of b.located.values()) {
		if (!a.located.has(was.item.id)) removed.push({ ...entry(was.item, was, undefined), order: was.order })
	}
	const inSection = (list: Array<CompareEntry & { order: number }>, section: Section) =>
		list
			.filter((e) => KINDS[e.kind].section === section)
			.sort((x, y) => x.order - y.order)
			.map(({ order: _order, ...rest }) => rest)
	const sections: SectionChanges[] = SECTIONS.map((section) => ({
		section,
		added: inSection(added, section),
		removed: inSection(removed, section),
		changed: inSection(changed, section),
	})).filter((s) => s.added.length || s.removed.length || s.changed.length)

	const totalsOf = (tree: ReturnType<typeof buildTree<SnapshotItem>>, currency: string) => {
		const { total, funded, fundedShare } = budgetTotals(tree)
		return { total, funded, fundedShare, currency, actions: tree.actions.length, indicators: tree.indicators.length }
	}
	return {
		sections,
		counts: { added: added.length, removed: removed.length, changed: changed.length },
		totals: { before: totalsOf(b.tree, before.currency), after: totalsOf(a.tree, after.currency) },
		currency: { before: before.currency, after: after.currency },
	}
}
export type Comparison = ReturnType<typeof compareSides>

// -------------------------------------------------------------------------------------------------
// The compare page's question: ?from=<snapshot>&to=<snapshot|now>

const SnapshotRef = z.union([z.literal('now'), z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER)])
type Ref = z.output<typeof SnapshotRef>

export type CompareProblem = { status: 400 | 404; message: string; field: 'from' | 'to' | null }

/** The roadmap now, as a side of a comparison. */
async function nowSide(roadmap: Roadmap): Promise<Side> {
	const items = await readItems(db, roadmap.id)
	return {
		items: items.map((i) => ({ id: i.id, kind: i.kind, parentId: i.parentId, position: i.position, version: i.version, data: i.data })),
		currency: roadmap.currency,
	}
}

/**
 * Reads the question of the compare page: each side a snapshot of this roadmap (a number) or `now`.
 * Without one, `from` is the latest close snapshot (else the latest) and `to` is now. A value that is
 * not a number is a 400, a snapshot that does not exist a 404, and one of another roadmap a 400.
 */
export async function compareRequest(roadmap: Roadmap, url: URL) {
	const snapshots = await listSnapshots(db, roadmap.id)
	const fallbackFrom = snapshots.find((s) => s.reason === 'close') ?? snapshots[0]
	const raw = { from: url.searchParams.get('from') || null, to: url.searchParams.get('to') || null }
	const refs: { from: Ref | null; to: Ref } = { from: fallbackFrom?.id ?? null, to: 'now' }
	for (const side of ['from', 'to'] as const) {
		if (raw[side] === null) continue
		const parsed = SnapshotRef.safeParse(raw[side])
		if (!parsed.success) {
			return { snapshots, raw, problem: { status: 400, message: 'snapshots.errors.badId', field: side } satisfies CompareProblem }
		}
		refs[side] = parsed.data
	}
	if (refs.from === null) return { snapshots, raw, problem: null, comparison: null }

	const sides: Partial<Record<'from' | 'to', { side: Side; snapshot: Snapshot | null }>> = {}
	for (const side of ['from', 'to'] as const) {
		const ref = refs[side]!
		if (ref === 'now') {
			sides[side] = { side: await nowSide(roadmap), snapshot: null }
			continue
		}
		const snapshot = await getSnapshot(db, ref)
		if (!snapshot)
			return { snapshots, raw, problem: { status: 404, message: 'snapshots.errors.notFound', field: side } satisfies CompareProblem }
		if (snapshot.roadmap_id !== roadmap.id) {
			return { snapshots, raw, problem: { status: 400, message: 'snapshots.errors.otherRoadmap', field: side } satisfies CompareProblem }
		}
		sides[side] = { side: { items: snapshot.items, currency: snapshot.currency }, snapshot }
	}
	const from = sides.from!
	const to = sides.to!
	const describe = (s: { snapshot: Snapshot | null }) =>
		s.snapshot ? { id: s.snapshot.id, name: s.snapshot.name, reason: s.snapshot.reason, createdAt: s.snapshot.created_at } : null
	return {
		snapshots,
		raw,
		problem: null,
		refs: { from: String(refs.from), to: String(refs.to) },
		comparison: { from: describe(from), to: describe(to), ...compareSides(from.side, to.side) },
	}
}
