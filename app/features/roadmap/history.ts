/**
 * What the history and the delete notices show of an item, shared by the server (which picks the
 * entries) and the page (which words them): an item's label, and a field's value as a person reads it.
 */
import { formatList } from '#app/utils/format.ts'
import type { Translate } from '#app/utils/translate.ts'
import { costLinesText, formatMoney } from '#app/features/roadmap/item-values.tsx'
import {
	costLinesOf,
	type FieldSpec,
	type ItemData,
	type Kind,
	KINDS,
	LABEL_FIELD,
	SECTIONS,
	type Section,
} from '#app/features/roadmap/kinds.ts'

export function itemLabel(kind: Kind, data: ItemData | undefined, max = 100) {
	return String(data?.[LABEL_FIELD[kind]] ?? '').slice(0, max)
}

/** The kinds whose changes a section's filter shows: its own, and actions in the three sections that edit them. */
export function sectionKinds(section: Section): Kind[] {
	const own = (Object.keys(KINDS) as Kind[]).filter((kind) => KINDS[kind].section === section)
	return section === 'gender-budgeting' || section === 'localization' ? [...own, 'action'] : own
}

export function isSection(value: unknown): value is Section {
	return SECTIONS.some((s) => s === value)
}

/** What a delete with children counts, in the plan's order (any other kind that hangs under an item comes after). */
export const CHILD_KINDS: Kind[] = ['objective', 'action', 'indicator']
export type ChildCounts = Partial<Record<Kind, number>>

const rank = (kind: Kind) => (CHILD_KINDS.includes(kind) ? CHILD_KINDS.indexOf(kind) : CHILD_KINDS.length)

/** A field's value in words: money (and cost lines) in the currency of that moment, a choice by its name, a checkbox as yes/no. */
export function shownValue(kind: Kind, field: string, value: unknown, currency: string, language: string, t: Translate) {
	const spec = (KINDS[kind].fields as readonly FieldSpec[]).find((f) => f.name === field)
	if (spec?.type === 'checkbox') return value === true ? t('csv.yes') : t('csv.no')
	if (value === null || value === undefined || value === '') return '—'
	switch (spec?.type) {
		case 'money':
			return typeof value === 'number' ? formatMoney(value, currency, language) : String(value)
		case 'costLines':
			return Array.isArray(value) && value.length ? costLinesText(costLinesOf({ costs: value }), currency, language, t) : '—'
		case 'select':
			return t(`roadmap.options.${field}.${String(value)}`)
		default:
			return String(value)
	}
}

/** "3 lines of action and 2 indicators", in the page's language. */
export function childList(counts: ChildCounts, language: string, t: Translate) {
	const kinds = (Object.keys(counts) as Kind[]).sort((a, b) => rank(a) - rank(b))
	const parts = kinds.map((kind) =>
		t(`roadmap.deletion.count.${kind}`, { count: counts[kind], defaultValue: `${counts[kind]} × ${t(`roadmap.kinds.${kind}.one`)}` }),
	)
	return formatList(parts, language)
}
