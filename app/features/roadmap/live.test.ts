import { afterEach, describe, expect, test } from 'vitest'
import { applyChange } from '#app/features/roadmap/items.server.ts'
import { getRoadmapByDelegation } from '#app/features/roadmap/roadmap.server.ts'
import { type LiveChange, type LiveHello, type LivePresence } from '#app/features/roadmap/live.ts'
import * as live from '#app/routes/roadmaps.$delegationId.live.tsx'
import * as section from '#tests/roadmap-section.ts'
import { db } from '#app/utils/db.server.ts'
import { BASE, cookieFor, requestAs, routeArgs, run, userIdFor } from '#tests/helpers.ts'
import { readEvents, type ServerEvent } from '#tests/sse.ts'

/**
 * A roadmap's live stream, through its route: what someone saves reaches the others' streams with
 * who saved it; who has the roadmap open and what they edit; a stream that reconnects gets what it
 * missed, once; and who may not read the roadmap gets no stream.
 */
const LEAD = 'delegate.pa@example.org'
const MEMBER = 'pa2@example.org'
const pa = { delegationId: 'panama-2025-pa' }

type Event = ServerEvent

/** An open stream as a browser reads it: every event so far, and a wait for the next that matches. */
async function openStream(email: string | null, options: { after?: number; lastEventId?: string; delegationId?: string } = {}) {
	const delegationId = options.delegationId ?? pa.delegationId
	const controller = new AbortController()
	const headers = new Headers()
	if (email) headers.set('Cookie', await cookieFor(email))
	if (options.lastEventId) headers.set('Last-Event-ID', options.lastEventId)
	const query = options.after === undefined ? '' : `?after=${options.after}`
	const request = new Request(`${BASE}/roadmaps/${delegationId}/live${query}`, { headers, signal: controller.signal })
	const result = await run(() => live.loader(routeArgs(request, { delegationId })))
	const events: Event[] = []
	const waiting: Array<{ match: (e: Event) => boolean; resolve: (e: Event) => void }> = []
	if (result.status === 200 && result.response?.body) {
		void readEvents(result.response.body, (parsed) => {
			events.push(parsed)
			for (const waiter of [...waiting]) {
				if (!waiter.match(parsed)) continue
				waiting.splice(waiting.indexOf(waiter), 1)
				waiter.resolve(parsed)
			}
		})
	}
	/** The first event (from the `from`-th on) that matches, now or when it comes. */
	const next = (match: (e: Event) => boolean, { from = 0, timeout = 5000 } = {}) =>
		new Promise<Event>((resolve, reject) => {
			const found = events.slice(from).find(match)
			if (found) return resolve(found)
			const timer = setTimeout(() => reject(new Error(`no such event in ${timeout} ms; had ${JSON.stringify(events)}`)), timeout)
			waiting.push({
				match,
				resolve: (event) => {
					clearTimeout(timer)
					resolve(event)
				},
			})
		})
	const stream = {
		status: result.status,
		response: result.response,
		events,
		next,
		hello: async () => (await next((e) => e.event === 'hello')).data as LiveHello,
		changes: () => events.filter((e) => e.event === 'change').flatMap((e) => e.data as LiveChange[]),
		close: () => controller.abort(),
	}
	open.push(stream)
	return stream
}
const open: Array<{ close: () => void }> = []
afterEach(() => {
	for (const stream of open.splice(0)) stream.close()
})

async function roadmapId() {
	return (await getRoadmapByDelegation(pa.delegationId))!.id
}

/** A change the way a member makes one (through the write primitive), returning its item. */
async function addObjective(email: string, statement: string) {
	const roadmap = await roadmapId()
	const pillar = await db
		.selectFrom('roadmap_items')
		.select('id')
		.where('roadmap_id', '=', roadmap)
		.where('kind', '=', 'pillar')
		.executeTakeFirstOrThrow()
	const result = await applyChange(db, roadmap, await userIdFor(email), {
		type: 'create',
		section: 'strategic-design',
		kind: 'objective',
		parentId: pillar.id,
		form: { statement },
	})
	if (!result.ok) throw new Error(result.reason)
	return result.id!
}

const presenceOf = (e: Event) => (e.event === 'presence' ? (e.data as LivePresence).people : null)

describe('the live stream of a roadmap', () => {
	test("a member's save reaches the others' streams at once, saying who saved it", async () => {
		const member = await openStream(MEMBER)
		const facilitator = await openStream('facilitator@example.org')
		expect(member.response?.headers.get('Content-Type')).toMatch(/^text\/event-stream/)
		await Promise.all([member.hello(), facilitator.hello()])
		const id = await addObjective(LEAD, 'Live objective: women mediators in every province')
		for (const stream of [member, facilitator]) {
			const event = await stream.next((e) => e.event === 'change')
			const [change] = event.data as LiveChange[]
			expect(change).toMatchObject({ itemId: id, kind: 'objective', change: 'create', by: 'Patricia Prueba' })
			expect(event.id).toBe(String(change!.id))
		}
	})

	test('shows who has the roadmap open and what they are editing, and when they leave', async () => {
		const lead = await openStream(LEAD)
		const member = await openStream(MEMBER)
		const { connection } = await member.hello()
		await lead.next((e) => Boolean(presenceOf(e)?.some((p) => p.name === 'Pablo Ejemplo')))
		const tell = async (email: string, form: Record<string, string>) =>
			run(async () => live.action(routeArgs(await requestAs(email, '/roadmaps/panama-2025-pa/live', { form }), pa)))
		expect((await tell(MEMBER, { intent: 'editing', connection, editing: 'pa-action-1' })).status).toBe(204)
		const editing = await lead.next((e) => Boolean(presenceOf(e)?.some((p) => p.name === 'Pablo Ejemplo' && p.editing === 'pa-action-1')))
		expect(
			presenceOf(editing)!
				.map((p) => p.name)
				.sort(),
		).toEqual(['Pablo Ejemplo', 'Patricia Prueba'])
		// Someone else's stream, a stream that is not open, a bad key, a facilitator (who does not edit).
		expect((await tell(LEAD, { intent: 'editing', connection, editing: 'pa-action-1' })).status).toBe(404)
		expect((await tell(MEMBER, { intent: 'editing', connection: crypto.randomUUID(), editing: 'x' })).status).toBe(404)
		expect((await tell(MEMBER, { intent: 'editing', connection, editing: '<script>' })).status).toBe(400)
		expect((await tell('facilitator@example.org', { intent: 'editing', connection, editing: 'pa-action-1' })).status).toBe(403)
		expect((await tell(MEMBER, { intent: 'sing', connection })).status).toBe(400)
		const from = lead.events.length
		member.close()
		await lead.next(
			(e) => {
				const people = presenceOf(e)
				return Boolean(people && !people.some((p) => p.name === 'Pablo Ejemplo'))
			},
			{ from },
		)
		const rows = await db.selectFrom('roadmap_presence').select('id').where('id', '=', connection).execute()
		expect(rows).toEqual([])
	})

	test('a stream that reconnects gets what it missed, once, and then what is new', async () => {
		const first = await openStream(MEMBER)
		await first.hello()
		const before = await addObjective(LEAD, 'Before the cut')
		const seen = await first.next((e) => e.event === 'change' && (e.data as LiveChange[]).some((c) => c.itemId === before))
		first.close()
		const missed = [await addObjective(LEAD, 'While cut, one'), await addObjective(LEAD, 'While cut, two')]
		const again = await openStream(MEMBER, { lastEventId: seen.id })
		await again.next((e) => e.event === 'change' && (e.data as LiveChange[]).some((c) => c.itemId === missed[1]))
		const after = await addObjective(LEAD, 'After the reconnection')
		await again.next((e) => e.event === 'change' && (e.data as LiveChange[]).some((c) => c.itemId === after))
		// A moment more for a duplicate to show up, if one were coming.
		await new Promise((resolve) => setTimeout(resolve, 600))
		const items = again.changes().map((c) => c.itemId)
		expect(items).toEqual([...missed, after])
		const ids = again.changes().map((c) => c.id)
		expect(new Set(ids).size).toBe(ids.length)
	})

	test('starts from the history row the page was read at: a change saved in between is not lost', async () => {
		const page = await run(async () =>
			section.loader(
				routeArgs(await requestAs(MEMBER, '/roadmaps/panama-2025-pa/strategic-design'), { ...pa, section: 'strategic-design' }),
			),
		)
		const { liveAfter } = page.data as { liveAfter: number }
		expect(liveAfter).toBeGreaterThan(0)
		const between = await addObjective(LEAD, 'Saved between the page and its stream')
		const stream = await openStream(MEMBER, { after: liveAfter })
		const event = await stream.next((e) => e.event === 'change')
		expect((event.data as LiveChange[]).map((c) => c.itemId)).toEqual([between])
	})

	test('who may not read the roadmap gets no stream, and nothing of it', async () => {
		// Bolivia's delegate, on Panama's roadmap (not shared with the cohort).
		const outsider = await openStream('delegate.bo@example.org')
		expect(outsider.status).toBe(403)
		expect(outsider.response?.headers.get('Content-Type') ?? '').not.toMatch(/event-stream/)
		expect((await openStream(null)).status).toBe(302)
		expect((await openStream(MEMBER, { delegationId: 'no-such-delegation' })).status).toBe(404)
		expect((await openStream(MEMBER, { after: -3 })).status).toBe(400)
		expect((await openStream(MEMBER, { lastEventId: 'abc' })).status).toBe(400)
		// And no presence row was written for the refused ones.
		const bolivia = await userIdFor('delegate.bo@example.org')
		expect(await db.selectFrom('roadmap_presence').select('id').where('user_id', '=', bolivia).execute()).toEqual([])
	})
})
