/**
 * Roadmaps: one per delegation, made of items (see roadmap-kinds.ts). Every write carries the version
 * it started from and is refused when the item moved on meanwhile; every write is kept in the history
 * with the item before and after, so a roadmap can be shown as it was at any earlier moment.
 */
import { type Kysely, type Transaction } from 'kysely'
import { z } from 'zod'
import { db } from '#app/utils/db.server.ts'
import { nowIso } from '#app/utils/misc.ts'
import {
	currencyDigits,
	DEFAULT_PILLARS,
	FUNDING_SOURCES,
	type ItemData,
	isCurrency,
	isKind,
	type Kind,
	KINDS,
	periodMonths,
	type Section,
	validateItem,
} from '#app/features/roadmap/kinds.ts'
import type { Database, Roadmap } from '#db/schema.ts'

type Executor = Kysely<Database> | Transaction<Database>

export type Item = {
	id: string
	kind: Kind
	parentId: string | null
	position: number
	data: ItemData
	version: number
	updatedAt: string
	updatedBy: string | null
}

export async function getRoadmapByDelegation(delegationId: string) {
	return db.selectFrom('roadmaps').selectAll().where('delegation_id', '=', delegationId).executeTakeFirst()
}

/** The delegation's roadmap, created (with the four usual pillars) on first visit. */
export async function getOrCreateRoadmap(delegationId: string, language: 'en' | 'es') {
	const existing = await getRoadmapByDelegation(delegationId)
	if (existing) return existing
	const now = nowIso()
	const id = `roadmap-${delegationId}`
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('roadmaps')
			.values({ id, delegation_id: delegationId, created_at: now, updated_at: now })
			.onConflict((oc) => oc.doNothing())
			.execute()
		const count = await trx
			.selectFrom('roadmap_items')
			.select(trx.fn.countAll<number>().as('n'))
			.where('roadmap_id', '=', id)
			.executeTakeFirstOrThrow()
		if (Number(count.n) === 0) {
			for (const [position, name] of DEFAULT_PILLARS[language].entries()) {
				await insertItem(trx, { roadmapId: id, kind: 'pillar', parentId: null, position, data: { name }, userId: null })
			}
		}
	})
	return (await getRoadmapByDelegation(delegationId))!
}

function parseRow(row: {
	id: string
	kind: string
	parent_id: string | null
	position: number
	data: string
	version: number
	updated_at: string
	updated_by: string | null
}): Item {
	return {
		id: row.id,
		kind: row.kind as Kind,
		parentId: row.parent_id,
		position: row.position,
		data: JSON.parse(row.data) as ItemData,
		version: row.version,
		updatedAt: row.updated_at,
		updatedBy: row.updated_by,
	}
}

export async function roadmapItems(roadmapId: string, executor: Executor = db): Promise<Item[]> {
	const rows = await executor
		.selectFrom('roadmap_items')
		.selectAll()
		.where('roadmap_id', '=', roadmapId)
		.orderBy('position')
		.orderBy('created_at')
		.execute()
	return rows.map(parseRow)
}

// -------------------------------------------------------------------------------------------------
// The roadmap as a tree, with computed totals and completeness

export type Tree = ReturnType<typeof buildTree>

export function buildTree(items: Item[]) {
	const of = (kind: Kind) => items.filter((item) => item.kind === kind)
	const children = (parentId: string, kind: Kind) => items.filter((item) => item.parentId === parentId && item.kind === kind)
	const pillars = of('pillar').map((pillar) => ({
		...pillar,
		objectives: children(pillar.id, 'objective').map((objective) => ({
			...objective,
			indicators: children(objective.id, 'indicator'),
			actions: children(objective.id, 'action').map((action) => ({ ...action, indicators: children(action.id, 'indicator') })),
		})),
	}))
	return {
		toc: of('toc')[0] ?? null,
		pathways: of('pathway'),
		assumptions: of('assumption'),
		risks: of('risk'),
		pillars,
		mechanism: of('mechanism')[0] ?? null,
		members: of('member'),
		partners: of('partner'),
		objectives: pillars.flatMap((p) => p.objectives),
		actions: pillars.flatMap((p) => p.objectives.flatMap((o) => o.actions)),
		indicators: of('indicator'),
	}
}

/** Totals computed from the actions — never typed. Amounts in minor units. */
export function budgetTotals(tree: Tree) {
	const byPillar = tree.pillars.map((pillar) => {
		const actions = pillar.objectives.flatMap((o) => o.actions)
		const total = actions.reduce((sum, a) => sum + (typeof a.data.cost === 'number' ? a.data.cost : 0), 0)
		const funded = actions.reduce((sum, a) => sum + (a.data.committed && typeof a.data.cost === 'number' ? a.data.cost : 0), 0)
		return { id: pillar.id, name: String(pillar.data.name ?? ''), total, funded }
	})
	const bySource = FUNDING_SOURCES.map((source) => ({
		source,
		total: tree.actions
			.filter((a) => a.data.source === source)
			.reduce((sum, a) => sum + (typeof a.data.cost === 'number' ? a.data.cost : 0), 0),
	}))
	const unassigned = tree.actions
		.filter((a) => !a.data.source)
		.reduce((sum, a) => sum + (typeof a.data.cost === 'number' ? a.data.cost : 0), 0)
	const total = byPillar.reduce((sum, p) => sum + p.total, 0)
	const funded = byPillar.reduce((sum, p) => sum + p.funded, 0)
	return { byPillar, bySource, unassigned, total, funded, fundedShare: total ? funded / total : 0 }
}

export type Gap = { section: Section; key: string; itemId?: string; label?: string }

/** What each section still lacks. */
export function completeness(tree: Tree): Gap[] {
	const gaps: Gap[] = []
	const label = (item: { data: ItemData }, field: string) => String(item.data[field] ?? '').slice(0, 80)
	if (!tree.toc?.data.problem) gaps.push({ section: 'theory-of-change', key: 'noProblem' })
	if (!tree.toc?.data.change) gaps.push({ section: 'theory-of-change', key: 'noChange' })
	if (!tree.pathways.length) gaps.push({ section: 'theory-of-change', key: 'noPathway' })
	if (!tree.assumptions.length) gaps.push({ section: 'theory-of-change', key: 'noAssumption' })
	if (!tree.risks.length) gaps.push({ section: 'theory-of-change', key: 'noRisk' })
	for (const pillar of tree.pillars) {
		if (!pillar.objectives.length)
			gaps.push({ section: 'strategic-design', key: 'pillarWithoutObjective', itemId: pillar.id, label: label(pillar, 'name') })
	}
	for (const objective of tree.objectives) {
		if (!objective.actions.length)
			gaps.push({ section: 'strategic-design', key: 'objectiveWithoutAction', itemId: objective.id, label: label(objective, 'statement') })
		const indicatorCount = objective.indicators.length + objective.actions.reduce((n, a) => n + a.indicators.length, 0)
		if (!indicatorCount)
			gaps.push({ section: 'monitoring', key: 'objectiveWithoutIndicator', itemId: objective.id, label: label(objective, 'statement') })
	}
	for (const action of tree.actions) {
		if (!action.data.lead)
			gaps.push({ section: 'strategic-design', key: 'actionWithoutLead', itemId: action.id, label: label(action, 'description') })
		if (typeof action.data.cost !== 'number')
			gaps.push({ section: 'gender-budgeting', key: 'actionWithoutCost', itemId: action.id, label: label(action, 'description') })
		else if (!action.data.source)
			gaps.push({ section: 'gender-budgeting', key: 'actionWithoutSource', itemId: action.id, label: label(action, 'description') })
		if (!action.data.level)
			gaps.push({ section: 'localization', key: 'actionWithoutLevel', itemId: action.id, label: label(action, 'description') })
	}
	if (!tree.mechanism?.data.name) gaps.push({ section: 'coordination', key: 'noMechanism' })
	if (!tree.members.length) gaps.push({ section: 'coordination', key: 'noMembers' })
	for (const indicator of tree.indicators) {
		const text = label(indicator, 'statement')
		if (!indicator.data.baselineValue)
			gaps.push({ section: 'monitoring', key: 'indicatorWithoutBaseline', itemId: indicator.id, label: text })
		if (!indicator.data.targetValue) gaps.push({ section: 'monitoring', key: 'indicatorWithoutTarget', itemId: indicator.id, label: text })
		if (!indicator.data.means) gaps.push({ section: 'monitoring', key: 'indicatorWithoutMeans', itemId: indicator.id, label: text })
	}
	return gaps
}

const REPORTS_PER_YEAR = { monthly: 12, quarterly: 4, biannual: 2, annual: 1 } as const

/** The reporting calendar that follows from the indicators' frequencies: reports due per period. */
export function reportingCalendar(tree: Tree, year: number) {
	const months = Array.from({ length: 12 }, (_, month) => ({
		month,
		indicators: [] as Array<{ id: string; statement: string; reporter: string }>,
	}))
	for (const indicator of tree.indicators) {
		const frequency = indicator.data.frequency as keyof typeof REPORTS_PER_YEAR | null
		if (!frequency) continue
		const every = 12 / REPORTS_PER_YEAR[frequency]
		for (let month = every - 1; month < 12; month += every) {
			months[month]!.indicators.push({
				id: indicator.id,
				statement: String(indicator.data.statement ?? ''),
				reporter: String(indicator.data.reporter ?? ''),
			})
		}
	}
	return { year, months: months.filter((m) => m.indicators.length) }
}

// -------------------------------------------------------------------------------------------------
// Writing

async function recordChange(
	executor: Executor,
	change: {
		roadmapId: string
		itemId: string | null
		kind: string
		change: string
		before: unknown
		after: unknown
		userId: string | null
	},
) {
	await executor
		.insertInto('roadmap_changes')
		.values({
			roadmap_id: change.roadmapId,
			item_id: change.itemId,
			kind: change.kind,
			change: change.change,
			before: change.before === null || change.before === undefined ? null : JSON.stringify(change.before),
			after: change.after === null || change.after === undefined ? null : JSON.stringify(change.after),
			user_id: change.userId,
			created_at: nowIso(),
		})
		.execute()
	await executor.updateTable('roadmaps').set({ updated_at: nowIso() }).where('id', '=', change.roadmapId).execute()
}

function snapshot(item: Pick<Item, 'kind' | 'parentId' | 'position' | 'data'>) {
	return { kind: item.kind, parentId: item.parentId, position: item.position, data: item.data }
}

async function insertItem(
	executor: Executor,
	input: { roadmapId: string; kind: Kind; parentId: string | null; position: number; data: ItemData; userId: string | null; id?: string },
) {
	const id = input.id ?? crypto.randomUUID()
	const now = nowIso()
	await executor
		.insertInto('roadmap_items')
		.values({
			id,
			roadmap_id: input.roadmapId,
			kind: input.kind,
			parent_id: input.parentId,
			position: input.position,
			data: JSON.stringify(input.data),
			created_at: now,
			updated_at: now,
			updated_by: input.userId,
		})
		.execute()
	await recordChange(executor, {
		roadmapId: input.roadmapId,
		itemId: id,
		kind: input.kind,
		change: 'create',
		before: null,
		after: snapshot(input),
		userId: input.userId,
	})
	return id
}

export type SaveResult =
	| { ok: true; id: string; version: number }
	| { ok: false; reason: 'invalid'; errors: Record<string, string[]> }
	| { ok: false; reason: 'conflict'; current: Item; mine: ItemData }
	| { ok: false; reason: 'notFound' | 'badParent' }

/** Creates an item of a kind (under a parent when the kind has one). */
export async function createItem(
	roadmap: Roadmap,
	userId: string,
	input: { kind: Kind; parentId?: string | null; form: Record<string, FormDataEntryValue | undefined> },
): Promise<SaveResult> {
	const spec = KINDS[input.kind] as { parent?: readonly string[]; singleton?: boolean }
	const validated = validateItem(input.kind, input.form, { currency: roadmap.currency })
	if (!validated.ok) return { ok: false, reason: 'invalid', errors: validated.errors }
	return db.transaction().execute(async (trx) => {
		const items = await roadmapItems(roadmap.id, trx)
		let parentId: string | null = null
		if (spec.parent) {
			const parent = items.find((item) => item.id === input.parentId)
			if (!parent || !spec.parent.includes(parent.kind)) return { ok: false as const, reason: 'badParent' as const }
			parentId = parent.id
		}
		if (spec.singleton && items.some((item) => item.kind === input.kind)) return { ok: false as const, reason: 'badParent' as const }
		const siblings = items.filter((item) => item.kind === input.kind && item.parentId === parentId)
		const position = siblings.reduce((max, item) => Math.max(max, item.position + 1), 0)
		const id = await insertItem(trx, { roadmapId: roadmap.id, kind: input.kind, parentId, position, data: validated.data, userId })
		return { ok: true as const, id, version: 1 }
	})
}

/**
 * Updates some fields of an item, only if nobody saved it since `version`. A stale save is refused
 * with the current item, so the person can merge their text into it.
 */
export async function updateItem(
	roadmap: Roadmap,
	userId: string,
	input: { id: string; version: number; fields?: string[]; form: Record<string, FormDataEntryValue | undefined>; change?: string },
): Promise<SaveResult> {
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.selectFrom('roadmap_items')
			.selectAll()
			.where('id', '=', input.id)
			.where('roadmap_id', '=', roadmap.id)
			.executeTakeFirst()
		if (!row || !isKind(row.kind)) return { ok: false as const, reason: 'notFound' as const }
		const current = parseRow(row)
		const validated = validateItem(current.kind, input.form, { currency: roadmap.currency, fields: input.fields })
		if (!validated.ok) return { ok: false as const, reason: 'invalid' as const, errors: validated.errors }
		if (current.version !== input.version) {
			return { ok: false as const, reason: 'conflict' as const, current, mine: validated.data }
		}
		const data = { ...current.data, ...validated.data }
		const updated = await trx
			.updateTable('roadmap_items')
			.set({ data: JSON.stringify(data), version: current.version + 1, updated_at: nowIso(), updated_by: userId })
			.where('id', '=', current.id)
			.where('version', '=', input.version)
			.executeTakeFirst()
		if (Number(updated.numUpdatedRows) !== 1) return { ok: false as const, reason: 'conflict' as const, current, mine: validated.data }
		await recordChange(trx, {
			roadmapId: roadmap.id,
			itemId: current.id,
			kind: current.kind,
			change: input.change ?? 'update',
			before: snapshot(current),
			after: snapshot({ ...current, data }),
			userId,
		})
		return { ok: true as const, id: current.id, version: current.version + 1 }
	})
}

/** Deletes an item; refused while it still has items under it, or when someone changed it meanwhile. */
export async function deleteItem(roadmap: Roadmap, userId: string, input: { id: string; version: number }) {
	return db.transaction().execute(async (trx) => {
		const items = await roadmapItems(roadmap.id, trx)
		const item = items.find((i) => i.id === input.id)
		if (!item) return { ok: false as const, reason: 'notFound' as const }
		if (item.version !== input.version) return { ok: false as const, reason: 'conflict' as const }
		if (items.some((i) => i.parentId === item.id)) return { ok: false as const, reason: 'hasChildren' as const }
		await trx.deleteFrom('roadmap_items').where('id', '=', item.id).execute()
		await recordChange(trx, {
			roadmapId: roadmap.id,
			itemId: item.id,
			kind: item.kind,
			change: 'delete',
			before: snapshot(item),
			after: null,
			userId,
		})
		return { ok: true as const }
	})
}

/** Moves an item one place up or down among its siblings. */
export async function moveItem(roadmap: Roadmap, userId: string, input: { id: string; direction: 'up' | 'down' }) {
	return db.transaction().execute(async (trx) => {
		const items = await roadmapItems(roadmap.id, trx)
		const item = items.find((i) => i.id === input.id)
		if (!item) return { ok: false as const, reason: 'notFound' as const }
		const siblings = items.filter((i) => i.kind === item.kind && i.parentId === item.parentId)
		const index = siblings.findIndex((i) => i.id === item.id)
		const other = siblings[input.direction === 'up' ? index - 1 : index + 1]
		if (!other) return { ok: true as const }
		// Renumber the siblings so positions stay distinct, then swap the two.
		const order = siblings.map((s) => s.id)
		order.splice(index, 1)
		order.splice(input.direction === 'up' ? index - 1 : index + 1, 0, item.id)
		for (const [position, id] of order.entries()) {
			const sibling = siblings.find((s) => s.id === id)!
			if (sibling.position === position) continue
			await trx
				.updateTable('roadmap_items')
				.set({ position, version: sibling.version + 1 })
				.where('id', '=', id)
				.execute()
			await recordChange(trx, {
				roadmapId: roadmap.id,
				itemId: id,
				kind: sibling.kind,
				change: 'move',
				before: snapshot(sibling),
				after: snapshot({ ...sibling, position }),
				userId,
			})
		}
		return { ok: true as const }
	})
}

export const SettingsSchema = z.object({
	currency: z.string().trim().toUpperCase().refine(isCurrency, { error: 'roadmap.errors.currency' }),
})

/**
 * Changes the roadmap's currency. Amounts are kept as typed (same minor units) when the number of
 * decimals is the same; otherwise they are converted to the new minor units.
 */
export async function setCurrency(roadmap: Roadmap, userId: string, currency: string) {
	if (currency === roadmap.currency) return
	await db.transaction().execute(async (trx) => {
		const factor = 10 ** (currencyDigits(currency) - currencyDigits(roadmap.currency))
		if (factor !== 1) {
			for (const action of (await roadmapItems(roadmap.id, trx)).filter((i) => i.kind === 'action' && typeof i.data.cost === 'number')) {
				const data = { ...action.data, cost: Math.round((action.data.cost as number) * factor) }
				await trx
					.updateTable('roadmap_items')
					.set({ data: JSON.stringify(data), version: action.version + 1 })
					.where('id', '=', action.id)
					.execute()
			}
		}
		await trx
			.updateTable('roadmaps')
			.set({ currency, version: roadmap.version + 1 })
			.where('id', '=', roadmap.id)
			.execute()
		await recordChange(trx, {
			roadmapId: roadmap.id,
			itemId: null,
			kind: 'roadmap',
			change: 'settings',
			before: { currency: roadmap.currency },
			after: { currency },
			userId,
		})
	})
}

export async function setStatus(roadmap: Roadmap, userId: string, status: 'draft' | 'review' | 'final') {
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('roadmaps')
			.set({ status, version: roadmap.version + 1 })
			.where('id', '=', roadmap.id)
			.execute()
		await recordChange(trx, {
			roadmapId: roadmap.id,
			itemId: null,
			kind: 'roadmap',
			change: 'status',
			before: { status: roadmap.status },
			after: { status },
			userId,
		})
	})
}

export async function setShared(roadmap: Roadmap, userId: string, shared: boolean) {
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('roadmaps')
			.set({ shared_with_cohort: shared ? 1 : 0 })
			.where('id', '=', roadmap.id)
			.execute()
		await recordChange(trx, {
			roadmapId: roadmap.id,
			itemId: null,
			kind: 'roadmap',
			change: 'sharing',
			before: { shared: roadmap.shared_with_cohort === 1 },
			after: { shared },
			userId,
		})
	})
}

// -------------------------------------------------------------------------------------------------
// History

export async function roadmapHistory(roadmapId: string, limit = 500) {
	const rows = await db
		.selectFrom('roadmap_changes as c')
		.leftJoin('users as u', 'u.id', 'c.user_id')
		.select(['c.id', 'c.item_id', 'c.kind', 'c.change', 'c.before', 'c.after', 'c.created_at', 'u.name as userName'])
		.where('c.roadmap_id', '=', roadmapId)
		.orderBy('c.id', 'desc')
		.limit(limit)
		.execute()
	return rows.map((row) => ({
		...row,
		before: row.before ? (JSON.parse(row.before) as { data?: ItemData } & Record<string, unknown>) : null,
		after: row.after ? (JSON.parse(row.after) as { data?: ItemData } & Record<string, unknown>) : null,
	}))
}

/** The roadmap's items as they were right after change number `changeId` (every item is created with a history entry, so replaying the history rebuilds it). */
export async function itemsAsOf(roadmapId: string, changeId: number): Promise<Item[]> {
	const changes = await db
		.selectFrom('roadmap_changes')
		.select(['id', 'item_id', 'change', 'after', 'created_at', 'user_id'])
		.where('roadmap_id', '=', roadmapId)
		.where('id', '<=', changeId)
		.where('item_id', 'is not', null)
		.orderBy('id')
		.execute()
	const state = new Map<string, Item>()
	for (const change of changes) {
		const id = change.item_id!
		// Reported indicator values do not change the item itself.
		if (change.change === 'report') continue
		if (change.change === 'delete') {
			state.delete(id)
			continue
		}
		const after = JSON.parse(change.after!) as { kind: Kind; parentId: string | null; position: number; data: ItemData }
		const previous = state.get(id)
		state.set(id, {
			id,
			kind: after.kind,
			parentId: after.parentId,
			position: after.position,
			data: after.data,
			version: (previous?.version ?? 0) + 1,
			updatedAt: change.created_at,
			updatedBy: change.user_id,
		})
	}
	return [...state.values()].sort((a, b) => a.position - b.position)
}

// -------------------------------------------------------------------------------------------------
// Comments

export async function roadmapComments(roadmapId: string, section?: Section) {
	let query = db
		.selectFrom('roadmap_comments as c')
		.leftJoin('users as u', 'u.id', 'c.user_id')
		.leftJoin('users as r', 'r.id', 'c.resolved_by')
		.select(['c.id', 'c.section', 'c.item_id', 'c.body', 'c.created_at', 'c.resolved_at', 'u.name as author', 'r.name as resolvedBy'])
		.where('c.roadmap_id', '=', roadmapId)
		.orderBy('c.id')
	if (section) query = query.where('c.section', '=', section)
	return query.execute()
}

export async function addComment(roadmap: Roadmap, userId: string, input: { section: Section; itemId: string | null; body: string }) {
	if (input.itemId) {
		const item = await db
			.selectFrom('roadmap_items')
			.select('id')
			.where('id', '=', input.itemId)
			.where('roadmap_id', '=', roadmap.id)
			.executeTakeFirst()
		if (!item) return { ok: false as const }
	}
	await db
		.insertInto('roadmap_comments')
		.values({
			roadmap_id: roadmap.id,
			section: input.section,
			item_id: input.itemId,
			user_id: userId,
			body: input.body,
			created_at: nowIso(),
		})
		.execute()
	return { ok: true as const }
}

export async function setCommentResolved(roadmap: Roadmap, userId: string, commentId: number, resolved: boolean) {
	const result = await db
		.updateTable('roadmap_comments')
		.set({ resolved_at: resolved ? nowIso() : null, resolved_by: resolved ? userId : null })
		.where('id', '=', commentId)
		.where('roadmap_id', '=', roadmap.id)
		.executeTakeFirst()
	return Number(result.numUpdatedRows) === 1
}

// -------------------------------------------------------------------------------------------------
// Periods, for display

export function periodLabel(value: unknown) {
	return typeof value === 'string' && periodMonths(value) ? value : ''
}

// -------------------------------------------------------------------------------------------------
// Implementation (after the convening): kept apart from design edits in the history

export const ActionStatusUpdate = z.object({
	status: z.enum(['planned', 'in_progress', 'done', 'delayed', 'dropped'], { error: 'roadmap.errors.option' }),
	note: z.string().trim().max(2000, { error: 'roadmap.errors.tooLong' }).optional().default(''),
	dated: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'forms.dateInvalid' }),
})

export const IndicatorReport = z.object({
	period: z.string().trim().min(4, { error: 'roadmap.errors.required' }).max(40, { error: 'roadmap.errors.tooLong' }),
	value: z.string().trim().min(1, { error: 'roadmap.errors.required' }).max(60, { error: 'roadmap.errors.tooLong' }),
	dated: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'forms.dateInvalid' }),
	source: z.string().trim().max(300, { error: 'roadmap.errors.tooLong' }).optional().default(''),
})

/** An action's implementation status with a dated note. */
export async function recordActionStatus(roadmap: Roadmap, userId: string, actionId: string, input: z.output<typeof ActionStatusUpdate>) {
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.selectFrom('roadmap_items')
			.selectAll()
			.where('id', '=', actionId)
			.where('roadmap_id', '=', roadmap.id)
			.where('kind', '=', 'action')
			.executeTakeFirst()
		if (!row) return false
		const current = parseRow(row)
		const data = { ...current.data, status: input.status }
		await trx
			.updateTable('roadmap_items')
			.set({ data: JSON.stringify(data), version: current.version + 1, updated_at: nowIso(), updated_by: userId })
			.where('id', '=', actionId)
			.execute()
		await trx
			.insertInto('implementation_updates')
			.values({
				roadmap_id: roadmap.id,
				item_id: actionId,
				kind: 'action_status',
				status: input.status,
				note: input.note,
				dated: input.dated,
				user_id: userId,
				created_at: nowIso(),
			})
			.execute()
		await recordChange(trx, {
			roadmapId: roadmap.id,
			itemId: actionId,
			kind: 'action',
			change: 'implementation',
			before: snapshot(current),
			after: { ...snapshot({ ...current, data }), note: input.note, dated: input.dated },
			userId,
		})
		return true
	})
}

/** A reported value of an indicator for a period. */
export async function reportIndicatorValue(roadmap: Roadmap, userId: string, indicatorId: string, input: z.output<typeof IndicatorReport>) {
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.selectFrom('roadmap_items')
			.selectAll()
			.where('id', '=', indicatorId)
			.where('roadmap_id', '=', roadmap.id)
			.where('kind', '=', 'indicator')
			.executeTakeFirst()
		if (!row) return { ok: false as const, error: 'roadmap.errors.notFound' }
		const indicator = parseRow(row)
		if ((indicator.data.measure === 'number' || indicator.data.measure === 'percent') && !/^-?\d+([.,]\d+)?$/.test(input.value)) {
			return { ok: false as const, error: 'roadmap.errors.number' }
		}
		await trx
			.insertInto('implementation_updates')
			.values({
				roadmap_id: roadmap.id,
				item_id: indicatorId,
				kind: 'indicator_value',
				period: input.period,
				value: input.value,
				source: input.source,
				dated: input.dated,
				user_id: userId,
				created_at: nowIso(),
			})
			.execute()
		await recordChange(trx, {
			roadmapId: roadmap.id,
			itemId: indicatorId,
			kind: 'indicator',
			change: 'report',
			before: null,
			after: { period: input.period, value: input.value, dated: input.dated, source: input.source },
			userId,
		})
		return { ok: true as const }
	})
}

/** The latest implementation update per item (action status notes, indicator values). */
export async function latestImplementation(roadmapId: string) {
	const rows = await db
		.selectFrom('implementation_updates as u')
		.leftJoin('users as p', 'p.id', 'u.user_id')
		.select([
			'u.id',
			'u.item_id',
			'u.kind',
			'u.status',
			'u.note',
			'u.period',
			'u.value',
			'u.source',
			'u.dated',
			'u.created_at',
			'p.name as userName',
		])
		.where('u.roadmap_id', '=', roadmapId)
		.orderBy('u.dated')
		.orderBy('u.id')
		.execute()
	const latest: Record<string, (typeof rows)[number]> = {}
	for (const row of rows) latest[row.item_id] = row
	return latest
}
