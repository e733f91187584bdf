import { type LoaderFunctionArgs } from '@remix-run/node'
import { calendarFile, calendarOrigin, conveningEvent, icsFileName, icsResponse } from '#app/features/calendar/ics.server.ts'
import { requireCohort } from '#app/utils/access.server.ts'
import { getLanguage } from '#app/utils/i18n.server.ts'
import { recordExport } from '#app/features/audit/audit.server.ts'

/** The convening as an .ics download, for everyone who may see the cohort. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, cohort } = await requireCohort(request, params.cohortId, 'view')
	await recordExport(request, viewer, { name: 'cohort.ics', cohortId: cohort.id, targetType: 'cohort', targetId: cohort.id })
	const language = await getLanguage(request, viewer.language)
	const event = await conveningEvent(cohort, language, calendarOrigin(request))
	return icsResponse(calendarFile([event], { name: cohort.name, language }), { fileName: icsFileName(cohort.name), download: true })
}
