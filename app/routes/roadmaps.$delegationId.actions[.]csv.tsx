import { type LoaderFunctionArgs } from '@remix-run/node'
import { requireRoadmap } from '#app/utils/access.server.ts'
import { actionsCsv } from '#app/features/roadmap/transfer.server.ts'

/** The roadmap's actions as CSV (UTF-8 with BOM, headers in the reader's language). */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { roadmap, language } = await requireRoadmap(request, params.delegationId, 'view')
	return actionsCsv(roadmap, language)
}
