import { expect, test } from 'vitest'
import en from '#app/locales/en/common.json'
import es from '#app/locales/es/common.json'

function keys(value: object, prefix = ''): string[] {
	return Object.entries(value).flatMap(([key, inner]) =>
		typeof inner === 'object' && inner !== null ? keys(inner, `${prefix}${key}.`) : [`${prefix}${key}`],
	)
}

test('English and Spanish UI texts have exactly the same keys', () => {
	expect(keys(es).sort()).toEqual(keys(en).sort())
})

test('no UI text is left empty or untranslated placeholder', () => {
	for (const [language, texts] of Object.entries({ en, es })) {
		for (const key of keys(texts)) {
			const value = key.split('.').reduce<any>((node, part) => node[part], texts)
			expect(typeof value === 'string' && value.trim().length > 0, `${language}:${key}`).toBe(true)
		}
	}
})
