/**
 * What a phone keeps for reading offline, and the answers it keeps until it can send them
 * (decision record 0023). Browser only: every function here runs from an event or an effect.
 *
 * - Saved lessons are in the Cache Storage cache `SAVED_CACHE`: each lesson's page, its data for a
 *   client-side navigation (`.data`) and its curriculum module (`/mdx/<hash>.js`). The service worker
 *   (public/sw.js, built by scripts/build-service-worker.ts) answers from it when the network fails.
 * - What was saved, for whom and in which language is in localStorage (`SAVED_KEY`), so the offline
 *   page can list it.
 * - Answers made offline wait in localStorage (`OUTBOX_KEY`), one per form (a later answer to the
 *   same check replaces the earlier one), until they are sent.
 *
 * All of it belongs to one account: signing out, or another account signing in on the phone,
 * empties it (`clearOfflineStore`).
 */

export const SAVED_CACHE = 'academy-saved'
const SAVED_KEY = 'academy-offline-saved'
const OUTBOX_KEY = 'academy-offline-outbox'
const OWNER_KEY = 'academy-offline-owner'

export type SavedLesson = { url: string; title: string }
export type SavedModule = { slug: string; title: string; language: string; savedAt: string; bytes: number; lessons: SavedLesson[] }
export type QueuedAnswer = { key: string; action: string; fields: Array<[string, string]>; queuedAt: string }

/** What the server lists for saving a module (`/offline.json`). */
export type OfflinePlan = {
	modules: Array<{ slug: string; title: string; language: string; lessons: SavedLesson[]; urls: string[] }>
	/** Every address to fetch, pages and their modules, once. */
	urls: string[]
	/** About how much the phone keeps, in bytes (the curriculum modules exactly, the pages estimated). */
	estimatedBytes: number
}

const listeners = new Set<() => void>()

/** Calls `listener` whenever what is saved or waiting changes (in this tab). */
export function subscribeOffline(listener: () => void) {
	listeners.add(listener)
	return () => {
		listeners.delete(listener)
	}
}

function changed() {
	for (const listener of listeners) listener()
}

function read<T>(key: string, fallback: T): T {
	try {
		const raw = window.localStorage.getItem(key)
		return raw ? (JSON.parse(raw) as T) : fallback
	} catch {
		return fallback
	}
}

function write(key: string, value: unknown) {
	window.localStorage.setItem(key, JSON.stringify(value))
	changed()
}

export function savedModules(): SavedModule[] {
	return read<SavedModule[]>(SAVED_KEY, [])
}

export function queuedAnswers(): QueuedAnswer[] {
	return read<QueuedAnswer[]>(OUTBOX_KEY, [])
}

/** Whether this browser can keep answers for later (and, with `workerInCharge`, pages). */
export function canSaveOffline() {
	return typeof window !== 'undefined' && 'caches' in window && 'serviceWorker' in navigator
}

/** Whether the service worker answers this page's requests: only then do saved pages open offline. */
export function workerInCharge() {
	return canSaveOffline() && navigator.serviceWorker.controller !== null
}

/**
 * The offline store belongs to the signed-in account: when another account (or nobody) is signed in
 * on this browser, what the previous one kept is removed first.
 */
export async function claimOfflineStore(userId: string | null) {
	const owner = window.localStorage.getItem(OWNER_KEY)
	if (owner && owner !== userId) await clearOfflineStore()
	if (userId && owner !== userId) window.localStorage.setItem(OWNER_KEY, userId)
}

/** Removes everything kept for offline use: saved pages, the list of them, answers waiting. */
export async function clearOfflineStore() {
	for (const key of [SAVED_KEY, OUTBOX_KEY, OWNER_KEY]) window.localStorage.removeItem(key)
	if ('caches' in window) await caches.delete(SAVED_CACHE)
	changed()
}

/**
 * Saves what a plan lists into the cache, reporting each address done; records the modules as
 * saved once all of it is in. Returns the bytes kept.
 */
export async function saveOffline(plan: OfflinePlan, onProgress: (done: number, total: number) => void, signal?: AbortSignal) {
	const cache = await caches.open(SAVED_CACHE)
	let bytes = 0
	let done = 0
	onProgress(0, plan.urls.length)
	// Two at a time: quick on venue Wi-Fi without filling a slow link.
	const queue = [...plan.urls]
	async function worker() {
		for (let url = queue.shift(); url; url = queue.shift()) {
			const response = await fetch(url, { credentials: 'same-origin', signal })
			if (!response.ok) throw new Error(`${url}: ${response.status}`)
			const body = await response.clone().arrayBuffer()
			bytes += body.byteLength
			await cache.put(url, response)
			onProgress(++done, plan.urls.length)
		}
	}
	await Promise.all([worker(), worker()])
	const savedAt = new Date().toISOString()
	const others = savedModules().filter((saved) => !plan.modules.some((module) => module.slug === saved.slug))
	const share = Math.round(bytes / Math.max(1, plan.modules.length))
	write(SAVED_KEY, [...others, ...plan.modules.map(({ urls: _urls, ...module }) => ({ ...module, savedAt, bytes: share }))])
	return bytes
}

/** Keeps an answer to send later; a later answer from the same form (key) of the same page replaces it. */
export function queueAnswer(key: string, form: HTMLFormElement) {
	const fields = [...new FormData(form).entries()].filter((entry): entry is [string, string] => typeof entry[1] === 'string')
	const action = new URL(form.action || window.location.href, window.location.href)
	const entry: QueuedAnswer = { key, action: action.pathname, fields, queuedAt: new Date().toISOString() }
	write(OUTBOX_KEY, [...queuedAnswers().filter((queued) => !(queued.key === key && queued.action === entry.action)), entry])
}

let sending: Promise<number> | null = null

/**
 * Sends the answers waiting, oldest first, each once. An answer the server takes or refuses (a 4xx:
 * the server's word wins) leaves the queue; one that cannot reach it stays for the next try.
 * Returns how many left the queue.
 */
export function sendQueuedAnswers(): Promise<number> {
	sending ??= (async () => {
		let sent = 0
		for (const entry of queuedAnswers()) {
			let response: Response
			try {
				response = await fetch(entry.action, {
					method: 'POST',
					credentials: 'same-origin',
					headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
					body: new URLSearchParams(entry.fields),
					redirect: 'manual',
				})
			} catch {
				break // still offline: try again later
			}
			// Taken (2xx, or the redirect a plain form post gets) or refused (4xx): off the queue.
			const answered = response.type === 'opaqueredirect' || response.status < 500
			if (!answered) break
			write(
				OUTBOX_KEY,
				queuedAnswers().filter((queued) => !(queued.key === entry.key && queued.queuedAt === entry.queuedAt)),
			)
			sent++
		}
		return sent
	})().finally(() => {
		sending = null
	})
	return sending
}
