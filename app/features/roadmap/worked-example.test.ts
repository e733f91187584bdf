import fs from 'node:fs'
import { describe, expect, test } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import { can } from '#app/utils/permissions.server.ts'
import { loadViewer } from '#app/utils/permissions.server.ts'
import { type Language, LANGUAGES } from '#app/utils/i18n.ts'
import { applyChange, type Item } from '#app/features/roadmap/items.server.ts'
import { budgetTotals, completeness, getRoadmapByDelegation, roadmapHistory } from '#app/features/roadmap/roadmap.server.ts'
import { exportRoadmap, importRoadmap, loadTree } from '#app/features/roadmap/transfer.server.ts'
import { exampleStart, workedExample, workedExampleFile } from '#app/features/roadmap/worked-example.server.ts'
import { ROLE_NAMES, ROLES } from '#tests/authorization/matrix.ts'
import { requestAs, routeArgs, run, userIdFor } from '#tests/helpers.ts'

/**
 * The worked example: Valmira's roadmap (content/CASE.md) as roadmap documents in both languages,
 * that import cleanly, have no completeness gaps, hold the case's figures, and that a delegation with
 * an empty roadmap can start from, and only then.
 */

const fileOf = (language: Language) => JSON.parse(fs.readFileSync(workedExampleFile(language), 'utf8'))
const USD = (amount: number) => amount * 100
const codes = (list: Array<{ data: Record<string, unknown> }>, field: string) => list.map((i) => String(i.data[field]).split(' ')[0])

async function roadmapOf(delegationId: string) {
	const roadmap = await getRoadmapByDelegation(delegationId)
	if (!roadmap) throw new Error(`no roadmap for ${delegationId}`)
	return roadmap
}

describe('the worked example files', () => {
	for (const [language, delegationId, member] of [
		['en', 'port-of-spain-2024-gy', 'gy1@example.org'],
		['es', 'panama-2025-cr', 'cr1@example.org'],
	] as const) {
		test(`valmira.${language}.json imports cleanly into an empty roadmap, with no completeness gaps, and exports back to itself`, async () => {
			const roadmap = await roadmapOf(delegationId)
			const result = await importRoadmap(roadmap, await userIdFor(member), fs.readFileSync(workedExampleFile(language), 'utf8'))
			expect(result).toEqual({ ok: true, items: expect.any(Number) })
			const tree = await loadTree(roadmap.id)
			expect(completeness(tree)).toEqual([])
			expect([tree.pillars.length, tree.objectives.length, tree.actions.length, tree.indicators.length]).toEqual([4, 7, 12, 8])
			expect([tree.pathways.length, tree.assumptions.length, tree.risks.length, tree.members.length]).toEqual([5, 3, 2, 11])
			expect(tree.mechanism?.data.frequency).toBe('quarterly')

			// The file is the roadmap exactly: every field present, nothing lost on the way in.
			const reloaded = (await db.selectFrom('roadmaps').selectAll().where('id', '=', roadmap.id).executeTakeFirst())!
			const exported = exportRoadmap(reloaded, tree)
			const { status: _status, ...file } = fileOf(language)
			expect({ ...exported, exportedAt: undefined, status: undefined }).toEqual({ ...file, exportedAt: undefined, status: undefined })

			// The page's in-memory roadmap is the one the import builds.
			const example = workedExample(language)
			expect(example.gaps).toEqual([])
			expect(exportRoadmap(reloaded, example.tree)).toEqual({ ...exported, exportedAt: expect.any(String) })
		})
	}

	test('hold the case’s figures: 12 actions costing USD 6,200,000, by pillar and by source, with their quarters', () => {
		for (const language of LANGUAGES) {
			const { tree, totals, currency } = workedExample(language)
			expect(currency).toBe('USD')
			expect(totals.total).toBe(USD(6_200_000))
			expect(totals.byPillar.map((p) => p.total)).toEqual([USD(625_000), USD(480_000), USD(3_290_000), USD(1_805_000)])
			// By source, as the case has it: national 2,245,000 (1,705,000 committed), municipal 1,300,000 (none),
			// cooperation 2,655,000 (400,000).
			const bySource = Object.fromEntries(budgetTotals(tree).bySource.map((s) => [s.source, [s.total, s.funded]]))
			expect(bySource).toEqual({
				national_budget: [USD(2_245_000), USD(1_705_000)],
				ministry_line: [0, 0],
				subnational_budget: [USD(1_300_000), 0],
				international_cooperation: [USD(2_655_000), USD(400_000)],
				civil_society: [0, 0],
				not_identified: [0, 0],
			})
			// 2.1.1 and 3.1.1 are committed in part, as two lines each: 2,105,000 funded (34 %), a gap of 4,095,000.
			expect(totals.funded).toBe(USD(2_105_000))
			expect(totals.gap).toBe(USD(4_095_000))
			expect(Math.round(totals.fundedShare * 100)).toBe(34)
			const linesOf = (code: string) => tree.actions.find((a) => String(a.data.description).startsWith(`${code} `))!.data.costs
			expect(linesOf('3.1.1')).toEqual([
				{ amount: USD(1_300_000), source: 'national_budget', committed: true },
				{ amount: USD(1_300_000), source: 'subnational_budget', committed: false },
			])
			expect(linesOf('2.1.1')).toEqual([
				{ amount: USD(155_000), source: 'international_cooperation', committed: true },
				{ amount: USD(265_000), source: 'international_cooperation', committed: false },
			])
			expect(codes(tree.actions, 'description')).toEqual([
				'1.1.1',
				'1.1.2',
				'1.2.1',
				'1.2.2',
				'2.1.1',
				'2.1.2',
				'3.1.1',
				'3.1.2',
				'3.2.1',
				'4.1.1',
				'4.2.1',
				'4.2.2',
			])
			expect(codes(tree.indicators, 'statement')).toEqual(['1.1.a', '1.2.a', '2.1.a', '2.1.b', '3.1.a', '3.2.a', '4.1.a', '4.2.a'])
			const period = (code: string) => {
				const action = tree.actions.find((a) => String(a.data.description).startsWith(`${code} `))!
				return `${action.data.start}–${action.data.end}`
			}
			expect(period('1.1.1')).toBe('2026-Q2–2027-Q4')
			expect(period('1.1.2')).toBe('2026-Q2–2030-Q4')
			expect(period('3.1.1')).toBe('2026-Q2–2030-Q4')
			expect(period('3.1.2')).toBe('2027-Q1–2029-Q4')
			expect(tree.actions.every((a) => a.data.status === 'planned')).toBe(true)
			expect(tree.actions.filter((a) => a.data.level === 'municipal' || a.data.level === 'community').map((a) => a.id)).toHaveLength(2)
		}
	})

	test('the two languages are the same plan: same numbers, periods, sources and levels; names in each language', () => {
		const [en, es] = LANGUAGES.map((language) => workedExample(language).tree)
		const shape = (tree: typeof en) => ({
			actions: tree!.actions.map(({ data: { costs, level, start, end, status } }) => ({
				costs,
				level,
				start,
				end,
				status,
			})),
			indicators: tree!.indicators.map(({ data: { type, measure, baselineValue, baselineYear, targetValue, targetYear, frequency } }) => ({
				type,
				measure,
				baselineValue: /^\d/.test(String(baselineValue)) ? baselineValue : 'words',
				baselineYear,
				targetValue,
				targetYear,
				frequency,
			})),
			partners: tree!.partners.map((p) => p.data.level),
		})
		expect(shape(es)).toEqual(shape(en))
		expect(en!.pillars.map((p) => p.data.name)).toEqual(['Participation', 'Prevention', 'Protection', 'Relief and recovery'])
		expect(es!.pillars.map((p) => p.data.name)).toEqual(['Participación', 'Prevención', 'Protección', 'Socorro y recuperación'])
		expect(es!.mechanism?.data.name).toBe('Comité Interinstitucional de Mujeres, Paz y Seguridad')
		expect(es!.members.map((m) => m.data.institution)).toContain('Ministerio de la Mujer y la Equidad (MME)')
		expect(en!.members.map((m) => m.data.institution)).toContain('Ministry of Women and Equality (MME)')
	})
})

describe('the worked example is read-only for everyone', () => {
	test('the policy lets every role read it and no role change it', async () => {
		for (const role of ROLE_NAMES) {
			const email = ROLES[role]
			if (!email) continue
			const viewer = (await loadViewer(await userIdFor(email)))!
			expect(can(viewer, 'view', { type: 'worked-example' }), role).toBe(true)
			for (const action of ['edit', 'comment', 'manage', 'reopen', 'learn'] as const) {
				expect(can(viewer, action, { type: 'worked-example' }), `${role} ${action}`).toBe(false)
			}
		}
	})

	test('its pages answer no form, and no roadmap address reaches it', async () => {
		for (const file of ['roadmap.example.tsx', 'roadmap.example[.]json.tsx']) {
			const route: Record<string, unknown> = await import(`#app/routes/${file}`)
			expect(route.action, file).toBeUndefined()
		}
		const overview = await import('#app/routes/roadmaps.$delegationId._index.tsx')
		for (const delegationId of ['example', 'valmira']) {
			const result = await run(async () =>
				overview.loader(routeArgs(await requestAs(ROLES.staff, `/roadmaps/${delegationId}`), { delegationId })),
			)
			expect(result.status).toBe(404)
		}
		const page = await import('#app/routes/roadmap.example.tsx')
		const shown = await run(async () => page.loader(routeArgs(await requestAs(ROLES.leadPanama, '/roadmap/example?lng=es'))))
		expect(shown.data).toMatchObject({ abilities: { edit: false, comment: false, manage: false }, gaps: 0, language: 'es' })
	})
})

describe('starting from the worked example', () => {
	const overview = () => import('#app/routes/roadmaps.$delegationId._index.tsx')
	async function start(email: string, delegationId: string) {
		const { action } = await overview()
		const path = `/roadmaps/${delegationId}`
		return run(async () => action(routeArgs(await requestAs(email, path, { form: { intent: 'startFromExample' } }), { delegationId })))
	}

	test('an empty roadmap starts from it, in the roadmap’s language, through the import (with its history)', async () => {
		const roadmap = await roadmapOf('port-of-spain-2024-jm')
		const { loader } = await overview()
		const before = await run(async () =>
			loader(
				routeArgs(await requestAs('jm1@example.org', '/roadmaps/port-of-spain-2024-jm?lng=es'), { delegationId: 'port-of-spain-2024-jm' }),
			),
		)
		// Jamaica's pillars are the English defaults: the example comes in English, whatever the reader's language.
		expect(before.data).toMatchObject({ exampleLanguage: 'en' })
		const result = await start('jm1@example.org', 'port-of-spain-2024-jm')
		expect(result.status).toBe(302)
		const tree = await loadTree(roadmap.id)
		expect(tree.actions).toHaveLength(12)
		expect(tree.mechanism?.data.name).toBe('WPS Inter-institutional Committee')
		expect(completeness(tree)).toEqual([])
		const history = await roadmapHistory(roadmap.id, 1000)
		expect(history.filter((h) => h.change === 'create' && h.kind === 'action')).toHaveLength(12)
		expect(history.filter((h) => h.change === 'delete' && h.kind === 'pillar')).toHaveLength(4)

		const after = await run(async () =>
			loader(routeArgs(await requestAs('jm1@example.org', '/roadmaps/port-of-spain-2024-jm'), { delegationId: 'port-of-spain-2024-jm' })),
		)
		expect(after.data).toMatchObject({ exampleLanguage: null })
	})

	test('a Spanish-speaking delegation gets it in Spanish', async () => {
		expect((await start('ec1@example.org', 'panama-2025-ec')).status).toBe(302)
		const tree = await loadTree((await roadmapOf('panama-2025-ec')).id)
		expect(tree.pillars.map((p) => p.data.name)).toEqual(['Participación', 'Prevención', 'Protección', 'Socorro y recuperación'])
	})

	test('a roadmap with content beyond the default pillars is refused with a message, and nothing changes', async () => {
		const roadmap = await roadmapOf('panama-2025-pa')
		const before = await db.selectFrom('roadmap_items').select(['id', 'data', 'version']).where('roadmap_id', '=', roadmap.id).execute()
		const refused = await start('pa2@example.org', 'panama-2025-pa')
		expect(refused.status).toBe(409)
		expect(refused.data).toMatchObject({ error: 'workedExample.start.notEmpty' })
		expect(await db.selectFrom('roadmap_items').select(['id', 'data', 'version']).where('roadmap_id', '=', roadmap.id).execute()).toEqual(
			before,
		)

		// Once started, starting again is refused too.
		expect((await start('bb1@example.org', 'port-of-spain-2024-bb')).status).toBe(302)
		expect((await start('bb1@example.org', 'port-of-spain-2024-bb')).status).toBe(409)
	})

	test('only the default pillars, empty, allow it: a renamed or added pillar is content', async () => {
		const pillar = (name: string, id = name): Item => ({
			id,
			kind: 'pillar',
			parentId: null,
			position: 0,
			data: { name },
			version: 1,
			updatedAt: '',
			updatedBy: null,
		})
		expect(exampleStart([pillar('Prevención'), pillar('Protección')], 'en')).toEqual({ ok: true, language: 'es' })
		expect(exampleStart([], 'es')).toEqual({ ok: true, language: 'es' })
		expect(exampleStart([pillar('Prevention'), pillar('Protección')], 'en')).toEqual({ ok: true, language: 'en' })
		expect(exampleStart([pillar('Prevention'), pillar('Disarmament')], 'en')).toEqual({ ok: false })
		const objective: Item = { ...pillar('x', 'o'), kind: 'objective', parentId: 'Prevention', data: { statement: 'x' } }
		expect(exampleStart([pillar('Prevention'), objective], 'en')).toEqual({ ok: false })
	})

	test('a final roadmap is not started from it', async () => {
		const roadmap = await roadmapOf('panama-2025-bo')
		await applyChange(db, roadmap.id, null, { type: 'status', status: 'final' })
		const refused = await start('delegate.bo@example.org', 'panama-2025-bo')
		expect(refused.status).toBe(409)
		expect(refused.data).toMatchObject({ error: 'roadmap.errors.final' })
	})
})
