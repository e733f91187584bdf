import { describe, expect, test } from 'vitest'
import { roadmapMetrics } from '#app/features/roadmap/comparison.server.ts'
import { type ItemData, type Kind } from '#app/features/roadmap/kinds.ts'
import { buildTree, type TreeItem } from '#app/features/roadmap/roadmap.server.ts'

let next = 0
const item = (kind: Kind, parentId: string | null, data: ItemData, id = `${kind}-${++next}`): TreeItem => ({
	id,
	kind,
	parentId,
	version: 1,
	data,
})

describe('one roadmap in the cohort comparison', () => {
	test('an empty roadmap counts nothing and has no shares to show', () => {
		const metrics = roadmapMetrics(buildTree([]))
		expect(metrics.pillars).toEqual({ count: 0, of: 0, share: null, covered: [] })
		expect(metrics.actions).toBe(0)
		expect(metrics.costed.share).toBeNull()
		expect(metrics.budget).toEqual({ total: 0, funded: 0, share: null })
		expect(metrics.withBaselineAndTarget.share).toBeNull()
		expect(metrics.gaps).toBeGreaterThan(0)
	})

	test('pillars covered, actions costed and funded, indicators with baseline and target, and reach below the national level', () => {
		const items = [
			item('pillar', null, { name: 'Prevención' }, 'p1'),
			item('pillar', null, { name: 'Participación' }, 'p2'),
			item('pillar', null, { name: 'Protección' }, 'p3'),
			item('objective', 'p1', { statement: 'Reducir la violencia' }, 'o1'),
			item('objective', 'p3', { statement: 'Proteger a las defensoras' }, 'o2'),
			// Fully committed, at a municipal level.
			item(
				'action',
				'o1',
				{ description: 'A', level: 'municipal', costs: [{ amount: 6000, source: 'national_budget', committed: true }] },
				'a1',
			),
			// Half committed, national.
			item(
				'action',
				'o1',
				{
					description: 'B',
					level: 'national',
					costs: [
						{ amount: 2000, source: 'national_budget', committed: true },
						{ amount: 2000, source: 'international_cooperation', committed: false },
					],
				},
				'a2',
			),
			// No cost, at a community level.
			item('action', 'o2', { description: 'C', level: 'community', costs: [] }, 'a3'),
			item('action', 'o2', { description: 'D', level: null }, 'a4'),
			item('indicator', 'o1', { statement: 'I1', baselineValue: '30', targetValue: '50' }),
			item('indicator', 'a1', { statement: 'I2', baselineValue: '', targetValue: '10' }),
			item('indicator', 'a3', { statement: 'I3', baselineValue: ' ', targetValue: '' }),
			item('partner', null, { name: 'Red de mujeres de Colón', level: 'municipal' }),
		]
		const metrics = roadmapMetrics(buildTree(items))
		expect(metrics.pillars).toEqual({ count: 2, of: 3, share: 2 / 3, covered: ['Prevención', 'Protección'] })
		expect(metrics.objectives).toBe(2)
		expect(metrics.actions).toBe(4)
		expect(metrics.costed).toEqual({ count: 2, of: 4, share: 0.5 })
		expect(metrics.funded).toEqual({ count: 1, of: 4, share: 0.25 })
		expect(metrics.budget).toEqual({ total: 10000, funded: 8000, share: 0.8 })
		expect(metrics.indicators).toBe(3)
		expect(metrics.withBaselineAndTarget).toEqual({ count: 1, of: 3, share: 1 / 3 })
		expect(metrics.localActions).toEqual({ count: 2, of: 4, share: 0.5 })
		expect(metrics.byLevel).toEqual({ subnational: 0, municipal: 1, community: 1 })
		expect(metrics.localPartners).toBe(1)
	})
})
