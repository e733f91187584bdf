import { createInstance } from 'i18next'
import { describe, expect, test } from 'vitest'
import en from '#app/locales/en/common.json'
import es from '#app/locales/es/common.json'
import { resources } from '#app/utils/i18n.server.ts'
import type { Texts } from '#app/utils/texts.ts'
import { addTexts, createTranslate, type TextOptions } from '#app/utils/translate.ts'

const trees = { en, es } as unknown as Record<'en' | 'es', Texts>

/** i18next as the interface used it before (decision record 0025): values not HTML-escaped, React escapes. */
async function i18nextT(language: 'en' | 'es') {
	const instance = createInstance()
	await instance.init({
		lng: language,
		fallbackLng: false,
		ns: ['common'],
		defaultNS: 'common',
		resources,
		interpolation: { escapeValue: false },
	})
	return instance.getFixedT(language, 'common') as unknown as (key: string, options?: TextOptions) => string
}

function translator(language: 'en' | 'es', hooks?: Parameters<typeof createTranslate>[2]) {
	return createTranslate(language, addTexts(new Map(), trees[language]), hooks)
}

/** Every leaf key of a locale tree with its text. */
function leaves(tree: Texts, prefix = ''): Array<[string, unknown]> {
	return Object.entries(tree).flatMap(([name, value]) =>
		typeof value === 'object' && !Array.isArray(value)
			? leaves(value, `${prefix}${name}.`)
			: [[`${prefix}${name}`, value] as [string, unknown]],
	)
}

describe('the interface translation function', () => {
	test.each(['en', 'es'] as const)('every %s text, with its values and counts, reads exactly as i18next gives it', async (language) => {
		const ours = translator(language)
		const theirs = await i18nextT(language)
		const tree = trees[language]
		// Each text asked for by its base key ("x" for "x_one") and by its own, with every value it names.
		const bases = new Map<string, Set<string>>()
		for (const [key, text] of leaves(tree)) {
			if (typeof text !== 'string') continue
			for (const asked of new Set([key, key.replace(/_(zero|one|two|few|many|other)$/, '')])) {
				const names = bases.get(asked) ?? new Set<string>()
				for (const match of text.matchAll(/\{\{\s*(\w+)/g)) names.add(match[1]!)
				bases.set(asked, names)
			}
		}
		const keys = new Set(leaves(tree).map(([key]) => key))
		let compared = 0
		for (const [key, names] of bases) {
			const values = Object.fromEntries([...names].filter((name) => name !== 'count').map((name) => [name, `«${name} & <b>»`]))
			const counts = names.has('count') || keys.has(`${key}_one`) ? [0, 1, 2, 5, 21, 1_000_000, 1.5] : [undefined]
			for (const count of counts) {
				const options = count === undefined ? values : { ...values, count }
				const label = `${key} ${JSON.stringify(options)}`
				expect(ours(key, options), label).toBe(theirs(key, options))
				// A value the text does not name changes nothing; one it names but is not given stays as written.
				expect(ours(key, { ...options, extra: 3 }), label).toBe(theirs(key, { ...options, extra: 3 }))
				if (names.size)
					expect(ours(key, count === undefined ? {} : { count }), label).toBe(theirs(key, count === undefined ? {} : { count }))
				compared++
			}
			if (!names.size) expect(ours(key), key).toBe(theirs(key))
		}
		expect(compared).toBeGreaterThan(1000)
	})

	test('no text uses what the function leaves to i18next: nesting, formats, unescaped slots', () => {
		for (const language of ['en', 'es'] as const) {
			for (const [key, text] of leaves(trees[language])) {
				if (typeof text !== 'string') continue
				expect(text.replace(/\{\{\s*\w+\s*\}\}/g, ''), `${language} ${key}`).not.toMatch(/\{\{|\$t\(/)
			}
		}
	})

	test('a key that is not there: its default value with the values filled in, else the key, as i18next', async () => {
		const ours = translator('es')
		const theirs = await i18nextT('es')
		for (const [key, options] of [
			['no.such.key', undefined],
			['no.such.key', { defaultValue: 'x {{a}} y', a: '1' }],
			['no.such.key', { defaultValue: '{{count}} × acción', count: 3 }],
			['roadmap.deletion.count.nothing', { count: 0, defaultValue: 'nada' }],
			['learn.minutes', { defaultValue: 'unused', count: 2 }],
		] as Array<[string, TextOptions | undefined]>) {
			expect(ours(key, options), `${key} ${JSON.stringify(options)}`).toBe(theirs(key, options))
		}
	})

	test('values are given as they are: a null is nothing, a number its digits', async () => {
		const t = createTranslate('en', new Map([['hello', 'Hi {{name}}, {{n}} new']]))
		expect(t('hello', { name: null, n: 4 })).toBe('Hi , 4 new')
		expect(t('hello', { name: '<b>Ana</b> & co', n: 0 })).toBe('Hi <b>Ana</b> & co, 0 new')
	})

	test('each key asked for is reported, and one that is missing is reported as missing', () => {
		const used: string[] = []
		const missing: string[] = []
		const t = translator('en', { onUse: (key) => used.push(key), onMissing: (key) => missing.push(key) })
		expect(t('nav.home')).toBe(en.nav.home)
		expect(t('learn.minutes', { count: 3 })).toBe(en.learn.minutes_other.replace('{{count}}', '3'))
		expect(t('no.such.key', { defaultValue: 'fallback' })).toBe('fallback')
		expect(used).toEqual(['nav.home', 'learn.minutes', 'no.such.key'])
		expect(missing).toEqual(['no.such.key'])
	})

	test('texts added to the table later are found (a route that brings its texts with it)', () => {
		const table = addTexts(new Map(), { nav: { home: 'Inicio' } })
		const t = createTranslate('es', table)
		expect(t('roadmap.title')).toBe('roadmap.title')
		addTexts(table, { roadmap: { title: 'Hoja de ruta' } })
		expect(t('roadmap.title')).toBe('Hoja de ruta')
		expect(t('nav.home')).toBe('Inicio')
	})
})
