import { expect, test } from 'vitest'
import en from '#app/locales/en/common.json'
import es from '#app/locales/es/common.json'

/** The keys of the texts; a list (the names a paste accepts for a column, in each language) is one key. */
function keys(value: object, prefix = ''): string[] {
	return Object.entries(value).flatMap(([key, inner]) =>
		typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? keys(inner, `${prefix}${key}.`) : [`${prefix}${key}`],
	)
}

test('English and Spanish UI texts have exactly the same keys', () => {
	expect(keys(es).sort()).toEqual(keys(en).sort())
})

test('no UI text is left empty or untranslated placeholder', () => {
	for (const [language, texts] of Object.entries({ en, es })) {
		for (const key of keys(texts)) {
			const value = key.split('.').reduce<any>((node, part) => node[part], texts)
			const filled = (text: unknown) => typeof text === 'string' && text.trim().length > 0
			expect(Array.isArray(value) ? value.length > 0 && value.every(filled) : filled(value), `${language}:${key}`).toBe(true)
		}
	}
})

test('every value of every vocabulary has its text in both languages', async () => {
	const { COHORT_STATUSES, NAP_STATUSES, SECTORS } = await import('#app/utils/vocabularies.ts')
	const { ASSISTANCE_FORMATS, ASSISTANCE_STATUSES, ASSISTANCE_TOPICS, ASSISTANCE_URGENCIES } =
		await import('#app/features/assistance/assistance.ts')
	const { ACTION_STATUSES, FREQUENCIES, FUNDING_SOURCES, INDICATOR_TYPES, LEVELS, MEASURES } =
		await import('#app/features/roadmap/kinds.ts')
	const { COSTING_COLUMNS, COST_CATEGORIES, COSTING_SOURCES, FUNDING_STATUSES } = await import('#app/features/curriculum/costing-sheet.ts')
	const vocabularies: Record<string, readonly string[]> = {
		cohortStatus: COHORT_STATUSES,
		napStatus: NAP_STATUSES,
		sectors: SECTORS,
		'assistance.topics': ASSISTANCE_TOPICS,
		'assistance.statuses': ASSISTANCE_STATUSES,
		'assistance.urgencies': ASSISTANCE_URGENCIES,
		'assistance.formats': ASSISTANCE_FORMATS,
		'roadmap.options.status': ACTION_STATUSES,
		'roadmap.options.source': FUNDING_SOURCES,
		'roadmap.options.level': LEVELS,
		'roadmap.options.frequency': FREQUENCIES,
		'roadmap.options.type': INDICATOR_TYPES,
		'roadmap.options.measure': MEASURES,
		'costingSheet.columns': COSTING_COLUMNS,
		'costingSheet.categories': COST_CATEGORIES,
		'costingSheet.sources': COSTING_SOURCES,
		'costingSheet.statuses': FUNDING_STATUSES,
	}
	for (const [language, texts] of Object.entries({ en, es })) {
		const present = new Set(keys(texts))
		for (const [prefix, values] of Object.entries(vocabularies)) {
			for (const value of values) expect(present.has(`${prefix}.${value}`), `${language}:${prefix}.${value}`).toBe(true)
		}
	}
})
