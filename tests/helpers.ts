import { createSessionCookie } from '#app/features/auth/auth.server.ts'
import { db } from '#app/utils/db.server.ts'

export const BASE = 'http://localhost'

export async function userIdFor(email: string) {
	const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
	return user.id
}

/** A Cookie header for a new session of this user (created straight in the database). */
export async function cookieFor(email: string) {
	const setCookie = await createSessionCookie(await userIdFor(email))
	return setCookie.split(';')[0]!
}

export async function requestAs(
	email: string | null,
	path: string,
	init: { method?: string; form?: Record<string, string | string[]> } = {},
) {
	const headers = new Headers()
	if (email) headers.set('Cookie', await cookieFor(email))
	let body: URLSearchParams | undefined
	if (init.form) {
		body = new URLSearchParams()
		for (const [key, value] of Object.entries(init.form)) {
			for (const item of Array.isArray(value) ? value : [value]) body.append(key, item)
		}
		headers.set('Content-Type', 'application/x-www-form-urlencoded')
	}
	return new Request(`${BASE}${path}`, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body })
}

/** Runs a loader or action and returns what a client would get: a status and the data or Response. */
export async function run<T>(fn: () => Promise<T>): Promise<{ status: number; data?: unknown; response?: Response }> {
	try {
		const result = (await fn()) as unknown
		if (result instanceof Response) return { status: result.status, response: result }
		if (result && typeof result === 'object' && 'type' in result && (result as { type: unknown }).type === 'DataWithResponseInit') {
			const { data, init } = result as unknown as { data: unknown; init?: { status?: number } }
			return { status: init?.status ?? 200, data }
		}
		return { status: 200, data: result }
	} catch (thrown) {
		if (thrown instanceof Response) return { status: thrown.status, response: thrown }
		// A thrown `data(…, { status })`: the route's error boundary answers with that status.
		if (thrown && typeof thrown === 'object' && 'type' in thrown && (thrown as { type: unknown }).type === 'DataWithResponseInit') {
			const { data, init } = thrown as unknown as { data: unknown; init?: { status?: number } }
			return { status: init?.status ?? 500, data }
		}
		throw thrown
	}
}

export function routeArgs(request: Request, params: Record<string, string> = {}) {
	return { request, params, context: {} }
}
