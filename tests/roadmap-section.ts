/**
 * The roadmap's section pages as tests call them: `loader` and `action` take the section from the
 * params, as the URL /roadmaps/:delegationId/:section names it, and run that section's route
 * (app/routes/roadmaps.$delegationId.<section>.tsx) — or, for a section that is not one, the
 * not-found route the router would reach (app/routes/$.tsx).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import type { Section } from '#app/features/roadmap/kinds.ts'

const SECTION_ROUTES: Record<Section, () => Promise<{ loader: SectionRoute['loader']; action: SectionRoute['action'] }>> = {
	'theory-of-change': () => import('#app/routes/roadmaps.$delegationId.theory-of-change.tsx'),
	'strategic-design': () => import('#app/routes/roadmaps.$delegationId.strategic-design.tsx'),
	'gender-budgeting': () => import('#app/routes/roadmaps.$delegationId.gender-budgeting.tsx'),
	coordination: () => import('#app/routes/roadmaps.$delegationId.coordination.tsx'),
	localization: () => import('#app/routes/roadmaps.$delegationId.localization.tsx'),
	monitoring: () => import('#app/routes/roadmaps.$delegationId.monitoring.tsx'),
}

type SectionRoute = typeof import('#app/routes/roadmaps.$delegationId.strategic-design.tsx')

/** The route file of a section, as the authorization matrix names route files. */
export const sectionRouteFile = (section: Section) => `roadmaps.$delegationId.${section}.tsx` as const

async function routeOf(section: string | undefined) {
	const load = section && Object.hasOwn(SECTION_ROUTES, section) ? SECTION_ROUTES[section as Section] : null
	if (load) return load()
	const notFound = await import('#app/routes/$.tsx')
	return { loader: notFound.loader as unknown as SectionRoute['loader'], action: notFound.action as unknown as SectionRoute['action'] }
}

export async function loader(args: LoaderFunctionArgs) {
	return (await routeOf(args.params.section)).loader(args)
}

export async function action(args: ActionFunctionArgs) {
	return (await routeOf(args.params.section)).action(args)
}
