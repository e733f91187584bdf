// A compiled curriculum version as a JavaScript module (see app/features/curriculum/mdx-modules.ts). Its URL
// names the content hash, so it never changes and browsers may keep it for a year.
import { type LoaderFunctionArgs } from '@remix-run/node'
import { getCompiledByHash } from '#app/features/curriculum/content.server.ts'
import { mdxModuleSource } from '#app/features/curriculum/mdx-modules.ts'
import { requireCurriculum } from '#app/utils/access.server.ts'
import { invariantResponse } from '#app/utils/permissions.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	await requireCurriculum(request, 'view')
	const hash = /^([a-f0-9]{32})\.js$/.exec(params.file ?? '')?.[1]
	const compiled = hash ? await getCompiledByHash(hash) : null
	invariantResponse(compiled, 404, 'No such curriculum module.')
	return new Response(mdxModuleSource(compiled.code), {
		headers: {
			'Content-Type': 'text/javascript; charset=utf-8',
			'Cache-Control': 'private, max-age=31536000, immutable',
		},
	})
}
