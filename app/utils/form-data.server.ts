/**
 * The one way an action reads its form. A body that is not a form (JSON, a truncated upload, a
 * multipart body without its boundary, no content type at all) is the client's mistake: a 400 or
 * 415 response with a message, never an exception that becomes a 500. A POST with no body at all
 * is an empty form.
 */
export async function readFormData(request: Request): Promise<FormData> {
	if (request.body === null) return new FormData()
	try {
		return await request.formData()
	} catch {
		const type = request.headers.get('Content-Type') ?? ''
		if (/^\s*(multipart\/form-data|application\/x-www-form-urlencoded)\b/i.test(type)) {
			throw new Response('This form could not be read. Please send it again.', { status: 400, statusText: 'Bad Request' })
		}
		throw new Response('Forms are sent as multipart/form-data or application/x-www-form-urlencoded.', {
			status: 415,
			statusText: 'Unsupported Media Type',
		})
	}
}
