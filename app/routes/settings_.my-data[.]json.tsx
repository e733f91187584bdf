import { type LoaderFunctionArgs } from '@remix-run/node'
import { recordExport } from '#app/features/audit/audit.server.ts'
import { myData } from '#app/features/audit/personal-data.server.ts'
import { requirePersonalData } from '#app/utils/access.server.ts'

/** Everything the Academy holds about the signed-in person, as one JSON download (recorded in the audit log). */
export async function loader({ request }: LoaderFunctionArgs) {
	const { viewer } = await requirePersonalData(request)
	const body = JSON.stringify(await myData(viewer.id), null, 2)
	await recordExport(request, viewer, { name: 'my-data.json', targetType: 'user', targetId: viewer.id })
	return new Response(body, {
		headers: {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Disposition': 'attachment; filename="nap-academy-my-data.json"',
			'Cache-Control': 'no-store',
		},
	})
}
