import { AsyncLocalStorage } from 'node:async_hooks'

/**
 * What one HTTP request computes once and shares between its loaders (the viewer, read by the root
 * loader and the page's loader alike). Remix hands each loader a Request of its own, so the Request
 * cannot be the key: server.js runs every request inside a scope of this AsyncLocalStorage (one
 * instance, on globalThis, shared with the app's build). Within a scope the key is the value's name
 * and the request's method: an action (POST) and the loaders that run after it (GET) never share,
 * so a page rendered after a change sees the change. Outside a scope (tests calling a loader
 * directly) the Request itself is the key.
 */
declare global {
	var __academyRequestScope: AsyncLocalStorage<Map<string, unknown>> | undefined
}

export const requestScope: AsyncLocalStorage<Map<string, unknown>> = (globalThis.__academyRequestScope ??= new AsyncLocalStorage<
	Map<string, unknown>
>())

const byRequest = new WeakMap<Request, Map<string, unknown>>()

export function oncePerRequest<T>(request: Request, name: string, compute: () => T): T {
	let values = requestScope.getStore()
	const key = values ? `${name} ${request.method}` : name
	if (!values) {
		values = byRequest.get(request)
		if (!values) byRequest.set(request, (values = new Map()))
	}
	if (!values.has(key)) values.set(key, compute())
	return values.get(key) as T
}
