// One language's search index as a JSON file (see app/features/search/). Its URL names the hash of
// what it is made of, so it never changes and browsers may keep it for a year. It is served here
// rather than among the static assets because it holds the curriculum's text: it has the lessons'
// access rules.
import { type LoaderFunctionArgs } from '@remix-run/node'
import { getSearchIndex } from '#app/features/search/search-index.server.ts'
import { requireCurriculum } from '#app/utils/access.server.ts'
import { isLanguage } from '#app/utils/i18n.ts'
import { invariantResponse } from '#app/utils/permissions.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireCurriculum(request, 'view')
	const [, name, key] = /^([a-z]{2})\.([a-f0-9]{32})\.json$/.exec(params.file ?? '') ?? []
	const language = isLanguage(name) ? name : null
	invariantResponse(language, 404, 'No such search index.')
	const current = await getSearchIndex(language)
	// An index of content that has changed since is gone: the page that asked searches on the server.
	const index = current.key === key ? current : null
	invariantResponse(index, 404, 'No such search index.')
	return new Response(index.json, {
		headers: {
			'Content-Type': 'application/json; charset=utf-8',
			'Cache-Control': 'private, max-age=31536000, immutable',
		},
	})
}
