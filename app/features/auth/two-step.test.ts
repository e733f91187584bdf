import { execFileSync } from 'node:child_process'
import { Secret, TOTP } from 'otpauth'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { getUserId } from '#app/features/auth/auth.server.ts'
import { createPasswordReset } from '#app/features/auth/password-reset.server.ts'
import { decryptSecret, encryptSecret } from '#app/features/auth/two-step-secret.server.ts'
import { TWO_STEP } from '#app/features/auth/two-step.server.ts'
import { action as loginAction } from '#app/routes/login.tsx'
import { action as secondStepAction, loader as secondStepLoader } from '#app/routes/login_.two-step.tsx'
import { action as resetAction } from '#app/routes/reset-password.$token.tsx'
import { loader as homeLoader } from '#app/routes/home.tsx'
import { loader as settingsLoader } from '#app/routes/settings.tsx'
import { action as twoStepAction, loader as twoStepLoader } from '#app/routes/settings_.two-step.tsx'
import { db } from '#app/utils/db.server.ts'
import { env } from '#app/utils/env.server.ts'
import { DEMO_PASSWORD } from '#db/seed.ts'
import { BASE, cookieFor, routeArgs, run, userIdFor } from '#tests/helpers.ts'

const STEP_MS = TWO_STEP.period * 1000

/** The code an authenticator app shows for this secret at this time: otpauth, independently of the app's code. */
function appCode(secret: string, at = Date.now()) {
	return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: at })
}

function post(path: string, form: Record<string, string>, cookie?: string) {
	const headers = new Headers({ 'Content-Type': 'application/x-www-form-urlencoded', 'X-Remote-Address': '10.9.0.1' })
	if (cookie) headers.set('Cookie', cookie)
	return new Request(`${BASE}${path}`, { method: 'POST', headers, body: new URLSearchParams(form) })
}

function get(path: string, cookie?: string) {
	return new Request(`${BASE}${path}`, { headers: cookie ? { Cookie: cookie } : {} })
}

/** The cookies a response sets, as one Cookie header (a cleared cookie left out). */
function cookiesOf(response: Response) {
	return response.headers
		.getSetCookie()
		.map((line) => line.split(';')[0]!)
		.filter((pair) => !pair.endsWith('='))
		.join('; ')
}

/** Moves the clock on, for codes of a later time step (only Date: timers and the database run as usual). */
function laterBy(ms: number) {
	vi.useFakeTimers({ toFake: ['Date'] })
	vi.setSystemTime(Date.now() + ms)
}

afterEach(() => {
	vi.useRealTimers()
})

/** Sets two-step up for a seed user through the settings page, as a person would. Returns the secret and the recovery codes. */
async function enrol(email: string) {
	const cookie = await cookieFor(email)
	const begun = await run(() => twoStepAction(routeArgs(post('/settings/two-step', { intent: 'begin' }, cookie))))
	expect(begun.status).toBe(302)
	const page = await run(() => twoStepLoader(routeArgs(get('/settings/two-step', cookie))))
	const enrolment = (page.data as { enrolment: { secret: string; qrCode: string; uri: string } }).enrolment
	const secret = enrolment.secret.replace(/ /g, '')
	const confirmed = await run(() =>
		twoStepAction(routeArgs(post('/settings/two-step', { intent: 'confirm', code: appCode(secret) }, cookie))),
	)
	expect(confirmed.status).toBe(200)
	return { cookie, secret, enrolment, recoveryCodes: (confirmed.data as { recoveryCodes: string[] }).recoveryCodes }
}

/** The password step: returns the response and the browser's cookies after it. */
async function passwordStep(email: string, redirectTo = '/learn') {
	const outcome = await run(() => loginAction(routeArgs(post('/login', { email, password: DEMO_PASSWORD, redirectTo }))))
	expect(outcome.status).toBe(302)
	return { response: outcome.response!, cookie: cookiesOf(outcome.response!) }
}

async function secondStep(cookie: string, form: Record<string, string>) {
	return run(() => secondStepAction(routeArgs(post('/login/two-step', form, cookie))))
}

async function signedInUser(response: Response) {
	return getUserId(get('/home', cookiesOf(response)))
}

describe('enrolment', () => {
	test('the page shows a QR code and the secret as text until a right code turns it on; then never again', async () => {
		const cookie = await cookieFor('delegate.bo@example.org')
		const userId = await userIdFor('delegate.bo@example.org')
		const before = await run(() => twoStepLoader(routeArgs(get('/settings/two-step', cookie))))
		expect(before.data).toMatchObject({ status: { state: 'off' }, enrolment: null, required: false })

		expect((await run(() => twoStepAction(routeArgs(post('/settings/two-step', { intent: 'begin' }, cookie))))).status).toBe(302)
		const page = await run(() => twoStepLoader(routeArgs(get('/settings/two-step', cookie))))
		const { enrolment } = page.data as { enrolment: { secret: string; qrCode: string; uri: string } }
		expect(enrolment.secret).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/)
		const secret = enrolment.secret.replace(/ /g, '')
		expect(enrolment.qrCode).toMatch(/^data:image\/svg\+xml;base64,/)
		expect(Buffer.from(enrolment.qrCode.split(',')[1]!, 'base64').toString()).toContain('<svg')
		expect(enrolment.uri).toBe(
			`otpauth://totp/NAP%20Academy:delegate.bo%40example.org?issuer=NAP%20Academy&secret=${secret}&algorithm=SHA1&digits=6&period=30`,
		)
		// Kept encrypted: the database does not hold the secret.
		const stored = await db.selectFrom('two_step').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow()
		expect(stored.secret).not.toContain(secret)
		expect(stored.confirmed_at).toBeNull()

		// Not on yet: signing in needs only the password.
		expect(await signedInUser((await passwordStep('delegate.bo@example.org')).response)).toBe(userId)

		const wrong = await run(() => twoStepAction(routeArgs(post('/settings/two-step', { intent: 'confirm', code: '000000' }, cookie))))
		const right = appCode(secret)
		expect(wrong.status).toBe(right === '000000' ? 200 : 400)
		const notDigits = await run(() => twoStepAction(routeArgs(post('/settings/two-step', { intent: 'confirm', code: 'abc' }, cookie))))
		expect(notDigits.status).toBe(400)
		expect(JSON.stringify(notDigits.data)).toContain('twoStep.codeFormat')

		const confirmed = await run(() => twoStepAction(routeArgs(post('/settings/two-step', { intent: 'confirm', code: right }, cookie))))
		expect(confirmed.status).toBe(200)
		const codes = (confirmed.data as { recoveryCodes: string[] }).recoveryCodes
		expect(codes).toHaveLength(10)
		expect(new Set(codes).size).toBe(10)
		for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}$/)
		// Stored hashed: no code in the table.
		const rows = await db.selectFrom('two_step_recovery_codes').selectAll().where('user_id', '=', userId).execute()
		expect(rows).toHaveLength(10)
		for (const code of codes) expect(JSON.stringify(rows)).not.toContain(code.replace(/-/g, ''))

		// On: the page no longer carries the secret, and starting again is refused.
		const after = await run(() => twoStepLoader(routeArgs(get('/settings/two-step', cookie))))
		expect(after.data).toMatchObject({ status: { state: 'on', recoveryCodesLeft: 10 }, enrolment: null })
		expect(JSON.stringify(after.data)).not.toContain(secret)
		const again = await run(() => twoStepAction(routeArgs(post('/settings/two-step', { intent: 'begin' }, cookie))))
		expect(again.status).toBe(400)
		const settings = await run(() => settingsLoader(routeArgs(get('/settings', cookie))))
		expect(settings.data).toMatchObject({ twoStepOn: true })
	})

	test('a secret is bound to its owner and its key', () => {
		const sealed = encryptSecret('JBSWY3DPEHPK3PXP', 'user-a')
		expect(decryptSecret(sealed, 'user-a')).toBe('JBSWY3DPEHPK3PXP')
		expect(() => decryptSecret(sealed, 'user-b')).toThrow()
		const [version, , ...rest] = sealed.split(':')
		expect(() => decryptSecret([version, 'otherkeyid00', ...rest].join(':'), 'user-a')).toThrow(/same TWO_STEP_KEY/)
	})
})

describe('signing in with two-step on', () => {
	test('the password alone makes no session; a code from the app does, once', async () => {
		const { secret } = await enrol('delegate.pa@example.org')
		const userId = await userIdFor('delegate.pa@example.org')
		laterBy(STEP_MS)

		const { response, cookie } = await passwordStep('delegate.pa@example.org', '/learn')
		expect(response.headers.get('Location')).toBe('/login/two-step')
		expect(cookie).toMatch(/^academy_two_step=/)
		expect(cookie).not.toContain('academy_session')
		expect(await getUserId(get('/home', cookie))).toBeNull()
		// The pending sign-in is kept only as a hash of the browser's token.
		const token = decodeURIComponent(cookie.split('=')[1]!)
		expect(JSON.stringify(await db.selectFrom('two_step_pending').selectAll().execute())).not.toContain(JSON.parse(atob(token)))

		const page = await run(() => secondStepLoader(routeArgs(get('/login/two-step', cookie))))
		expect(page.data).toMatchObject({ pending: true })
		const noPending = await run(() => secondStepLoader(routeArgs(get('/login/two-step'))))
		expect(noPending.data).toMatchObject({ pending: false })

		const right = appCode(secret)
		const wrongCode = right === '123456' ? '654321' : '123456'
		const wrong = await secondStep(cookie, { intent: 'code', code: wrongCode })
		expect(wrong.status).toBe(400)
		expect(JSON.stringify(wrong.data)).toContain('twoStep.codeWrong')

		const done = await secondStep(cookie, { intent: 'code', code: right.replace(/^(\d{3})/, '$1 ') })
		expect(done.status).toBe(302)
		expect(done.response!.headers.get('Location')).toBe('/learn')
		expect(await signedInUser(done.response!)).toBe(userId)
		// The pending sign-in is over: its cookie is cleared and it cannot be completed again.
		expect(done.response!.headers.getSetCookie().some((line) => /^academy_two_step=;.*Max-Age=0/.test(line))).toBe(true)
		expect((await secondStep(cookie, { intent: 'code', code: right })).status).toBe(400)

		// The same code again, in the same 30 seconds, on a new sign-in: refused (no replay).
		const second = await passwordStep('delegate.pa@example.org')
		const replay = await secondStep(second.cookie, { intent: 'code', code: right })
		expect(replay.status).toBe(400)
		expect(JSON.stringify(replay.data)).toContain('twoStep.codeWrong')
		expect(replay.response).toBeUndefined()
		// The next step's code works.
		laterBy(STEP_MS)
		expect(await signedInUser((await secondStep(second.cookie, { intent: 'code', code: appCode(secret) })).response!)).toBe(userId)
	})

	test('a recovery code signs in once; used again it is refused', async () => {
		const { recoveryCodes } = await enrol('alumni.tt@example.org')
		const userId = await userIdFor('alumni.tt@example.org')
		const code = recoveryCodes[3]!

		const first = await passwordStep('alumni.tt@example.org')
		const used = await secondStep(first.cookie, { intent: 'recovery', recoveryCode: code.toUpperCase() })
		expect(used.status).toBe(302)
		expect(await signedInUser(used.response!)).toBe(userId)
		const page = await run(() => twoStepLoader(routeArgs(get('/settings/two-step', cookiesOf(used.response!)))))
		expect(page.data).toMatchObject({ status: { recoveryCodesLeft: 9 } })

		const second = await passwordStep('alumni.tt@example.org')
		const again = await secondStep(second.cookie, { intent: 'recovery', recoveryCode: code })
		expect(again.status).toBe(400)
		expect(JSON.stringify(again.data)).toContain('twoStep.codeWrong')
		// Another unused one still works.
		expect((await secondStep(second.cookie, { intent: 'recovery', recoveryCode: recoveryCodes[4]! })).status).toBe(302)
	})

	test('five wrong codes end the pending sign-in; ten for the account stop the second step for a while', async () => {
		const { secret } = await enrol('pa2@example.org')
		laterBy(STEP_MS)
		const right = appCode(secret)
		const wrongCode = right === '111111' ? '222222' : '111111'
		const first = await passwordStep('pa2@example.org')
		for (let i = 1; i < TWO_STEP.perPending; i++) {
			const wrong = await secondStep(first.cookie, { intent: 'code', code: wrongCode })
			expect(wrong.status).toBe(400)
		}
		const fifth = await secondStep(first.cookie, { intent: 'code', code: wrongCode })
		expect(fifth.status).toBe(429)
		expect(fifth.data).toMatchObject({ ended: true, message: 'twoStep.signIn.tooMany' })
		// Even the right code no longer completes it: start again with the password.
		const after = await secondStep(first.cookie, { intent: 'code', code: right })
		expect(after.status).toBe(400)
		expect(after.data).toMatchObject({ ended: true, message: 'twoStep.signIn.expired' })

		const second = await passwordStep('pa2@example.org')
		for (let i = 0; i < TWO_STEP.perPending - 1; i++) await secondStep(second.cookie, { intent: 'code', code: wrongCode })
		await secondStep(second.cookie, { intent: 'code', code: wrongCode })
		const third = await passwordStep('pa2@example.org')
		const throttled = await secondStep(third.cookie, { intent: 'code', code: right })
		expect(throttled.status).toBe(429)
		expect(throttled.response).toBeUndefined()
		// After the window it works again.
		laterBy(TWO_STEP.windowMs + STEP_MS)
		const later = await passwordStep('pa2@example.org')
		expect((await secondStep(later.cookie, { intent: 'code', code: appCode(secret) })).status).toBe(302)
	})

	test('a password reset ends every session and still asks for the second step', async () => {
		const { secret, cookie: oldSession } = await enrol('facilitator@example.org')
		const user = await db
			.selectFrom('users')
			.select(['id', 'email', 'name', 'language'])
			.where('email', '=', 'facilitator@example.org')
			.executeTakeFirstOrThrow()
		const { token } = await createPasswordReset(db, { user, origin: BASE, language: 'en', createdBy: null })
		const done = await run(() =>
			resetAction(
				routeArgs(post(`/reset-password/${token}`, { newPassword: 'a-good-new-password', confirmPassword: 'a-good-new-password' }), {
					token,
				}),
			),
		)
		expect(done.status).toBe(302)
		expect(done.response!.headers.get('Location')).toBe('/login/two-step')
		const cookie = cookiesOf(done.response!)
		expect(cookie).not.toContain('academy_session')
		expect(await getUserId(get('/home', oldSession))).toBeNull()
		expect(await getUserId(get('/home', cookie))).toBeNull()
		laterBy(STEP_MS)
		const signedIn = await secondStep(cookie, { intent: 'code', code: appCode(secret) })
		expect(signedIn.response!.headers.get('Location')).toBe('/settings?passwordReset=1')
		expect(await signedInUser(signedIn.response!)).toBe(user.id)
	})
})

describe('turning it off and new recovery codes', () => {
	test('need the current password and a code; then signing in needs only the password', async () => {
		const { cookie, secret, recoveryCodes } = await enrol('bo2@example.org')
		const userId = await userIdFor('bo2@example.org')
		laterBy(STEP_MS)
		const off = (form: Record<string, string>) =>
			run(() => twoStepAction(routeArgs(post('/settings/two-step', { intent: 'turnOff', ...form }, cookie))))

		const missing = await off({ password: DEMO_PASSWORD })
		expect(missing.status).toBe(400)
		const wrongPassword = await off({ password: 'not-my-password', code: appCode(secret) })
		expect(wrongPassword.status).toBe(400)
		expect(JSON.stringify(wrongPassword.data)).toContain('settings.currentPasswordWrong')
		const right = appCode(secret)
		const wrongCode = await off({ password: DEMO_PASSWORD, code: right === '000000' ? '999999' : '000000' })
		expect(wrongCode.status).toBe(400)
		expect(JSON.stringify(wrongCode.data)).toContain('twoStep.codeWrong')
		expect((await db.selectFrom('two_step').select('user_id').where('user_id', '=', userId).execute()).length).toBe(1)

		// New recovery codes: the old ones stop working.
		const renewed = await run(() =>
			twoStepAction(
				routeArgs(post('/settings/two-step', { intent: 'regenerate', password: DEMO_PASSWORD, code: recoveryCodes[0]! }, cookie)),
			),
		)
		expect(renewed.status).toBe(200)
		const newCodes = (renewed.data as { recoveryCodes: string[] }).recoveryCodes
		expect(newCodes).toHaveLength(10)
		const old = await passwordStep('bo2@example.org')
		expect((await secondStep(old.cookie, { intent: 'recovery', recoveryCode: recoveryCodes[1]! })).status).toBe(400)

		const turnedOff = await off({ password: DEMO_PASSWORD, code: right })
		expect(turnedOff.status).toBe(200)
		expect(turnedOff.data).toMatchObject({ turnedOff: true })
		expect(await db.selectFrom('two_step_recovery_codes').select('code_hash').where('user_id', '=', userId).execute()).toEqual([])
		// Each change is in the audit log once, by the person, not the refused attempts.
		const audited = await db.selectFrom('audit_log').select(['action', 'actor_id']).where('target_id', '=', userId).orderBy('id').execute()
		expect(audited.filter((row) => row.action.startsWith('auth.two_step') || row.action === 'auth.recovery_codes_regenerated')).toEqual([
			{ action: 'auth.two_step_enabled', actor_id: userId },
			{ action: 'auth.recovery_codes_regenerated', actor_id: userId },
			{ action: 'auth.two_step_disabled', actor_id: userId },
		])
		const { response } = await passwordStep('bo2@example.org', '/learn')
		expect(response.headers.get('Location')).toBe('/learn')
		expect(await signedInUser(response)).toBe(userId)
	})
})

describe('staff turn it off for a person who lost phone and codes', () => {
	test('npm run user:turn-off-two-step: the password alone signs in again', async () => {
		await enrol('bo3@example.org')
		const userId = await userIdFor('bo3@example.org')
		expect((await passwordStep('bo3@example.org')).response.headers.get('Location')).toBe('/login/two-step')
		const output = execFileSync('npx', ['tsx', 'scripts/turn-off-two-step.ts', '--email', 'BO3@example.org'], {
			env: process.env,
			encoding: 'utf8',
		})
		expect(output).toContain('Two-step sign-in is off for bo3@example.org')
		expect(await db.selectFrom('two_step_recovery_codes').select('code_hash').where('user_id', '=', userId).execute()).toEqual([])
		const { response } = await passwordStep('bo3@example.org', '/learn')
		expect(response.headers.get('Location')).toBe('/learn')
		expect(await signedInUser(response)).toBe(userId)
	})

	test('a secret this server cannot read is a wrong code and a page that offers to start again, never a 500', async () => {
		const { secret } = await enrol('bo4@example.org')
		const userId = await userIdFor('bo4@example.org')
		const stored = await db.selectFrom('two_step').select('secret').where('user_id', '=', userId).executeTakeFirstOrThrow()
		const [version, , ...rest] = stored.secret.split(':')
		await db
			.updateTable('two_step')
			.set({ secret: [version, 'otherkeyid00', ...rest].join(':') })
			.where('user_id', '=', userId)
			.execute()
		laterBy(STEP_MS)
		const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
		const { cookie: pending } = await passwordStep('bo4@example.org')
		const refused = await secondStep(pending, { intent: 'code', code: appCode(secret) })
		expect(refused.status).toBe(400)
		expect(errors.mock.calls.flat().join(' ')).toContain('same TWO_STEP_KEY')
		errors.mockRestore()
	})
})

describe('REQUIRE_TWO_STEP', () => {
	const original = env.REQUIRE_TWO_STEP
	afterEach(() => {
		env.REQUIRE_TWO_STEP = original
	})

	test('staff without two-step reach only the enrolment page; delegates are not asked', async () => {
		env.REQUIRE_TWO_STEP = ['staff']
		const staff = await cookieFor('staff@example.org')
		const home = await run(() => homeLoader(routeArgs(get('/home', staff))))
		expect(home.status).toBe(302)
		expect(home.response!.headers.get('Location')).toBe('/settings/two-step')
		const settings = await run(() => settingsLoader(routeArgs(get('/settings', staff))))
		expect(settings.response!.headers.get('Location')).toBe('/settings/two-step')
		const page = await run(() => twoStepLoader(routeArgs(get('/settings/two-step', staff))))
		expect(page.status).toBe(200)
		expect(page.data).toMatchObject({ required: true, status: { state: 'off' } })
		// A facilitator is not staff: not asked while only staff are listed.
		expect((await run(async () => homeLoader(routeArgs(get('/home', await cookieFor('facilitator.pos@example.org')))))).status).toBe(200)
		expect((await run(async () => homeLoader(routeArgs(get('/home', await cookieFor('delegate.pa@example.org')))))).status).toBe(200)

		env.REQUIRE_TWO_STEP = ['staff', 'facilitators']
		const facilitatorHome = await run(async () => homeLoader(routeArgs(get('/home', await cookieFor('facilitator.pos@example.org')))))
		expect(facilitatorHome.response!.headers.get('Location')).toBe('/settings/two-step')

		// Once it is on, the app opens; and it cannot be turned off while required.
		const { secret } = await enrol('staff@example.org')
		expect((await run(() => homeLoader(routeArgs(get('/home', staff))))).status).toBe(200)
		laterBy(STEP_MS)
		const off = await run(() =>
			twoStepAction(routeArgs(post('/settings/two-step', { intent: 'turnOff', password: DEMO_PASSWORD, code: appCode(secret) }, staff))),
		)
		expect(off.status).toBe(400)
		expect(JSON.stringify(off.data)).toContain('twoStep.requiredCannotTurnOff')
		expect((await run(() => twoStepLoader(routeArgs(get('/settings/two-step', staff))))).data).toMatchObject({ status: { state: 'on' } })
	})
})
