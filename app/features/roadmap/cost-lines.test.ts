import { describe, expect, test } from 'vitest'
import { flatFormValues } from '#app/features/roadmap/item-values.tsx'
import { costLinesOf } from '#app/features/roadmap/kinds.ts'
import { budgetTotals, completeness, getRoadmapByDelegation, roadmapItems } from '#app/features/roadmap/roadmap.server.ts'
import { actionsCsv, importRoadmap, loadTree, planRoadmap } from '#app/features/roadmap/transfer.server.ts'
import { db } from '#app/utils/db.server.ts'
import { mexicoShape, withIndicators } from '#tests/fixtures/mexico-roadmap.ts'
import { requestAs, routeArgs, run, userIdFor } from '#tests/helpers.ts'

/**
 * An action's cost as lines (amount, source, committed), posted in the action's one form (from the
 * strategic design) as it sends them: `costs[0].amount`, `costs[0].source`, `costs[0].committed`, …
 */

const delegationId = 'panama-2025-pa'
const section = 'strategic-design'
const path = `/roadmaps/${delegationId}/${section}`

async function post(form: Record<string, string>) {
	const route = await import('#tests/roadmap-section.ts')
	return run(async () => route.action(routeArgs(await requestAs('delegate.pa@example.org', path, { form }), { delegationId, section })))
}
const row = (id: string) => db.selectFrom('roadmap_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const historyCount = async () =>
	Number((await db.selectFrom('roadmap_changes').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
const action = async () => (await roadmapItems((await getRoadmapByDelegation(delegationId))!.id)).find((i) => i.id === 'pa-action-1')!

/** The update form of pa-action-1 with these lines, as the page would post it (the empty row included). */
async function saveLines(lines: Array<{ amount: string; source?: string; committed?: boolean }>) {
	const { version, data } = await action()
	const form: Record<string, string> = {
		intent: 'update',
		kind: 'action',
		id: 'pa-action-1',
		version: String(version),
		formKey: 'item-pa-action-1',
		// The rest of the action as the form holds it.
		...Object.fromEntries(
			['description', 'lead', 'partners', 'start', 'end', 'status', 'level', 'places'].map((f) => [f, String(data[f] ?? '')]),
		),
	}
	for (const [index, line] of [...lines, { amount: '', source: '' }].entries()) {
		form[`costs[${index}].amount`] = line.amount
		form[`costs[${index}].source`] = line.source ?? ''
		if (line.committed) form[`costs[${index}].committed`] = 'on'
	}
	return post(form)
}

describe("cost lines in an action's form", () => {
	test('several lines add up: the action’s total, the funded share, and the totals by source and by pillar', async () => {
		const saved = await saveLines([
			{ amount: '40,000', source: 'national_budget', committed: true },
			{ amount: '60000', source: 'international_cooperation' },
			{ amount: '12 500,50', source: 'subnational_budget', committed: true },
		])
		expect(saved.status).toBe(302)
		expect(costLinesOf((await action()).data)).toEqual([
			{ amount: 4_000_000, source: 'national_budget', committed: true },
			{ amount: 6_000_000, source: 'international_cooperation', committed: false },
			{ amount: 1_250_050, source: 'subnational_budget', committed: true },
		])
		// The budget page's totals: pa-action-1 is the roadmap's only costed action.
		const route = await import('#tests/roadmap-section.ts')
		const budget = `/roadmaps/${delegationId}/gender-budgeting`
		const page = await run(async () =>
			route.loader(routeArgs(await requestAs('delegate.pa@example.org', budget), { delegationId, section: 'gender-budgeting' })),
		)
		const { totals } = page.data as { totals: ReturnType<typeof budgetTotals> }
		expect([totals.total, totals.funded, totals.gap]).toEqual([11_250_050, 5_250_050, 6_000_000])
		expect(totals.fundedShare).toBeCloseTo(5_250_050 / 11_250_050)
		expect(Object.fromEntries(totals.bySource.filter((s) => s.total).map((s) => [s.source, [s.total, s.funded]]))).toEqual({
			national_budget: [4_000_000, 4_000_000],
			subnational_budget: [1_250_050, 1_250_050],
			international_cooperation: [6_000_000, 0],
		})
		expect(totals.byPillar.filter((p) => p.total).map((p) => [p.total, p.funded])).toEqual([[11_250_050, 5_250_050]])
	})

	test('a bad amount on line 2 is refused with its message next to that line, and nothing is saved', async () => {
		const before = await row('pa-action-1')
		const changes = await historyCount()
		const refused = await saveLines([
			{ amount: '5000', source: 'national_budget', committed: true },
			{ amount: 'lots', source: 'international_cooperation' },
			{ amount: '-20', source: 'civil_society' },
			{ amount: '', source: 'ministry_line' },
		])
		expect(refused.status).toBe(400)
		const { result } = refused.data as { result: { error: Record<string, string[]>; initialValue: unknown } }
		expect(result.error).toEqual({
			'costs[1].amount': ['roadmap.errors.money'],
			'costs[2].amount': ['roadmap.errors.negative'],
			'costs[3].amount': ['roadmap.errors.required'],
		})
		expect(await row('pa-action-1')).toEqual(before)
		expect(await historyCount()).toBe(changes)
		// What was typed comes back under each input's own name, so the form shows it again.
		expect(flatFormValues(result.initialValue)).toMatchObject({ 'costs[1].amount': 'lots', 'costs[2].source': 'civil_society' })
	})

	test('clearing a line removes it; clearing them all leaves the action without a cost (a gap)', async () => {
		await saveLines([
			{ amount: '100', source: 'national_budget' },
			{ amount: '200', source: 'civil_society', committed: true },
			{ amount: '300', source: 'not_identified' },
		])
		expect(costLinesOf((await action()).data)).toHaveLength(3)
		expect(
			await saveLines([
				{ amount: '100', source: 'national_budget' },
				{ amount: ' ', source: '' },
				{ amount: '300', source: 'not_identified' },
			]),
		).toMatchObject({ status: 302 })
		expect(costLinesOf((await action()).data).map((line) => line.amount)).toEqual([10_000, 30_000])
		expect(await saveLines([{ amount: '' }, { amount: '' }])).toMatchObject({ status: 302 })
		expect((await action()).data.costs).toEqual([])
		const gaps = completeness(await loadTree((await getRoadmapByDelegation(delegationId))!.id))
		expect(gaps.filter((g) => g.itemId === 'pa-action-1').map((g) => g.key)).toContain('actionWithoutCost')
	})

	test('an amount without a source is kept and named as a gap; more than 12 lines are refused', async () => {
		expect(await saveLines([{ amount: '900' }])).toMatchObject({ status: 302 })
		expect(costLinesOf((await action()).data)).toEqual([{ amount: 90_000, source: null, committed: false }])
		const gaps = completeness(await loadTree((await getRoadmapByDelegation(delegationId))!.id))
		expect(gaps.filter((g) => g.itemId === 'pa-action-1').map((g) => g.key)).toContain('actionWithoutSource')

		const before = await row('pa-action-1')
		const many = await saveLines(Array.from({ length: 13 }, () => ({ amount: '1', source: 'national_budget' })))
		expect(many.status).toBe(400)
		expect((many.data as { result: { error: Record<string, string[]> } }).result.error).toEqual({ costs: ['roadmap.errors.tooManyLines'] })
		expect(await row('pa-action-1')).toEqual(before)
	})

	test('actions.csv gives each action its total, currency, committed amount and sources', async () => {
		await saveLines([
			{ amount: '40000', source: 'national_budget', committed: true },
			{ amount: '60000', source: 'international_cooperation' },
		])
		const roadmap = (await getRoadmapByDelegation(delegationId))!
		const lines = (await (await actionsCsv(roadmap, 'en')).text())
			.replace(/^\uFEFF/, '')
			.trim()
			.split(/\r?\n/)
		expect(lines[0]).toContain('"Total cost (USD, whole units)",Currency,"Committed amount (USD, whole units)",Funding sources')
		expect(lines[1]).toContain('100000,USD,40000,National budget; International cooperation')
		const spanish = (await (await actionsCsv(roadmap, 'es')).text()).split(/\r?\n/)[0]
		expect(spanish).toContain(
			'"Costo total (USD, unidades enteras)",Moneda,"Monto comprometido (USD, unidades enteras)",Fuentes de financiamiento',
		)
	})
})

describe('roadmap files exported before cost lines', () => {
	/** The Mexico-shaped document as it was written before cost lines: one cost, source and committed per action. */
	function legacyDocument() {
		const doc = withIndicators(mexicoShape())
		for (const pillar of doc.pillars)
			for (const objective of pillar.objectives)
				for (const action of objective.actions) {
					const [first] = action.costs
					action.cost = action.costs.reduce((sum: number, line: { amount: number }) => sum + line.amount, 0)
					action.source = first.source
					action.committed = first.committed
					delete action.costs
				}
		return doc
	}

	test('still import: each action gets one line with its cost, source and committed', async () => {
		const doc = legacyDocument()
		doc.pillars[0].objectives[0].actions[1] = { ...doc.pillars[0].objectives[0].actions[1], cost: null, source: null, committed: false }
		const roadmap = (await getRoadmapByDelegation('panama-2025-cr'))!
		expect(await importRoadmap(roadmap, await userIdFor('cr1@example.org'), JSON.stringify(doc))).toMatchObject({ ok: true })
		const tree = await loadTree(roadmap.id)
		expect(tree.actions[0]!.data.costs).toEqual([{ amount: 100_000_00, source: 'ministry_line', committed: false }])
		expect(tree.actions[1]!.data.costs).toEqual([])
		expect(tree.actions[2]!.data.costs).toEqual([{ amount: 300_000_00, source: 'civil_society', committed: true }])
		expect(budgetTotals(tree).total).toBe(Array.from({ length: 16 }, (_, i) => (i + 1) * 100_000_00).reduce((a, b) => a + b) - 200_000_00)
	})

	test('a mistake in an old file is reported under the old field’s name', () => {
		const doc = legacyDocument()
		doc.pillars[1].objectives[0].actions[0].cost = -5
		doc.pillars[2].objectives[0].actions[0].source = 'lottery'
		expect(planRoadmap(JSON.stringify(doc))).toEqual({
			ok: false,
			errors: [
				'roadmap.errors.money|pillars.1.objectives.0.actions.0.cost',
				'roadmap.errors.option|pillars.2.objectives.0.actions.0.source',
			],
		})
	})
})
