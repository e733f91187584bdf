import { type LoaderFunctionArgs } from '@remix-run/node'
import { requireRoadmap } from '#app/utils/access.server.ts'
import { indicatorsCsv } from '#app/features/roadmap/transfer.server.ts'
import { recordExport } from '#app/features/audit/audit.server.ts'

/** The roadmap's indicators as CSV (UTF-8 with BOM, headers in the reader's language). */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, delegation, roadmap, language } = await requireRoadmap(request, params.delegationId, 'view')
	await recordExport(request, viewer, {
		name: 'indicators.csv',
		cohortId: delegation.cohort_id,
		targetType: 'roadmap',
		targetId: roadmap.id,
	})
	return indicatorsCsv(roadmap, language)
}
