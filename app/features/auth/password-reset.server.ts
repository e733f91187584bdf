/**
 * Password reset: a single-use link, mailed through the outbox.
 *
 * - The token is 32 random bytes; only its SHA-256 is stored. A link works for one hour, once.
 *   Setting a new password (with a link, or in settings) ends every outstanding link of the
 *   account, and every session; the browser is then signed in, or, with two-step sign-in on, sent
 *   to its second step (`finishPasswordReset`): a reset never skips the code.
 * - "Forgot your password?" answers the same whether or not the address has an account. For an
 *   unknown address nothing is queued, but the same work is done (a token made and hashed, the
 *   message rendered), so the answer takes about as long.
 * - Throttling (table `password_reset_requests`, apart from sign-in's `login_attempts` so that
 *   asking for links never locks anyone out of signing in): per address asked about, per client,
 *   and per account (links made for it, staff's included).
 */
import { type Kysely } from 'kysely'
import { recordAudit } from '#app/features/audit/audit.server.ts'
import { generateToken, hashPassword, sha256 } from '#app/features/auth/auth.server.ts'
import { finishPasswordReset } from '#app/features/auth/two-step.server.ts'
import { mailOrigin, queueMail } from '#app/features/mail/outbox.server.ts'
import { MAIL_TEMPLATES } from '#app/features/mail/templates/index.ts'
import { db } from '#app/utils/db.server.ts'
import { getT } from '#app/utils/i18n.server.ts'
import { isLanguage, type Language } from '#app/utils/i18n.ts'
import type { Database } from '#db/schema.ts'

export const RESET = {
	lifetimeMs: 60 * 60 * 1000,
	windowMs: 60 * 60 * 1000,
	/** Requests for one address in the window (whether or not it has an account). */
	perAddress: 3,
	/** Requests from one client address in the window. */
	perClient: 10,
	/** Links made for one account in the window (asked for, or sent by staff). */
	perAccount: 5,
}

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

type ResetUser = { id: string; email: string; name: string; language: Language | null }

/** Makes a link for a user and queues its mail, with the executor given (the caller's transaction). */
export async function createPasswordReset(
	executor: Kysely<Database>,
	options: { user: ResetUser; origin: string; language: Language; createdBy: string | null; now?: Date },
) {
	const now = options.now ?? new Date()
	const token = generateToken()
	const expiresAt = new Date(now.getTime() + RESET.lifetimeMs).toISOString()
	const id = crypto.randomUUID()
	await executor
		.insertInto('password_resets')
		.values({
			id,
			user_id: options.user.id,
			token_hash: sha256(token),
			created_by: options.createdBy,
			created_at: now.toISOString(),
			expires_at: expiresAt,
		})
		.execute()
	const mailId = await queueMail(executor, {
		to: options.user.email,
		toUserId: options.user.id,
		language: options.user.language ?? options.language,
		template: 'password-reset',
		data: {
			name: options.user.name,
			resetUrl: `${options.origin}/reset-password/${token}`,
			expiresAt,
			sentByStaff: options.createdBy !== null,
		},
		category: 'security',
		causedBy: options.createdBy,
		about: `password-reset:${id}`,
		origin: options.origin,
	})
	return { token, mailId }
}

/** How many seconds this request must wait (0: it may go ahead), and records it if it goes ahead. */
async function throttle(email: string, ip: string, now: number) {
	const since = now - RESET.windowMs
	const rows = await db
		.selectFrom('password_reset_requests')
		.select(['email', 'ip', 'created_at'])
		.where('created_at', '>', since)
		.where((eb) => eb.or([eb('email', '=', email), eb('ip', '=', ip)]))
		.orderBy('created_at', 'asc')
		.execute()
	const forAddress = rows.filter((row) => row.email === email)
	const fromClient = rows.filter((row) => row.ip === ip)
	const limited =
		forAddress.length >= RESET.perAddress
			? forAddress[forAddress.length - RESET.perAddress]
			: fromClient.length >= RESET.perClient
				? fromClient[fromClient.length - RESET.perClient]
				: undefined
	if (limited) return Math.max(1, Math.ceil((Number(limited.created_at) + RESET.windowMs - now) / 1000))
	await db.insertInto('password_reset_requests').values({ email, ip, created_at: now }).execute()
	await db
		.deleteFrom('password_reset_requests')
		.where('created_at', '<', now - RESET.windowMs * 4)
		.execute()
	return 0
}

/**
 * "Forgot your password?": queues a link for the account with this address, if there is one. The
 * answer says only whether the request was throttled — never whether the address has an account.
 */
export async function requestPasswordReset(options: { email: string; ip: string; request: Request; language: Language }) {
	const now = new Date()
	const retryAfter = await throttle(options.email, options.ip, now.getTime())
	if (retryAfter) return { ok: false as const, retryAfter }
	const origin = mailOrigin(options.request)
	const user = await db
		.selectFrom('users')
		.select(['id', 'email', 'name', 'language'])
		.where('email', '=', options.email)
		// A deactivated account gets no link, and the same answer as any other address.
		.where('deactivated_at', 'is', null)
		.executeTakeFirst()
	const recent = user
		? Number(
				(
					await db
						.selectFrom('password_resets')
						.select((eb) => eb.fn.countAll<number>().as('n'))
						.where('user_id', '=', user.id)
						.where('created_at', '>', new Date(now.getTime() - RESET.windowMs).toISOString())
						.executeTakeFirstOrThrow()
				).n,
			)
		: 0
	if (user && recent < RESET.perAccount) {
		await db.transaction().execute((trx) =>
			createPasswordReset(trx, {
				user: { ...user, language: isLanguage(user.language) ? user.language : null },
				origin,
				language: options.language,
				createdBy: null,
				now,
			}),
		)
	} else {
		// The same work without an account (or past the account's limit): nothing is saved or sent.
		const token = generateToken()
		sha256(token)
		MAIL_TEMPLATES['password-reset'](
			{ name: '', resetUrl: `${origin}/reset-password/${token}`, expiresAt: now.toISOString(), sentByStaff: false },
			await getT(options.language),
			options.language,
		)
	}
	return { ok: true as const }
}

export type ResetLinkState = 'valid' | 'expired' | 'used' | 'unknown'

/** What a reset link is now, and whose it is when it still works. */
export async function findPasswordReset(token: string | undefined, now = new Date()) {
	if (!token || !TOKEN_PATTERN.test(token)) return { state: 'unknown' as const }
	const row = await db
		.selectFrom('password_resets as r')
		.innerJoin('users as u', 'u.id', 'r.user_id')
		.select(['r.id', 'r.user_id', 'r.expires_at', 'r.used_at', 'u.email', 'u.name', 'u.language'])
		.where('r.token_hash', '=', sha256(token))
		.executeTakeFirst()
	if (!row) return { state: 'unknown' as const }
	if (row.used_at) return { state: 'used' as const }
	if (row.expires_at <= now.toISOString()) return { state: 'expired' as const }
	return { state: 'valid' as const, reset: row }
}

/** A link that does not work answers 400 when it never existed (or was mangled), 410 when it is spent. */
export function statusForState(state: Exclude<ResetLinkState, 'valid'>) {
	return state === 'unknown' ? 400 : 410
}

/**
 * Sets the new password with a link: the link (and every other outstanding link of the account)
 * is spent, the "password changed" mail is queued with it, every session of the account ends, and
 * this browser is signed in (or sent to the second step when two-step is on). Returns where to go
 * and the cookies to set, or the link's state when it no longer works.
 */
export async function completePasswordReset(token: string, newPassword: string, request: Request) {
	const found = await findPasswordReset(token)
	if (found.state !== 'valid') return { ok: false as const, state: found.state }
	const passwordHash = await hashPassword(newPassword)
	const now = new Date().toISOString()
	const origin = mailOrigin(request)
	const { reset } = found
	const done = await db.transaction().execute(async (trx) => {
		// Spending the link is the claim: of two submissions of one link, only one changes the password.
		const spent = await trx
			.updateTable('password_resets')
			.set({ used_at: now })
			.where('id', '=', reset.id)
			.where('used_at', 'is', null)
			.where('expires_at', '>', now)
			.executeTakeFirst()
		if (Number(spent.numUpdatedRows) !== 1) return false
		await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', reset.user_id).execute()
		await spendOutstandingResets(trx, reset.user_id, now)
		await queuePasswordChanged(trx, {
			user: { id: reset.user_id, email: reset.email, name: reset.name, language: isLanguage(reset.language) ? reset.language : null },
			how: 'reset',
			origin,
			changedAt: now,
		})
		await recordAudit(trx, request, {
			actor: { id: reset.user_id, name: reset.name },
			action: 'auth.password_reset',
			targetType: 'user',
			targetId: reset.user_id,
		})
		return true
	})
	if (!done) return { ok: false as const, state: 'used' as const }
	return { ok: true as const, ...(await finishPasswordReset(reset.user_id, request, '/settings?passwordReset=1')) }
}

/** Every link of the account that still works stops working (a new password was set). */
export async function spendOutstandingResets(executor: Kysely<Database>, userId: string, now = new Date().toISOString()) {
	await executor.updateTable('password_resets').set({ used_at: now }).where('user_id', '=', userId).where('used_at', 'is', null).execute()
}

/** "Your password was changed" — security mail, with the way back if it was not the person. */
export function queuePasswordChanged(
	executor: Kysely<Database>,
	options: { user: ResetUser; how: 'reset' | 'settings'; origin: string; changedAt: string; fallbackLanguage?: Language },
) {
	return queueMail(executor, {
		to: options.user.email,
		toUserId: options.user.id,
		language: options.user.language ?? options.fallbackLanguage ?? 'en',
		template: 'password-changed',
		data: { name: options.user.name, changedAt: options.changedAt, how: options.how, forgotUrl: `${options.origin}/forgot-password` },
		category: 'security',
		origin: options.origin,
	})
}
