import type { AreaSlug } from '#app/utils/vocabularies.ts'

/**
 * What a roadmap is made of: item kinds, their fields and the sections that edit them. One spec
 * drives the forms, the server's validation, the print page and the exports.
 */

export const SECTIONS = ['theory-of-change', 'strategic-design', 'gender-budgeting', 'coordination', 'localization', 'monitoring'] as const
export type Section = (typeof SECTIONS)[number]

/** The curriculum area (and module) that teaches each section. */
export const SECTION_MODULE: Record<Section, AreaSlug> = {
	'theory-of-change': 'theory-of-change',
	'strategic-design': 'strategic-design',
	'gender-budgeting': 'gender-budgeting',
	coordination: 'institutional-coordination',
	localization: 'localization',
	monitoring: 'monitoring-and-evaluation',
}

export const ACTION_STATUSES = ['planned', 'in_progress', 'done', 'delayed', 'dropped'] as const
export const FUNDING_SOURCES = [
	'national_budget',
	'ministry_line',
	'subnational_budget',
	'international_cooperation',
	'civil_society',
	'not_identified',
] as const
export type FundingSource = (typeof FUNDING_SOURCES)[number]
/** How many cost lines one action may have. */
export const MAX_COST_LINES = 12
export const LEVELS = ['national', 'subnational', 'municipal', 'community'] as const
export const FREQUENCIES = ['monthly', 'quarterly', 'biannual', 'annual'] as const
export const MEETING_FREQUENCIES = ['monthly', 'bimonthly', 'quarterly', 'biannual', 'annual'] as const
export const INDICATOR_TYPES = ['output', 'outcome'] as const
export const MEASURES = ['number', 'percent', 'text'] as const
export const ROADMAP_STATUSES = ['draft', 'review', 'final'] as const

export const DEFAULT_PILLARS = {
	en: ['Prevention', 'Participation', 'Protection', 'Relief and recovery'],
	es: ['Prevención', 'Participación', 'Protección', 'Socorro y recuperación'],
} as const

/** `costLines`: the lines that fund an action (amount, source, committed each), `max` of them. */
export type FieldType = 'text' | 'textarea' | 'select' | 'money' | 'checkbox' | 'period' | 'year' | 'costLines'
export type FieldSpec = {
	name: string
	type: FieldType
	required?: boolean
	max?: number
	options?: readonly string[]
}

const text = (name: string, max: number, required = false): FieldSpec => ({ name, type: 'text', max, required })
const area = (name: string, max: number, required = false): FieldSpec => ({ name, type: 'textarea', max, required })
const select = (name: string, options: readonly string[], required = false): FieldSpec => ({ name, type: 'select', options, required })

export const KINDS = {
	toc: { section: 'theory-of-change', singleton: true, fields: [area('problem', 4000), area('change', 4000)] },
	pathway: { section: 'theory-of-change', fields: [area('if', 1000, true), area('then', 1000, true), area('because', 1000)] },
	assumption: { section: 'theory-of-change', fields: [area('text', 1000, true)] },
	risk: { section: 'theory-of-change', fields: [area('risk', 1000, true), area('mitigation', 1000)] },
	pillar: { section: 'strategic-design', fields: [text('name', 120, true)] },
	objective: { section: 'strategic-design', parent: ['pillar'], fields: [area('statement', 600, true)] },
	action: {
		section: 'strategic-design',
		parent: ['objective'],
		fields: [
			area('description', 1000, true),
			text('lead', 200),
			text('partners', 500),
			{ name: 'start', type: 'period' },
			{ name: 'end', type: 'period' },
			select('status', ACTION_STATUSES),
			{ name: 'costs', type: 'costLines', max: MAX_COST_LINES, options: FUNDING_SOURCES },
			select('level', LEVELS),
			text('places', 500),
		],
	},
	mechanism: {
		section: 'coordination',
		singleton: true,
		fields: [
			text('name', 200),
			text('lead', 200),
			select('frequency', MEETING_FREQUENCIES),
			area('decisions', 2000),
			area('civilSociety', 2000),
		],
	},
	member: { section: 'coordination', fields: [text('institution', 200, true), text('role', 200)] },
	/** A step of the NAP process (mandate, analysis, consultation … adoption, reviews): the dated timeline. */
	milestone: {
		section: 'coordination',
		fields: [
			text('step', 200, true),
			text('lead', 200),
			{ name: 'start', type: 'period' },
			{ name: 'end', type: 'period' },
			text('output', 300),
		],
	},
	partner: { section: 'localization', fields: [text('name', 200, true), select('level', LEVELS), text('place', 200), text('role', 300)] },
	indicator: {
		section: 'monitoring',
		parent: ['objective', 'action'],
		fields: [
			area('statement', 600, true),
			select('type', INDICATOR_TYPES),
			select('measure', MEASURES),
			text('unit', 60),
			text('baselineValue', 60),
			{ name: 'baselineYear', type: 'year' },
			text('targetValue', 60),
			{ name: 'targetYear', type: 'year' },
			area('means', 600),
			select('frequency', FREQUENCIES),
			text('reporter', 200),
		],
	},
} as const satisfies Record<string, { section: Section; fields: FieldSpec[]; singleton?: boolean; parent?: readonly string[] }>

export type Kind = keyof typeof KINDS
export const KIND_NAMES = Object.keys(KINDS) as Kind[]
export function isKind(value: unknown): value is Kind {
	return typeof value === 'string' && value in KINDS
}

/**
 * How a long item's form is divided: the first part always shows, the others fold open (a phone shows
 * what matters first). Kinds not listed here have one part.
 */
export const FORM_PARTS: Partial<Record<Kind, ReadonlyArray<{ name: string; fields: readonly string[] }>>> = {
	action: [
		{ name: 'what', fields: ['description'] },
		{ name: 'who', fields: ['lead', 'partners', 'start', 'end', 'status'] },
		{ name: 'cost', fields: ['costs'] },
		{ name: 'where', fields: ['level', 'places'] },
	],
	indicator: [
		{ name: 'what', fields: ['statement', 'type', 'measure', 'unit'] },
		{ name: 'values', fields: ['baselineValue', 'baselineYear', 'targetValue', 'targetYear'] },
		{ name: 'reporting', fields: ['means', 'frequency', 'reporter'] },
	],
}

/** The field that names an item in lists, links and the history. */
export const LABEL_FIELD: Record<Kind, string> = {
	toc: 'problem',
	pathway: 'if',
	assumption: 'text',
	risk: 'risk',
	pillar: 'name',
	objective: 'statement',
	action: 'description',
	mechanism: 'name',
	member: 'institution',
	milestone: 'step',
	partner: 'name',
	indicator: 'statement',
}

// -------------------------------------------------------------------------------------------------
// Values (the zod schemas built on them are in schemas.ts)

const PERIOD = /^(\d{4})-(Q[1-4]|0[1-9]|1[0-2])$/

/** A period ("2026-Q3" or "2026-07") as the first and last month it covers, for comparisons. */
export function periodMonths(value: string): { first: number; last: number } | null {
	const match = PERIOD.exec(value)
	if (!match) return null
	const year = Number(match[1])
	if (match[2]!.startsWith('Q')) {
		const quarter = Number(match[2]!.slice(1))
		return { first: year * 12 + (quarter - 1) * 3, last: year * 12 + quarter * 3 - 1 }
	}
	const month = Number(match[2]) - 1
	return { first: year * 12 + month, last: year * 12 + month }
}

/**
 * Parses an amount typed by a person ("12,500", "12 500,50", "12500.5") into integer minor units
 * of a currency with `digits` decimals. Returns null when it is not an amount.
 */
export function parseMoney(input: string, digits: number): number | null {
	const value = input.replace(/[\s\u00a0\u202f]/g, '')
	if (!value) return null
	if (!/^\d[\d.,]*$/.test(value)) return null
	let normalised: string
	// "12,500" and "1.250.000" are thousands; otherwise the last separator is the decimal one.
	if (/^\d{1,3}([.,]\d{3})+$/.test(value)) {
		normalised = value.replace(/[.,]/g, '')
	} else {
		const lastSeparator = Math.max(value.lastIndexOf('.'), value.lastIndexOf(','))
		if (lastSeparator === -1) normalised = value
		else {
			const whole = value.slice(0, lastSeparator).replace(/[.,]/g, '')
			const fraction = value.slice(lastSeparator + 1)
			if (fraction.length > digits) return null
			normalised = `${whole}.${fraction}`
		}
	}
	const amount = Number(normalised)
	if (!Number.isFinite(amount) || amount < 0 || amount > 1e13) return null
	return Math.round(amount * 10 ** digits)
}

/** A currency's minor-unit digits (2 for USD, 0 for CLP), looked up once per currency. */
export function currencyDigits(currency: string) {
	let digits = minorDigits.get(currency)
	if (digits === undefined) {
		try {
			digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
		} catch {
			digits = 2
		}
		// Currencies come validated from the database or a form; the cap keeps bad input from growing it.
		if (minorDigits.size < 500) minorDigits.set(currency, digits)
	}
	return digits
}
const minorDigits = new Map<string, number>()

export function isCurrency(code: string) {
	if (!/^[A-Z]{3}$/.test(code)) return false
	const supported = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf
	return supported ? supported('currency').includes(code) : true
}

/** One line of an action's cost: an amount in minor units, where the money comes from, and whether it is committed. */
export type CostLine = { amount: number; source: FundingSource | null; committed: boolean }
export type ItemValue = string | number | boolean | null | CostLine[]
export type ItemData = Record<string, ItemValue>

/** An action's cost lines (none when it has no `costs`). */
export function costLinesOf(data: ItemData | undefined): CostLine[] {
	const value = data?.costs
	return Array.isArray(value) ? value : []
}

/** What an action costs in all and how much of it is committed, in minor units. */
export function costTotals(lines: readonly CostLine[]) {
	let total = 0
	let committed = 0
	for (const line of lines) {
		total += line.amount
		if (line.committed) committed += line.amount
	}
	return { total, committed }
}

/**
 * The fields of a kind that a section edits: all of them in the kind's own section (an action is edited
 * whole, in one form, from the strategic design; the budget and localization pages are views of it),
 * and null where the section does not edit the kind.
 */
export function sectionFields(kind: Kind, section: Section): string[] | null {
	return KINDS[kind].section === section ? (KINDS[kind].fields as readonly FieldSpec[]).map((f) => f.name) : null
}
