import { describe, expect, test } from 'vitest'
import { duePeriodCode, lastEndedPeriod } from '#app/features/roadmap/indicator-series.ts'
import { db } from '#app/utils/db.server.ts'
import { requestAs, routeArgs, run } from '#tests/helpers.ts'

/**
 * Indicators over time and the cohort comparison, through their routes against the seeded database:
 * what alumni report comes back as a series, the M&E view flags the report a frequency lacks, and a
 * delegate's comparison holds only the roadmaps shared with the cohort (and their own).
 */

const tt = { delegationId: 'port-of-spain-2024-tt' }
const today = new Date().toISOString().slice(0, 10)

async function report(form: Record<string, string>) {
	const { action } = await import('#app/routes/roadmaps.$delegationId.implementation.tsx')
	const request = await requestAs('alumni.tt@example.org', '/roadmaps/port-of-spain-2024-tt/implementation', {
		form: { intent: 'report', itemId: 'tt-indicator-1', dated: today, source: '', ...form },
	})
	return run(() => action(routeArgs(request, tt)))
}

type Series = { points: Array<{ period: string; number: number | null }>; baseline: { number: number | null }; chartable: boolean }
type OverTime = {
	series: Record<string, Series>
	due: Record<string, { period: { year: number; part: number }; lastPeriod: string | null }>
}

async function monitoring(email: string) {
	const { loader } = await import('#tests/roadmap-section.ts')
	const result = await run(async () =>
		loader(
			routeArgs(await requestAs(email, '/roadmaps/port-of-spain-2024-tt/monitoring'), {
				...tt,
				section: 'monitoring',
			}),
		),
	)
	expect(result.status).toBe(200)
	return (result.data as { overTime: OverTime }).overTime
}

describe('an indicator over time', () => {
	test('the values alumni report come back in period order, and the last period of its frequency is flagged until reported', async () => {
		const due = lastEndedPeriod('quarterly', today)
		// The demo's four quarters (2025-Q2 to 2026-Q1): the quarterly indicator lacks its last quarter.
		const before = await monitoring('alumni.tt@example.org')
		expect(before.series['tt-indicator-1']!.points.map((p) => p.period)).toEqual(['2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1'])
		expect(before.due['tt-indicator-1']).toMatchObject({ period: { year: due.year, part: due.part }, lastPeriod: '2026-Q1' })

		// An earlier quarter reported late goes where it belongs; a refused value (not a number) is not kept.
		expect((await report({ period: '2025-Q1', value: '1' })).status).toBe(302)
		const refused = await report({ period: '2026-Q2', value: 'about thirty' })
		expect(refused.status).toBe(400)
		const partway = await monitoring('alumni.tt@example.org')
		expect(partway.series['tt-indicator-1']!.points.map((p) => [p.period, p.number])).toEqual([
			['2025-Q1', 1],
			['2025-Q2', 3],
			['2025-Q3', 9],
			['2025-Q4', 16],
			['2026-Q1', 21],
		])
		expect(partway.series['tt-indicator-1']!.baseline.number).toBe(0)
		expect(partway.series['tt-indicator-1']!.chartable).toBe(true)
		expect(partway.due['tt-indicator-1']?.lastPeriod).toBe('2026-Q1')

		// The quarter due, reported: no longer flagged; the implementation page draws the same series.
		expect((await report({ period: duePeriodCode(due), value: '31' })).status).toBe(302)
		const after = await monitoring('staff@example.org')
		expect(after.due['tt-indicator-1']).toBeUndefined()
		expect(after.series['tt-indicator-1']!.points.at(-1)).toMatchObject({ period: duePeriodCode(due), number: 31 })

		const { loader } = await import('#app/routes/roadmaps.$delegationId.implementation.tsx')
		const page = await run(async () =>
			loader(routeArgs(await requestAs('alumni.tt@example.org', '/roadmaps/port-of-spain-2024-tt/implementation'), tt)),
		)
		const data = page.data as { series: Record<string, Series>; due: Record<string, unknown> }
		expect(data.series['tt-indicator-1']!.points).toHaveLength(6)
		expect(data.due['tt-indicator-1']).toBeUndefined()
	})

	test('an indicator without a frequency is never flagged', async () => {
		await db
			.updateTable('roadmap_items')
			.set({ data: JSON.stringify({ statement: 'Women in the safety dialogues', measure: 'number', frequency: null }) })
			.where('id', '=', 'tt-indicator-1')
			.execute()
		expect((await monitoring('alumni.tt@example.org')).due['tt-indicator-1']).toBeUndefined()
	})
})

type Comparison = { roadmaps: Array<{ countryCode: string; shared: boolean; own: boolean; metrics: Record<string, unknown> }> }

async function compare(email: string) {
	const { loader } = await import('#app/routes/cohorts.$cohortId.roadmaps_.compare.tsx')
	const result = await run(async () =>
		loader(routeArgs(await requestAs(email, '/cohorts/panama-2025/roadmaps/compare'), { cohortId: 'panama-2025' })),
	)
	expect(result.status).toBe(200)
	return result.data as Comparison
}

describe('the cohort comparison', () => {
	test('a delegate compares the roadmaps shared with the cohort beside their own; those who run it see them all', async () => {
		const countries = (data: Comparison) => data.roadmaps.map((r) => r.countryCode)
		// Nothing shared: Bolivia sees only its own roadmap.
		expect(countries(await compare('delegate.bo@example.org'))).toEqual(['BO'])

		await db.updateTable('roadmaps').set({ shared_with_cohort: 1 }).where('delegation_id', '=', 'panama-2025-pa').execute()
		const bolivia = await compare('delegate.bo@example.org')
		expect(countries(bolivia)).toEqual(['BO', 'PA'])
		expect(bolivia.roadmaps.map((r) => [r.countryCode, r.shared, r.own])).toEqual([
			['BO', false, true],
			['PA', true, false],
		])
		// Panama's column is computed from its roadmap: one indicator, with a target but no baseline.
		const panama = bolivia.roadmaps.find((r) => r.countryCode === 'PA')!
		expect(panama.metrics.indicators).toBe(1)
		expect(panama.metrics.withBaselineAndTarget).toEqual({ count: 0, of: 1, share: 0 })
		const paActions = await db
			.selectFrom('roadmap_items as i')
			.innerJoin('roadmaps as r', 'r.id', 'i.roadmap_id')
			.select(db.fn.countAll<number>().as('n'))
			.where('r.delegation_id', '=', 'panama-2025-pa')
			.where('i.kind', '=', 'action')
			.executeTakeFirstOrThrow()
		expect(panama.metrics.actions).toBe(Number(paActions.n))

		// Costa Rica's delegates see Panama's shared roadmap beside theirs, never Bolivia's unshared one.
		const costaRicaMember = await db
			.selectFrom('delegation_members as m')
			.innerJoin('users as u', 'u.id', 'm.user_id')
			.select('u.email')
			.where('m.delegation_id', '=', 'panama-2025-cr')
			.executeTakeFirstOrThrow()
		expect(countries(await compare(costaRicaMember.email))).toEqual(['CR', 'PA'])

		const facilitator = await compare('facilitator@example.org')
		expect(countries(facilitator)).toEqual(['BO', 'CR', 'EC', 'PA'])
		expect(facilitator.roadmaps.filter((r) => r.shared).map((r) => r.countryCode)).toEqual(['PA'])
	})
})
