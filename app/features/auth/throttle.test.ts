import { describe, expect, test } from 'vitest'
import { hashPassword, signIn } from '#app/features/auth/auth.server.ts'
import { attemptPassword, clientAddress, THROTTLE } from '#app/features/auth/throttle.server.ts'
import { action as settingsAction } from '#app/routes/settings.tsx'
import { db } from '#app/utils/db.server.ts'
import { env, type TrustProxy } from '#app/utils/env.server.ts'
import { DEMO_PASSWORD } from '#db/seed.ts'
import { cookieFor, routeArgs } from '#tests/helpers.ts'

/** A sign-in request as server.js hands it on: the socket's address, and whatever the browser sent. */
function from(ip: string, headers: Record<string, string> = {}) {
	return new Request('http://localhost/login', { method: 'POST', headers: { 'X-Remote-Address': ip, ...headers } })
}
const deviceOf = (outcome: Awaited<ReturnType<typeof signIn>>) => (outcome.ok ? outcome.deviceCookie.split(';')[0]! : '')

async function withTrustProxy<T>(trust: TrustProxy, fn: () => Promise<T>) {
	const before = env.TRUST_PROXY
	env.TRUST_PROXY = trust
	try {
		return await fn()
	} finally {
		env.TRUST_PROXY = before
	}
}

describe('sign-in limits', () => {
	test('the right password signs in and gives a device cookie; a wrong one or an unknown email fails the same way', async () => {
		const ok = await signIn('delegate.pa@example.org', DEMO_PASSWORD, from('10.0.0.1'))
		expect(ok.ok).toBe(true)
		expect(ok.ok && ok.deviceCookie).toMatch(/^academy_device_[0-9a-f]{16}=[\w-]+\.[\w-]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax/)
		expect(await signIn('delegate.pa@example.org', 'wrong-password', from('10.0.0.1'))).toEqual({ ok: false })
		expect(await signIn('nobody@example.org', 'wrong-password', from('10.0.0.1'))).toEqual({ ok: false })
	})

	test('a whole delegation (24) and a cohort of a hundred sign in from one address in the same minute, each after a typo', async () => {
		const delegation = await db
			.selectFrom('users')
			.innerJoin('delegation_members', 'delegation_members.user_id', 'users.id')
			.select('users.email')
			.where('delegation_members.delegation_id', 'like', 'panama-2025-%')
			.execute()
		expect(delegation).toHaveLength(24)
		for (const { email } of delegation) await signIn(email, 'typo-password', from('203.0.113.9'))
		const results = await Promise.all(delegation.map(({ email }) => signIn(email, DEMO_PASSWORD, from('203.0.113.9'))))
		expect(results.filter((result) => !result.ok)).toEqual([])

		const passwordHash = await hashPassword(DEMO_PASSWORD)
		const cohort = Array.from({ length: 100 }, (_, n) => `cohort-member-${n}@example.org`)
		const createdAt = new Date().toISOString()
		await db
			.insertInto('users')
			.values(
				cohort.map((email, n) => ({
					id: `cohort-member-${n}`,
					email,
					name: `Cohort Member ${n}`,
					password_hash: passwordHash,
					language: null,
					created_at: createdAt,
					last_login_at: null,
				})),
			)
			.execute()
		const started = Date.now()
		for (const email of cohort) await signIn(email, 'typo-password', from('203.0.113.10'))
		const signedIn = await Promise.all(cohort.map((email) => signIn(email, DEMO_PASSWORD, from('203.0.113.10'))))
		expect(signedIn.filter((result) => !result.ok)).toEqual([])
		expect(Date.now() - started).toBeLessThan(60_000)
	}, 120_000)

	test('a guesser who locks an account cannot lock its owner out of the browser they signed in with before', async () => {
		const email = 'delegate.bo@example.org'
		const victimsBrowser = deviceOf(await signIn(email, DEMO_PASSWORD, from('203.0.113.50')))
		// The attacker: five guesses from the victim's own Wi-Fi address, then from twenty others.
		for (let i = 0; i < THROTTLE.perAccountAndAddress; i++) await signIn(email, `guess-${i}`, from('203.0.113.50'))
		for (let i = 0; i < THROTTLE.perAccount; i++) await signIn(email, `guess-more-${i}`, from(`198.18.0.${i}`))
		const elsewhere = await signIn(email, DEMO_PASSWORD, from('198.51.100.77'))
		expect(elsewhere).toMatchObject({ ok: false, reason: 'account' })
		expect(!elsewhere.ok && elsewhere.retryAfter).toBeGreaterThan(60)
		const sameWifi = await signIn(email, DEMO_PASSWORD, from('203.0.113.50'))
		expect(sameWifi).toMatchObject({ ok: false, reason: 'account' })

		// The victim's browser, on that same Wi-Fi, gets in.
		expect((await signIn(email, DEMO_PASSWORD, from('203.0.113.50', { Cookie: victimsBrowser }))).ok).toBe(true)
		// A device cookie of another account, or one with its signature altered, is no key to this one.
		const othersDevice = deviceOf(await signIn('staff@example.org', DEMO_PASSWORD, from('10.0.0.2')))
		const forged = victimsBrowser.replace(/\.[\w-]+$/, '.' + 'A'.repeat(43))
		const renamed = othersDevice.replace(/^academy_device_[0-9a-f]+/, victimsBrowser.split('=')[0]!)
		for (const Cookie of [othersDevice, forged, renamed]) {
			expect(await signIn(email, DEMO_PASSWORD, from('203.0.113.50', { Cookie }))).toMatchObject({ ok: false, reason: 'account' })
		}
	})

	test('a known device is limited on its own: guessing from it locks that device, not the account elsewhere', async () => {
		const email = 'facilitator.pos@example.org'
		const device = deviceOf(await signIn(email, DEMO_PASSWORD, from('10.2.0.1')))
		for (let i = 0; i < THROTTLE.perDevice; i++) {
			expect(await signIn(email, `guess-${i}`, from('10.2.0.1', { Cookie: device }))).toEqual({ ok: false })
		}
		expect(await signIn(email, DEMO_PASSWORD, from('10.2.0.1', { Cookie: device }))).toMatchObject({ ok: false, reason: 'device' })
		expect((await signIn(email, DEMO_PASSWORD, from('10.2.0.9'))).ok).toBe(true)
	})

	test('spraying one guess at each of many accounts from one address is stopped; other addresses and known devices are not', async () => {
		const sprayer = '192.0.2.66'
		const known = deviceOf(await signIn('facilitator@example.org', DEMO_PASSWORD, from(sprayer)))
		const now = Date.now()
		for (let i = 0; i < THROTTLE.perAddress; i++) {
			const outcome = await attemptPassword({ email: `person${i}@example.org`, ip: sprayer, device: null }, async () => false, now)
			expect(outcome).toEqual({ ok: false })
		}
		const refused = await signIn('delegate.pa@example.org', DEMO_PASSWORD, from(sprayer))
		expect(refused).toMatchObject({ ok: false, reason: 'address' })
		expect(!refused.ok && refused.retryAfter).toBeGreaterThan(60)
		expect(await signIn('another@example.org', 'guess', from(sprayer))).toMatchObject({ ok: false, reason: 'address' })
		expect((await signIn('delegate.pa@example.org', DEMO_PASSWORD, from('192.0.2.67'))).ok).toBe(true)
		expect((await signIn('facilitator@example.org', DEMO_PASSWORD, from(sprayer, { Cookie: known }))).ok).toBe(true)
		// Once the window has passed, the address may try again.
		expect(
			await attemptPassword({ email: 'later@example.org', ip: sprayer, device: null }, async () => false, now + THROTTLE.windowMs + 1000),
		).toEqual({ ok: false })
	})

	test('concurrent wrong guesses do not slip past the limit', async () => {
		let checked = 0
		const guesses = Array.from({ length: 30 }, () =>
			attemptPassword({ email: 'concurrent@example.org', ip: '198.51.100.30', device: null }, async () => {
				checked++
				await new Promise((resolve) => setTimeout(resolve, 20))
				return false
			}),
		)
		const outcomes = await Promise.all(guesses)
		expect(checked).toBeLessThanOrEqual(THROTTLE.perAccountAndAddress)
		expect(outcomes.filter((outcome) => !outcome.ok && outcome.retryAfter).length).toBeGreaterThanOrEqual(
			30 - THROTTLE.perAccountAndAddress,
		)
		// Guessing on, one at a time: all told, no more than the limit were ever checked.
		for (let i = 0; i < 10; i++) {
			await attemptPassword({ email: 'concurrent@example.org', ip: '198.51.100.30', device: null }, async () => (checked++, false))
		}
		expect(checked).toBe(THROTTLE.perAccountAndAddress)
	})
})

describe('the client address behind proxies', () => {
	test('without TRUST_PROXY, X-Forwarded-For is ignored', () => {
		expect(clientAddress(from('::ffff:203.0.113.5', { 'X-Forwarded-For': '10.9.9.9' }))).toBe('203.0.113.5')
	})

	test('with one trusted hop, the address the proxy appended counts, not what the client wrote to the left', async () => {
		await withTrustProxy({ hops: 1 }, async () => {
			expect(clientAddress(from('10.0.0.254', { 'X-Forwarded-For': '1.2.3.4, 203.0.113.5' }))).toBe('203.0.113.5')
			expect(clientAddress(from('10.0.0.254', { 'X-Forwarded-For': '203.0.113.5' }))).toBe('203.0.113.5')
			// A guesser who writes a new address into X-Forwarded-For on every try is still one address.
			const email = 'staff@example.org'
			for (let i = 0; i < THROTTLE.perAccountAndAddress; i++) {
				await signIn(email, `guess-${i}`, from('10.0.0.254', { 'X-Forwarded-For': `10.77.0.${i}, 203.0.113.99` }))
			}
			const locked = await signIn(email, DEMO_PASSWORD, from('10.0.0.254', { 'X-Forwarded-For': '10.77.1.1, 203.0.113.99' }))
			expect(locked).toMatchObject({ ok: false, reason: 'account' })
		})
	})

	test('with a list of proxies, the right-most address that is not one of them is the client', async () => {
		await withTrustProxy({ proxies: new Set(['10.0.0.254', '10.0.0.253']) }, async () => {
			expect(clientAddress(from('10.0.0.254', { 'X-Forwarded-For': '1.2.3.4, 203.0.113.5, 10.0.0.253' }))).toBe('203.0.113.5')
			// A request that did not come through a trusted proxy: its own X-Forwarded-For is not believed.
			expect(clientAddress(from('203.0.113.8', { 'X-Forwarded-For': '10.0.0.253' }))).toBe('203.0.113.8')
		})
	})
})

describe('the current-password check in settings', () => {
	test('is limited like signing in: 429 with Retry-After, and the password is not changed', async () => {
		const email = 'alumni.tt@example.org'
		const change = async (currentPassword: string) => {
			const request = new Request('http://localhost/settings', {
				method: 'POST',
				headers: {
					Cookie: await cookieFor(email),
					'X-Remote-Address': '198.51.100.40',
					'Content-Type': 'application/x-www-form-urlencoded',
				},
				body: new URLSearchParams({
					intent: 'password',
					currentPassword,
					newPassword: 'Quetzal-river-lantern-41',
					confirmPassword: 'Quetzal-river-lantern-41',
				}),
			})
			const result = (await settingsAction(routeArgs(request))) as unknown as {
				init?: ResponseInit
				data: { result?: { error?: unknown } }
			}
			return { status: result.init?.status ?? 200, headers: new Headers(result.init?.headers), errors: result.data.result?.error }
		}
		for (let i = 0; i < THROTTLE.perAccountAndAddress; i++) {
			expect(await change(`guess-${i}`)).toMatchObject({ status: 400, errors: { currentPassword: ['settings.currentPasswordWrong'] } })
		}
		const refused = await change(DEMO_PASSWORD)
		expect(refused).toMatchObject({ status: 429, errors: { '': ['login.throttled'] } })
		expect(Number(refused.headers.get('Retry-After'))).toBeGreaterThan(60)
		// The password did not change: the old one still signs in elsewhere.
		expect((await signIn(email, DEMO_PASSWORD, from('10.3.0.1'))).ok).toBe(true)
	})
})
