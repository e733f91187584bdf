import { db } from '#app/utils/db.server.ts'
import { getLanguage } from '#app/utils/i18n.server.ts'
import { can, invariantResponse, requirePermission, requireViewer, type Action, type Viewer } from '#app/utils/permissions.server.ts'

/**
 * The roadmap of the delegation in the URL, for a viewer allowed to `action` it (403 otherwise,
 * 404 for an unknown delegation or one without a roadmap). Only reads: a roadmap is created with
 * its delegation (see `createRoadmap`).
 */
export async function requireRoadmap(request: Request, delegationId: string | undefined, action: Action) {
	const viewer = await requireViewer(request)
	const delegation = await db
		.selectFrom('delegations as d')
		.innerJoin('cohorts as c', 'c.id', 'd.cohort_id')
		.select(['d.id', 'd.country_code', 'd.cohort_id', 'c.name as cohortName', 'c.status as cohortStatus'])
		.where('d.id', '=', delegationId ?? '')
		.executeTakeFirst()
	invariantResponse(delegation)
	const roadmap = await db.selectFrom('roadmaps').selectAll().where('delegation_id', '=', delegation.id).executeTakeFirst()
	const resource = {
		type: 'roadmap' as const,
		delegationId: delegation.id,
		cohortId: delegation.cohort_id,
		sharedWithCohort: roadmap?.shared_with_cohort === 1,
	}
	requirePermission(viewer, action, resource)
	invariantResponse(roadmap)
	const language = await getLanguage(request, viewer.language)
	return {
		viewer,
		delegation,
		roadmap,
		language,
		abilities: {
			edit: can(viewer, 'edit', resource),
			comment: can(viewer, 'comment', resource),
			manage: can(viewer, 'manage', resource),
			reopen: can(viewer, 'reopen', resource),
		},
	}
}

/** The delegation whose roadmap `/roadmap` opens for this viewer: their current one, else their latest. */
export function ownDelegationId(viewer: Viewer) {
	return (viewer.memberships.find((m) => !m.isAlumni) ?? viewer.memberships[0])?.delegationId ?? null
}
