/**
 * A live roadmap stream read over HTTP, as a browser's EventSource reads it: every event so far and
 * a wait for the next one that matches. For the tests that run real servers (workers, app servers).
 */
import { readEvents, type ServerEvent } from '../sse.ts'

export type LiveEvent = ServerEvent

export async function signInCookie(base: string, email: string, password: string) {
	const response = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password, redirectTo: '/home' }),
	})
	const cookie = response.headers.getSetCookie().find((c) => c.startsWith('academy_session='))
	if (!cookie) throw new Error(`${email} could not sign in at ${base} (${response.status})`)
	return cookie.split(';')[0]!
}

export async function openLive(base: string, cookie: string, delegationId: string, headers: Record<string, string> = {}) {
	const controller = new AbortController()
	const response = await fetch(`${base}/roadmaps/${delegationId}/live`, {
		headers: { Cookie: cookie, ...headers },
		signal: controller.signal,
	})
	const events: Array<LiveEvent & { at: number }> = []
	const waiting: Array<{ match: (e: LiveEvent) => boolean; resolve: (e: LiveEvent) => void }> = []
	if (response.ok && response.body) {
		void readEvents(response.body, (parsed) => {
			const event = { ...parsed, at: performance.now() }
			events.push(event)
			for (const waiter of [...waiting]) {
				if (!waiter.match(event)) continue
				waiting.splice(waiting.indexOf(waiter), 1)
				waiter.resolve(event)
			}
		})
	}
	const next = (match: (e: LiveEvent) => boolean, timeout = 10_000) =>
		new Promise<LiveEvent & { at?: number }>((resolve, reject) => {
			const found = events.find(match)
			if (found) return resolve(found)
			const timer = setTimeout(() => reject(new Error(`no such event within ${timeout} ms; had ${JSON.stringify(events)}`)), timeout)
			waiting.push({
				match,
				resolve: (event) => {
					clearTimeout(timer)
					resolve(event)
				},
			})
		})
	return {
		response,
		events,
		next,
		hello: async () => (await next((e) => e.event === 'hello')).data as { connection: string; instance: string },
		/** The first change event that carries a change of this item. */
		changeOf: (itemId: string, timeout?: number) =>
			next((e) => e.event === 'change' && e.data.some((c: { itemId: string }) => c.itemId === itemId), timeout),
		close: () => controller.abort(),
	}
}

/** Adds an objective under the roadmap's first pillar through the section's form, as a browser without JavaScript does. */
export async function postObjective(base: string, cookie: string, delegationId: string, pillarId: string, statement: string) {
	const response = await fetch(`${base}/roadmaps/${delegationId}/strategic-design`, {
		method: 'POST',
		redirect: 'manual',
		headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded', Origin: base, 'Sec-Fetch-Site': 'same-origin' },
		body: new URLSearchParams({ intent: 'create', kind: 'objective', parentId: pillarId, formKey: `new-objective-${pillarId}`, statement }),
	})
	if (response.status !== 302) throw new Error(`saving "${statement}" answered ${response.status}: ${await response.text()}`)
	return response
}
