import { expect, test } from 'vitest'
import { readFormData } from '#app/utils/form-data.server.ts'

const post = (body: BodyInit | null, contentType?: string) => {
	const request = new Request('http://localhost/x', { method: 'POST', body })
	if (contentType) request.headers.set('Content-Type', contentType)
	else request.headers.delete('Content-Type')
	return request
}
async function status(request: Request) {
	try {
		await readFormData(request)
		return 200
	} catch (thrown) {
		return thrown instanceof Response ? thrown.status : 500
	}
}

test('a form is read; a body that is not one is a 400 or 415 response, not an exception', async () => {
	expect((await readFormData(post('intent=save&name=%C3%B1', 'application/x-www-form-urlencoded'))).get('name')).toBe('ñ')
	expect([...(await readFormData(post(null))).keys()]).toEqual([])
	expect(await status(post('{"intent":"save"}', 'application/json'))).toBe(415)
	expect(await status(post(new TextEncoder().encode('intent=save')))).toBe(415)
	expect(await status(post('--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1', 'multipart/form-data; boundary=x'))).toBe(400)
	expect(await status(post('anything', 'multipart/form-data'))).toBe(400)
})
