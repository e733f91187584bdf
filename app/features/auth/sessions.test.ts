import { describe, expect, test } from 'vitest'
import { action as loginAction } from '#app/routes/login.tsx'
import { action as settingsAction } from '#app/routes/settings.tsx'
import { getUserId, SESSION_LIMITS, sha256 } from '#app/features/auth/auth.server.ts'
import { db } from '#app/utils/db.server.ts'
import { DEMO_PASSWORD } from '#db/seed.ts'
import { BASE, cookieFor, routeArgs, run, userIdFor } from '#tests/helpers.ts'

const DAY = 24 * 60 * 60 * 1000

function withCookie(cookie: string, path = '/home', init: RequestInit = {}) {
	const headers = new Headers(init.headers)
	headers.set('Cookie', cookie)
	return new Request(`${BASE}${path}`, { ...init, headers })
}

function sessionIdOf(cookie: string) {
	return /academy_session=([^;]*)/.exec(cookie)?.[1] ?? ''
}

async function signInOverHttp(email: string, cookie?: string) {
	const body = new URLSearchParams({ email, password: DEMO_PASSWORD })
	const headers = new Headers({ 'Content-Type': 'application/x-www-form-urlencoded' })
	if (cookie) headers.set('Cookie', cookie)
	const request = new Request(`${BASE}/login`, { method: 'POST', headers, body })
	const outcome = await run(() => loginAction(routeArgs(request)))
	expect(outcome.status).toBe(302)
	return outcome.response!.headers.get('Set-Cookie')!
}

/** Moves a session's clock: signed in `ageMs` ago, last used `idleMs` ago. */
async function age(cookie: string, { ageMs, idleMs }: { ageMs: number; idleMs: number }) {
	const now = Date.now()
	await db
		.updateTable('sessions')
		.set({
			created_at: Math.floor((now - ageMs) / 1000),
			expires_at: Math.floor((now - idleMs + SESSION_LIMITS.idleMs) / 1000),
		})
		.where('id', '=', sha256(sessionIdOf(cookie)))
		.execute()
}

async function sessionRow(cookie: string) {
	return db
		.selectFrom('sessions')
		.selectAll()
		.where('id', '=', sha256(sessionIdOf(cookie)))
		.executeTakeFirst()
}

describe('session ids', () => {
	test('every sign-in gets a new random id, never the one the browser offered', async () => {
		const planted = 'academy_session=attacker-chosen-session-id'
		const first = await signInOverHttp('delegate.pa@example.org', planted)
		const second = await signInOverHttp('delegate.pa@example.org')
		expect(sessionIdOf(first)).not.toBe('attacker-chosen-session-id')
		expect(sessionIdOf(first)).toMatch(/^[a-z0-9]{20,}$/)
		expect(sessionIdOf(second)).not.toBe(sessionIdOf(first))
		expect(await getUserId(withCookie(planted))).toBeNull()
		// Two devices may be signed in at once.
		const userId = await userIdFor('delegate.pa@example.org')
		expect(await getUserId(withCookie(first.split(';')[0]!))).toBe(userId)
		expect(await getUserId(withCookie(second.split(';')[0]!))).toBe(userId)
	})

	test('the cookie lives as long as the absolute limit, 30 days', async () => {
		const cookie = await signInOverHttp('delegate.bo@example.org')
		expect(cookie).toMatch(new RegExp(`Max-Age=${30 * 24 * 60 * 60}`))
		expect(cookie).toMatch(/HttpOnly/)
	})

	test('changing the password ends every other session and gives this browser a new one', async () => {
		const email = 'delegate.bo@example.org'
		const phone = await cookieFor(email)
		const laptop = await cookieFor(email)
		const body = new URLSearchParams({
			intent: 'password',
			currentPassword: DEMO_PASSWORD,
			newPassword: 'a-new-long-password',
			confirmPassword: 'a-new-long-password',
		})
		const request = withCookie(laptop, '/settings', {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body,
		})
		// A redirect that carries the new cookie (the page's loader never runs with the ended session).
		const result = await run(async () => settingsAction(routeArgs(request)))
		expect(result.status).toBe(302)
		expect(result.response!.headers.get('Location')).toBe('/settings?passwordChanged=1#password-heading')
		const fresh = result.response!.headers.get('Set-Cookie') ?? ''
		expect(fresh).toContain('academy_session=')
		expect(await getUserId(withCookie(phone))).toBeNull()
		expect(await getUserId(withCookie(laptop))).toBeNull()
		expect(await getUserId(withCookie(fresh.split(';')[0]!))).toBe(await userIdFor(email))
	})
})

describe('expiry', () => {
	test('a session used 13 days ago still works, and using it pushes the idle deadline on', async () => {
		const cookie = await cookieFor('alumni.tt@example.org')
		await age(cookie, { ageMs: 13 * DAY + 60_000, idleMs: 13 * DAY })
		expect(await getUserId(withCookie(cookie))).toBe(await userIdFor('alumni.tt@example.org'))
		const row = await sessionRow(cookie)
		expect(row!.expires_at * 1000).toBeGreaterThan(Date.now() + SESSION_LIMITS.idleMs - 2 * 60 * 1000)
	})

	test('a session unused for more than 14 days is signed out (idle expiry)', async () => {
		const cookie = await cookieFor('alumni.tt@example.org')
		await age(cookie, { ageMs: 15 * DAY, idleMs: 14 * DAY + 60_000 })
		expect(await getUserId(withCookie(cookie))).toBeNull()
		expect(await sessionRow(cookie)).toBeUndefined()
	})

	test('a session in daily use ends 30 days after sign-in (absolute expiry)', async () => {
		const cookie = await cookieFor('facilitator@example.org')
		await age(cookie, { ageMs: 30 * DAY + 60_000, idleMs: DAY })
		expect(await getUserId(withCookie(cookie))).toBeNull()
		expect(await sessionRow(cookie)).toBeUndefined()
	})

	test('the idle deadline never runs past the absolute one', async () => {
		const cookie = await cookieFor('facilitator@example.org')
		await age(cookie, { ageMs: 29 * DAY, idleMs: 2 * DAY })
		expect(await getUserId(withCookie(cookie))).not.toBeNull()
		const row = await sessionRow(cookie)
		expect(row!.expires_at).toBeLessThanOrEqual(row!.created_at + SESSION_LIMITS.absoluteMs / 1000)
		expect(row!.expires_at * 1000).toBeGreaterThan(Date.now() + 0.9 * DAY)
	})

	test('a signed-out request to a private page goes to sign-in', async () => {
		const cookie = await cookieFor('facilitator@example.org')
		await age(cookie, { ageMs: 31 * DAY, idleMs: DAY })
		const { loader } = await import('#app/routes/home.tsx')
		const outcome = await run(() => loader(routeArgs(withCookie(cookie))))
		expect(outcome.status).toBe(302)
		expect(outcome.response!.headers.get('Location')).toMatch(/^\/login/)
	})
})
