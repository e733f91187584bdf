/**
 * The cohort comparison, for peer learning: what each roadmap holds, in the same measures for
 * every country, computed from its tree (never typed) with the same computations its own pages
 * use — `budgetTotals` for the money, `completeness` for what is still missing.
 */
import { costLinesOf, costTotals, LEVELS } from '#app/features/roadmap/kinds.ts'
import { budgetTotals, completeness, type Tree } from '#app/features/roadmap/roadmap.server.ts'

/** A count out of a whole, with its share (null when there is nothing to count). */
export type Part = { count: number; of: number; share: number | null }
const part = (count: number, of: number): Part => ({ count, of, share: of ? count / of : null })

/** The levels below the national one: an action at one of them reaches a state, municipality or community. */
const LOCAL_LEVELS = LEVELS.filter((level) => level !== 'national')

export function roadmapMetrics(tree: Tree) {
	const totals = budgetTotals(tree)
	const actionCosts = tree.actions.map((action) => costTotals(costLinesOf(action.data)))
	const level = (action: (typeof tree.actions)[number]) => (typeof action.data.level === 'string' ? action.data.level : null)
	const filled = (value: unknown) => (typeof value === 'string' ? value.trim() !== '' : value !== null && value !== undefined)
	return {
		/** Pillars with at least one strategic objective, by name, out of all the roadmap's pillars. */
		pillars: {
			...part(tree.pillars.filter((p) => p.objectives.length).length, tree.pillars.length),
			covered: tree.pillars.filter((p) => p.objectives.length).map((p) => String(p.data.name ?? '')),
		},
		objectives: tree.objectives.length,
		actions: tree.actions.length,
		/** Actions with a cost (a cost line with an amount). */
		costed: part(actionCosts.filter((c) => c.total > 0).length, tree.actions.length),
		/** Actions whose whole cost is committed. */
		funded: part(actionCosts.filter((c) => c.total > 0 && c.committed === c.total).length, tree.actions.length),
		/** The money: the total of the cost lines, what is committed, and its share. */
		budget: { total: totals.total, funded: totals.funded, share: totals.total ? totals.fundedShare : null },
		indicators: tree.indicators.length,
		/** Indicators with both a baseline and a target value. */
		withBaselineAndTarget: part(
			tree.indicators.filter((i) => filled(i.data.baselineValue) && filled(i.data.targetValue)).length,
			tree.indicators.length,
		),
		/** Actions that reach a state, municipal or community level, and how many at each. */
		localActions: part(tree.actions.filter((a) => LOCAL_LEVELS.some((l) => l === level(a))).length, tree.actions.length),
		byLevel: Object.fromEntries(LOCAL_LEVELS.map((l) => [l, tree.actions.filter((a) => level(a) === l).length])) as Record<
			(typeof LOCAL_LEVELS)[number],
			number
		>,
		localPartners: tree.partners.length,
		/** What the roadmap's sections still lack (the gaps its pages list). */
		gaps: completeness(tree).length,
	}
}

export type RoadmapMetrics = ReturnType<typeof roadmapMetrics>
