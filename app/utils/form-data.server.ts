/**
 * What a request may carry. Every form is read through `readFormData` with one of these limits;
 * server.js refuses a body announced larger than the largest of them before the app reads a byte,
 * and Node's `maxHeaderSize` bounds the headers (431).
 */
export const BODY_LIMITS = {
	/** Every form. */
	form: { bytes: 1024 * 1024, fields: 1000 },
	/** The two file uploads: a roadmap imported as JSON, a delegation's roster as CSV. */
	upload: { bytes: 10 * 1024 * 1024, fields: 100 },
} as const

export type BodyLimit = (typeof BODY_LIMITS)[keyof typeof BODY_LIMITS]

function tooLarge(message: string) {
	// The connection is closed after the answer: the rest of an oversized body is never read.
	return new Response(message, { status: 413, statusText: 'Payload Too Large', headers: { Connection: 'close' } })
}

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`

/** The body, read up to the limit: a body past it stops being read at once. */
async function readBody(body: ReadableStream<Uint8Array>, limit: BodyLimit) {
	const reader = body.getReader()
	const chunks: Uint8Array[] = []
	let size = 0
	for (;;) {
		const { done, value } = await reader.read()
		if (done) break
		size += value.byteLength
		if (size > limit.bytes) {
			// Not cancelled (that would reset the connection before the answer is sent): left unread,
			// and the connection closes after the 413.
			reader.releaseLock()
			throw tooLarge(`This form is larger than the Academy accepts (at most ${megabytes(limit.bytes)}).`)
		}
		chunks.push(value)
	}
	return Buffer.concat(chunks, size)
}

/** How many fields a form body holds, counted without parsing it. */
function countFields(bytes: Buffer, type: string) {
	if (/^\s*application\/x-www-form-urlencoded\b/i.test(type)) {
		let count = bytes.length > 0 ? 1 : 0
		for (let index = bytes.indexOf(0x26); index !== -1; index = bytes.indexOf(0x26, index + 1)) count++
		return count
	}
	const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(type)
	if (!boundary) return 0
	const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`)
	let count = -1
	for (let index = bytes.indexOf(delimiter); index !== -1; index = bytes.indexOf(delimiter, index + delimiter.length)) count++
	return Math.max(0, count)
}

/**
 * The one way an action reads its form, within a limit (`BODY_LIMITS.form` unless the route takes a
 * file): a body past its size or field count is a 413 with a message, read no further. A body that
 * is not a form (JSON, a truncated upload, a multipart body without its boundary, no content type at
 * all) is the client's mistake: a 400 or 415 response with a message, never an exception that
 * becomes a 500. A POST with no body at all is an empty form.
 */
export async function readFormData(request: Request, limit: BodyLimit = BODY_LIMITS.form): Promise<FormData> {
	if (request.body === null) return new FormData()
	const announced = Number(request.headers.get('Content-Length') ?? 0)
	if (announced > limit.bytes) throw tooLarge(`This form is larger than the Academy accepts (at most ${megabytes(limit.bytes)}).`)
	const type = request.headers.get('Content-Type') ?? ''
	const bytes = await readBody(request.body, limit)
	if (countFields(bytes, type) > limit.fields) {
		throw tooLarge(`This form has more fields than the Academy accepts (at most ${limit.fields}).`)
	}
	try {
		return await new Response(bytes, { headers: { 'Content-Type': type } }).formData()
	} catch {
		if (/^\s*(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(type)) {
			throw new Response('This form could not be read. Please send it again.', { status: 400, statusText: 'Bad Request' })
		}
		throw new Response('Forms are sent as multipart/form-data or application/x-www-form-urlencoded.', {
			status: 415,
			statusText: 'Unsupported Media Type',
		})
	}
}
