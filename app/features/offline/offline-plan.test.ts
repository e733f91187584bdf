import { describe, expect, test } from 'vitest'
import { getCatalogue, getCompiled, pickVersion } from '#app/features/curriculum/content.server.ts'
import { mdxModuleUrl } from '#app/features/curriculum/mdx-modules.ts'
import type { OfflinePlan } from '#app/features/offline/offline-store.ts'
import { loader } from '#app/routes/offline[.]json.tsx'
import { requestAs, routeArgs, run } from '#tests/helpers.ts'

async function planFor(email: string, query: string) {
	const response = (await loader(routeArgs(await requestAs(email, `/offline.json${query}`)))) as Response
	return { status: response.status, body: (await response.json()) as OfflinePlan & { error?: string } }
}

describe('what "Keep for offline reading" saves', () => {
	test("a module: each lesson's page, its data and its curriculum module in the reader's language, with the size", async () => {
		// delegate.pa reads in Spanish (the demo seed).
		const { status, body } = await planFor('delegate.pa@example.org', '?module=localization')
		expect(status).toBe(200)
		const module = getCatalogue().modules.find((entry) => entry.slug === 'localization')!
		expect(body.modules).toHaveLength(1)
		expect(body.modules[0]!.title).toBe(pickVersion(module.versions, 'es').title)
		expect(body.modules[0]!.lessons.map((lesson) => lesson.title)).toEqual(
			module.lessons.map((lesson) => pickVersion(lesson.versions, 'es').title),
		)
		for (const lesson of module.lessons) {
			const compiled = await getCompiled(pickVersion(lesson.versions, 'es').file)
			const page = `/learn/localization/${lesson.slug}`
			expect(body.urls).toEqual(expect.arrayContaining([page, `${page}.data`, mdxModuleUrl(compiled.hash)]))
		}
		// The module's own page and the offline page come too; every address once.
		expect(body.urls).toEqual(expect.arrayContaining(['/learn/localization', '/offline']))
		expect(new Set(body.urls).size).toBe(body.urls.length)
		expect(body.estimatedBytes).toBeGreaterThan(100_000)
	})

	test('the whole curriculum without a module; a module there is not is a 404, a malformed one a 400', async () => {
		const all = await planFor('delegate.bo@example.org', '')
		expect(all.body.modules.map((module) => module.slug)).toEqual(getCatalogue().modules.map((module) => module.slug))
		expect((await planFor('delegate.bo@example.org', '?module=no-such-module')).status).toBe(404)
		expect((await planFor('delegate.bo@example.org', '?module=..%2Fsecret')).status).toBe(400)
		const signedOut = await run(async () => loader(routeArgs(await requestAs(null, '/offline.json'))))
		expect(signedOut.status).toBe(302)
	})
})
