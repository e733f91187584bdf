import { describe, expect, test } from 'vitest'
import { planNumbers } from '#app/features/roadmap/numbering.ts'

describe('the plan’s numbering', () => {
	test('pillar 1, objective 1.2, action 1.2.3; indicators by what they measure', () => {
		const numbers = planNumbers({
			pillars: [
				{ id: 'p1', objectives: [{ id: 'o11', indicators: [], actions: [] }] },
				{
					id: 'p2',
					objectives: [
						{ id: 'o21', indicators: [{ id: 'i-o21-a' }, { id: 'i-o21-b' }], actions: [{ id: 'a211', indicators: [] }] },
						{
							id: 'o22',
							indicators: [],
							actions: [
								{ id: 'a221', indicators: [] },
								{ id: 'a222', indicators: [] },
								{ id: 'a223', indicators: [{ id: 'i-a223-a' }] },
							],
						},
					],
				},
			],
		})
		expect(Object.fromEntries(numbers)).toEqual({
			p1: '1',
			o11: '1.1',
			p2: '2',
			o21: '2.1',
			'i-o21-a': '2.1.a',
			'i-o21-b': '2.1.b',
			a211: '2.1.1',
			o22: '2.2',
			a221: '2.2.1',
			a222: '2.2.2',
			a223: '2.2.3',
			'i-a223-a': '2.2.3.a',
		})
	})

	test('past 26 indicators the letters go on as aa, ab …', () => {
		const indicators = Array.from({ length: 28 }, (_, i) => ({ id: `i${i}` }))
		const numbers = planNumbers({ pillars: [{ id: 'p', objectives: [{ id: 'o', indicators, actions: [] }] }] })
		expect([numbers.get('i25'), numbers.get('i26'), numbers.get('i27')]).toEqual(['1.1.z', '1.1.aa', '1.1.ab'])
	})
})
