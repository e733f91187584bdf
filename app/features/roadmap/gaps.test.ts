import { describe, expect, test } from 'vitest'
import { gapHref } from '#app/features/roadmap/gaps.ts'

describe('each gap links to where it is filled', () => {
	test("an item's missing field opens its form at that field, on the page that edits it", () => {
		expect(gapHref('d', { key: 'actionWithoutLead', itemId: 'a1' })).toBe('/roadmaps/d/strategic-design?edit=a1&field=lead#item-a1')
		// A cost is in the action's one form, whichever page shows the gap.
		expect(gapHref('d', { key: 'actionWithoutCost', itemId: 'a1' })).toBe('/roadmaps/d/strategic-design?edit=a1&field=costs#item-a1')
		expect(gapHref('d', { key: 'indicatorWithoutMeans', itemId: 'i1' })).toBe('/roadmaps/d/monitoring?edit=i1&field=means#item-i1')
	})

	test('what is missing under an item opens the form that adds it', () => {
		expect(gapHref('d', { key: 'objectiveWithoutAction', itemId: 'o1' })).toBe(
			'/roadmaps/d/strategic-design?edit=new-action-o1#new-action-o1',
		)
		expect(gapHref('d', { key: 'objectiveWithoutIndicator', itemId: 'o1' })).toBe(
			'/roadmaps/d/monitoring?edit=new-indicator-o1#new-indicator-o1',
		)
		expect(gapHref('d', { key: 'pillarWithoutObjective', itemId: 'p1' })).toBe(
			'/roadmaps/d/strategic-design?edit=new-objective-p1#new-objective-p1',
		)
	})

	test('a gap about the whole section has no item to link to', () => {
		expect(gapHref('d', { key: 'noPillar' })).toBeNull()
		expect(gapHref('d', { key: 'noMembers' })).toBeNull()
	})
})
