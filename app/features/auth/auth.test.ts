import { describe, expect, test } from 'vitest'
import { createSessionCookie, sha256, signIn, THROTTLE, signInRetryAfter, recordFailedSignIn } from '#app/features/auth/auth.server.ts'
import { db } from '#app/utils/db.server.ts'
import { DEMO_PASSWORD } from '#db/seed.ts'
import { userIdFor } from '#tests/helpers.ts'

describe('sign-in', () => {
	test('the right password signs in; a wrong one or an unknown email fails the same way', async () => {
		const ok = await signIn('delegate.pa@example.org', DEMO_PASSWORD, '10.0.0.1')
		expect(ok).toEqual({ ok: true, userId: await userIdFor('delegate.pa@example.org') })
		expect(await signIn('delegate.pa@example.org', 'wrong-password', '10.0.0.1')).toEqual({ ok: false })
		expect(await signIn('nobody@example.org', 'wrong-password', '10.0.0.1')).toEqual({ ok: false })
	})

	test('repeated failures lock one account from one address, not the account from elsewhere', async () => {
		const email = 'delegate.bo@example.org'
		for (let i = 0; i < THROTTLE.perAccountAndAddress; i++) {
			expect(await signIn(email, `wrong-${i}`, '192.0.2.7')).toEqual({ ok: false })
		}
		const locked = await signIn(email, DEMO_PASSWORD, '192.0.2.7')
		expect(locked.ok).toBe(false)
		expect(locked.ok === false && locked.retryAfter).toBeGreaterThan(60)
		// The same person on their phone's data connection can still sign in.
		expect((await signIn(email, DEMO_PASSWORD, '198.51.100.4')).ok).toBe(true)
	})

	test('a whole delegation signing in from one Wi-Fi address at once is not locked out', async () => {
		const members = await db
			.selectFrom('users')
			.innerJoin('delegation_members', 'delegation_members.user_id', 'users.id')
			.select('users.email')
			.where('delegation_members.delegation_id', 'like', 'panama-2025-%')
			.execute()
		expect(members).toHaveLength(24)
		// One typo each, then the right password — all from the same address.
		for (const { email } of members) await signIn(email, 'typo-password', '203.0.113.9')
		const results = await Promise.all(members.map(({ email }) => signIn(email, DEMO_PASSWORD, '203.0.113.9')))
		expect(results.every((result) => result.ok)).toBe(true)
	})

	test('an account attacked from many addresses is locked too', async () => {
		const email = 'alumni.tt@example.org'
		const now = Date.now()
		for (let i = 0; i < THROTTLE.perAccount; i++) await recordFailedSignIn(email, `10.1.0.${i}`, now)
		expect(await signInRetryAfter(email, '10.9.9.9', now)).toBeGreaterThan(0)
		// …and unlocked once the window has passed.
		expect(await signInRetryAfter(email, '10.9.9.9', now + THROTTLE.windowMs + 1000)).toBe(0)
	})
})

describe('what is stored', () => {
	test('passwords are argon2id hashes, never the password', async () => {
		const user = await db.selectFrom('users').select('password_hash').where('email', '=', 'staff@example.org').executeTakeFirstOrThrow()
		expect(user.password_hash).toMatch(/^\$argon2id\$/)
		expect(user.password_hash).not.toContain(DEMO_PASSWORD)
	})

	test('the session id in the cookie is stored only as its SHA-256', async () => {
		const cookie = await createSessionCookie(await userIdFor('staff@example.org'))
		const sessionId = /academy_session=([^;]+)/.exec(cookie)![1]!
		expect(cookie).toMatch(/HttpOnly/i)
		expect(cookie).toMatch(/SameSite=Lax/i)
		const rows = await db.selectFrom('sessions').select('id').execute()
		expect(rows.some((row) => row.id === sessionId)).toBe(false)
		expect(rows.some((row) => row.id === sha256(sessionId))).toBe(true)
	})
})
