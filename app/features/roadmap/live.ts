/**
 * What a roadmap's live stream (`/roadmaps/<delegation>/live`, server-sent events) tells the screens
 * that have the roadmap open. Shared by the server that writes it and the browser that reads it.
 *
 * - `hello`: the stream's id (the browser says with it what it is editing) and the app process
 *   serving it (a random name, so a test can tell two workers apart).
 * - `change` (with an `id:` line, the history row it reaches): one or more rows of the roadmap's
 *   history, in order. A browser that reconnects sends the last id it read and gets what it missed,
 *   never twice.
 * - `presence`: who has the roadmap open now, and what each is editing.
 * - `reset`: more was missed than a stream replays; the page should read the roadmap again.
 */
export type LiveHello = { connection: string; instance: string }

export type LiveChange = {
	id: number
	itemId: string | null
	kind: string
	change: string
	userId: string | null
	/** The person's name as the Academy knows it; null for a change made by the Academy itself. */
	by: string | null
	at: string
}

export type LivePerson = { userId: string; name: string; editing: string | null }
export type LivePresence = { people: LivePerson[] }

/** How long a stream's presence counts without news from it (the stream refreshes it twice as often). */
export const PRESENCE_TTL_MS = 45_000
export const HEARTBEAT_MS = 15_000
/** How many missed history rows a reconnecting stream replays before it says `reset` instead. */
export const REPLAY_LIMIT = 200
/** The longest edit key a screen may report (an item id, `new-action-<id>`). */
export const EDIT_KEY_MAX = 200
