import { type LoaderFunctionArgs } from '@remix-run/node'
import { workedExampleText } from '#app/features/roadmap/worked-example.server.ts'
import { requireWorkedExample } from '#app/utils/access.server.ts'
import { getLanguage } from '#app/utils/i18n.server.ts'
import { recordExport } from '#app/features/audit/audit.server.ts'

/** The worked example's roadmap document in the viewer's language (docs/roadmap-json.md), to read or import elsewhere. */
export async function loader({ request }: LoaderFunctionArgs) {
	const { viewer } = await requireWorkedExample(request)
	await recordExport(request, viewer, { name: 'worked-example.json' })
	const language = await getLanguage(request, viewer.language)
	return new Response(workedExampleText(language), {
		headers: {
			'Content-Type': 'application/json; charset=utf-8',
			'Content-Disposition': `attachment; filename="valmira-roadmap.${language}.json"`,
			'Cache-Control': 'no-store',
		},
	})
}
