import { type LoaderFunctionArgs } from '@remix-run/node'
import { assistanceSessionEvent, calendarFile, calendarOrigin, icsFileName, icsResponse } from '#app/features/calendar/ics.server.ts'
import { requireAssistanceRequest } from '#app/utils/access.server.ts'
import { invariantResponse } from '#app/utils/permissions.server.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { recordExport } from '#app/features/audit/audit.server.ts'

/** A scheduled TA session as an .ics download, for everyone who may see the request; 404 while it has no date. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, assistance } = await requireAssistanceRequest(request, params.requestId, 'view')
	await recordExport(request, viewer, {
		name: 'assistance-session.ics',
		cohortId: assistance.cohort_id,
		targetType: 'assistance_request',
		targetId: assistance.id,
	})
	const language = await getLanguage(request, viewer.language)
	const event = await assistanceSessionEvent(assistance, language, calendarOrigin(request))
	invariantResponse(event, 404, 'This request has no scheduled date.')
	const t = await getT(language)
	const name = t('calendar.assistanceFileName', {
		topic: t(`assistance.topics.${assistance.topic}`),
		interpolation: { escapeValue: false },
	})
	return icsResponse(calendarFile([event], { name, language }), { fileName: icsFileName(name), download: true })
}
