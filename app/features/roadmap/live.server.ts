/**
 * Live roadmaps: the server-sent event streams of the roadmaps open on people's screens, fed from
 * the database so that a change saved on any app worker or app server reaches every screen.
 *
 * One hub per process. While any stream is open it reads, a few times a second, the history rows
 * (`roadmap_changes`) and the presence rows (`roadmap_presence`) of the roadmaps it has streams for,
 * and passes what is new to those streams. On PostgreSQL a trigger sends `NOTIFY nap_live` on every
 * such row, which wakes the hub at once; the timer stays as the backstop (and is all SQLite needs:
 * every worker reads the same file). See docs/decisions/0016-live-roadmaps.md.
 *
 * History ids are handed out before commit, so on PostgreSQL a row may become visible after a row
 * with a higher id: the hub reads back a few seconds' worth of ids each time and remembers what it
 * delivered, so that a late row is still sent, once.
 */
import crypto from 'node:crypto'
import {
	HEARTBEAT_MS,
	type LiveChange,
	type LiveHello,
	type LivePerson,
	PRESENCE_TTL_MS,
	REPLAY_LIMIT,
} from '#app/features/roadmap/live.ts'
import { lastChangeId } from '#app/features/roadmap/items.server.ts'
import { db, listen } from '#app/utils/db.server.ts'

const POLL_MS = 250
/** How far back (in time) the hub reads ids again, for rows that committed late. */
const LATE_MS = 3000
const STALE_PRESENCE_MS = 2 * 60_000

type Stream = {
	id: string
	roadmapId: string
	userId: string
	/** History rows up to this id were on the page already (or replayed): never sent. */
	floor: number
	/** The highest id sent, the `id:` of each change event (a resume point that only grows). */
	sentMax: number
	/** Ids sent lately, so that a late row and a replay never send one twice. */
	recent: Set<number>
	write: (text: string) => void
	close: () => void
}

type Hub = {
	streams: Map<string, Set<Stream>>
	cursor: number | null
	/** [time, cursor] pairs: the cursor as it was, to read back from. */
	marks: Array<[number, number]>
	delivered: Set<number>
	presence: Map<string, string>
	timer: NodeJS.Timeout | null
	running: boolean
	again: boolean
	unlisten: (() => void) | null
	lastCleanup: number
}

/** A random name for this process, told in `hello` (tests use it to tell workers apart). */
const INSTANCE = crypto.randomBytes(6).toString('hex')

const hub: Hub = {
	streams: new Map(),
	cursor: null,
	marks: [],
	delivered: new Set(),
	presence: new Map(),
	timer: null,
	running: false,
	again: false,
	unlisten: null,
	lastCleanup: 0,
}

const encoder = new TextEncoder()

function event(name: string, data: unknown, id?: number) {
	return `${id === undefined ? '' : `id: ${id}\n`}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`
}

/** The newest history row of a roadmap, where a page's live stream starts (0 for none). */
export async function liveCursor(roadmapId: string) {
	return (await lastChangeId(db, roadmapId)) ?? 0
}

function changeRows(roadmapIds: string[], after: number, limit: number) {
	return db
		.selectFrom('roadmap_changes as c')
		.leftJoin('users as u', 'u.id', 'c.user_id')
		.select(['c.id', 'c.roadmap_id', 'c.item_id', 'c.kind', 'c.change', 'c.user_id', 'u.name', 'c.created_at'])
		.where('c.roadmap_id', 'in', roadmapIds)
		.where('c.id', '>', after)
		.orderBy('c.id')
		.limit(limit)
		.execute()
}

type ChangeRow = Awaited<ReturnType<typeof changeRows>>[number]

function toChange(row: ChangeRow): LiveChange {
	return {
		id: Number(row.id),
		itemId: row.item_id,
		kind: row.kind,
		change: row.change,
		userId: row.user_id,
		by: row.name,
		at: row.created_at,
	}
}

/** Sends the rows a stream has not had, as one event. */
function deliver(stream: Stream, changes: LiveChange[]) {
	const fresh = changes.filter((c) => c.id > stream.floor && !stream.recent.has(c.id))
	if (!fresh.length) return
	for (const change of fresh) {
		stream.recent.add(change.id)
		stream.sentMax = Math.max(stream.sentMax, change.id)
	}
	if (stream.recent.size > 500) stream.recent = new Set([...stream.recent].slice(-250))
	stream.write(event('change', fresh, stream.sentMax))
}

async function readPresence(roadmapIds: string[]) {
	const rows = await db
		.selectFrom('roadmap_presence as p')
		.innerJoin('users as u', 'u.id', 'p.user_id')
		.select(['p.roadmap_id', 'p.user_id', 'p.editing', 'u.name'])
		.where('p.roadmap_id', 'in', roadmapIds)
		.where('p.seen_at', '>', new Date(Date.now() - PRESENCE_TTL_MS).toISOString())
		.orderBy('p.seen_at')
		.execute()
	const byRoadmap = new Map<string, Map<string, LivePerson>>()
	for (const row of rows) {
		const people = byRoadmap.get(row.roadmap_id) ?? new Map<string, LivePerson>()
		byRoadmap.set(row.roadmap_id, people)
		// One person with the roadmap open twice (a phone and a laptop) is one person, editing what either edits.
		const known = people.get(row.user_id)
		people.set(row.user_id, { userId: row.user_id, name: row.name, editing: known?.editing ?? row.editing })
	}
	return byRoadmap
}

async function tick() {
	if (hub.running) {
		hub.again = true
		return
	}
	hub.running = true
	try {
		const roadmapIds = [...hub.streams.keys()]
		if (!roadmapIds.length) return
		const now = Date.now()
		if (hub.cursor === null) {
			const row = await db
				.selectFrom('roadmap_changes')
				.select((eb) => eb.fn.max('id').as('id'))
				.executeTakeFirst()
			hub.cursor = Number(row?.id ?? 0)
		}
		// Read back from where the cursor was a few seconds ago: a row that committed late is still seen.
		hub.marks = hub.marks.filter(([at]) => now - at <= LATE_MS)
		const from = hub.marks[0]?.[1] ?? hub.cursor
		const rows = (await changeRows(roadmapIds, from, 2000)).filter((row) => !hub.delivered.has(Number(row.id)))
		const byRoadmap = new Map<string, LiveChange[]>()
		for (const row of rows) {
			const change = toChange(row)
			hub.delivered.add(change.id)
			hub.cursor = Math.max(hub.cursor, change.id)
			const list = byRoadmap.get(row.roadmap_id) ?? []
			list.push(change)
			byRoadmap.set(row.roadmap_id, list)
		}
		hub.marks.push([now, hub.cursor])
		const oldest = hub.marks[0]?.[1] ?? hub.cursor
		for (const id of hub.delivered) if (id <= oldest) hub.delivered.delete(id)
		for (const [roadmapId, changes] of byRoadmap) for (const stream of hub.streams.get(roadmapId) ?? []) deliver(stream, changes)

		const presence = await readPresence(roadmapIds)
		for (const roadmapId of roadmapIds) {
			const people = [...(presence.get(roadmapId)?.values() ?? [])].sort((a, b) => a.name.localeCompare(b.name))
			const signature = JSON.stringify(people)
			if (hub.presence.get(roadmapId) === signature) continue
			hub.presence.set(roadmapId, signature)
			for (const stream of hub.streams.get(roadmapId) ?? []) stream.write(event('presence', { people }))
		}
		for (const roadmapId of hub.presence.keys()) if (!hub.streams.has(roadmapId)) hub.presence.delete(roadmapId)

		// Streams of a server that stopped without saying goodbye: their rows go after a while.
		if (now - hub.lastCleanup > 60_000) {
			hub.lastCleanup = now
			await db
				.deleteFrom('roadmap_presence')
				.where('seen_at', '<', new Date(now - STALE_PRESENCE_MS).toISOString())
				.execute()
		}
	} catch (error) {
		// The database away for a moment: the streams stay open and the next tick reads again.
		console.error(`Live roadmaps: could not read the database (${error instanceof Error ? error.message : String(error)})`)
	} finally {
		hub.running = false
		if (hub.again) {
			hub.again = false
			setImmediate(() => void tick())
		}
	}
}

function startHub() {
	if (hub.timer) return
	hub.timer = setInterval(() => void tick(), POLL_MS)
	hub.timer.unref()
	hub.unlisten = listen('nap_live', () => void tick())
}

function stopHubIfIdle() {
	if (hub.streams.size || !hub.timer) return
	clearInterval(hub.timer)
	hub.timer = null
	hub.unlisten?.()
	hub.unlisten = null
	hub.cursor = null
	hub.marks = []
	hub.delivered.clear()
}

/** Every stream of this process ends (the server is stopping): browsers reconnect to another. */
export function closeAllStreams() {
	for (const streams of hub.streams.values()) for (const stream of streams) stream.close()
}
process.once('SIGTERM', closeAllStreams)

/**
 * The live stream of a roadmap for one viewer (who may read it: the route checked). `after` is the
 * history row the page was read at, or the `Last-Event-ID` a reconnecting browser sends: what came
 * after it is sent first.
 */
export function liveStream(request: Request, input: { roadmapId: string; userId: string; after: number }) {
	const id = crypto.randomUUID()
	let open = true
	let heartbeat: NodeJS.Timeout | undefined
	let stream: Stream | undefined
	const finish = async () => {
		if (!open) return
		open = false
		clearInterval(heartbeat)
		if (stream) {
			const set = hub.streams.get(input.roadmapId)
			set?.delete(stream)
			if (set && !set.size) hub.streams.delete(input.roadmapId)
			stopHubIfIdle()
		}
		await db
			.deleteFrom('roadmap_presence')
			.where('id', '=', id)
			.execute()
			.catch(() => {})
		if (hub.streams.has(input.roadmapId)) void tick()
	}
	request.signal.addEventListener('abort', () => void finish())
	const body = new ReadableStream<Uint8Array>({
		async start(controller) {
			const write = (text: string) => {
				if (!open) return
				try {
					controller.enqueue(encoder.encode(text))
				} catch {
					void finish()
				}
			}
			const close = () => {
				void finish()
				try {
					controller.close()
				} catch {
					// Closed already.
				}
			}
			const seen = () => new Date().toISOString()
			await db
				.insertInto('roadmap_presence')
				.values({ id, roadmap_id: input.roadmapId, user_id: input.userId, editing: null, seen_at: seen() })
				.execute()
			// Browsers wait this long before reconnecting a cut stream.
			write(`retry: 3000\n${event('hello', { connection: id, instance: INSTANCE } satisfies LiveHello)}`)
			stream = {
				id,
				roadmapId: input.roadmapId,
				userId: input.userId,
				floor: input.after,
				sentMax: input.after,
				recent: new Set(),
				write,
				close,
			}
			// What happened since the page was read (or the stream was cut), before anything new.
			if (input.after > 0) {
				const missed = await changeRows([input.roadmapId], input.after, REPLAY_LIMIT + 1)
				if (missed.length > REPLAY_LIMIT) {
					stream.floor = Number(missed.at(-1)!.id)
					write(event('reset', {}, stream.floor))
				} else deliver(stream, missed.map(toChange))
			} else {
				stream.floor = await liveCursor(input.roadmapId)
			}
			if (!open) return
			const set = hub.streams.get(input.roadmapId) ?? new Set<Stream>()
			set.add(stream)
			hub.streams.set(input.roadmapId, set)
			// The new screen gets who is here at once (itself included), and the others learn it is.
			hub.presence.delete(input.roadmapId)
			startHub()
			void tick()
			heartbeat = setInterval(() => {
				write(': still here\n\n')
				void db
					.updateTable('roadmap_presence')
					.set({ seen_at: seen() })
					.where('id', '=', id)
					.execute()
					.catch(() => {})
			}, HEARTBEAT_MS)
			heartbeat.unref()
		},
		cancel() {
			void finish()
		},
	})
	return new Response(body, {
		headers: {
			'Content-Type': 'text/event-stream; charset=utf-8',
			// `no-transform`: the compression middleware leaves it alone (it would hold events back).
			'Cache-Control': 'no-cache, no-transform',
			'X-Accel-Buffering': 'no',
		},
	})
}

/**
 * Says what a screen (one stream of this viewer) is editing now, or that it edits nothing. False
 * when that stream is not this viewer's open stream of this roadmap.
 */
export async function setEditing(input: { roadmapId: string; userId: string; connection: string; editing: string | null }) {
	const result = await db
		.updateTable('roadmap_presence')
		.set({ editing: input.editing, seen_at: new Date().toISOString() })
		.where('id', '=', input.connection)
		.where('roadmap_id', '=', input.roadmapId)
		.where('user_id', '=', input.userId)
		.executeTakeFirst()
	const updated = Number(result.numUpdatedRows) === 1
	// SQLite has no trigger to wake the other workers' hubs; this one's at least knows at once.
	if (updated && hub.streams.has(input.roadmapId)) void tick()
	return updated
}

/** How many streams this process has open (the bench reports memory per stream). */
export function openStreams() {
	let count = 0
	for (const set of hub.streams.values()) count += set.size
	return count
}
