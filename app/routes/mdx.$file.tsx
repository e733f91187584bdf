// A compiled curriculum version as a JavaScript module (see app/features/curriculum/mdx-modules.ts). Its URL
// names the content hash, so it never changes and browsers may keep it for a year.
import { type LoaderFunctionArgs } from '@remix-run/node'
import { mdxModuleSource } from '#app/features/curriculum/mdx-modules.ts'
import { requireCompiledContent } from '#app/utils/access.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
	const hash = /^([a-f0-9]{32})\.js$/.exec(params.file ?? '')?.[1]
	const { compiled } = await requireCompiledContent(request, hash)
	return new Response(mdxModuleSource(compiled.code), {
		headers: {
			'Content-Type': 'text/javascript; charset=utf-8',
			'Cache-Control': 'private, max-age=31536000, immutable',
		},
	})
}
