/**
 * Server-sent events read from a response body, as a browser's EventSource reads them: one call per
 * event (`event:`, `id:` and `data:` lines; comments and `retry:` skipped) until the stream ends or is
 * cancelled. Shared by the live roadmap tests (in-process and over HTTP) and the bench.
 */
export type ServerEvent = { event: string; id?: string; data: any }

export async function readEvents(body: ReadableStream, onEvent: (event: ServerEvent) => void) {
	const reader = body.pipeThrough(new TextDecoderStream()).getReader()
	let buffer = ''
	try {
		for (;;) {
			const { value, done } = await reader.read()
			if (done) return
			buffer += value
			let end
			while ((end = buffer.indexOf('\n\n')) >= 0) {
				const lines = buffer.slice(0, end).split('\n')
				buffer = buffer.slice(end + 2)
				const field = (name: string) => lines.find((line) => line.startsWith(`${name}: `))?.slice(name.length + 2)
				const name = field('event')
				if (name) onEvent({ event: name, id: field('id'), data: JSON.parse(field('data') ?? 'null') })
			}
		}
	} catch {
		// Cancelled, or the connection was cut: the stream is over.
	}
}
