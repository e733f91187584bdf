import path from 'node:path'
import { describe, expect, test } from 'vitest'
import en from '#app/locales/en/common.json'
import es from '#app/locales/es/common.json'
import { pickTexts, type Texts } from '#app/utils/texts.ts'
import { importedSpecifiers, keysInSource, routeKeys } from '../../scripts/route-texts.ts'

const tree: Texts = {
	nav: { home: 'Home', learn: 'Learn' },
	learn: { minutes_one: '{{count}} minute', minutes_other: '{{count}} minutes', done: 'Done', doneLater: 'Later' },
	roadmap: { status: { draft: 'Draft', final: 'Final' }, steps: ['One', 'Two'] },
}

describe('the keys a source file can show', () => {
	test('a dotted literal names one text, a plural its forms, a group everything in it', () => {
		const keys = keysInSource(`t('nav.home'); t("learn.minutes", { count }); const group = 'roadmap.status'`, tree)
		expect([...keys].sort()).toEqual([
			'learn.minutes_one',
			'learn.minutes_other',
			'nav.home',
			'roadmap.status.draft',
			'roadmap.status.final',
		])
	})

	test('a template names what starts with its fixed part; a list is one text', () => {
		expect([...keysInSource('t(`roadmap.status.${s}`); t(`learn.done${x}`)', tree)].sort()).toEqual([
			'learn.done',
			'learn.doneLater',
			'roadmap.status.draft',
			'roadmap.status.final',
		])
		expect([...keysInSource(`t('roadmap.steps', { returnObjects: true })`, tree)]).toEqual(['roadmap.steps'])
	})

	test('strings that are not keys name nothing', () => {
		expect([...keysInSource(`import x from './a.ts'; const file = 'report.csv'; t('nav.away'); 'learn'`, tree)]).toEqual([])
	})

	test('type-only imports are not followed; dynamic ones are', () => {
		const source = `import type { A } from './a.ts'\nimport { b, type C } from './b.ts'\nimport './c.css'\nconst d = await import('./d.ts')\nexport { e } from '#app/e.ts'`
		expect(importedSpecifiers(source).sort()).toEqual(['#app/e.ts', './b.ts', './c.css', './d.ts'])
		// A browser module's dynamic import is a part loaded on demand, with texts of its own.
		expect(importedSpecifiers(source, 'static').sort()).toEqual(['#app/e.ts', './b.ts', './c.css'])
		expect(importedSpecifiers(source, 'dynamic')).toEqual(['./d.ts'])
	})

	test('picking keeps the tree’s shape, lists included', () => {
		expect(pickTexts(tree, ['learn.done', 'roadmap.steps', 'nav.nowhere', 'nowhere.at.all'])).toEqual({
			learn: { done: 'Done' },
			roadmap: { steps: ['One', 'Two'] },
		})
	})
})

describe('each route’s texts, from the app’s own code', () => {
	const appDirectory = path.resolve('app')
	const routes = [
		{ id: 'root', file: 'root.tsx' },
		{ id: 'routes/learn.$module.$lesson', file: 'routes/learn.$module.$lesson.tsx' },
		{ id: 'routes/roadmaps.$delegationId.strategic-design', file: 'routes/roadmaps.$delegationId.strategic-design.tsx' },
		{ id: 'routes/settings', file: 'routes/settings.tsx' },
	]
	const keys = routeKeys(routes, appDirectory, en as Texts)
	const of = (id: string) => new Set(keys.get(id))

	test('the root carries the header, the footer, the error pages and the offline controls', () => {
		const root = of('root')
		for (const key of ['nav.skipToContent', 'nav.signOut', 'errors.notFound.title', 'offline.keepModule', 'notifications.navCount_one']) {
			expect(root).toContain(key)
		}
		// Not the mail the server sends, nor the roadmap's.
		expect([...root].some((key) => key.startsWith('mail.') && key !== 'mail.nav')).toBe(false)
		expect([...root].some((key) => key.startsWith('roadmap.'))).toBe(false)
	})

	test('a lesson carries its checks, reflections and completion, not the roadmap workspace', () => {
		const lesson = of('routes/learn.$module.$lesson')
		for (const key of ['learn.markComplete', 'learn.knowledgeCheck', 'learn.answerChecksFirst_other']) expect(lesson).toContain(key)
		// Its link to the worked example brings no text of the roadmap's workspace: not its forms,
		// options, errors or budget (worked-example-link.server.ts, not the example's whole import).
		expect([...lesson].filter((key) => key.startsWith('roadmap.'))).toEqual([])
		const size = JSON.stringify(pickTexts(en as Texts, lesson)).length
		expect(size).toBeLessThan(JSON.stringify(en).length / 10)
	})

	test('an action’s error texts come along: the settings form’s wrong password, a roadmap save’s refusal', () => {
		expect(of('routes/settings')).toContain('settings.currentPasswordWrong')
		expect(of('routes/roadmaps.$delegationId.strategic-design')).toContain('roadmap.errors.conflict')
	})

	test('a part loaded on demand brings its own texts, and the page does not carry them', () => {
		const page = of('routes/roadmaps.$delegationId.strategic-design')
		// The item form's "saved meanwhile" and the paste box's preview come with their modules…
		expect(of('part:features/roadmap/item-form-parts.ts')).toContain('roadmap.conflict.title')
		expect(of('part:features/roadmap/paste-box.tsx')).toContain('roadmap.paste.previewTitle')
		expect(of('part:features/roadmap/section/delete-notices.tsx').size).toBeGreaterThan(0)
		// …not with the page, which keeps what its links and its action's answers show.
		expect(page).not.toContain('roadmap.conflict.title')
		expect(page).not.toContain('roadmap.paste.previewTitle')
		expect(page).toContain('roadmap.paste.fold')
	})

	test('every key found is a text in both languages', () => {
		const all = [...keys.values()].flat()
		expect(all.length).toBeGreaterThan(300)
		const picked = JSON.stringify(pickTexts(es as Texts, all))
		for (const key of all) {
			const value = key.split('.').reduce<unknown>((node, name) => (node as Record<string, unknown> | undefined)?.[name], es)
			expect(value, key).toBeDefined()
		}
		expect(picked.length).toBeGreaterThan(0)
	})
})
