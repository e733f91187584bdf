import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { contentDirWith, nineModuleFiles } from '#tests/fixtures/curriculum.ts'

/**
 * Facilitator guides on a temporary curriculum: module 3 has a guide in both languages, module 7 in
 * English only, the others none.
 */
const CONTENT = contentDirWith(nineModuleFiles())
process.env.CONTENT_DIR = CONTENT

const { contentHash } = await import('#app/features/curriculum/content.server.ts')
const { ROLES } = await import('#tests/authorization/matrix.ts')
const { requestAs, routeArgs, run } = await import('#tests/helpers.ts')
const guideRoute = await import('#app/routes/learn.$module.guide.tsx')
const moduleRoute = await import('#app/routes/learn.$module._index.tsx')
const mdxRoute = await import('#app/routes/mdx.$file.tsx')

type GuidePage = { title: string; fallback: boolean; contentLanguage: string; module: { slug: string } }

async function openGuide(email: string | null, module: string, lng = 'en') {
	const path = `/learn/${module}/guide?lng=${lng}`
	return run(async () => guideRoute.loader(routeArgs(await requestAs(email, path), { module })))
}

async function compiledModule(email: string | null, file: string) {
	const name = `${contentHash(file, fs.readFileSync(path.join(CONTENT, file), 'utf8'))}.js`
	return run(async () => mdxRoute.loader(routeArgs(await requestAs(email, `/mdx/${name}`), { file: name })))
}

describe('a module’s facilitator guide', () => {
	test('facilitators of any cohort and staff read it in their language', async () => {
		for (const email of [ROLES.facilitator2025, ROLES.facilitator2024, ROLES.staff]) {
			const spanish = await openGuide(email, 'strategic-design', 'es')
			expect(spanish.status, email).toBe(200)
			expect(spanish.data).toMatchObject({ title: 'Guía de diseño estratégico', fallback: false, contentLanguage: 'es' })
			expect((await openGuide(email, 'strategic-design', 'en')).data).toMatchObject({ title: 'Guide to strategic design', fallback: false })
		}
	})

	test('a guide missing in the reader’s language is shown in the other one, saying so', async () => {
		const result = await openGuide(ROLES.facilitator2025, 'the-nap-process', 'es')
		expect(result.data as GuidePage).toMatchObject({ title: 'Guide to the NAP process', fallback: true, contentLanguage: 'en' })
	})

	test('delegates and alumni are refused, a visitor is sent to sign in', async () => {
		for (const email of [ROLES.delegateBolivia, ROLES.leadPanama, ROLES.memberPanama, ROLES.alumniTT]) {
			expect((await openGuide(email, 'strategic-design')).status, email).toBe(403)
			expect((await openGuide(email, 'localization')).status, `${email}, module without a guide`).toBe(403)
		}
		const visitor = await openGuide(null, 'strategic-design')
		expect(visitor.status).toBe(302)
		expect(visitor.response!.headers.get('Location')).toBe(
			`/login?${new URLSearchParams({ redirectTo: '/learn/strategic-design/guide?lng=en' })}`,
		)
	})

	test('a module without a guide, or no such module, is a 404', async () => {
		expect((await openGuide(ROLES.facilitator2025, 'localization')).status).toBe(404)
		expect((await openGuide(ROLES.facilitator2025, 'no-such-module')).status).toBe(404)
		expect((await openGuide(ROLES.delegateBolivia, 'no-such-module')).status).toBe(404)
	})

	test('the module page links the guide only for those who may open it, and only where there is one', async () => {
		const page = async (email: string, module: string) =>
			(await run(async () => moduleRoute.loader(routeArgs(await requestAs(email, `/learn/${module}`), { module })))).data as {
				guide: boolean
			}
		expect((await page(ROLES.facilitator2025, 'strategic-design')).guide).toBe(true)
		expect((await page(ROLES.staff, 'the-nap-process')).guide).toBe(true)
		expect((await page(ROLES.facilitator2025, 'localization')).guide).toBe(false)
		expect((await page(ROLES.delegateBolivia, 'strategic-design')).guide).toBe(false)
		expect((await page(ROLES.alumniTT, 'strategic-design')).guide).toBe(false)
	})

	test('its compiled module (/mdx/<hash>.js) reaches only those who may read it; a lesson’s reaches everyone signed in', async () => {
		const guide = '03-strategic-design/guide.es.mdx'
		await openGuide(ROLES.facilitator2025, 'strategic-design', 'es')
		expect((await compiledModule(ROLES.facilitator2025, guide)).status).toBe(200)
		expect((await compiledModule(ROLES.delegateBolivia, guide)).status).toBe(403)
		expect((await compiledModule(ROLES.alumniTT, guide)).status).toBe(403)
		expect((await compiledModule(ROLES.delegateBolivia, '03-strategic-design/01-first-3.en.mdx')).status).toBe(200)
	})
})
