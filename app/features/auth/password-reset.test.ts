import { describe, expect, test } from 'vitest'
import { getUserId, sha256, verifyPassword } from '#app/features/auth/auth.server.ts'
import {
	RESET,
	completePasswordReset,
	createPasswordReset,
	findPasswordReset,
	requestPasswordReset,
} from '#app/features/auth/password-reset.server.ts'
import { action as delegationAction } from '#app/routes/cohorts.$cohortId.delegations.$delegationId/route.tsx'
import { action as forgotAction } from '#app/routes/forgot-password.tsx'
import { loader as mailLoader } from '#app/routes/mail._index.tsx'
import { loader as messageLoader } from '#app/routes/mail.$messageId.tsx'
import { action as resetAction, loader as resetLoader } from '#app/routes/reset-password.$token.tsx'
import { action as settingsAction } from '#app/routes/settings.tsx'
import { db } from '#app/utils/db.server.ts'
import { cookieFor, requestAs, routeArgs, run } from '#tests/helpers.ts'

// No SMTP_URL in these tests: mail is kept, and read on the Sent mail page (the demo's way).

const request = () => new Request('http://localhost/forgot-password', { method: 'POST' })

async function mailFor(email: string) {
	return db.selectFrom('mail_outbox').selectAll().where('to_address', '=', email).orderBy('created_at').execute()
}

function linkIn(text: string) {
	const match = text.match(/http:\/\/localhost\/reset-password\/([\w-]+)/)
	expect(match).toBeTruthy()
	return match![1]!
}

async function asked(email: string, ip = '10.0.0.1') {
	return requestPasswordReset({ email, ip, request: request(), language: 'en' })
}

describe('password reset', () => {
	test('a known address gets a kept mail with a link whose token is stored only hashed; an unknown one gets nothing', async () => {
		expect(await asked('delegate.bo@example.org')).toEqual({ ok: true })
		expect(await asked('nobody.at.all@example.org')).toEqual({ ok: true })
		const [mail] = await mailFor('delegate.bo@example.org')
		expect(mail).toMatchObject({
			status: 'kept',
			category: 'security',
			template: 'password-reset',
			to_user_id: 'user-delegate-bo',
			language: 'es',
		})
		const token = linkIn(mail!.text)
		const stored = await db.selectFrom('password_resets').selectAll().where('user_id', '=', 'user-delegate-bo').execute()
		expect(stored).toHaveLength(1)
		expect(stored[0]!.token_hash).toBe(sha256(token))
		expect(JSON.stringify(stored)).not.toContain(token)
		expect(await mailFor('nobody.at.all@example.org')).toHaveLength(0)
		expect((await findPasswordReset(token)).state).toBe('valid')

		// The person reads it on their own Sent mail page once signed in; nobody else does.
		const own = await run(async () => mailLoader(routeArgs(await requestAs('delegate.bo@example.org', '/mail'))))
		expect((own.data as { messages: Array<{ id: string; status: string }> }).messages).toEqual([
			expect.objectContaining({ id: mail!.id, status: 'kept' }),
		])
		const other = await run(async () => mailLoader(routeArgs(await requestAs('delegate.pa@example.org', '/mail'))))
		expect((other.data as { messages: Array<{ id: string }> }).messages.map((m) => m.id)).not.toContain(mail!.id)
		const page = await run(async () =>
			messageLoader(routeArgs(await requestAs('delegate.bo@example.org', `/mail/${mail!.id}`), { messageId: mail!.id })),
		)
		expect((page.data as { message: { text: string } }).message.text).toContain(`/reset-password/${token}`)
	})

	test('the form answers the same for a known and an unknown address', async () => {
		const post = async (email: string) => {
			const form = new URLSearchParams({ email })
			return run(() =>
				forgotAction(
					routeArgs(
						new Request('http://localhost/forgot-password', {
							method: 'POST',
							body: form,
							headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Remote-Address': '10.0.0.9' },
						}),
					),
				),
			)
		}
		const known = await post('alumni.tt@example.org')
		const unknown = await post('not.an.account@example.org')
		expect(known.status).toBe(200)
		expect(unknown.status).toBe(200)
		const strip = (value: unknown) =>
			JSON.stringify(value).replaceAll('alumni.tt@example.org', 'X').replaceAll('not.an.account@example.org', 'X')
		expect(strip(known.data)).toBe(strip(unknown.data))
	})

	test('throttled per address (known or not) and per client, with a wait and no new mail', async () => {
		for (let i = 0; i < RESET.perAddress; i++) expect(await asked('pa2@example.org', `10.1.0.${i}`)).toEqual({ ok: true })
		const limited = await asked('pa2@example.org', '10.1.0.99')
		expect(limited.ok).toBe(false)
		expect(limited.ok === false && limited.retryAfter).toBeGreaterThan(RESET.windowMs / 1000 - 60)
		expect(await mailFor('pa2@example.org')).toHaveLength(RESET.perAddress)
		for (let i = 0; i < RESET.perClient; i++) await asked(`someone${i}@example.org`, '10.2.0.1')
		expect((await asked('someone.else@example.org', '10.2.0.1')).ok).toBe(false)
	})

	test('a new password: the link is spent, other links die, every session ends, the person is signed in, mail says so', async () => {
		const user = await db
			.selectFrom('users')
			.select(['id', 'email', 'name', 'language'])
			.where('email', '=', 'facilitator@example.org')
			.executeTakeFirstOrThrow()
		const first = await createPasswordReset(db, { user, origin: 'http://localhost', language: 'en', createdBy: null })
		const second = await createPasswordReset(db, { user, origin: 'http://localhost', language: 'en', createdBy: null })
		const oldSession = await cookieFor(user.email)
		const sessionRequest = new Request('http://localhost/home', { headers: { Cookie: oldSession } })
		expect(await getUserId(sessionRequest)).toBe(user.id)

		const shown = await run(() =>
			resetLoader(routeArgs(new Request(`http://localhost/reset-password/${second.token}`), { token: second.token })),
		)
		expect(shown.status).toBe(200)
		expect((shown.data as { email: string }).email).toBe(user.email)

		const mismatch = await run(() =>
			resetAction(
				routeArgs(postForm(`/reset-password/${second.token}`, { newPassword: 'one-long-password', confirmPassword: 'another-one' }), {
					token: second.token,
				}),
			),
		)
		expect(mismatch.status).toBe(400)
		expect((await findPasswordReset(second.token)).state).toBe('valid')

		const done = await run(() =>
			resetAction(
				routeArgs(
					postForm(`/reset-password/${second.token}`, { newPassword: 'a-good-new-password', confirmPassword: 'a-good-new-password' }),
					{ token: second.token },
				),
			),
		)
		expect(done.status).toBe(302)
		expect(done.response!.headers.get('Location')).toBe('/settings?passwordReset=1')
		const cookie = done.response!.headers.get('Set-Cookie')!.split(';')[0]!
		expect(await getUserId(new Request('http://localhost/home', { headers: { Cookie: cookie } }))).toBe(user.id)
		expect(await getUserId(sessionRequest)).toBeNull()
		const row = await db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirstOrThrow()
		expect(await verifyPassword(row.password_hash, 'a-good-new-password')).toBe(true)

		// Used, and the other outstanding link too: 410, nothing changes.
		for (const token of [second.token, first.token]) {
			const again = await run(() => resetLoader(routeArgs(new Request(`http://localhost/reset-password/${token}`), { token })))
			expect(again.status).toBe(410)
			expect((again.data as { state: string }).state).toBe('used')
		}
		expect((await completePasswordReset(first.token, 'yet-another-password', new Request('http://localhost/'))).ok).toBe(false)
		const mail = await mailFor(user.email)
		expect(mail.map((m) => m.template)).toEqual(['password-reset', 'password-reset', 'password-changed'])
		expect(mail[2]!.text).toContain('Si no fue usted')
		expect(JSON.parse(mail[2]!.headers)).not.toHaveProperty('List-Unsubscribe')
	})

	test('an expired link is a 410; a mangled one a 400', async () => {
		const user = await db
			.selectFrom('users')
			.select(['id', 'email', 'name', 'language'])
			.where('email', '=', 'alumni.tt@example.org')
			.executeTakeFirstOrThrow()
		const { token } = await createPasswordReset(db, {
			user,
			origin: 'http://localhost',
			language: 'en',
			createdBy: null,
			now: new Date(Date.now() - RESET.lifetimeMs - 1000),
		})
		const expired = await run(() => resetLoader(routeArgs(new Request(`http://localhost/reset-password/${token}`), { token })))
		expect(expired.status).toBe(410)
		expect((expired.data as { state: string }).state).toBe('expired')
		const posted = await run(() =>
			resetAction(
				routeArgs(postForm(`/reset-password/${token}`, { newPassword: 'a-good-new-password', confirmPassword: 'a-good-new-password' }), {
					token,
				}),
			),
		)
		expect(posted.status).toBe(410)
		const mangled = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`
		const bad = await run(() => resetLoader(routeArgs(new Request(`http://localhost/reset-password/${mangled}`), { token: mangled })))
		expect(bad.status).toBe(400)
	})

	test('changing the password in settings mails "your password was changed" and ends outstanding links', async () => {
		const user = await db
			.selectFrom('users')
			.select(['id', 'email', 'name', 'language'])
			.where('email', '=', 'delegate.pa@example.org')
			.executeTakeFirstOrThrow()
		const { token } = await createPasswordReset(db, { user, origin: 'http://localhost', language: 'en', createdBy: null })
		const changed = await run(async () =>
			settingsAction(
				routeArgs(
					await requestAs(user.email, '/settings', {
						form: {
							intent: 'password',
							currentPassword: 'academy-demo',
							newPassword: 'changed-in-settings',
							confirmPassword: 'changed-in-settings',
						},
					}),
				),
			),
		)
		expect(changed.status).toBe(302)
		const mail = await mailFor(user.email)
		expect(mail.at(-1)).toMatchObject({ template: 'password-changed', language: 'es', subject: 'Se cambió su contraseña — Academia PAN' })
		expect(mail.at(-1)!.text).toContain('en su configuración')
		expect((await findPasswordReset(token)).state).toBe('used')
	})

	test('staff send a member a reset link from the delegation page', async () => {
		const result = await run(async () =>
			delegationAction(
				routeArgs(
					await requestAs('staff@example.org', '/cohorts/panama-2025/delegations/panama-2025-bo', {
						form: { intent: 'sendReset', userId: 'user-delegate-bo' },
					}),
					{
						cohortId: 'panama-2025',
						delegationId: 'panama-2025-bo',
					},
				),
			),
		)
		expect(result.status).toBe(200)
		expect(result.data).toMatchObject({ message: 'passwordReset.staffSentKept', messageValues: { email: 'delegate.bo@example.org' } })
		const mail = (await mailFor('delegate.bo@example.org')).at(-1)!
		expect(mail.caused_by).toBe('user-staff')
		expect(mail.text).toContain('El personal de la Academia le envió este enlace')
		expect((await findPasswordReset(linkIn(mail.text))).state).toBe('valid')
	})
})

function postForm(path: string, form: Record<string, string>) {
	return new Request(`http://localhost${path}`, {
		method: 'POST',
		body: new URLSearchParams(form),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
	})
}
