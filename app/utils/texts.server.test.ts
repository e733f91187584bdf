import { createInstance } from 'i18next'
import { describe, expect, test } from 'vitest'
import en from '#app/locales/en/common.json'
import es from '#app/locales/es/common.json'
import { resources } from '#app/utils/i18n.server.ts'
import { pageTextsJson, recordingTexts, recordTexts, rememberPlainTexts } from '#app/utils/texts.server.ts'
import type { PageTexts } from '#app/utils/texts.ts'

async function serverInstance(language: 'en' | 'es', remember = true, escapeValue = false) {
	const instance = createInstance()
	await instance.use(recordTexts).init({
		lng: language,
		fallbackLng: 'en',
		ns: ['common'],
		defaultNS: 'common',
		resources,
		interpolation: { escapeValue },
		postProcess: [recordTexts.name],
	})
	if (remember) rememberPlainTexts(instance)
	return instance
}

/** Every leaf key of a locale tree with its text. */
function leaves(tree: Record<string, unknown>, prefix = ''): Array<[string, unknown]> {
	return Object.entries(tree).flatMap(([name, value]) =>
		value !== null && typeof value === 'object' && !Array.isArray(value)
			? leaves(value as Record<string, unknown>, `${prefix}${name}.`)
			: [[`${prefix}${name}`, value] as [string, unknown]],
	)
}

describe('the texts a page carries', () => {
	test('a text the render used comes along even when no list names it, a plural with its forms', () => {
		const used = new Set(['nav.home', 'learn.minutes'])
		const page = JSON.parse(pageTextsJson('es', ['root'], used)) as PageTexts
		expect(page.language).toBe('es')
		expect(page.texts).toEqual({
			nav: { home: es.nav.home },
			learn: { minutes_one: es.learn.minutes_one, minutes_other: es.learn.minutes_other },
		})
	})

	test('the JSON is safe inside a script element', () => {
		const json = pageTextsJson('en', ['root'], new Set(['nav.home']))
		expect(json).not.toContain('<')
		expect(JSON.parse(json)).toMatchObject({ texts: { nav: { home: en.nav.home } } })
	})
})

describe('remembered plain texts on the server', () => {
	test('the same texts as i18next gives, with and without options, and each still noted for the page', async () => {
		const instance = await serverInstance('es')
		const t = instance.getFixedT(null, 'common')
		const first = new Set<string>()
		recordingTexts(first, () => {
			expect(t('nav.home')).toBe(es.nav.home)
			expect(t('learn.minutes', { count: 1 })).toBe(es.learn.minutes_one.replace('{{count}}', '1'))
		})
		expect([...first].sort()).toEqual(['learn.minutes', 'nav.home'])
		// The second page asks again: the remembered text, and noted for that page too.
		const second = new Set<string>()
		recordingTexts(second, () => {
			expect(t('nav.home')).toBe(es.nav.home)
			expect(t('learn.minutes', { count: 5 })).toBe(es.learn.minutes_other.replace('{{count}}', '5'))
		})
		expect([...second].sort()).toEqual(['learn.minutes', 'nav.home'])
	})

	test('another language asked for explicitly is not answered from the remembered ones', async () => {
		const instance = await serverInstance('es')
		expect(instance.t('nav.home')).toBe(es.nav.home)
		expect(instance.t('nav.home', { lng: 'en' })).toBe(en.nav.home)
	})

	test.each(['en', 'es'] as const)('every %s text with values or a count reads exactly as i18next gives it', async (language) => {
		const fast = (await serverInstance(language)).getFixedT(null, 'common')
		const slow = (await serverInstance(language, false)).getFixedT(null, 'common')
		const tree = (language === 'en' ? en : es) as Record<string, unknown>
		// Each text asked for by its base key ("x" for "x_one"), with every value it names.
		const bases = new Map<string, Set<string>>()
		for (const [key, text] of leaves(tree)) {
			const base = key.replace(/_(zero|one|two|few|many|other)$/, '')
			const names = bases.get(base) ?? new Set<string>()
			for (const match of String(text).matchAll(/\{\{\s*(\w+)/g)) names.add(match[1]!)
			bases.set(base, names)
		}
		const keys = new Set(leaves(tree).map(([key]) => key))
		let compared = 0
		for (const [key, names] of bases) {
			const values = Object.fromEntries([...names].filter((name) => name !== 'count').map((name) => [name, `«${name} & <b>»`]))
			for (const count of names.has('count') || keys.has(`${key}_one`) ? [0, 1, 2, 5, 21, 1_000_000, 1.5] : [undefined]) {
				const options = count === undefined ? values : { ...values, count }
				expect(fast(key, options), `${key} ${JSON.stringify(options)}`).toBe(slow(key, options))
				// A value the text does not name changes nothing, as with i18next.
				expect(fast(key, { ...options, extra: 3 })).toBe(slow(key, { ...options, extra: 3 }))
				compared++
			}
		}
		expect(compared).toBeGreaterThan(500)
	})

	test('options i18next acts on itself still go to it: a context, a default value, a format', async () => {
		const fast = (await serverInstance('es')).getFixedT(null, 'common')
		const slow = (await serverInstance('es', false)).getFixedT(null, 'common')
		for (const options of [
			{ defaultValue: 'x {{a}}', a: '1' },
			{ context: 'male', count: 2 },
			{ count: 2, ordinal: true },
			{ returnObjects: true },
		]) {
			expect(fast('learn.minutes', options)).toEqual(slow('learn.minutes', options))
			expect(fast('no.such.key', options)).toEqual(slow('no.such.key', options))
		}
	})

	test('an instance that escapes values keeps escaping them', async () => {
		const t = (await serverInstance('en', true, true)).getFixedT(null, 'common')
		const text = t('roadmap.editItem', { label: '<b>Tom & Jerry</b>' })
		expect(text).toContain('&lt;b&gt;Tom &amp; Jerry&lt;&#x2F;b&gt;')
		expect(text).not.toContain('<b>')
	})
})
