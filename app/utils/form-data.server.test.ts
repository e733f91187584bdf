import { expect, test } from 'vitest'
import { BODY_LIMITS, readFormData } from '#app/utils/form-data.server.ts'

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

test('a form past its size or field count is a 413 with a message, and is not read further', async () => {
	const urlencoded = 'application/x-www-form-urlencoded'
	expect(await status(post('a=1&'.repeat(1000).slice(0, -1), urlencoded))).toBe(200)
	expect(await status(post('a=1&'.repeat(1001).slice(0, -1), urlencoded))).toBe(413)
	const big = `note=${'x'.repeat(BODY_LIMITS.form.bytes)}`
	expect(await status(post(big, urlencoded))).toBe(413)
	// The larger named limit of the two uploads (roadmap import, roster) takes it.
	expect((await readFormData(post(big, urlencoded), BODY_LIMITS.upload)).get('note')).toHaveLength(BODY_LIMITS.form.bytes)
	const multipart = (count: number) =>
		Array.from({ length: count }, (_, n) => `--b\r\nContent-Disposition: form-data; name="f${n}"\r\n\r\nx\r\n`).join('') + '--b--\r\n'
	expect(await status(post(multipart(1000), 'multipart/form-data; boundary=b'))).toBe(200)
	expect(await status(post(multipart(1001), 'multipart/form-data; boundary=b'))).toBe(413)
	// A stream that never ends is cut at the limit.
	let pulled = 0
	const endless = new ReadableStream<Uint8Array>({
		pull(controller) {
			pulled += 64 * 1024
			controller.enqueue(new Uint8Array(64 * 1024).fill(0x61))
		},
	})
	const request = new Request('http://localhost/x', {
		method: 'POST',
		body: endless,
		duplex: 'half',
		headers: { 'Content-Type': urlencoded },
	} as RequestInit)
	expect(await status(request)).toBe(413)
	expect(pulled).toBeLessThan(BODY_LIMITS.form.bytes + 256 * 1024)
})
