/**
 * The Academy's vocabularies that more than one feature uses, each defined once. Database column
 * types (db/schema.ts), zod enums, option lists and translation keys (`cohortStatus.<value>`,
 * `napStatus.<value>`, `sectors.<value>`, `modules.<value>`…) all derive from these lists; a unit
 * test checks that every value has its translation in every language. Vocabularies of one feature
 * live with it (the roadmap's in app/features/roadmap/kinds.ts, assistance's in
 * app/features/assistance/assistance.ts).
 */

/** A cohort (a convening) from planning to closing; a closed cohort's delegates are alumni. */
export const COHORT_STATUSES = ['planned', 'open', 'in_convening', 'closed'] as const
export type CohortStatus = (typeof COHORT_STATUSES)[number]

/** Where a delegation's country stands with its National Action Plan. */
export const NAP_STATUSES = ['no_plan', 'drafting', 'adopted', 'implementing'] as const
export type NapStatus = (typeof NAP_STATUSES)[number]

/** The sector a delegate comes from. */
export const SECTORS = ['government', 'civil_society', 'academia', 'international_organisation'] as const
export type Sector = (typeof SECTORS)[number]

/** Who an invitation link makes its holder. */
export const INVITATION_ROLES = ['delegate', 'facilitator'] as const
export type InvitationRole = (typeof INVITATION_ROLES)[number]

/**
 * The six curriculum areas of the Academy's description, in teaching order: the roadmap's sections
 * follow them (SECTION_MODULE in app/features/roadmap/kinds.ts) and a TA request's topic is one of
 * them (or other). Each is also a curriculum module.
 */
export const AREA_SLUGS = [
	'theory-of-change',
	'gender-budgeting',
	'strategic-design',
	'institutional-coordination',
	'localization',
	'monitoring-and-evaluation',
] as const
export type AreaSlug = (typeof AREA_SLUGS)[number]

/**
 * The curriculum's modules, in teaching order: the six areas, then three modules that have no
 * roadmap section of their own. A module folder (`content/NN-<slug>`) must name one of these, and
 * its number must keep this order; a module without a folder is simply not shown. Lessons, progress,
 * dashboards and exports take their list of modules from the content, never from a count.
 */
export const MODULE_SLUGS = [...AREA_SLUGS, 'the-nap-process', 'regional-landscape', 'thematic-lenses'] as const
export type ModuleSlug = (typeof MODULE_SLUGS)[number]

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
	return typeof value === 'string' && (values as readonly string[]).includes(value)
}
