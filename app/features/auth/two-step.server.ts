/**
 * Two-step sign-in: a code from an authenticator app (TOTP, RFC 6238, with `otpauth`) after the
 * password, or one of ten single-use recovery codes.
 *
 * - Enrolment: "Set up" makes a secret (kept encrypted, two-step-secret.server.ts) and the page
 *   shows it as a QR code and as text; a code from the app confirms it, and only then is two-step
 *   on. From then on the secret is never sent to a browser again.
 * - Recovery codes: ten, shown once (at enrolment, or when regenerated); only a hash of each is
 *   kept, and a used one never works again.
 * - Sign-in: a right password for an account with two-step on does not make a session. It makes a
 *   pending sign-in (a random token in a short-lived cookie; only its SHA-256 is stored) that lives
 *   ten minutes and allows five wrong codes; the session is made only when the second step is
 *   right. Ten wrong codes for one account in fifteen minutes stop its second step for the rest of
 *   that time, whichever sign-ins they came from. A code is accepted once: a time step that was
 *   used is never accepted again.
 * - Turning it off and new recovery codes need the password and a code again (`reauthenticate`).
 * - `REQUIRE_TWO_STEP=staff,facilitators`: a person in a listed role without two-step reaches only
 *   the enrolment page (`requireTwoStepWhenRequired`, called by the access layer's `requireViewer`).
 *
 * The events an audit log records happen in one function each: turned on — `confirmEnrolment`;
 * turned off — `turnOffTwoStep`; recovery code used — `verifyCode` (kind 'recovery');
 * a failure — `recordSecondStepFailure`.
 */
import { randomInt } from 'node:crypto'
import { createCookie, redirect } from '@remix-run/node'
import { Secret, TOTP } from 'otpauth'
import QRCode from 'qrcode'
import { createSessionCookie, endAllSessions, generateToken, sha256, verifyPassword } from '#app/features/auth/auth.server.ts'
import { deviceCookie } from '#app/features/auth/throttle.server.ts'
import { decryptSecret, encryptSecret } from '#app/features/auth/two-step-secret.server.ts'
import { db } from '#app/utils/db.server.ts'
import { env, isProduction } from '#app/utils/env.server.ts'
import { safeRedirect } from '#app/utils/misc.ts'
import type { Viewer } from '#app/utils/permissions.server.ts'

export const TWO_STEP = {
	issuer: 'NAP Academy',
	period: 30,
	digits: 6,
	/** Codes of the step before and after now are accepted too (a phone's clock a little off). */
	window: 1,
	/** How long a pending sign-in waits for its second step. */
	pendingMs: 10 * 60 * 1000,
	/** Wrong codes one pending sign-in allows; then the person starts again with their password. */
	perPending: 5,
	/** Wrong codes one account allows in `windowMs`, across pending sign-ins. */
	perAccount: 10,
	windowMs: 15 * 60 * 1000,
	recoveryCodes: 10,
}

export const ENROLMENT_PATH = '/settings/two-step'
export const SECOND_STEP_PATH = '/login/two-step'

const pendingCookie = createCookie('academy_two_step', {
	path: '/',
	sameSite: 'lax',
	httpOnly: true,
	secure: isProduction(),
	maxAge: TWO_STEP.pendingMs / 1000,
})

function totpFor(secret: string, label = '') {
	return new TOTP({
		issuer: TWO_STEP.issuer,
		label,
		secret: Secret.fromBase32(secret),
		algorithm: 'SHA1',
		digits: TWO_STEP.digits,
		period: TWO_STEP.period,
	})
}

/**
 * The person's secret, or null when it cannot be read (encrypted under another TWO_STEP_KEY, or
 * altered): said once in the server's log, and treated as a wrong code, never as a 500.
 */
function readSecret(stored: string, userId: string) {
	try {
		return decryptSecret(stored, userId)
	} catch (error) {
		console.error(`two-step: the secret of user ${userId} cannot be read: ${(error as Error).message}`)
		return null
	}
}

// -------------------------------------------------------------------------------------------------
// Status and the requirement

export type TwoStepState = 'off' | 'enrolling' | 'on'

export async function twoStepStatus(userId: string) {
	const row = await db.selectFrom('two_step').select(['confirmed_at']).where('user_id', '=', userId).executeTakeFirst()
	const state: TwoStepState = !row ? 'off' : row.confirmed_at ? 'on' : 'enrolling'
	const left =
		state === 'on'
			? Number(
					(
						await db
							.selectFrom('two_step_recovery_codes')
							.select((eb) => eb.fn.countAll<number>().as('n'))
							.where('user_id', '=', userId)
							.where('used_at', 'is', null)
							.executeTakeFirstOrThrow()
					).n,
				)
			: 0
	return { state, since: row?.confirmed_at ?? null, recoveryCodesLeft: left }
}

async function isOn(userId: string) {
	const row = await db
		.selectFrom('two_step')
		.select('user_id')
		.where('user_id', '=', userId)
		.where('confirmed_at', 'is not', null)
		.executeTakeFirst()
	return Boolean(row)
}

/** Whether the viewer's role must use two-step (REQUIRE_TWO_STEP). */
export function twoStepRequiredFor(viewer: Pick<Viewer, 'isStaff' | 'facilitates'>, required = env.REQUIRE_TWO_STEP) {
	return (required.includes('staff') && viewer.isStaff) || (required.includes('facilitators') && viewer.facilitates.length > 0)
}

const checkedViewers = new WeakMap<Viewer, Promise<boolean>>()

/**
 * A person whose role must use two-step and who has not turned it on reaches nothing but the
 * enrolment page (and signing out): every other loader and action sends them there.
 */
export async function requireTwoStepWhenRequired(viewer: Viewer) {
	if (!twoStepRequiredFor(viewer)) return
	let on = checkedViewers.get(viewer)
	if (!on) {
		on = isOn(viewer.id)
		checkedViewers.set(viewer, on)
	}
	if (!(await on)) throw redirect(ENROLMENT_PATH)
}

// -------------------------------------------------------------------------------------------------
// Enrolment

/** Starts (or starts again) enrolment with a new secret. Refused (false) when two-step is already on. */
export async function beginEnrolment(userId: string) {
	if (await isOn(userId)) return false
	const secret = new Secret({ size: 20 }).base32
	const values = { secret: encryptSecret(secret, userId), created_at: new Date().toISOString(), confirmed_at: null, last_step: null }
	await db
		.insertInto('two_step')
		.values({ user_id: userId, ...values })
		.onConflict((oc) => oc.column('user_id').doUpdateSet(values).where('two_step.confirmed_at', 'is', null))
		.execute()
	return true
}

/** The secret in groups of four, for typing it into an app. */
export function groupSecret(secret: string) {
	return secret.match(/.{1,4}/g)?.join(' ') ?? secret
}

/**
 * What the enrolment page shows while enrolment is under way: the secret as text and as a QR code
 * (an SVG data URL, drawn on the server). Null once two-step is on (the secret is never shown
 * again), or when the secret cannot be read (the page then offers to start again).
 */
export async function enrolmentDetails(userId: string, email: string) {
	const row = await db.selectFrom('two_step').select(['secret', 'confirmed_at']).where('user_id', '=', userId).executeTakeFirst()
	if (!row || row.confirmed_at) return null
	const secret = readSecret(row.secret, userId)
	if (!secret) return null
	const uri = totpFor(secret, email).toString()
	const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
	return {
		secret: groupSecret(secret),
		qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
		uri,
	}
}

/**
 * Turns two-step on with a code from the app, and returns the ten recovery codes to show once.
 * Event "two-step turned on" (for the audit log): here, when `ok` is true.
 */
export async function confirmEnrolment(userId: string, code: string, _ip: string, now = Date.now()) {
	const row = await db.selectFrom('two_step').select(['secret', 'confirmed_at']).where('user_id', '=', userId).executeTakeFirst()
	if (!row || row.confirmed_at) return { ok: false as const, reason: row ? ('already-on' as const) : ('not-started' as const) }
	const secret = readSecret(row.secret, userId)
	const step = secret ? matchingStep(secret, code, now) : null
	if (step === null) return { ok: false as const, reason: 'wrong-code' as const }
	const codes = newRecoveryCodes()
	const confirmed = await db.transaction().execute(async (trx) => {
		const result = await trx
			.updateTable('two_step')
			.set({ confirmed_at: new Date(now).toISOString(), last_step: step })
			.where('user_id', '=', userId)
			.where('confirmed_at', 'is', null)
			.executeTakeFirst()
		if (Number(result.numUpdatedRows) !== 1) return false
		await storeRecoveryCodes(trx, userId, codes)
		return true
	})
	if (!confirmed) return { ok: false as const, reason: 'already-on' as const }
	return { ok: true as const, recoveryCodes: codes }
}

/**
 * Turns two-step off (after `reauthenticate`): the secret and the recovery codes are deleted.
 * Event "two-step turned off" (for the audit log): here, when it returns true.
 */
export async function turnOffTwoStep(userId: string, _ip: string) {
	return db.transaction().execute(async (trx) => {
		await trx.deleteFrom('two_step_recovery_codes').where('user_id', '=', userId).execute()
		const result = await trx.deleteFrom('two_step').where('user_id', '=', userId).executeTakeFirst()
		return Number(result.numDeletedRows) === 1
	})
}

/** New recovery codes (after `reauthenticate`): the old ones stop working. Returns the codes to show once. */
export async function regenerateRecoveryCodes(userId: string) {
	const codes = newRecoveryCodes()
	await db.transaction().execute(async (trx) => {
		await trx.deleteFrom('two_step_recovery_codes').where('user_id', '=', userId).execute()
		await storeRecoveryCodes(trx, userId, codes)
	})
	return codes
}

// -------------------------------------------------------------------------------------------------
// Codes

/** Crockford's base32: no I, L, O or U, so a code read aloud or copied by hand is not misread. */
const RECOVERY_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'

function newRecoveryCodes() {
	return Array.from({ length: TWO_STEP.recoveryCodes }, () => {
		const chars = Array.from({ length: 12 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('')
		return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`
	})
}

function normaliseCode(code: string) {
	return code.toLowerCase().replace(/[\s-]/g, '').replace(/[il]/g, '1').replace(/o/g, '0')
}

function recoveryHash(userId: string, code: string) {
	return sha256(`${userId}:${normaliseCode(code)}`)
}

async function storeRecoveryCodes(executor: typeof db, userId: string, codes: string[]) {
	const createdAt = new Date().toISOString()
	await executor
		.insertInto('two_step_recovery_codes')
		.values(codes.map((code) => ({ code_hash: recoveryHash(userId, code), user_id: userId, created_at: createdAt, used_at: null })))
		.execute()
}

/** The time step whose code this is (within the window), or null. */
function matchingStep(secret: string, code: string, now: number) {
	const token = normaliseCode(code)
	if (!/^\d{6}$/.test(token)) return null
	const delta = totpFor(secret).validate({ token, timestamp: now, window: TWO_STEP.window })
	if (delta === null) return null
	return TOTP.counter({ period: TWO_STEP.period, timestamp: now }) + delta
}

/**
 * Checks a second step for a person with two-step on: a code from the app (accepted once: its time
 * step, and any before it, can never be used again) or an unused recovery code (spent by this).
 * Event "recovery code used" (for the audit log): here, when it returns 'recovery'.
 */
export async function verifyCode(userId: string, code: string, _ip: string, now = Date.now()): Promise<'totp' | 'recovery' | null> {
	const normalised = normaliseCode(code)
	if (/^\d{6}$/.test(normalised)) {
		const row = await db
			.selectFrom('two_step')
			.select('secret')
			.where('user_id', '=', userId)
			.where('confirmed_at', 'is not', null)
			.executeTakeFirst()
		const secret = row ? readSecret(row.secret, userId) : null
		if (!secret) return null
		const step = matchingStep(secret, normalised, now)
		if (step === null) return null
		// Claiming the step is the check: of two submissions of one code, only one gets through.
		const claimed = await db
			.updateTable('two_step')
			.set({ last_step: step })
			.where('user_id', '=', userId)
			.where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]))
			.executeTakeFirst()
		return Number(claimed.numUpdatedRows) === 1 ? 'totp' : null
	}
	if (normalised.length !== 12) return null
	const spent = await db
		.updateTable('two_step_recovery_codes')
		.set({ used_at: new Date(now).toISOString() })
		.where('code_hash', '=', recoveryHash(userId, normalised))
		.where('user_id', '=', userId)
		.where('used_at', 'is', null)
		.executeTakeFirst()
	return Number(spent.numUpdatedRows) === 1 ? 'recovery' : null
}

/**
 * Re-authentication before turning two-step off or making new recovery codes: the current password
 * and a code (from the app, or a recovery code). Wrong answers count against the account like a
 * wrong second step.
 */
export async function reauthenticate(userId: string, password: string, code: string, ip: string, now = Date.now()) {
	const retryAfter = await secondStepRetryAfter(userId, now)
	if (retryAfter) return { ok: false as const, retryAfter }
	const user = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow()
	if (!(await verifyPassword(user.password_hash, password))) {
		await recordSecondStepFailure(userId, ip, null, now)
		return { ok: false as const, field: 'password' as const }
	}
	if (!(await verifyCode(userId, code, ip, now))) {
		await recordSecondStepFailure(userId, ip, null, now)
		return { ok: false as const, field: 'code' as const }
	}
	return { ok: true as const }
}

// -------------------------------------------------------------------------------------------------
// Signing in: the pending sign-in between the password and the code

/**
 * After a right password: a person with two-step on gets a pending sign-in and is sent to the
 * second step; anyone else gets their session now. Returns where to go and the cookies to set.
 */
export async function finishPasswordStep(userId: string, request: Request, redirectTo: string | null | undefined) {
	const target = safeRedirect(redirectTo)
	const headers = new Headers()
	if (!(await isOn(userId))) {
		headers.append('Set-Cookie', await createSessionCookie(userId, request))
		return { location: target, headers }
	}
	const token = generateToken()
	const now = Date.now()
	await db
		.insertInto('two_step_pending')
		.values({ id: sha256(token), user_id: userId, redirect_to: target, failures: 0, created_at: now, expires_at: now + TWO_STEP.pendingMs })
		.execute()
	await db
		.deleteFrom('two_step_pending')
		.where('expires_at', '<', now - TWO_STEP.windowMs)
		.execute()
	headers.append('Set-Cookie', await pendingCookie.serialize(token))
	return { location: SECOND_STEP_PATH, headers }
}

/**
 * After a password reset: every session of the account has ended. A person with two-step on still
 * needs their second step for a new one; anyone else is signed in.
 */
export async function finishPasswordReset(userId: string, request: Request, redirectTo: string) {
	await endAllSessions(userId)
	return finishPasswordStep(userId, request, redirectTo)
}

async function readPendingToken(request: Request) {
	const value: unknown = await pendingCookie.parse(request.headers.get('Cookie'))
	return typeof value === 'string' && value.length > 0 && value.length <= 100 ? value : null
}

/** The browser's pending sign-in, while it can still be completed; null otherwise. Only reads. */
export async function findPendingSignIn(request: Request, now = Date.now()) {
	const token = await readPendingToken(request)
	if (!token) return null
	const row = await db
		.selectFrom('two_step_pending as p')
		.innerJoin('users as u', 'u.id', 'p.user_id')
		.select(['p.id', 'p.user_id', 'p.redirect_to', 'p.failures', 'p.expires_at', 'u.email'])
		.where('p.id', '=', sha256(token))
		.executeTakeFirst()
	if (!row || row.expires_at <= now || row.failures >= TWO_STEP.perPending) return null
	return row
}

/** Seconds until this account's second step may be tried again (0: now). */
export async function secondStepRetryAfter(userId: string, now = Date.now()) {
	const rows = await db
		.selectFrom('two_step_pending')
		.select(['failures', 'created_at'])
		.where('user_id', '=', userId)
		.where('created_at', '>', now - TWO_STEP.windowMs)
		.where('failures', '>', 0)
		.orderBy('created_at', 'asc')
		.execute()
	const total = rows.reduce((sum, row) => sum + Number(row.failures), 0)
	if (total < TWO_STEP.perAccount) return 0
	return Math.max(1, Math.ceil((Number(rows[0]!.created_at) + TWO_STEP.windowMs - now) / 1000))
}

/**
 * Counts one wrong second step: on the pending sign-in it came from, or (re-authentication in
 * settings) on a spent record of its own, so that the account's limit counts both.
 * Event "two-step failure" (for the audit log): here.
 */
export async function recordSecondStepFailure(userId: string, _ip: string, pendingId: string | null, now = Date.now()) {
	if (pendingId) {
		const [row] = await db
			.updateTable('two_step_pending')
			.set((eb) => ({ failures: eb('failures', '+', 1) }))
			.where('id', '=', pendingId)
			.returning('failures')
			.execute()
		return Number(row?.failures ?? TWO_STEP.perPending)
	}
	await db
		.insertInto('two_step_pending')
		.values({ id: sha256(generateToken()), user_id: userId, redirect_to: '', failures: 1, created_at: now, expires_at: now })
		.execute()
	return 1
}

const clearPending = () => pendingCookie.serialize('', { maxAge: 0 })

export type SecondStepOutcome =
	| { ok: true; location: string; headers: Headers }
	/** No pending sign-in (never started, expired, or ended by too many wrong codes): sign in again. */
	| { ok: false; reason: 'expired'; headers: Headers }
	| { ok: false; reason: 'wrong-code'; attemptsLeft: number }
	| { ok: false; reason: 'too-many'; headers: Headers }
	| { ok: false; reason: 'throttled'; retryAfter: number }

/** The second step: a right code makes the session (and ends the pending sign-in). */
export async function completeSecondStep(request: Request, code: string, ip: string, now = Date.now()): Promise<SecondStepOutcome> {
	const pending = await findPendingSignIn(request, now)
	const ended = async () => {
		const headers = new Headers()
		headers.append('Set-Cookie', await clearPending())
		return headers
	}
	if (!pending) return { ok: false, reason: 'expired', headers: await ended() }
	const retryAfter = await secondStepRetryAfter(pending.user_id, now)
	if (retryAfter) return { ok: false, reason: 'throttled', retryAfter }
	if (!(await verifyCode(pending.user_id, code, ip, now))) {
		const failures = await recordSecondStepFailure(pending.user_id, ip, pending.id, now)
		if (failures >= TWO_STEP.perPending) return { ok: false, reason: 'too-many', headers: await ended() }
		return { ok: false, reason: 'wrong-code', attemptsLeft: TWO_STEP.perPending - failures }
	}
	// Ending the pending sign-in is the claim: of two right submissions, one makes a session.
	const claimed = await db.deleteFrom('two_step_pending').where('id', '=', pending.id).executeTakeFirst()
	if (Number(claimed.numDeletedRows) !== 1) return { ok: false, reason: 'expired', headers: await ended() }
	const headers = await ended()
	headers.append('Set-Cookie', await createSessionCookie(pending.user_id, request))
	// Only now is this browser a known device of the account (sign-in throttling lets it through a lock).
	headers.append('Set-Cookie', deviceCookie(pending.email))
	return { ok: true, location: pending.redirect_to, headers }
}
