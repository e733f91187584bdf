import { createInstance } from 'i18next'
import { describe, expect, test } from 'vitest'
import en from '#app/locales/en/common.json'
import es from '#app/locales/es/common.json'
import { resources } from '#app/utils/i18n.server.ts'
import { pageTextsJson, recordingTexts, recordTexts, rememberPlainTexts } from '#app/utils/texts.server.ts'
import type { PageTexts } from '#app/utils/texts.ts'

async function serverInstance(language: 'en' | 'es') {
	const instance = createInstance()
	await instance.use(recordTexts).init({
		lng: language,
		fallbackLng: 'en',
		ns: ['common'],
		defaultNS: 'common',
		resources,
		interpolation: { escapeValue: false },
		postProcess: [recordTexts.name],
	})
	rememberPlainTexts(instance)
	return instance
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
})
