import { type Section } from '#app/features/roadmap/kinds.ts'

/**
 * Where each gap of the completeness check is filled: the page, and there the item's form opened at
 * the field (`?edit=<id>&field=<name>`), or the form that adds what is missing under the item.
 */
const GAP_TARGETS: Record<string, { section: Section; field?: string; add?: string }> = {
	pillarWithoutObjective: { section: 'strategic-design', add: 'objective' },
	objectiveWithoutAction: { section: 'strategic-design', add: 'action' },
	objectiveWithoutIndicator: { section: 'monitoring', add: 'indicator' },
	actionWithoutLead: { section: 'strategic-design', field: 'lead' },
	actionWithoutPeriod: { section: 'strategic-design', field: 'start' },
	actionWithoutCost: { section: 'strategic-design', field: 'costs' },
	actionWithoutSource: { section: 'strategic-design', field: 'costs' },
	actionWithoutLevel: { section: 'strategic-design', field: 'level' },
	indicatorWithoutUnit: { section: 'monitoring', field: 'unit' },
	indicatorWithoutBaseline: { section: 'monitoring', field: 'baselineValue' },
	indicatorWithoutTarget: { section: 'monitoring', field: 'targetValue' },
	indicatorWithoutMeans: { section: 'monitoring', field: 'means' },
}

/** The link of a gap about an item, or null when the gap is about the section as a whole. */
export function gapHref(delegationId: string, gap: { key: string; itemId?: string }) {
	const target = GAP_TARGETS[gap.key]
	if (!gap.itemId || !target) return null
	const base = `/roadmaps/${delegationId}/${target.section}`
	if (target.add) {
		const key = `new-${target.add}-${gap.itemId}`
		return `${base}?${new URLSearchParams({ edit: key })}#${key}`
	}
	return `${base}?${new URLSearchParams({ edit: gap.itemId, ...(target.field ? { field: target.field } : {}) })}#item-${gap.itemId}`
}
