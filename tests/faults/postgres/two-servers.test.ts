import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createDatabase, dropDatabases, withDatabase } from '#db/postgres-admin.ts'
import { createDemoDatabase, DEMO_PASSWORD } from '#db/seed.ts'
import { TEST_DATABASE_URL } from '#tests/engine.ts'
import { openLive, postObjective } from '../live-client.ts'
import { type Server, startServer } from '../server.ts'

/**
 * Two production app servers in front of one PostgreSQL database, as behind a load balancer: what
 * one of them does, the other sees — sessions, writes and sign-in throttling. One of them runs two
 * workers (node:cluster), so requests to it land on either.
 */
const name = `academy_test_two_servers_${process.pid}_${Date.now().toString(36)}`
const url = withDatabase(TEST_DATABASE_URL, name)
let a: Server
let b: Server

beforeAll(async () => {
	await createDatabase(TEST_DATABASE_URL, name)
	await createDemoDatabase(url)
	;[a, b] = await Promise.all([
		startServer(url, undefined, { WEB_CONCURRENCY: '2' }),
		startServer(url, undefined, { WEB_CONCURRENCY: '1' }),
	])
}, 120_000)

afterAll(async () => {
	await Promise.all([a?.stop(), b?.stop()])
	await dropDatabases(TEST_DATABASE_URL, [name])
})

async function signIn(server: Server, email: string, password: string) {
	return fetch(`${server.url}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password, redirectTo: '/home' }),
	})
}

function cookieOf(response: Response) {
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('academy_session='))
	expect(cookie, 'a session cookie').toBeTruthy()
	return cookie!.split(';')[0]!
}

describe('two app servers, one PostgreSQL database', () => {
	test('a session made on one server works on the other', async () => {
		const response = await signIn(a, 'delegate.pa@example.org', DEMO_PASSWORD)
		expect(response.status).toBe(302)
		const cookie = cookieOf(response)
		for (const server of [a, b, a, b]) {
			const home = await fetch(`${server.url}/home`, { headers: { Cookie: cookie }, redirect: 'manual' })
			expect(home.status, `${server.url}/home`).toBe(200)
			expect(await home.text()).toContain('Panam')
		}
		// Signing out on the second ends the session on the first as well.
		const out = await fetch(`${b.url}/logout`, {
			method: 'POST',
			headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: '',
			redirect: 'manual',
		})
		expect(out.status).toBe(302)
		const after = await fetch(`${a.url}/home`, { headers: { Cookie: cookie }, redirect: 'manual' })
		expect(after.status).toBe(302)
		expect(after.headers.get('Location')).toMatch(/^\/login/)
	})

	test('a write on one server is read on the other', async () => {
		const cookie = cookieOf(await signIn(b, 'facilitator@example.org', DEMO_PASSWORD))
		const body = `Comment from server B, ${Date.now()}`
		const posted = await fetch(`${b.url}/roadmaps/panama-2025-pa/theory-of-change`, {
			method: 'POST',
			redirect: 'manual',
			headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ intent: 'comment', body }),
		})
		expect(posted.status).toBe(302)
		const page = await fetch(`${a.url}/roadmaps/panama-2025-pa/theory-of-change`, { headers: { Cookie: cookie } })
		expect(page.status).toBe(200)
		expect(await page.text()).toContain(body)
	})

	test("a save on one server reaches the live streams of the other's, and of both of its own workers", async () => {
		const member = cookieOf(await signIn(b, 'pa2@example.org', DEMO_PASSWORD))
		const lead = cookieOf(await signIn(a, 'delegate.pa@example.org', DEMO_PASSWORD))
		const onB = await openLive(b.url, member, 'panama-2025-pa')
		const instances = new Set([(await onB.hello()).instance])
		const streams = [onB]
		// A's two workers each serve one of these.
		while (instances.size < 3 && streams.length < 12) {
			const stream = await openLive(a.url, member, 'panama-2025-pa')
			instances.add((await stream.hello()).instance)
			streams.push(stream)
		}
		expect(instances.size, 'server B and both workers of server A serve streams').toBe(3)
		const created = (e: { event: string; data: any }) =>
			e.event === 'change' && e.data.some((c: { kind: string; change: string }) => c.kind === 'objective' && c.change === 'create')
		const saved = performance.now()
		await postObjective(a.url, lead, 'panama-2025-pa', 'pa-pillar-2', 'Saved on server A, read live on B')
		for (const stream of streams) {
			const event = await stream.next(created, 5000)
			expect(event.data[0].by).toBe('Patricia Prueba')
			expect((event as { at: number }).at - saved, 'from save to screen, ms').toBeLessThan(2000)
		}
		// What someone edits shows on the other server too.
		const { connection } = await onB.hello()
		const told = await fetch(`${b.url}/roadmaps/panama-2025-pa/live`, {
			method: 'POST',
			headers: { Cookie: member, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ intent: 'editing', connection, editing: 'pa-action-1' }),
		})
		expect(told.status).toBe(204)
		const leadStream = await openLive(a.url, lead, 'panama-2025-pa')
		await leadStream.next(
			(e) =>
				e.event === 'presence' &&
				e.data.people.some((p: { name: string; editing: string }) => p.name === 'Pablo Ejemplo' && p.editing === 'pa-action-1'),
		)
		for (const stream of [...streams, leadStream]) stream.close()
	})

	test('sign-in throttling counts failures made on both servers', async () => {
		const email = 'delegate.bo@example.org'
		// Five failures for one account from one address are allowed in the window: three on A, two on B.
		for (const server of [a, a, a, b, b]) expect((await signIn(server, email, 'not-the-password')).status).toBe(400)
		// The sixth is refused on either server, even with the right password.
		for (const server of [a, b]) {
			const refused = await signIn(server, email, DEMO_PASSWORD)
			expect(refused.status, server.url).toBe(429)
			expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(0)
		}
	})
})
