import { type ReactElement } from 'react'
// The web-streams build of React's server renderer, on purpose: see below.
import { renderToReadableStream } from 'react-dom/server.browser'

/**
 * Renders a page to a stream of UTF-8 HTML.
 *
 * React 18's Node renderer (`renderToPipeableStream`) writes stray NUL bytes into the page when a
 * multi-byte character (á, ñ, —, ◐) falls on one of its 2 KB buffer boundaries: it flushes the
 * whole buffer, unused tail included (facebook/react#24985). Large Spanish pages, such as the TA
 * queue or a 400-delegate dashboard, showed it. The web-streams renderer encodes each chunk whole.
 */
export async function renderHtmlStream(
	element: ReactElement,
	options: { nonce?: string; waitForAll: boolean; timeoutMs: number; onError: (error: unknown) => void },
) {
	const controller = new AbortController()
	const timer = setTimeout(() => controller.abort(), options.timeoutMs)
	const stream = await renderToReadableStream(element, {
		nonce: options.nonce,
		signal: controller.signal,
		onError: options.onError,
	}).catch((error: unknown) => {
		clearTimeout(timer)
		throw error
	})
	void stream.allReady.finally(() => clearTimeout(timer))
	if (options.waitForAll) await stream.allReady
	return stream
}
