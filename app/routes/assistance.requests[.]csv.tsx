import { type LoaderFunctionArgs } from '@remix-run/node'
import { filtersFrom, listRequests } from '#app/features/assistance/assistance.server.ts'
import { csvResponse, csvTimestamp } from '#app/utils/csv.server.ts'
import { countryName } from '#app/utils/format.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { requireAssistanceQueue } from '#app/utils/access.server.ts'
import { recordExport } from '#app/features/audit/audit.server.ts'

/** The queue as CSV, with the same filters as the page (never internal notes). */
export async function loader({ request }: LoaderFunctionArgs) {
	const { viewer } = await requireAssistanceQueue(request, 'view')
	await recordExport(request, viewer, { name: 'assistance-requests.csv' })
	const language = await getLanguage(request, viewer.language)
	const t = await getT(language)
	const rows = await listRequests(viewer, filtersFrom(new URL(request.url)))
	return csvResponse(
		'assistance-requests.csv',
		[
			t('csv.country'),
			t('cohorts.cohort'),
			t('assistance.topic'),
			t('csv.need'),
			t('assistance.urgency'),
			t('csv.neededBy'),
			t('assistance.status'),
			t('csv.scheduledFor'),
			t('assistance.format'),
			t('assistance.assignee'),
			t('csv.requestedAt'),
			t('csv.doneAt'),
		],
		rows.map((r) => [
			countryName(r.country_code, language),
			r.cohortName,
			t(`assistance.topics.${r.topic}`),
			r.need,
			t(`assistance.urgencies.${r.urgency}`),
			r.due_date ?? '',
			t(`assistance.statuses.${r.status}`),
			r.scheduled_for ?? '',
			t(`assistance.formats.${r.format}`),
			r.assigneeName ?? '',
			csvTimestamp(r.created_at),
			csvTimestamp(r.done_at),
		]),
	)
}
