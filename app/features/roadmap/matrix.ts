/**
 * The results matrix (logframe table): one row per line of action, read from the roadmap's tree, with
 * the filters and the sort of its GET form. No server code here: the browser builds the inline edits'
 * forms from the same rows. Reading the GET form (zod) is the server's (matrix-query.server.ts), so the
 * validation library stays out of the browser.
 */
import { formatMinor } from '#app/features/roadmap/item-values.tsx'
import {
	ACTION_STATUSES,
	type CostLine,
	costLinesOf,
	costTotals,
	type FieldSpec,
	type FundingSource,
	type ItemData,
	KINDS,
	periodMonths,
} from '#app/features/roadmap/kinds.ts'
import { planNumbers } from '#app/features/roadmap/numbering.ts'
import type { MatrixQuery } from '#app/features/roadmap/matrix-query.server.ts'
import type { Tree } from '#app/features/roadmap/roadmap.server.ts'

export const MATRIX_SORTS = ['number', 'pillar', 'lead', 'status', 'cost', 'funded', 'start'] as const
export type MatrixSort = (typeof MATRIX_SORTS)[number]
export const MATRIX_DIRECTIONS = ['asc', 'desc'] as const

/** The text and select fields of an action that the matrix edits in place. */
export const INLINE_FIELDS = ['description', 'lead', 'partners', 'start', 'end', 'status', 'level'] as const
export type InlineField = (typeof INLINE_FIELDS)[number]

export type { MatrixQuery }

export type MatrixIndicator = { id: string; number: string; statement: string; baseline: string; target: string; unit: string }

export type MatrixRow = {
	id: string
	version: number
	/** The action's stored data: the inline edit sends all of it back, so nothing else changes. */
	data: ItemData
	number: string
	pillarId: string
	pillar: string
	pillarNumber: string
	objective: string
	objectiveNumber: string
	description: string
	lead: string
	partners: string
	start: string
	end: string
	status: string
	level: string
	costs: CostLine[]
	total: number
	committed: number
	/** The committed share of the cost, null when the action has no cost. */
	funded: number | null
	/** The funding sources of its cost lines, in the vocabulary's order; null for lines with no source yet. */
	sources: Array<FundingSource | null>
	indicators: MatrixIndicator[]
}

const text = (value: unknown) => (value === null || value === undefined ? '' : String(value))

/** One row per line of action, in the plan's order. */
export function matrixRows(tree: Tree): MatrixRow[] {
	const numbers = planNumbers(tree)
	return tree.pillars.flatMap((pillar) =>
		pillar.objectives.flatMap((objective) =>
			objective.actions.map((action) => {
				const costs = costLinesOf(action.data)
				const { total, committed } = costTotals(costs)
				const present = new Set(costs.map((line) => line.source))
				const sources = [...(KINDS.action.fields.find((f) => f.name === 'costs') as FieldSpec).options!, null].filter((source) =>
					present.has(source as FundingSource | null),
				) as Array<FundingSource | null>
				return {
					id: action.id,
					version: action.version,
					data: action.data,
					number: numbers.get(action.id) ?? '',
					pillarId: pillar.id,
					pillar: text(pillar.data.name),
					pillarNumber: numbers.get(pillar.id) ?? '',
					objective: text(objective.data.statement),
					objectiveNumber: numbers.get(objective.id) ?? '',
					description: text(action.data.description),
					lead: text(action.data.lead),
					partners: text(action.data.partners),
					start: text(action.data.start),
					end: text(action.data.end),
					status: text(action.data.status),
					level: text(action.data.level),
					costs,
					total,
					committed,
					funded: total ? committed / total : null,
					sources,
					indicators: action.indicators.map((indicator) => ({
						id: indicator.id,
						number: numbers.get(indicator.id) ?? '',
						statement: text(indicator.data.statement),
						baseline: text(indicator.data.baselineValue),
						target: text(indicator.data.targetValue),
						unit: text(indicator.data.unit),
					})),
				}
			}),
		),
	)
}

/** The choices of the filter form: the pillars, and the lead institutions named in the plan. */
export function matrixChoices(tree: Tree, rows: MatrixRow[]) {
	const numbers = planNumbers(tree)
	const leads = [...new Set(rows.map((row) => row.lead).filter(Boolean))].sort((a, b) => a.localeCompare(b))
	return {
		pillars: tree.pillars.map((pillar) => ({ id: pillar.id, label: `${numbers.get(pillar.id)}. ${text(pillar.data.name)}` })),
		leads,
	}
}

export function filterRows(rows: MatrixRow[], query: MatrixQuery) {
	return rows.filter(
		(row) =>
			(!query.pillar || row.pillarId === query.pillar) &&
			(!query.lead || row.lead.toLocaleLowerCase() === query.lead.toLocaleLowerCase()) &&
			(!query.status || row.status === query.status),
	)
}

const byNumber = (a: MatrixRow, b: MatrixRow) => {
	const x = a.number.split('.').map(Number)
	const y = b.number.split('.').map(Number)
	for (let i = 0; i < Math.max(x.length, y.length); i++) {
		const difference = (x[i] ?? 0) - (y[i] ?? 0)
		if (difference) return difference
	}
	return 0
}

/** What a row sorts by; null when it has nothing to sort by (those rows come last either way). */
const SORT_KEYS: Record<Exclude<MatrixSort, 'number'>, (row: MatrixRow) => string | number | null> = {
	pillar: (row) => row.pillar || null,
	lead: (row) => row.lead || null,
	status: (row) => (row.status ? ACTION_STATUSES.indexOf(row.status as (typeof ACTION_STATUSES)[number]) : null),
	cost: (row) => (row.costs.length ? row.total : null),
	funded: (row) => row.funded,
	start: (row) => (row.start ? (periodMonths(row.start)?.first ?? null) : null),
}

/**
 * The rows in the order asked for; rows with the same value keep the plan's order, and rows without
 * the value (no lead, no cost, no start) come last in both directions.
 */
export function sortRows(rows: MatrixRow[], query: Pick<MatrixQuery, 'sort' | 'dir'>) {
	const sign = query.dir === 'desc' ? -1 : 1
	if (query.sort === 'number') return [...rows].sort((a, b) => sign * byNumber(a, b))
	const key = SORT_KEYS[query.sort]
	return [...rows].sort((a, b) => {
		const x = key(a)
		const y = key(b)
		if (x === null || y === null) return x === y ? byNumber(a, b) : x === null ? 1 : -1
		const difference = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))
		return difference ? sign * difference : byNumber(a, b)
	})
}

/** The cost and the committed amount of the rows shown. */
export function matrixTotals(rows: MatrixRow[]) {
	const total = rows.reduce((sum, row) => sum + row.total, 0)
	const committed = rows.reduce((sum, row) => sum + row.committed, 0)
	return { total, committed, funded: total ? committed / total : null }
}

/**
 * Every field of an action's one form, as that form would send them, from its stored data: an inline
 * edit changes one of them and sends all, because the section action empties a field not sent.
 */
export function actionFormValues(data: ItemData, currency: string, language: string): Record<string, string> {
	const values: Record<string, string> = {}
	for (const spec of KINDS.action.fields as readonly FieldSpec[]) {
		if (spec.type === 'costLines') {
			costLinesOf(data).forEach((line, index) => {
				values[`${spec.name}[${index}].amount`] = formatMinor(line.amount, currency, language)
				values[`${spec.name}[${index}].source`] = line.source ?? ''
				if (line.committed) values[`${spec.name}[${index}].committed`] = 'on'
			})
			continue
		}
		values[spec.name] = text(data[spec.name])
	}
	return values
}
