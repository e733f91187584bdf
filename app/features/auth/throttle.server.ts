/**
 * Password-guessing limits for sign-in and for the current-password check in settings
 * (docs/decisions/0005-sign-in-throttling-keys.md).
 *
 * - An untrusted browser is limited per account + address (5 failures in 15 minutes), per account
 *   from everywhere (20) and per address across accounts (200: a cohort of a hundred on one Wi-Fi,
 *   each mistyping once, still signs in; spraying one guess at each of many accounts is slowed).
 * - A browser that signed in to the account before carries a signed device cookie (OWASP "device
 *   cookies": the account, a random nonce and an HMAC of both with the server's secret). It is
 *   limited per device only (10 failures), so a guesser elsewhere cannot lock the real person out.
 * - Race-free on both engines without locks: every attempt is written (committed on its own) before
 *   it is counted, so of any number of concurrent guesses each sees at least those written before it,
 *   and no more than the limit get through. A refused attempt is removed; one whose password was
 *   right is removed and clears that account's failures from the same address or device.
 * - The client's address is the right-most one that no trusted proxy sent (TRUST_PROXY).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { type ThrottleReason } from '#app/features/auth/throttle.ts'
import { db } from '#app/utils/db.server.ts'
import { env, isProduction, normaliseAddress } from '#app/utils/env.server.ts'
import { appSecret } from '#app/utils/secret.server.ts'

export const THROTTLE = {
	windowMs: 15 * 60 * 1000,
	/** Failures allowed for one account from one untrusted address in the window. */
	perAccountAndAddress: 5,
	/** Failures allowed for one account from all untrusted browsers together in the window. */
	perAccount: 20,
	/** Failures allowed from one address across all accounts in the window (untrusted browsers). */
	perAddress: 200,
	/** Failures allowed from one trusted device (for its account) in the window. */
	perDevice: 10,
	/** How long a device cookie lasts; a new one is given at every sign-in. */
	deviceCookieDays: 365,
}

export type PasswordAttempt = { ok: true } | { ok: false; retryAfter?: number; reason?: ThrottleReason }

// -------------------------------------------------------------------------------------------------
// The client's address

/**
 * The client's address: the socket's peer (server.js passes it as X-Remote-Address, replacing any
 * such header the client sent), or behind trusted proxies the right-most X-Forwarded-For entry that
 * no trusted proxy sent. Everything left of that is whatever the client wrote, and is ignored.
 */
export function clientAddress(request: Request) {
	const peer = normaliseAddress(request.headers.get('X-Remote-Address') ?? 'unknown')
	const trust = env.TRUST_PROXY
	if ('hops' in trust && trust.hops === 0) return peer
	const forwarded = (request.headers.get('X-Forwarded-For') ?? '').split(',').map(normaliseAddress).filter(Boolean)
	const chain = [...forwarded, peer]
	if ('hops' in trust) return chain[Math.max(0, chain.length - 1 - trust.hops)]!
	for (let index = chain.length - 1; index >= 0; index--) {
		if (!trust.proxies.has(chain[index]!)) return chain[index]!
	}
	return chain[0]!
}

// -------------------------------------------------------------------------------------------------
// Device cookies

function deviceCookieName(email: string) {
	return `academy_device_${createHash('sha256').update(email).digest('hex').slice(0, 16)}`
}

function deviceSignature(email: string, nonce: string) {
	return createHmac('sha256', appSecret()).update(`device\n${email}\n${nonce}`).digest('base64url')
}

/** The nonce of a valid device cookie this browser holds for the account, or null. */
export function trustedDevice(request: Request, email: string): string | null {
	const name = deviceCookieName(email)
	const cookies = request.headers.get('Cookie') ?? ''
	for (const part of cookies.split(';')) {
		const [key, value] = part.trim().split('=')
		if (key !== name || !value) continue
		const [nonce, signature] = value.split('.')
		if (!nonce || !signature || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) continue
		const expected = Buffer.from(deviceSignature(email, nonce))
		const given = Buffer.from(signature)
		if (expected.length === given.length && timingSafeEqual(expected, given)) return nonce
	}
	return null
}

/** The Set-Cookie header of a new device cookie for the account (given at every sign-in). */
export function deviceCookie(email: string) {
	const nonce = randomBytes(18).toString('base64url')
	const maxAge = THROTTLE.deviceCookieDays * 24 * 60 * 60
	const secure = isProduction() ? '; Secure' : ''
	return `${deviceCookieName(email)}=${nonce}.${deviceSignature(email, nonce)}; Max-Age=${maxAge}; Path=/; HttpOnly; SameSite=Lax${secure}`
}

// -------------------------------------------------------------------------------------------------
// Counting

type Row = { created_at: number }

/** Seconds until the oldest failure that keeps the count at the limit leaves the window. */
function wait(rows: Row[], limit: number, now: number) {
	if (rows.length < limit) return 0
	const oldest = rows[rows.length - limit]!
	return Math.max(1, Math.ceil((oldest.created_at + THROTTLE.windowMs - now) / 1000))
}

/**
 * Checks a password under the limits: `verify` runs only when the attempt is within them. The
 * attempt is recorded before it is counted (see the module comment), so it is race-free.
 */
export async function attemptPassword(
	client: { email: string; ip: string; device: string | null },
	verify: () => Promise<boolean>,
	now = Date.now(),
): Promise<PasswordAttempt> {
	const { email, ip, device } = client
	const { id } = await db
		.insertInto('login_attempts')
		.values({ email, ip, device, created_at: now })
		.returning('id')
		.executeTakeFirstOrThrow()
	const since = now - THROTTLE.windowMs
	const others = (query: ReturnType<typeof attempts>) => query.where('id', '!=', id).where('created_at', '>', since)
	const attempts = () => db.selectFrom('login_attempts').select(['created_at']).orderBy('created_at', 'asc').orderBy('id', 'asc')

	const limits: Array<{ reason: ThrottleReason; rows: Row[]; limit: number }> = device
		? [
				{
					reason: 'device',
					limit: THROTTLE.perDevice,
					rows: await others(attempts()).where('email', '=', email).where('device', '=', device).execute(),
				},
			]
		: [
				{
					reason: 'account',
					limit: THROTTLE.perAccountAndAddress,
					rows: await others(attempts()).where('email', '=', email).where('ip', '=', ip).where('device', 'is', null).execute(),
				},
				{
					reason: 'account',
					limit: THROTTLE.perAccount,
					rows: await others(attempts()).where('email', '=', email).where('device', 'is', null).execute(),
				},
				{
					reason: 'address',
					limit: THROTTLE.perAddress,
					rows: await others(attempts()).where('ip', '=', ip).where('device', 'is', null).execute(),
				},
			]
	// Every other attempt counts, also one written just after this one: two concurrent guesses at the
	// limit both wait, rather than both getting through.
	for (const { reason, rows, limit } of limits) {
		const retryAfter = wait(rows, limit, now)
		if (retryAfter) {
			await db.deleteFrom('login_attempts').where('id', '=', id).execute()
			return { ok: false, retryAfter, reason }
		}
	}

	if (await verify()) {
		let cleared = db.deleteFrom('login_attempts').where('email', '=', email)
		cleared = device ? cleared.where('device', '=', device) : cleared.where('ip', '=', ip).where('device', 'is', null)
		await cleared.execute()
		await db.deleteFrom('login_attempts').where('id', '=', id).execute()
		return { ok: true }
	}
	await db
		.deleteFrom('login_attempts')
		.where('created_at', '<', now - THROTTLE.windowMs * 4)
		.execute()
	return { ok: false }
}
