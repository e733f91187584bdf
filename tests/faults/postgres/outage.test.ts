import net from 'node:net'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDatabase, dropDatabases, withDatabase } from '#db/postgres-admin.ts'
import { createDemoDatabase, DEMO_PASSWORD } from '#db/seed.ts'
import { TEST_DATABASE_URL } from '#tests/engine.ts'
import { freePort, type Server, startServer } from '../server.ts'

/**
 * The app in front of a PostgreSQL server that goes away and comes back, and in front of one too
 * slow for its pool. The app reaches PostgreSQL through a TCP proxy this test controls, so the
 * machine's own server (which other tests share) is never stopped: cutting the proxy ends every
 * connection mid-stream and refuses new ones, as a restart does from the app's side.
 */
const name = `academy_test_outage_${process.pid}_${Date.now().toString(36)}`
const databaseUrl = withDatabase(TEST_DATABASE_URL, name)

type Proxy = { port: number; cut: () => void; restore: () => void; slow: (ms: number) => void; close: () => Promise<void> }

async function startProxy(target: URL): Promise<Proxy> {
	const sockets = new Set<net.Socket>()
	let down = false
	let delay = 0
	const server = net.createServer((client) => {
		if (down) return client.destroy()
		const upstream = net.connect(Number(target.port || 5432), target.hostname)
		sockets.add(client).add(upstream)
		const close = () => {
			client.destroy()
			upstream.destroy()
			sockets.delete(client)
			sockets.delete(upstream)
		}
		client.on('data', (chunk) => upstream.write(chunk))
		upstream.on('data', (chunk) => (delay ? setTimeout(() => client.writable && client.write(chunk), delay) : client.write(chunk)))
		for (const socket of [client, upstream]) {
			socket.on('close', close)
			socket.on('error', close)
		}
	})
	const port = await freePort()
	await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
	return {
		port,
		cut: () => {
			down = true
			for (const socket of sockets) socket.destroy()
		},
		restore: () => {
			down = false
		},
		slow: (ms) => {
			delay = ms
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy()
				server.close(() => resolve())
			}),
	}
}

let proxy: Proxy
let proxiedUrl: string
const servers: Server[] = []

beforeAll(async () => {
	await createDatabase(TEST_DATABASE_URL, name)
	await createDemoDatabase(databaseUrl)
	proxy = await startProxy(new URL(TEST_DATABASE_URL))
	const url = new URL(databaseUrl)
	url.hostname = '127.0.0.1'
	url.port = String(proxy.port)
	proxiedUrl = url.toString()
}, 60_000)

afterAll(async () => {
	await Promise.all(servers.map((server) => server.stop()))
	await proxy?.close()
	await dropDatabases(TEST_DATABASE_URL, [name])
})

async function get(server: Server, path: string, cookie?: string) {
	const started = Date.now()
	try {
		const response = await fetch(`${server.url}${path}`, {
			headers: cookie ? { Cookie: cookie } : {},
			redirect: 'manual',
			signal: AbortSignal.timeout(15_000),
		})
		const body = await response.text()
		return { status: response.status, body, ms: Date.now() - started }
	} catch (error) {
		return { status: 0, body: String(error), ms: Date.now() - started }
	}
}

describe('PostgreSQL going away and coming back', () => {
	test('while the database is down the app answers 503 (never a 500 or a crash) and /healthz says down; it recovers by itself', async () => {
		const server = await startServer(proxiedUrl, undefined, { WEB_CONCURRENCY: '2', DATABASE_CONNECTION_TIMEOUT_MS: '1000' })
		servers.push(server)
		const login = await fetch(`${server.url}/login`, {
			method: 'POST',
			redirect: 'manual',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email: 'delegate.pa@example.org', password: DEMO_PASSWORD, redirectTo: '/home' }),
		})
		expect(login.status).toBe(302)
		const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!
		const pages = ['/home', '/learn/theory-of-change', '/roadmaps/panama-2025-pa/strategic-design', '/']
		const statuses: Record<string, number[]> = { before: [], down: [], after: [] }
		let phase: keyof typeof statuses = 'before'
		let running = true
		const client = async (n: number) => {
			for (let i = n; running; i++) {
				const result = await get(server, pages[i % pages.length]!, cookie)
				statuses[phase]!.push(result.status)
			}
		}
		const clients = [0, 1, 2, 3].map(client)
		await new Promise((resolve) => setTimeout(resolve, 1500))

		phase = 'down'
		proxy.cut()
		await new Promise((resolve) => setTimeout(resolve, 3000))
		const health = await get(server, '/healthz')
		expect(health.status).toBe(503)
		expect(JSON.parse(health.body)).toMatchObject({ database: 'down' })
		const page = await get(server, '/home', cookie)
		expect(page.status).toBe(503)
		expect(page.body).toContain('briefly unavailable')

		phase = 'after'
		proxy.restore()
		const restoredAt = Date.now()
		let recoveredAfter: number | null = null
		while (Date.now() - restoredAt < 10_000) {
			if ((await get(server, '/healthz')).status === 200 && (await get(server, '/home', cookie)).status === 200) {
				recoveredAfter = Date.now() - restoredAt
				break
			}
			await new Promise((resolve) => setTimeout(resolve, 200))
		}
		await new Promise((resolve) => setTimeout(resolve, 1000))
		running = false
		await Promise.all(clients)
		console.log(
			`outage: before ${statuses.before!.length} requests, during ${statuses.down!.length} (${statuses.down!.filter((s) => s === 503).length} × 503), ` +
				`after ${statuses.after!.length}; recovered ${recoveredAfter} ms after the database came back`,
		)
		expect(recoveredAfter, server.output()).not.toBeNull()
		expect(recoveredAfter!).toBeLessThan(5000)
		expect(
			statuses.before!.every((s) => s === 200),
			`before: ${statuses.before}`,
		).toBe(true)
		expect(statuses.down!.filter((s) => s === 503).length).toBeGreaterThan(0)
		// Never a 500, never a dropped connection: only 200 or 503 (a 302 to sign in is not expected either).
		for (const phaseName of ['before', 'down', 'after'] as const) {
			expect(
				statuses[phaseName]!.filter((s) => s !== 200 && s !== 503),
				`${phaseName}: ${statuses[phaseName]}\n${server.output()}`,
			).toEqual([])
		}
		expect(server.child.exitCode).toBeNull()
		expect(server.output()).toMatch(/Database unavailable \(answering 503\)/)
	}, 60_000)

	test('more requests than connections queue, then time out with a 503 and a log line — never a hang', async () => {
		const server = await startServer(proxiedUrl, undefined, {
			WEB_CONCURRENCY: '1',
			DATABASE_POOL_SIZE: '1',
			DATABASE_CONNECTION_TIMEOUT_MS: '400',
			// The public home renders from the database on every request (not from the worker's memory).
			PUBLIC_PAGE_SECONDS: '0',
		})
		servers.push(server)
		// One connection for six requests at once: they wait their turn, and all are served.
		const queued = await Promise.all(Array.from({ length: 6 }, () => get(server, '/')))
		expect(queued.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200])
		// Every answer from the database now takes 1.5 s: one connection serves one request at a time.
		proxy.slow(1500)
		try {
			const results = await Promise.all(Array.from({ length: 6 }, () => get(server, '/')))
			const statuses = results.map((r) => r.status)
			console.log(`pool exhaustion: statuses ${statuses.join(' ')}; slowest ${Math.max(...results.map((r) => r.ms))} ms`)
			expect(
				statuses.every((s) => s === 200 || s === 503),
				statuses.join(' '),
			).toBe(true)
			expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0)
			expect(Math.max(...results.map((r) => r.ms))).toBeLessThan(10_000)
			expect(server.output()).toMatch(/Database unavailable \(answering 503\): timeout exceeded when trying to connect/)
		} finally {
			proxy.slow(0)
		}
		// Once the pressure is gone (the delayed answers drained), the same server answers normally.
		const deadline = Date.now() + 10_000
		let status = 0
		while (Date.now() < deadline && status !== 200) {
			status = (await get(server, '/')).status
			if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250))
		}
		expect(status).toBe(200)
	}, 60_000)
})
