/**
 * Sessions and passwords — every piece of session code lives here, so that Lucia could be replaced
 * without touching a route.
 *
 * - The cookie holds only a random session id; the database stores its SHA-256, never the id.
 * - Passwords are hashed with argon2id.
 * - Sign-in is throttled per account + address, per account, per address and per known device
 *   (throttle.server.ts; a whole delegation on one Wi-Fi can sign in at once).
 */
import { createHash, randomBytes } from 'node:crypto'
import { hash, verify } from '@node-rs/argon2'
import { redirect } from '@remix-run/node'
import { type Selectable } from 'kysely'
import { type Adapter, Cookie, type DatabaseSession, type DatabaseUser, Lucia, TimeSpan } from 'lucia'
import { attemptPassword, clientAddress, deviceCookie, trustedDevice } from '#app/features/auth/throttle.server.ts'
import { type ThrottleReason } from '#app/features/auth/throttle.ts'
import { db } from '#app/utils/db.server.ts'
import { isProduction } from '#app/utils/env.server.ts'
import type { Database } from '#db/schema.ts'

const SESSION_COOKIE = 'academy_session'
/**
 * Session lifetimes. A session ends after 14 days without a request (idle expiry, kept to within
 * an hour) and 30 days after sign-in whatever happens (absolute expiry); then the person signs in
 * again. The cookie lives as long as the absolute limit, and the server enforces both limits itself.
 */
export const SESSION_LIMITS = {
	idleMs: 14 * 24 * 60 * 60 * 1000,
	absoluteMs: 30 * 24 * 60 * 60 * 1000,
	/** How stale the recorded last use may get before a request writes a new one. */
	refreshMs: 60 * 60 * 1000,
}

export function sha256(value: string) {
	return createHash('sha256').update(value).digest('hex')
}

/** A random token for links (invitations): 32 bytes, URL-safe. */
export function generateToken() {
	return randomBytes(32).toString('base64url')
}

class KyselyHashedSessionAdapter implements Adapter {
	async getSessionAndUser(sessionId: string): Promise<[DatabaseSession | null, DatabaseUser | null]> {
		const row = await db
			.selectFrom('sessions')
			.innerJoin('users', 'users.id', 'sessions.user_id')
			// The account comes with its session: one query tells who is signed in (permissions.server.ts
			// builds the viewer from it).
			.select(['sessions.id', 'sessions.user_id', 'sessions.expires_at', 'sessions.created_at'])
			.select(['users.email', 'users.name', 'users.language', 'users.is_staff', 'users.deactivated_at'])
			.where('sessions.id', '=', sha256(sessionId))
			.executeTakeFirst()
		if (!row) return [null, null]
		return [
			{
				id: sessionId,
				userId: row.user_id,
				expiresAt: new Date(row.expires_at * 1000),
				attributes: { created_at: row.created_at },
			},
			{
				id: row.user_id,
				attributes: {
					email: row.email,
					name: row.name,
					language: row.language,
					is_staff: row.is_staff,
					deactivated_at: row.deactivated_at,
				},
			},
		]
	}
	async getUserSessions(userId: string): Promise<DatabaseSession[]> {
		const rows = await db.selectFrom('sessions').selectAll().where('user_id', '=', userId).execute()
		return rows.map((row) => ({
			id: row.id,
			userId: row.user_id,
			expiresAt: new Date(row.expires_at * 1000),
			attributes: { created_at: row.created_at },
		}))
	}
	async setSession(session: DatabaseSession): Promise<void> {
		await db
			.insertInto('sessions')
			.values({
				id: sha256(session.id),
				user_id: session.userId,
				expires_at: Math.floor(session.expiresAt.getTime() / 1000),
				created_at: session.attributes.created_at,
			})
			.execute()
	}
	async updateSessionExpiration(sessionId: string, expiresAt: Date): Promise<void> {
		await db
			.updateTable('sessions')
			.set({ expires_at: Math.floor(expiresAt.getTime() / 1000) })
			.where('id', '=', sha256(sessionId))
			.execute()
	}
	async deleteSession(sessionId: string): Promise<void> {
		await db.deleteFrom('sessions').where('id', '=', sha256(sessionId)).execute()
	}
	async deleteUserSessions(userId: string): Promise<void> {
		await db.deleteFrom('sessions').where('user_id', '=', userId).execute()
	}
	async deleteExpiredSessions(): Promise<void> {
		await db
			.deleteFrom('sessions')
			.where('expires_at', '<=', Math.floor(Date.now() / 1000))
			.execute()
	}
}

const adapter = new KyselyHashedSessionAdapter()
const cookieAttributes = { httpOnly: true, secure: isProduction(), sameSite: 'lax', path: '/' } as const

// The row's expires_at is the idle deadline: Lucia refuses (and deletes) a session past it.
const lucia = new Lucia(adapter, {
	sessionExpiresIn: new TimeSpan(SESSION_LIMITS.idleMs / 1000, 's'),
	sessionCookie: { name: SESSION_COOKIE, attributes: cookieAttributes },
	getSessionAttributes: (attributes) => ({ createdAt: attributes.created_at }),
	getUserAttributes: (attributes) => ({
		email: attributes.email,
		name: attributes.name,
		language: attributes.language,
		isStaff: attributes.is_staff === 1,
		deactivated: attributes.deactivated_at !== null,
	}),
})

declare module 'lucia' {
	interface Register {
		Lucia: typeof lucia
		DatabaseSessionAttributes: { created_at: number }
		DatabaseUserAttributes: Pick<Selectable<Database['users']>, 'email' | 'name' | 'language' | 'is_staff' | 'deactivated_at'>
	}
}

function sessionCookie(sessionId: string) {
	return new Cookie(SESSION_COOKIE, sessionId, {
		...cookieAttributes,
		maxAge: Math.floor(SESSION_LIMITS.absoluteMs / 1000),
	})
}

function readSessionId(request: Request) {
	return lucia.readSessionCookie(request.headers.get('Cookie') ?? '')
}

/** The account a request's session belongs to, read with the session. */
export type SessionUser = { id: string; email: string; name: string; language: 'en' | 'es' | null; isStaff: boolean; deactivated: boolean }

/** The signed-in user's id, or null. */
export async function getUserId(request: Request, now = Date.now()): Promise<string | null> {
	return (await getSessionUser(request, now))?.id ?? null
}

/**
 * The account of the request's session, or null (no cookie, unknown or expired session). Records
 * the use, pushing the idle deadline on, never past the absolute one.
 */
export async function getSessionUser(request: Request, now = Date.now()): Promise<SessionUser | null> {
	const sessionId = readSessionId(request)
	if (!sessionId) return null
	const { session, user } = await lucia.validateSession(sessionId)
	if (!session) return null
	const absoluteDeadline = session.createdAt * 1000 + SESSION_LIMITS.absoluteMs
	if (absoluteDeadline <= now) {
		await lucia.invalidateSession(sessionId)
		return null
	}
	// Record this use: push the idle deadline on, never past the absolute one.
	const idleDeadline = Math.min(now + SESSION_LIMITS.idleMs, absoluteDeadline)
	const recorded = session.expiresAt.getTime()
	if (recorded > absoluteDeadline || idleDeadline - recorded > SESSION_LIMITS.refreshMs) {
		await adapter.updateSessionExpiration(sessionId, new Date(idleDeadline))
	}
	return { ...user, id: session.userId }
}

export function loginUrl(request: Request) {
	const url = new URL(request.url)
	const redirectTo = `${url.pathname}${url.search}`
	return `/login?${new URLSearchParams({ redirectTo })}`
}

/** For sign-in pages: a signed-in user goes home instead. */
export async function requireAnonymous(request: Request) {
	if (await getUserId(request)) throw redirect('/home')
}

/**
 * Starts a new session and returns its Set-Cookie header. Every sign-in gets a fresh random id, and
 * whatever session the browser presented before (e.g. one planted by someone else) is ended.
 */
export async function createSessionCookie(userId: string, previous?: Request) {
	const previousId = previous ? readSessionId(previous) : null
	if (previousId) await lucia.invalidateSession(previousId)
	const session = await lucia.createSession(userId, { created_at: Math.floor(Date.now() / 1000) })
	return sessionCookie(session.id).serialize()
}

/** Ends the request's session and returns the Set-Cookie header that clears the cookie. */
export async function destroySession(request: Request) {
	const sessionId = readSessionId(request)
	if (sessionId) await lucia.invalidateSession(sessionId)
	return lucia.createBlankSessionCookie().serialize()
}

/** Ends every session of a user (after a password change), then starts a new one for this browser. */
export async function rotateAllSessions(userId: string) {
	await endAllSessions(userId)
	return createSessionCookie(userId)
}

/** Ends every session of a user, starting none (a password reset: signing in again may need a second step). */
export async function endAllSessions(userId: string) {
	await lucia.invalidateUserSessions(userId)
}

// -------------------------------------------------------------------------------------------------
// Passwords

export function hashPassword(password: string) {
	return hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 })
}

let dummyHash: Promise<string> | undefined
/** Compares against a real hash even for an unknown email, so timing does not reveal which exist. */
export async function verifyPassword(passwordHash: string | null, password: string) {
	dummyHash ??= hashPassword('not-a-real-password')
	const ok = await verify(passwordHash ?? (await dummyHash), password).catch(() => false)
	return passwordHash !== null && ok
}

// -------------------------------------------------------------------------------------------------
// Signing in (throttled: app/features/auth/throttle.server.ts)

export type SignInOutcome =
	| { ok: true; userId: string; /** Set-Cookie: this browser is now a known device for the account. */ deviceCookie: string }
	| { ok: false; retryAfter?: number; reason?: ThrottleReason; deactivated?: true }

/**
 * Signs a user in from this request's browser: checks the password under the guessing limits and
 * returns the user id and a new device cookie, or why not.
 */
export async function signIn(email: string, password: string, request: Request): Promise<SignInOutcome> {
	let userId: string | undefined
	let deactivated = false
	const outcome = await attemptPassword({ email, ip: clientAddress(request), device: trustedDevice(request, email) }, async () => {
		const user = await db
			.selectFrom('users')
			.select(['id', 'password_hash', 'deactivated_at'])
			.where('email', '=', email)
			.executeTakeFirst()
		const valid = await verifyPassword(user?.password_hash ?? null, password)
		userId = valid ? user?.id : undefined
		deactivated = valid && Boolean(user?.deactivated_at)
		return Boolean(userId)
	})
	if (!outcome.ok || !userId) return outcome.ok ? { ok: false } : outcome
	// A deactivated account is told so (and signs in no more), but only to someone who knows its password.
	if (deactivated) return { ok: false, deactivated: true }
	await db.updateTable('users').set({ last_login_at: new Date().toISOString() }).where('id', '=', userId).execute()
	return { ok: true, userId, deviceCookie: deviceCookie(email) }
}

/** The current-password check before a change in settings, limited like signing in. */
export async function checkCurrentPassword(request: Request, user: { id: string; email: string }, password: string) {
	return attemptPassword({ email: user.email, ip: clientAddress(request), device: trustedDevice(request, user.email) }, async () => {
		const row = await db.selectFrom('users').select('password_hash').where('id', '=', user.id).executeTakeFirst()
		return verifyPassword(row?.password_hash ?? null, password)
	})
}
