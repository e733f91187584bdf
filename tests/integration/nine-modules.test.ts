import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, test } from 'vitest'
import { contentDirWith, fixtureModuleTitle, NINE_MODULE_FOLDERS, nineModuleFiles } from '#tests/fixtures/curriculum.ts'

/**
 * Every page and export that lists modules, on a curriculum of nine modules (a temporary content
 * folder, so this does not wait for the writers): nothing counts six, and a facilitator guide is
 * never a lesson.
 */
process.env.CONTENT_DIR = contentDirWith(nineModuleFiles())

const { db } = await import('#app/utils/db.server.ts')
const { requestAs, routeArgs, run, userIdFor } = await import('#tests/helpers.ts')
const { MODULE_SLUGS } = await import('#app/utils/vocabularies.ts')

const DELEGATE = 'delegate.bo@example.org'
const FACILITATOR = 'facilitator@example.org'
const ALUMNI = 'alumni.tt@example.org'

async function loaderData<T>(file: string, email: string, path: string, params: Record<string, string> = {}) {
	const routes = import.meta.glob<{ loader: (args: unknown) => Promise<unknown> }>('/app/routes/*.tsx')
	const route = await routes[`/app/routes/${file}`]!()
	const result = await run(async () => route.loader(routeArgs(await requestAs(email, path), params)))
	expect(result.status, `${file} as ${email}`).toBe(200)
	return result as { status: number; data?: T; response?: Response }
}

beforeAll(async () => {
	// Bolivia's delegate has finished one lesson of module 8 and one of module 9; the seed's lessons
	// of the real curriculum are not in this one and count for nothing.
	const now = new Date().toISOString()
	for (const email of [DELEGATE, ALUMNI]) {
		const userId = await userIdFor(email)
		for (const lessonKey of ['regional-landscape/first-8', 'thematic-lenses/second-9']) {
			await db
				.insertInto('lesson_progress')
				.values({ user_id: userId, lesson_key: lessonKey, first_viewed_at: now, last_viewed_at: now, completed_at: now })
				.execute()
		}
	}
})

describe('nine modules', () => {
	test('the curriculum page lists the nine, in teaching order, with their lessons and progress', async () => {
		const { data } = await loaderData<{ modules: Array<{ slug: string; title: string; total: number; completed: number }> }>(
			'learn._index.tsx',
			DELEGATE,
			'/learn',
		)
		expect(data!.modules.map((m) => m.slug)).toEqual([...MODULE_SLUGS])
		expect(data!.modules.map((m) => m.total)).toEqual(Array(9).fill(2))
		expect(data!.modules.filter((m) => m.completed).map((m) => m.slug)).toEqual(['regional-landscape', 'thematic-lenses'])
	})

	test('a module page after the sixth opens, and its lessons exclude the guide', async () => {
		const { data } = await loaderData<{ order: number; progress: { total: number; lessons: Array<{ slug: string }> } }>(
			'learn.$module._index.tsx',
			DELEGATE,
			'/learn/the-nap-process',
			{ module: 'the-nap-process' },
		)
		expect(data!.order).toBe(7)
		expect(data!.progress.lessons.map((l) => l.slug)).toEqual(['first-7', 'second-7'])
	})

	test('the dashboard has a column per module and counts lessons of all nine, guides not at all', async () => {
		const { data } = await loaderData<{
			progress: { modules: Array<{ slug: string; title: string; lessons: number }>; totalLessons: number; delegations: any[] }
		}>('cohorts.$cohortId.dashboard.tsx', FACILITATOR, '/cohorts/panama-2025/dashboard?lng=en', { cohortId: 'panama-2025' })
		expect(data!.progress.modules.map((m) => m.slug)).toEqual([...MODULE_SLUGS])
		expect(data!.progress.modules.map((m) => m.title)).toEqual(NINE_MODULE_FOLDERS.map((_, i) => fixtureModuleTitle(i, 'en')))
		expect(data!.progress.totalLessons).toBe(18)
		const bolivia = data!.progress.delegations.find((d) => d.id === 'panama-2025-bo')
		expect(bolivia.byModule).toEqual({ 'regional-landscape': 1, 'thematic-lenses': 1 })
	})

	test('the progress export has the nine module columns and agrees with the dashboard', async () => {
		const { response } = await loaderData('cohorts.$cohortId.progress[.]csv.tsx', FACILITATOR, '/cohorts/panama-2025/progress.csv?lng=es', {
			cohortId: 'panama-2025',
		})
		const rows = parse((await response!.text()).replace(/^\uFEFF/, '')) as string[][]
		// One number per module (lessons completed), its header saying out of how many: never "1/2", which spreadsheets read as a date.
		expect(rows[0]!.slice(3, 12)).toEqual(NINE_MODULE_FOLDERS.map((_, i) => `${fixtureModuleTitle(i, 'es')}: lecciones completadas (de 2)`))
		const row = rows.find((r) => r[2] === DELEGATE)!
		expect(row.slice(3, 12)).toEqual(['0', '0', '0', '0', '0', '0', '0', '1', '1'])
		expect(row.slice(12, 14)).toEqual(['2', '18'])
	})

	test('a delegate’s drill-down lists the nine modules', async () => {
		const { data } = await loaderData<{ detail: { modules: Array<{ slug: string }> } }>(
			'cohorts.$cohortId.delegates.$userId.tsx',
			FACILITATOR,
			'/cohorts/panama-2025/delegates/user-delegate-bo',
			{ cohortId: 'panama-2025', userId: 'user-delegate-bo' },
		)
		expect(data!.detail.modules.map((m) => m.slug)).toEqual([...MODULE_SLUGS])
	})

	test('an alumni’s home shows progress over the nine modules', async () => {
		const { data } = await loaderData<{ learning: { modules: Array<{ slug: string }>; total: number; completed: number } }>(
			'home.tsx',
			ALUMNI,
			'/home',
		)
		expect(data!.learning.modules.map((m) => m.slug)).toEqual([...MODULE_SLUGS])
		expect([data!.learning.completed, data!.learning.total]).toEqual([2, 18])
	})

	test('the public page lists the nine modules', async () => {
		const { data } = await loaderData<{ modules: Array<{ slug: string }> }>('_index.tsx', DELEGATE, '/')
		expect(data!.modules.map((m) => m.slug)).toEqual([...MODULE_SLUGS])
	})
})
