import { getMDXExport } from 'mdx-bundler/client/index.js'
import { type CompiledContent } from '#app/features/curriculum/content.server.ts'
import { isMdxRegistered, registerMdx } from '#app/features/curriculum/mdx-modules.ts'

/**
 * For a loader: makes the compiled content renderable on the server and returns what the page
 * needs to render it in the browser (only the hash: the code travels as /mdx/<hash>.js, cached).
 */
export function prepareMdx(compiled: CompiledContent) {
	if (!isMdxRegistered(compiled.hash)) {
		registerMdx(compiled.hash, getMDXExport(compiled.code) as Parameters<typeof registerMdx>[1])
	}
	return compiled.hash
}
