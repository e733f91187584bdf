import { type LoaderFunctionArgs } from '@remix-run/node'
import { requireRoadmap } from '#app/utils/access.server.ts'
import { exportRoadmap, loadTree } from '#app/features/roadmap/transfer.server.ts'
import { recordExport } from '#app/features/audit/audit.server.ts'

/** The whole roadmap as JSON (format "nap-academy-roadmap", version 1; see docs/roadmap-json.md). */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, delegation, roadmap } = await requireRoadmap(request, params.delegationId, 'view')
	await recordExport(request, viewer, { name: 'roadmap.json', cohortId: delegation.cohort_id, targetType: 'roadmap', targetId: roadmap.id })
	const body = JSON.stringify(exportRoadmap(roadmap, await loadTree(roadmap.id)), null, 2)
	return new Response(body, {
		headers: {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Disposition': `attachment; filename="${roadmap.delegation_id}-roadmap.json"`,
			'Cache-Control': 'no-store',
		},
	})
}
