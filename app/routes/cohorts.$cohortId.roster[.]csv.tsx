import { type LoaderFunctionArgs } from '@remix-run/node'
import { rosterCsv } from '#app/utils/cohort-exports.server.ts'
import { getCohort } from '#app/utils/cohorts.server.ts'
import { getLanguage } from '#app/utils/i18n.server.ts'
import { invariantResponse, requirePermission, requireViewer } from '#app/utils/permissions.server.ts'

/** Roster of a cohort as CSV, for those who run it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const viewer = await requireViewer(request)
	const cohort = await getCohort(params.cohortId ?? '')
	invariantResponse(cohort)
	requirePermission(viewer, 'manage', { type: 'cohort', cohortId: cohort.id })
	return rosterCsv(cohort.id, await getLanguage(request, viewer.language))
}
