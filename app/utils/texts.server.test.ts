import { describe, expect, test } from 'vitest'
import en from '#app/locales/en/common.json'
import es from '#app/locales/es/common.json'
import { pageTextsJson, recordingTexts, serverTextsStore } from '#app/utils/texts.server.ts'
import type { PageTexts } from '#app/utils/texts.ts'

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

describe('the texts of the server render', () => {
	test('every text asked for is noted for the page it is rendering, on every page', () => {
		const { t, language } = serverTextsStore('es').get()
		expect(language).toBe('es')
		for (const count of [1, 5]) {
			const used = new Set<string>()
			recordingTexts(used, () => {
				expect(t('nav.home')).toBe(es.nav.home)
				expect(t('learn.minutes', { count })).toBe(
					(count === 1 ? es.learn.minutes_one : es.learn.minutes_other).replace('{{count}}', String(count)),
				)
			})
			expect([...used].sort()).toEqual(['learn.minutes', 'nav.home'])
		}
		// Outside a page's render nothing is noted, and nothing fails.
		expect(t('nav.home')).toBe(es.nav.home)
	})

	test('one store per language, holding that language', () => {
		expect(serverTextsStore('en')).toBe(serverTextsStore('en'))
		expect(serverTextsStore('en').get().t('nav.home')).toBe(en.nav.home)
	})
})
