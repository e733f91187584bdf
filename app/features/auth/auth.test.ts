// Sign-in and its limits: throttle.test.ts.
import { describe, expect, test } from 'vitest'
import { createSessionCookie, sha256 } from '#app/features/auth/auth.server.ts'
import { db } from '#app/utils/db.server.ts'
import { DEMO_PASSWORD } from '#db/seed.ts'
import { userIdFor } from '#tests/helpers.ts'

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
