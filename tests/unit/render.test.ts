import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { renderHtmlStream } from '#app/utils/render.server.ts'

/** A page like a long Spanish TA queue: thousands of multi-byte characters at every offset. */
function bigPage() {
	const rows = Array.from({ length: 600 }, (_, index) =>
		createElement('li', { key: index }, `${'·'.repeat(index % 7)}Solicitud n.º ${index} — ◐ evaluación ${'ñ'.repeat(index % 5)}`),
	)
	return createElement('ul', null, rows)
}

describe('server rendering', () => {
	test('a large page with multi-byte characters streams as clean UTF-8, byte for byte what React renders', async () => {
		const stream = await renderHtmlStream(bigPage(), {
			waitForAll: false,
			timeoutMs: 5000,
			onError: (error) => {
				throw error
			},
		})
		const bytes = new Uint8Array(await new Response(stream).arrayBuffer())
		expect(bytes.includes(0)).toBe(false)
		const html = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
		expect(html).toBe(renderToString(bigPage()))
		expect(html.length).toBeGreaterThan(20_000)
	})
})
