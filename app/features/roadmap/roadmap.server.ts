/**
 * Roadmaps: one per delegation, made of items (see kinds.ts), read here. Every change goes through
 * `applyChange` (items.server.ts), which keeps the history that `itemsAsOf` replays.
 */
import { type z } from 'zod'
import { excerpt } from '#app/features/notifications/notifications.ts'
import { delegationMemberIds, notify } from '#app/features/notifications/notify.server.ts'
import { db } from '#app/utils/db.server.ts'
import { nowIso } from '#app/utils/misc.ts'
import { costLinesOf, costTotals, FUNDING_SOURCES, type ItemData, type Kind, type Section } from '#app/features/roadmap/kinds.ts'
import {
	type DuePeriod,
	type IndicatorReportRow,
	type IndicatorSeries,
	indicatorSeries,
	missingReport,
} from '#app/features/roadmap/indicator-series.ts'
import { type Item, readItems } from '#app/features/roadmap/items.server.ts'
import { CHANGE_JSON, type ChangeName, ItemSnapshot } from '#app/features/roadmap/schemas.ts'
import type { CommentRow } from '#app/features/roadmap/threads.ts'
import type { Roadmap } from '#db/schema.ts'
import type { Viewer } from '#app/utils/permissions.server.ts'

export type { Item } from '#app/features/roadmap/items.server.ts'

export async function getRoadmapByDelegation(delegationId: string) {
	return db.selectFrom('roadmaps').selectAll().where('delegation_id', '=', delegationId).executeTakeFirst()
}

export async function roadmapItems(roadmapId: string): Promise<Item[]> {
	return readItems(db, roadmapId)
}

// -------------------------------------------------------------------------------------------------
// The roadmap as a tree, with computed totals and completeness

/** What a tree's computations read of an item (a page's tree holds just this). */
export type TreeItem = Pick<Item, 'id' | 'kind' | 'parentId' | 'version' | 'data'>
export type Tree = ReturnType<typeof buildTree<TreeItem>>

export function buildTree<T extends TreeItem = Item>(items: T[]) {
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
		milestones: of('milestone'),
		partners: of('partner'),
		objectives: pillars.flatMap((p) => p.objectives),
		actions: pillars.flatMap((p) => p.objectives.flatMap((o) => o.actions)),
		indicators: of('indicator'),
	}
}

/**
 * Totals computed from the actions' cost lines — never typed. Amounts in minor units; funded is what
 * the committed lines add up to, and the gap the rest.
 */
export function budgetTotals(tree: Tree) {
	const linesOf = (actions: TreeItem[]) => actions.flatMap((a) => costLinesOf(a.data))
	const byPillar = tree.pillars.map((pillar) => {
		const { total, committed } = costTotals(linesOf(pillar.objectives.flatMap((o) => o.actions)))
		return { id: pillar.id, name: String(pillar.data.name ?? ''), total, funded: committed }
	})
	const lines = linesOf(tree.actions)
	const bySource = FUNDING_SOURCES.map((source) => {
		const { total, committed } = costTotals(lines.filter((line) => line.source === source))
		return { source, total, funded: committed }
	})
	const unassigned = costTotals(lines.filter((line) => !line.source)).total
	const total = byPillar.reduce((sum, p) => sum + p.total, 0)
	const funded = byPillar.reduce((sum, p) => sum + p.funded, 0)
	return { byPillar, bySource, unassigned, total, funded, gap: total - funded, fundedShare: total ? funded / total : 0 }
}

export type Gap = { section: Section; key: string; itemId?: string; label?: string }

/**
 * What each section still lacks, following the curriculum: every objective has an action and an
 * indicator; every action a lead, a period and at least one cost line, each with its source; every indicator a unit (unless
 * it is measured in words), a baseline, a target and a means of verification. A section with nothing
 * in it is never "nothing missing": it says what to add first.
 */
export function completeness(tree: Tree): Gap[] {
	const gaps: Gap[] = []
	const label = (item: { data: ItemData }, field: string) => String(item.data[field] ?? '').slice(0, 80)
	if (!tree.toc?.data.problem) gaps.push({ section: 'theory-of-change', key: 'noProblem' })
	if (!tree.toc?.data.change) gaps.push({ section: 'theory-of-change', key: 'noChange' })
	if (!tree.pathways.length) gaps.push({ section: 'theory-of-change', key: 'noPathway' })
	if (!tree.assumptions.length) gaps.push({ section: 'theory-of-change', key: 'noAssumption' })
	if (!tree.risks.length) gaps.push({ section: 'theory-of-change', key: 'noRisk' })
	if (!tree.pillars.length) gaps.push({ section: 'strategic-design', key: 'noPillar' })
	if (!tree.actions.length) {
		gaps.push({ section: 'gender-budgeting', key: 'noActions' })
		gaps.push({ section: 'localization', key: 'noActions' })
	}
	if (!tree.indicators.length) gaps.push({ section: 'monitoring', key: 'noIndicator' })
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
		if (!action.data.start || !action.data.end)
			gaps.push({ section: 'strategic-design', key: 'actionWithoutPeriod', itemId: action.id, label: label(action, 'description') })
		const lines = costLinesOf(action.data)
		if (!lines.length)
			gaps.push({ section: 'gender-budgeting', key: 'actionWithoutCost', itemId: action.id, label: label(action, 'description') })
		else if (lines.some((line) => !line.source))
			gaps.push({ section: 'gender-budgeting', key: 'actionWithoutSource', itemId: action.id, label: label(action, 'description') })
		if (!action.data.level)
			gaps.push({ section: 'localization', key: 'actionWithoutLevel', itemId: action.id, label: label(action, 'description') })
	}
	if (!tree.mechanism?.data.name) gaps.push({ section: 'coordination', key: 'noMechanism' })
	if (!tree.members.length) gaps.push({ section: 'coordination', key: 'noMembers' })
	for (const indicator of tree.indicators) {
		const text = label(indicator, 'statement')
		if (!indicator.data.unit && indicator.data.measure !== 'text')
			gaps.push({ section: 'monitoring', key: 'indicatorWithoutUnit', itemId: indicator.id, label: text })
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
// History

type ChangeRow = { id: number; item_id: string | null; kind: string; change: string; before: string | null; after: string | null }
type Parsed<C extends ChangeName> = {
	change: C
	before: z.output<(typeof CHANGE_JSON)[C]['before']>
	after: z.output<(typeof CHANGE_JSON)[C]['after']>
}
export type ParsedChange = { [C in ChangeName]: Parsed<C> }[ChangeName]

/** A history row with its JSON parsed by the schema of its change: a row that does not parse is a server error. */
export function parseChange<Row extends ChangeRow>(row: Row): Omit<Row, 'change' | 'before' | 'after'> & ParsedChange {
	if (!(row.change in CHANGE_JSON)) throw new Error(`roadmap_changes ${row.id}: unknown change ${JSON.stringify(row.change)}`)
	const schemas = CHANGE_JSON[row.change as ChangeName]
	const parse = (schema: z.ZodType, text: string | null, column: string) => {
		let json: unknown = null
		try {
			json = text === null ? null : JSON.parse(text)
		} catch {
			throw new Error(`roadmap_changes ${row.id}: ${column} is not JSON`)
		}
		const result = schema.safeParse(json)
		if (!result.success) throw new Error(`roadmap_changes ${row.id}: ${column} does not fit a ${row.change}: ${result.error.message}`)
		return result.data
	}
	return {
		...row,
		change: row.change,
		before: parse(schemas.before, row.before, 'before'),
		after: parse(schemas.after, row.after, 'after'),
	} as Omit<Row, 'change' | 'before' | 'after'> & ParsedChange
}

export async function roadmapHistory(roadmapId: string, limit = 500) {
	const rows = await db
		.selectFrom('roadmap_changes as c')
		.leftJoin('users as u', 'u.id', 'c.user_id')
		.select(['c.id', 'c.item_id', 'c.kind', 'c.change', 'c.before', 'c.after', 'c.created_at', 'u.name as userName'])
		.where('c.roadmap_id', '=', roadmapId)
		.orderBy('c.id', 'desc')
		.limit(limit)
		.execute()
	return rows.map(parseChange)
}

/** The roadmap's items as they were right after change number `changeId` (every item is created with a history entry, so replaying the history rebuilds it). */
export async function itemsAsOf(roadmapId: string, changeId: number): Promise<Item[]> {
	const rows = await db
		.selectFrom('roadmap_changes')
		.select(['id', 'item_id', 'kind', 'change', 'before', 'after', 'created_at', 'user_id'])
		.where('roadmap_id', '=', roadmapId)
		.where('id', '<=', changeId)
		.where('item_id', 'is not', null)
		.orderBy('id')
		.execute()
	const state = new Map<string, Item>()
	for (const change of rows.map(parseChange)) {
		const id = change.item_id!
		// Reported indicator values do not change the item itself.
		if (change.change === 'report') continue
		if (change.change === 'delete') {
			state.delete(id)
			continue
		}
		if (
			change.change !== 'create' &&
			change.change !== 'update' &&
			change.change !== 'move' &&
			change.change !== 'implementation' &&
			change.change !== 'restore'
		) {
			throw new Error(`roadmap_changes ${change.id}: a ${change.change} is not about an item`)
		}
		const after = ItemSnapshot.parse(change.after)
		const previous = state.get(id)
		state.set(id, {
			id,
			kind: after.kind,
			parentId: after.parentId,
			position: after.position,
			data: after.data,
			// A restored item carries on from the version it was deleted at.
			version: change.change === 'restore' ? change.after.version : (previous?.version ?? 0) + 1,
			updatedAt: change.created_at,
			updatedBy: change.user_id,
		})
	}
	return [...state.values()].sort((a, b) => a.position - b.position)
}

/** The roadmap's currency right after change number `changeId`, so amounts of that moment show in their own currency. */
export async function currencyAsOf(roadmap: Roadmap, changeId: number) {
	const settings = (
		await db
			.selectFrom('roadmap_changes')
			.select(['id', 'item_id', 'kind', 'change', 'before', 'after'])
			.where('roadmap_id', '=', roadmap.id)
			.where('change', '=', 'settings')
			.orderBy('id')
			.execute()
	).map(parseChange)
	const currency = (entry: (typeof settings)[number] | undefined, side: 'before' | 'after') =>
		entry?.change === 'settings' ? entry[side].currency : undefined
	return (
		currency(settings.filter((s) => s.id <= changeId).at(-1), 'after') ??
		currency(
			settings.find((s) => s.id > changeId),
			'before',
		) ??
		roadmap.currency
	)
}

// -------------------------------------------------------------------------------------------------
// Comments, in threads: a thread's first comment may be about one item (else about the section);
// replies answer it, in order, one level deep. Resolving (and reopening) is the thread's.

export async function roadmapComments(roadmapId: string, section?: Section): Promise<CommentRow[]> {
	let query = db
		.selectFrom('roadmap_comments as c')
		.leftJoin('users as u', 'u.id', 'c.user_id')
		.leftJoin('users as r', 'r.id', 'c.resolved_by')
		.select([
			'c.id',
			'c.section',
			'c.item_id',
			'c.parent_id',
			'c.body',
			'c.created_at',
			'c.resolved_at',
			'u.name as author',
			'r.name as resolvedBy',
		])
		.where('c.roadmap_id', '=', roadmapId)
		.orderBy('c.id')
	if (section) query = query.where('c.section', '=', section)
	return query.execute()
}

/** A comment of this roadmap's section, and the first comment of its thread (itself, or the one it answers). */
async function threadOf(roadmap: Roadmap, section: Section, commentId: number) {
	const comment = await db
		.selectFrom('roadmap_comments')
		.select(['id', 'parent_id', 'item_id'])
		.where('id', '=', commentId)
		.where('roadmap_id', '=', roadmap.id)
		.where('section', '=', section)
		.executeTakeFirst()
	if (!comment) return null
	if (comment.parent_id === null) return comment
	return (
		(await db
			.selectFrom('roadmap_comments')
			.select(['id', 'parent_id', 'item_id'])
			.where('id', '=', comment.parent_id)
			.where('roadmap_id', '=', roadmap.id)
			.executeTakeFirst()) ?? null
	)
}

/**
 * Starts a thread (about the section, or about one of the roadmap's items) or, with `replyTo`,
 * answers one: a reply to a reply joins the same thread, about the thread's item. A comment of
 * another roadmap or section, or an item of another roadmap, is not found.
 */
export async function addComment(
	roadmap: Roadmap,
	actor: { id: string; name: string },
	input: { section: Section; itemId: string | null; body: string; replyTo?: number },
	origin: string,
) {
	let itemId = input.itemId
	let parentId: number | null = null
	if (input.replyTo !== undefined) {
		const thread = await threadOf(roadmap, input.section, input.replyTo)
		if (!thread) return { ok: false as const }
		parentId = thread.id
		itemId = thread.item_id
	} else if (itemId) {
		const item = await db
			.selectFrom('roadmap_items')
			.select('id')
			.where('id', '=', itemId)
			.where('roadmap_id', '=', roadmap.id)
			.executeTakeFirst()
		if (!item) return { ok: false as const }
	}
	// The comment and its notifications together: the delegation, and whoever wrote in the thread.
	return db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('roadmap_comments')
			.values({
				roadmap_id: roadmap.id,
				section: input.section,
				item_id: itemId,
				parent_id: parentId,
				user_id: actor.id,
				body: input.body,
				created_at: nowIso(),
			})
			.returning('id')
			.executeTakeFirstOrThrow()
		const threadId = parentId ?? row.id
		const [members, writers, delegation] = await Promise.all([
			delegationMemberIds(trx, roadmap.delegation_id),
			parentId === null
				? Promise.resolve([])
				: trx
						.selectFrom('roadmap_comments')
						.select('user_id')
						.where((eb) => eb.or([eb('id', '=', threadId), eb('parent_id', '=', threadId)]))
						.execute(),
			trx.selectFrom('delegations').select('country_code').where('id', '=', roadmap.delegation_id).executeTakeFirstOrThrow(),
		])
		await notify(trx, {
			userIds: [...members, ...writers.map((w) => w.user_id)],
			except: actor.id,
			notification: {
				kind: 'comment',
				data: {
					delegationId: roadmap.delegation_id,
					countryCode: delegation.country_code,
					section: input.section,
					commentId: row.id,
					reply: parentId !== null,
					byName: actor.name,
					excerpt: excerpt(input.body),
				},
			},
			origin,
		})
		return { ok: true as const, id: row.id, threadId }
	})
}

/** Resolves or reopens the thread of a comment of this roadmap's section (resolving a reply resolves its thread); null when there is no such comment. */
export async function setCommentResolved(roadmap: Roadmap, userId: string, section: Section, commentId: number, resolved: boolean) {
	const thread = await threadOf(roadmap, section, commentId)
	if (!thread) return null
	await db
		.updateTable('roadmap_comments')
		.set({ resolved_at: resolved ? nowIso() : null, resolved_by: resolved ? userId : null })
		.where('id', '=', thread.id)
		.execute()
	return { threadId: thread.id }
}

// -------------------------------------------------------------------------------------------------
// Implementation (after the convening): kept apart from design edits in the history

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

/** Every value reported for the roadmap's indicators, by indicator, in the order they were entered. */
export async function indicatorReports(roadmapId: string): Promise<Record<string, IndicatorReportRow[]>> {
	const rows = await db
		.selectFrom('implementation_updates')
		.select(['id', 'item_id', 'period', 'value', 'dated', 'source'])
		.where('roadmap_id', '=', roadmapId)
		.where('kind', '=', 'indicator_value')
		.orderBy('id')
		.execute()
	const byItem: Record<string, IndicatorReportRow[]> = {}
	for (const { item_id, ...row } of rows) (byItem[item_id] ??= []).push(row)
	return byItem
}

/**
 * What the monitoring pages show of each indicator over time: its series (those with a report) and,
 * once the convening is over, the report its frequency lacks. The plan is implemented after the
 * convening: no report is due for a period that ended before it did.
 */
export function indicatorsOverTime(
	tree: Tree,
	reports: Record<string, IndicatorReportRow[]>,
	cohort: { status: string; endDate: string },
	today: string,
) {
	const past = cohort.status === 'closed' || cohort.endDate < today
	const series: Record<string, IndicatorSeries> = {}
	const due: Record<string, { period: DuePeriod; lastPeriod: string | null }> = {}
	for (const indicator of tree.indicators) {
		const own = reports[indicator.id] ?? []
		if (own.length) series[indicator.id] = indicatorSeries(indicator.data, own)
		if (!past) continue
		const missing = missingReport(indicator.data.frequency, own, today, cohort.endDate)
		if (missing) due[indicator.id] = { period: missing, lastPeriod: series[indicator.id]?.points.at(-1)?.period ?? null }
	}
	return { series, due }
}

/** The delegation whose roadmap `/roadmap` opens for this viewer: their current one, else their latest. */
export function ownDelegationId(viewer: Viewer) {
	return (viewer.memberships.find((m) => !m.isAlumni) ?? viewer.memberships[0])?.delegationId ?? null
}
