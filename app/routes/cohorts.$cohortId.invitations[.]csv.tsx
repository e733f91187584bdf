import { type LoaderFunctionArgs } from '@remix-run/node'
import { invitationsCsv } from '#app/features/cohorts/exports.server.ts'
import { requireCohort } from '#app/utils/access.server.ts'
import { getLanguage } from '#app/utils/i18n.server.ts'
import { recordExport } from '#app/features/audit/audit.server.ts'

/** Invitations of a cohort as CSV, for those who run it. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, cohort } = await requireCohort(request, params.cohortId, 'manage')
	await recordExport(request, viewer, { name: 'invitations.csv', cohortId: cohort.id, targetType: 'cohort', targetId: cohort.id })
	return invitationsCsv(cohort.id, await getLanguage(request, viewer.language))
}
