import { type LoaderFunctionArgs } from '@remix-run/node'
import { invitationsCsv } from '#app/features/cohorts/exports.server.ts'
import { requireCohort } from '#app/utils/access.server.ts'
import { getLanguage } from '#app/utils/i18n.server.ts'

/** Invitations of a cohort as CSV, for those who run it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, cohort } = await requireCohort(request, params.cohortId, 'manage')
	return invitationsCsv(cohort.id, await getLanguage(request, viewer.language))
}
