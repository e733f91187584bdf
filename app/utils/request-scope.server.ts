/**
 * What one HTTP request computes once and shares between its loaders (the viewer, read by the root
 * loader and the page's loader alike). Remix hands each loader a Request of its own, so the Request
 * cannot be the key; their headers are copies of the one request's, and server.js gives every
 * request a random id in `x-academy-request` (replacing any the client sent). The key is that id,
 * the request's method and its cookies: an action (POST) and the loaders that run after it (GET)
 * never share, so a page rendered after a change sees the change. Without the id (tests calling a
 * loader directly) the Request itself is the key. (An AsyncLocalStorage scope would do the same at
 * the cost of a hook on every promise of every request.)
 */
export const REQUEST_ID_HEADER = 'x-academy-request'

/** Entries are dropped a while after their request: no request of this app takes a minute. */
const KEEP_MS = 60_000
const byId = new Map<string, { values: Map<string, unknown>; createdAt: number }>()
const byRequest = new WeakMap<Request, Map<string, unknown>>()

function valuesOf(request: Request, now: number) {
	const id = request.headers.get(REQUEST_ID_HEADER)
	if (!id) {
		let values = byRequest.get(request)
		if (!values) byRequest.set(request, (values = new Map()))
		return values
	}
	let scope = byId.get(id)
	if (!scope) {
		// The oldest come first in a Map: drop those past their time.
		for (const [oldId, old] of byId) {
			if (now - old.createdAt < KEEP_MS) break
			byId.delete(oldId)
		}
		byId.set(id, (scope = { values: new Map(), createdAt: now }))
	}
	return scope.values
}

export function oncePerRequest<T>(request: Request, name: string, compute: () => T): T {
	const values = valuesOf(request, Date.now())
	const key = `${name} ${request.method} ${request.headers.get('Cookie') ?? ''}`
	if (!values.has(key)) values.set(key, compute())
	return values.get(key) as T
}
