import { type LoaderFunctionArgs } from '@remix-run/node'
import { requireRoadmap } from '#app/utils/access.server.ts'
import { DOCX_TYPE, draftDocument, draftFilename, draftInput } from '#app/features/roadmap/draft.server.ts'
import { recordExport } from '#app/features/audit/audit.server.ts'

/**
 * The roadmap as the draft of a National Action Plan, a Word document in the reader's language
 * (`?lng=es` or `?lng=en` asks for the other one). Those who may read the print view may download it.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, delegation, roadmap, language } = await requireRoadmap(request, params.delegationId, 'view')
	await recordExport(request, viewer, { name: 'draft.docx', cohortId: delegation.cohort_id, targetType: 'roadmap', targetId: roadmap.id })
	const input = await draftInput(delegation, roadmap, language)
	const body = await draftDocument(input)
	return new Response(new Uint8Array(body), {
		headers: {
			'Content-Type': DOCX_TYPE,
			'Content-Disposition': `attachment; filename="${await draftFilename(input)}"`,
			'Content-Length': String(body.length),
			'Content-Language': language,
			'Cache-Control': 'no-store',
		},
	})
}
