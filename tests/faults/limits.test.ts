import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Server, startServer, tempDir } from './server.ts'
import { createDemoDatabase, DEMO_PASSWORD } from '#db/seed.ts'

/**
 * What a request may carry, and sign-in limits, against the production server (node server.js):
 * every refusal is a 4xx with a message, never a 5xx, and an oversized body is not read in full.
 */
type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string; ms: number }

let server: Server
let dir: string
const statuses: number[] = []

function send(
	path: string,
	options: {
		method?: string
		headers?: Record<string, string | number>
		body?: Buffer | string | ((req: http.ClientRequest) => void)
		from?: string
	} = {},
): Promise<Answer> {
	const started = Date.now()
	return new Promise((resolve, reject) => {
		const req = http.request(
			`${server.url}${path}`,
			{ method: options.method ?? 'POST', headers: options.headers, localAddress: options.from ?? '127.0.0.1' },
			(res) => {
				let body = ''
				res.setEncoding('utf8')
				res.on('data', (chunk: string) => (body += chunk))
				res.on('end', () => {
					statuses.push(res.statusCode!)
					resolve({ status: res.statusCode!, headers: res.headers, body, ms: Date.now() - started })
				})
			},
		)
		// The server may answer and close before the whole body is sent: that is the point.
		req.on('error', (error: NodeJS.ErrnoException) => (error.code === 'EPIPE' || error.code === 'ECONNRESET' ? undefined : reject(error)))
		if (typeof options.body === 'function') options.body(req)
		else req.end(options.body)
	})
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString()
const formHeaders = { 'Content-Type': 'application/x-www-form-urlencoded' }

beforeAll(async () => {
	dir = tempDir('limits')
	const file = path.join(dir, 'academy.db')
	await createDemoDatabase(file)
	server = await startServer(file, undefined, { APP_SECRET_FILE: path.join(dir, 'app-secret') })
})
afterAll(async () => {
	await server?.stop()
	fs.rmSync(dir, { recursive: true, force: true })
})

describe('bodies, fields and headers', () => {
	test('a 150 MB body is refused with 413 before it is read, with a page for a browser', async () => {
		let sent = 0
		const answer = await send('/login', {
			headers: { ...formHeaders, 'Content-Length': 150 * 1024 * 1024, Accept: 'text/html' },
			body: (req) => {
				const chunk = Buffer.alloc(64 * 1024, 'a')
				let answered = false
				const pump = () => {
					while (!answered && sent < 150 * 1024 * 1024 && req.write(chunk)) sent += chunk.length
					if (!answered && sent < 150 * 1024 * 1024) req.once('drain', pump)
				}
				req.on('response', () => (answered = true))
				pump()
			},
		})
		expect(answer.status).toBe(413)
		expect(answer.body).toContain('This request is too large')
		expect(answer.body).toContain('Esta solicitud es demasiado grande')
		expect(sent).toBeLessThan(50 * 1024 * 1024)
	})

	test('a body past 1 MB without a length (chunked) is a 413 from the form reader, not a 500', async () => {
		const answer = await send('/login', {
			headers: { ...formHeaders, 'Transfer-Encoding': 'chunked' },
			body: (req) => {
				for (let i = 0; i < 40; i++) req.write(`email=${'x'.repeat(64 * 1024)}&`)
				req.end()
			},
		})
		expect(answer.status).toBe(413)
		expect(answer.headers.connection).toBe('close')
	})

	test('200 000 fields are refused at once with 413, and a browser gets a page that says why', async () => {
		const body = 'a=1&'.repeat(200_000)
		const answer = await send('/login', { headers: { ...formHeaders, Accept: 'text/html' }, body })
		expect(answer.status).toBe(413)
		expect(answer.body).toContain('This request is too large')
		expect(answer.ms).toBeLessThan(2000)
		const multipart =
			Array.from({ length: 2000 }, (_, n) => `--b\r\nContent-Disposition: form-data; name="f${n}"\r\n\r\nx\r\n`).join('') + '--b--\r\n'
		expect((await send('/login', { headers: { 'Content-Type': 'multipart/form-data; boundary=b' }, body: multipart })).status).toBe(413)
		// The server is still answering at once.
		const health = await send('/healthz', { method: 'GET' })
		expect(health.status).toBe(200)
		expect(health.ms).toBeLessThan(1000)
	})

	test('headers past 16 KB are a 431 with a page', async () => {
		const answer = await send('/', { method: 'GET', headers: { Cookie: `big=${'c'.repeat(20 * 1024)}` } })
		expect(answer.status).toBe(431)
		expect(answer.body).toContain('This request carries too much')
	})

	test('the roadmap import takes a file past the 1 MB form limit (up to its own)', async () => {
		const signIn = await send('/login', { headers: formHeaders, body: form({ email: 'delegate.pa@example.org', password: DEMO_PASSWORD }) })
		expect(signIn.status).toBe(302)
		const cookie = (signIn.headers['set-cookie'] ?? []).map((value) => value.split(';')[0]).join('; ')
		const file = `{"notARoadmap": "${'x'.repeat(1_500_000)}"}`
		const body =
			`--b\r\nContent-Disposition: form-data; name="intent"\r\n\r\nimport\r\n` +
			`--b\r\nContent-Disposition: form-data; name="file"; filename="roadmap.json"\r\nContent-Type: application/json\r\n\r\n${file}\r\n--b--\r\n`
		const answer = await send('/roadmaps/panama-2025-pa?_data=routes%2Froadmaps.%24delegationId._index', {
			headers: { 'Content-Type': 'multipart/form-data; boundary=b', Cookie: cookie },
			body,
		})
		// Read and handled by the route (a redirect back to the roadmap), not refused by the body limit.
		expect([200, 204]).toContain(answer.status)
		expect(answer.body).not.toContain('too large')
		// Past the upload limit (10 MB), the same route refuses it.
		const huge = body.replace(file, 'x'.repeat(11 * 1024 * 1024))
		const refused = await send('/roadmaps/panama-2025-pa?_data=routes%2Froadmaps.%24delegationId._index', {
			headers: { 'Content-Type': 'multipart/form-data; boundary=b', Cookie: cookie },
			body: huge,
		})
		expect(refused.status).toBe(413)
	})
})

describe('sign-in limits from real client addresses', () => {
	test('five failures from 127.0.0.2 lock that address out of the account (429 + Retry-After); 127.0.0.3 and a forged X-Forwarded-For change nothing', async () => {
		const login = (password: string, from: string, headers: Record<string, string> = {}) =>
			send('/login', { headers: { ...formHeaders, ...headers }, body: form({ email: 'facilitator@example.org', password }), from })
		for (let i = 0; i < 5; i++) expect((await login(`guess-${i}`, '127.0.0.2', { 'X-Forwarded-For': `10.0.0.${i}` })).status).toBe(400)
		const locked = await login(DEMO_PASSWORD, '127.0.0.2', { 'X-Forwarded-For': '10.0.0.99', Accept: 'text/html' })
		expect(locked.status).toBe(429)
		expect(Number(locked.headers['retry-after'])).toBeGreaterThan(60)
		expect(locked.body).toContain('Too many failed attempts for this account')
		expect((await login(DEMO_PASSWORD, '127.0.0.3')).status).toBe(302)
	})
})

test('no answer was a 5xx', () => {
	expect(statuses.filter((status) => status >= 500)).toEqual([])
	expect(statuses.length).toBeGreaterThan(8)
})
