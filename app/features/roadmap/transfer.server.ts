/**
 * A roadmap as a document: JSON export/import (format "nap-academy-roadmap", version 1) and CSV of
 * actions and indicators. The JSON shape is documented in docs/roadmap-json.md.
 */
import { z } from 'zod'
import { csvAmount, csvNumberOrText, csvResponse } from '#app/utils/csv.server.ts'
import { db } from '#app/utils/db.server.ts'
import type { Language } from '#app/utils/i18n.ts'
import { getT } from '#app/utils/i18n.server.ts'
import { nowIso } from '#app/utils/misc.ts'
import {
	costLinesOf,
	costTotals,
	currencyDigits,
	type FieldSpec,
	type ItemData,
	isCurrency,
	type Kind,
	KINDS,
} from '#app/features/roadmap/kinds.ts'
import { applyChange, type ItemTree } from '#app/features/roadmap/items.server.ts'
import { buildTree, roadmapItems, type Tree, type TreeItem } from '#app/features/roadmap/roadmap.server.ts'
import { validateItemData } from '#app/features/roadmap/schemas.ts'
import type { Roadmap } from '#db/schema.ts'

export const FORMAT = 'nap-academy-roadmap'
export const FORMAT_VERSION = 1

function fieldsOf(kind: Kind, data: ItemData) {
	const out: ItemData = {}
	for (const spec of KINDS[kind].fields as readonly FieldSpec[]) out[spec.name] = data[spec.name] ?? (spec.type === 'costLines' ? [] : null)
	return out
}

export function exportRoadmap(roadmap: Roadmap, tree: Tree) {
	const indicators = (list: TreeItem[]) => list.map((i) => fieldsOf('indicator', i.data))
	return {
		format: FORMAT,
		version: FORMAT_VERSION,
		exportedAt: nowIso(),
		currency: roadmap.currency,
		status: roadmap.status,
		theoryOfChange: {
			...(tree.toc ? fieldsOf('toc', tree.toc.data) : { problem: '', change: '' }),
			pathways: tree.pathways.map((p) => fieldsOf('pathway', p.data)),
			assumptions: tree.assumptions.map((a) => fieldsOf('assumption', a.data)),
			risks: tree.risks.map((r) => fieldsOf('risk', r.data)),
		},
		pillars: tree.pillars.map((pillar) => ({
			...fieldsOf('pillar', pillar.data),
			objectives: pillar.objectives.map((objective) => ({
				...fieldsOf('objective', objective.data),
				indicators: indicators(objective.indicators),
				actions: objective.actions.map((action) => ({ ...fieldsOf('action', action.data), indicators: indicators(action.indicators) })),
			})),
		})),
		coordination: {
			mechanism: tree.mechanism ? fieldsOf('mechanism', tree.mechanism.data) : null,
			members: tree.members.map((m) => fieldsOf('member', m.data)),
			milestones: tree.milestones.map((m) => fieldsOf('milestone', m.data)),
		},
		localPartners: tree.partners.map((p) => fieldsOf('partner', p.data)),
	}
}

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()])
const Data = z.object({}).catchall(Scalar)
const Indicators = z.array(Data).max(200).default([])
/** An action's cost lines, checked field by field by `validateItemData` (which also enforces the 12-line limit). */
const CostLines = z.array(z.object({}).catchall(Scalar)).max(100)
const ImportSchema = z.object({
	format: z.literal(FORMAT),
	version: z.literal(FORMAT_VERSION),
	currency: z.string(),
	theoryOfChange: z
		.object({
			pathways: z.array(Data).max(200).default([]),
			assumptions: z.array(Data).max(200).default([]),
			risks: z.array(Data).max(200).default([]),
		})
		.catchall(Scalar),
	pillars: z
		.array(
			z
				.object({
					objectives: z
						.array(
							z
								.object({
									indicators: Indicators,
									actions: z
										.array(z.object({ indicators: Indicators, costs: CostLines.optional() }).catchall(Scalar))
										.max(200)
										.default([]),
								})
								.catchall(Scalar),
						)
						.max(100)
						.default([]),
				})
				.catchall(Scalar),
		)
		.max(20),
	coordination: z
		.object({
			mechanism: Data.nullable().default(null),
			members: z.array(Data).max(200).default([]),
			// Added within version 1: a file without it has no process timeline.
			milestones: z.array(Data).max(100).default([]),
		})
		.default({ mechanism: null, members: [], milestones: [] }),
	localPartners: z.array(Data).max(500).default([]),
	exportedAt: z.string().optional(),
	status: z.string().optional(),
})

export type ImportResult = { ok: true; items: number } | { ok: false; errors: string[] }
/** A roadmap document read and checked, as the items an import creates (or every mistake, with where it is). */
export type PlannedRoadmap = { ok: true; currency: string; items: ItemTree[] } | { ok: false; errors: string[] }

/** Imports a JSON roadmap into an empty roadmap, all of it or nothing. */
export async function importRoadmap(roadmap: Roadmap, userId: string, text: string): Promise<ImportResult> {
	const planned = planRoadmap(text)
	if (!planned.ok) return planned
	const result = await applyChange(db, roadmap.id, userId, { type: 'import', currency: planned.currency, items: planned.items })
	if (result.ok) return { ok: true, items: result.items }
	if (result.reason === 'notEmpty') return { ok: false, errors: ['roadmap.import.notEmpty'] }
	return { ok: false, errors: ['roadmap.import.failed'] }
}

/**
 * Reads a JSON roadmap document and checks every field with the forms' rules, without writing
 * anything: what an import would create. Errors are translation keys with the path of the field.
 */
export function planRoadmap(text: string): PlannedRoadmap {
	let json: unknown
	try {
		json = JSON.parse(text)
	} catch {
		return { ok: false, errors: ['roadmap.import.notJson'] }
	}
	const parsed = ImportSchema.safeParse(json)
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!
		return { ok: false, errors: [`roadmap.import.notRoadmap|${issue.path.join('.')}`] }
	}
	const doc = parsed.data
	if (!isCurrency(doc.currency)) return { ok: false, errors: ['roadmap.errors.currency'] }
	const errors: string[] = []
	// Everything is checked first, so that every mistake is reported with where it is.
	const plan = (kind: Kind, input: Record<string, unknown>, path: string, children: ItemTree[] = []): ItemTree => {
		const { data, fieldInFile } = kind === 'action' ? fromLegacyCost(input) : { data: input, fieldInFile: (field: string) => field }
		const result = validateItemData(kind, data, doc.currency)
		if (!result.ok) for (const [field, keys] of Object.entries(result.errors)) errors.push(`${keys[0]}|${path}.${fieldInFile(field)}`)
		return { kind, data: result.ok ? result.data : {}, children }
	}
	const { pathways, assumptions, risks, ...toc } = doc.theoryOfChange
	const planned: ItemTree[] = [
		plan('toc', toc, 'theoryOfChange'),
		...pathways.map((p, i) => plan('pathway', p, `theoryOfChange.pathways.${i}`)),
		...assumptions.map((a, i) => plan('assumption', a, `theoryOfChange.assumptions.${i}`)),
		...risks.map((r, i) => plan('risk', r, `theoryOfChange.risks.${i}`)),
		...doc.pillars.map(({ objectives, ...pillar }, p) =>
			plan(
				'pillar',
				pillar,
				`pillars.${p}`,
				objectives.map(({ actions, indicators, ...objective }, o) =>
					plan('objective', objective, `pillars.${p}.objectives.${o}`, [
						...indicators.map((ind, i) => plan('indicator', ind, `pillars.${p}.objectives.${o}.indicators.${i}`)),
						...actions.map(({ indicators: actionIndicators, ...action }, a) =>
							plan(
								'action',
								action,
								`pillars.${p}.objectives.${o}.actions.${a}`,
								actionIndicators.map((ind, i) => plan('indicator', ind, `pillars.${p}.objectives.${o}.actions.${a}.indicators.${i}`)),
							),
						),
					]),
				),
			),
		),
		...(doc.coordination.mechanism ? [plan('mechanism', doc.coordination.mechanism, 'coordination.mechanism')] : []),
		...doc.coordination.members.map((m, i) => plan('member', m, `coordination.members.${i}`)),
		...doc.coordination.milestones.map((m, i) => plan('milestone', m, `coordination.milestones.${i}`)),
		...doc.localPartners.map((p, i) => plan('partner', p, `localPartners.${i}`)),
	]
	if (errors.length) return { ok: false, errors: errors.slice(0, 50) }
	return { ok: true, currency: doc.currency, items: planned }
}

const LEGACY_FIELDS: Record<string, string> = { 'costs[0].amount': 'cost', 'costs[0].source': 'source', 'costs[0].committed': 'committed' }

/**
 * An action as files exported before cost lines had it — one `cost`, `source` and `committed` — turned
 * into its `costs` (one line, or none when it had neither a cost nor a source; a source without a cost
 * becomes a line of 0 so that the source is kept). Mistakes are reported under the file's own names.
 */
function fromLegacyCost(action: Record<string, unknown>) {
	const { cost, source, committed, ...rest } = action
	if ('costs' in action || (cost === undefined && source === undefined && committed === undefined)) {
		return { data: action, fieldInFile: (field: string) => field }
	}
	const none = (value: unknown) => value === null || value === undefined || value === ''
	const costs =
		none(cost) && none(source)
			? []
			: [{ amount: none(cost) ? 0 : cost, source: none(source) ? null : source, committed: committed === true }]
	return { data: { ...rest, costs }, fieldInFile: (field: string) => LEGACY_FIELDS[field] ?? field }
}

export async function loadTree(roadmapId: string) {
	return buildTree(await roadmapItems(roadmapId))
}

export async function actionsCsv(roadmap: Roadmap, language: Language) {
	const t = await getT(language)
	const tree = await loadTree(roadmap.id)
	const digits = currencyDigits(roadmap.currency)
	const rows = tree.pillars.flatMap((pillar) =>
		pillar.objectives.flatMap((objective) =>
			objective.actions.map((a) => [
				String(pillar.data.name ?? ''),
				String(objective.data.statement ?? ''),
				String(a.data.description ?? ''),
				String(a.data.lead ?? ''),
				String(a.data.partners ?? ''),
				String(a.data.start ?? ''),
				String(a.data.end ?? ''),
				a.data.status ? t(`roadmap.options.status.${a.data.status}`) : '',
				...costColumns(a.data),
				a.data.level ? t(`roadmap.options.level.${a.data.level}`) : '',
				String(a.data.places ?? ''),
			]),
		),
	)
	/** The action's total, the currency, the committed amount and its sources (an empty cost when it has no line). */
	function costColumns(data: ItemData) {
		const lines = costLinesOf(data)
		if (!lines.length) return [null, roadmap.currency, null, '']
		const { total, committed } = costTotals(lines)
		const amount = (value: number) => csvAmount(value, digits)
		const sources = [
			...new Set(lines.map((line) => (line.source ? t(`roadmap.options.source.${line.source}`) : t('roadmap.budget.noSource')))),
		]
		return [amount(total), roadmap.currency, amount(committed), sources.join('; ')]
	}
	const f = (name: string) => t(`roadmap.fields.action.${name}`)
	return csvResponse(
		`${roadmap.delegation_id}-actions.csv`,
		[
			t('roadmap.kinds.pillar.one'),
			t('roadmap.kinds.objective.one'),
			f('description'),
			f('lead'),
			f('partners'),
			t('csv.start'),
			t('csv.end'),
			f('status'),
			t('csv.amount', { label: t('roadmap.budget.actionTotal'), currency: roadmap.currency }),
			t('roadmap.budget.currency'),
			t('csv.amount', { label: t('roadmap.budget.committedAmount'), currency: roadmap.currency }),
			t('roadmap.budget.sources'),
			f('level'),
			f('places'),
		],
		rows,
	)
}

export async function indicatorsCsv(roadmap: Roadmap, language: Language) {
	const t = await getT(language)
	const tree = await loadTree(roadmap.id)
	const rows = tree.objectives.flatMap((objective) =>
		[
			...objective.indicators.map((i) => ({ i, on: String(objective.data.statement ?? '') })),
			...objective.actions.flatMap((a) => a.indicators.map((i) => ({ i, on: String(a.data.description ?? '') }))),
		].map(({ i, on }) => [
			String(objective.data.statement ?? ''),
			on,
			String(i.data.statement ?? ''),
			i.data.type ? t(`roadmap.options.type.${i.data.type}`) : '',
			String(i.data.unit ?? ''),
			csvNumberOrText(i.data.baselineValue),
			csvNumberOrText(i.data.baselineYear),
			csvNumberOrText(i.data.targetValue),
			csvNumberOrText(i.data.targetYear),
			String(i.data.means ?? ''),
			i.data.frequency ? t(`roadmap.options.frequency.${i.data.frequency}`) : '',
			String(i.data.reporter ?? ''),
		]),
	)
	const f = (name: string) => t(`roadmap.fields.indicator.${name}`)
	return csvResponse(
		`${roadmap.delegation_id}-indicators.csv`,
		[
			t('roadmap.kinds.objective.one'),
			t('roadmap.attachedTo'),
			f('statement'),
			f('type'),
			f('unit'),
			f('baselineValue'),
			f('baselineYear'),
			f('targetValue'),
			f('targetYear'),
			f('means'),
			f('frequency'),
			f('reporter'),
		],
		rows,
	)
}
