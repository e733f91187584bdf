import fs from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { createDemoDatabase, DEMO_PASSWORD } from '#db/seed.ts'
import { openLive, postObjective, signInCookie } from './live-client.ts'
import { type Server, startServer, tempDir } from './server.ts'

/**
 * Live roadmaps across the workers of one server (SQLite, two workers): a member whose stream is
 * served by one worker sees what another member saves through the other worker, and sees them
 * arrive; a stream cut by a stopping server is told to reconnect, and resumes from its last event.
 */
const dir = tempDir('live')
const file = path.join(dir, 'academy.db')
let server: Server

beforeAll(async () => {
	await createDemoDatabase(file)
	server = await startServer(file, undefined, { WEB_CONCURRENCY: '2' })
}, 120_000)

afterAll(async () => {
	await server?.stop()
	fs.rmSync(dir, { recursive: true, force: true })
})

const created = (e: { event: string; data: any }) =>
	e.event === 'change' && e.data.some((c: { kind: string; change: string }) => c.kind === 'objective' && c.change === 'create')

test('a save through one worker reaches the streams another worker serves, within two seconds', async () => {
	const member = await signInCookie(server.url, 'pa2@example.org', DEMO_PASSWORD)
	const lead = await signInCookie(server.url, 'delegate.pa@example.org', DEMO_PASSWORD)
	// Streams land on either worker: open them until both workers serve one.
	const streams: Array<Awaited<ReturnType<typeof openLive>>> = []
	const instances = new Set<string>()
	while (instances.size < 2 && streams.length < 12) {
		const stream = await openLive(server.url, member, 'panama-2025-pa')
		expect(stream.response.status).toBe(200)
		instances.add((await stream.hello()).instance)
		streams.push(stream)
	}
	expect(instances.size, 'two workers serve streams').toBe(2)
	// The lead appears to every stream, whichever worker serves it.
	const leadStream = await openLive(server.url, lead, 'panama-2025-pa')
	await leadStream.hello()
	for (const stream of streams)
		await stream.next((e) => e.event === 'presence' && e.data.people.some((p: { name: string }) => p.name === 'Patricia Prueba'))
	// Several saves, each through whichever worker takes it; every stream gets every one, once.
	for (let n = 1; n <= 4; n++) {
		const from = streams.map((s) => s.events.length)
		const saved = performance.now()
		await postObjective(server.url, lead, 'panama-2025-pa', 'pa-pillar-2', `Objective saved live, number ${n}`)
		for (const [index, stream] of streams.entries()) {
			const event = await stream.next((e) => created(e) && stream.events.indexOf(e as never) >= from[index]!, 5000)
			expect(event.data[0].by).toBe('Patricia Prueba')
			expect((event as { at: number }).at - saved, 'from save to screen, ms').toBeLessThan(2000)
		}
	}
	for (const stream of streams) {
		const ids = stream.events.filter(created).flatMap((e) => e.data.map((c: { id: number }) => c.id))
		expect(ids).toHaveLength(4)
		expect(new Set(ids).size).toBe(4)
	}
	for (const stream of [...streams, leadStream]) stream.close()
})

test('a stream resumed with the last event id it read gets what it missed, and nothing twice', async () => {
	const member = await signInCookie(server.url, 'pa2@example.org', DEMO_PASSWORD)
	const lead = await signInCookie(server.url, 'delegate.pa@example.org', DEMO_PASSWORD)
	const first = await openLive(server.url, member, 'panama-2025-pa')
	await first.hello()
	await postObjective(server.url, lead, 'panama-2025-pa', 'pa-pillar-2', 'Before the venue Wi-Fi drops')
	const last = await first.next(created)
	first.close()
	await postObjective(server.url, lead, 'panama-2025-pa', 'pa-pillar-2', 'While the Wi-Fi is down')
	const again = await openLive(server.url, member, 'panama-2025-pa', { 'Last-Event-ID': last.id! })
	const missed = await again.next(created)
	expect(Number(missed.id)).toBeGreaterThan(Number(last.id))
	await new Promise((resolve) => setTimeout(resolve, 800))
	expect(again.events.filter(created)).toHaveLength(1)
	again.close()
})
