/**
 * A person's data: staff deactivate (and reactivate) an account, the person downloads everything
 * the Academy holds about them, staff erase a person. Each change is recorded in the audit log in
 * its own transaction.
 */
import { sql } from 'kysely'
import { z } from 'zod'
import { type AuditBy, AuditDetailsSchema, recordAudit } from '#app/features/audit/audit.server.ts'
import { spendOutstandingResets } from '#app/features/auth/password-reset.server.ts'
import { db } from '#app/utils/db.server.ts'
import { nowIso } from '#app/utils/misc.ts'

/**
 * The name an erased person is shown by. Stored in the Academy's default language (English): the
 * pages staff use to manage people say it in the reader's language (`personalData.formerParticipant`).
 */
export const ERASED_NAME = 'Former participant'

/** The address an erased account keeps: the column must stay unique and non-null, and this is no address. */
export function erasedEmail(userId: string) {
	return `erased-${userId}@invalid`
}

export type PersonState = 'active' | 'deactivated' | 'erased'

export function personState(user: { deactivated_at: string | null; erased_at: string | null }): PersonState {
	return user.erased_at ? 'erased' : user.deactivated_at ? 'deactivated' : 'active'
}

// -------------------------------------------------------------------------------------------------
// Staff's list and page of people

const PEOPLE_PAGE = 100

function escapeLike(value: string) {
	return value.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/** Everyone with an account, by name, optionally those whose name or email contains `search`. */
export async function listPeople(search: string) {
	let query = db
		.selectFrom('users')
		.select(['id', 'name', 'email', 'is_staff', 'last_login_at', 'deactivated_at', 'erased_at'])
		.orderBy('name')
		.orderBy('id')
		.limit(PEOPLE_PAGE)
	const term = search.trim().toLowerCase()
	if (term) {
		const pattern = `%${escapeLike(term)}%`
		query = query.where((eb) => eb.or([eb(eb.fn('lower', ['name']), 'like', pattern), eb(eb.fn('lower', ['email']), 'like', pattern)]))
	}
	const rows = await query.execute()
	return rows.map((row) => ({ ...row, state: personState(row), isStaff: row.is_staff === 1 }))
}

/** One person, with where they belong, for staff; undefined when there is no such account. */
export async function getPerson(userId: string) {
	const user = await db
		.selectFrom('users')
		.select(['id', 'name', 'email', 'is_staff', 'language', 'created_at', 'last_login_at', 'deactivated_at', 'erased_at'])
		.where('id', '=', userId)
		.executeTakeFirst()
	if (!user) return undefined
	const [memberships, facilitates] = await Promise.all([
		db
			.selectFrom('delegation_members as m')
			.innerJoin('delegations as d', 'd.id', 'm.delegation_id')
			.innerJoin('cohorts as c', 'c.id', 'd.cohort_id')
			.select(['d.id as delegationId', 'd.country_code', 'c.id as cohortId', 'c.name as cohortName', 'm.sector', 'm.is_lead'])
			.where('m.user_id', '=', userId)
			.orderBy('c.start_date', 'desc')
			.execute(),
		db
			.selectFrom('cohort_facilitators as f')
			.innerJoin('cohorts as c', 'c.id', 'f.cohort_id')
			.select(['c.id as cohortId', 'c.name as cohortName'])
			.where('f.user_id', '=', userId)
			.orderBy('c.start_date', 'desc')
			.execute(),
	])
	return { ...user, state: personState(user), isStaff: user.is_staff === 1, memberships, facilitates }
}

// -------------------------------------------------------------------------------------------------
// Deactivation

/** No more sign-in: every session ends, reset links stop working; everything they did stays. */
export async function deactivatePerson(userId: string, by: AuditBy) {
	return db.transaction().execute(async (trx) => {
		const now = nowIso()
		const changed = await trx
			.updateTable('users')
			.set({ deactivated_at: now })
			.where('id', '=', userId)
			.where('deactivated_at', 'is', null)
			.executeTakeFirst()
		if (!Number(changed.numUpdatedRows)) return false
		const sessions = await trx.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst()
		await spendOutstandingResets(trx, userId, now)
		await recordAudit(trx, by.request, {
			actor: by.actor,
			action: 'account.deactivated',
			targetType: 'user',
			targetId: userId,
			details: { sessionsEnded: Number(sessions.numDeletedRows) },
		})
		return true
	})
}

/** The account signs in again (with its password, or a reset link). An erased account stays as it is. */
export async function reactivatePerson(userId: string, by: AuditBy) {
	return db.transaction().execute(async (trx) => {
		const changed = await trx
			.updateTable('users')
			.set({ deactivated_at: null })
			.where('id', '=', userId)
			.where('deactivated_at', 'is not', null)
			.where('erased_at', 'is', null)
			.executeTakeFirst()
		if (!Number(changed.numUpdatedRows)) return false
		await recordAudit(trx, by.request, { actor: by.actor, action: 'account.reactivated', targetType: 'user', targetId: userId })
		return true
	})
}

// -------------------------------------------------------------------------------------------------
// Erasure

/** Tables erasure leaves to their own rule: the account's row itself, and the append-only audit log. */
const NOT_SCRUBBED = new Set(['users', 'audit_log'])

/**
 * Erases a person, in one transaction:
 * - deleted: their sessions, password-reset links and requests, sign-in failures by their address,
 *   lesson progress, check attempts, reflections (and the replies to them), calendar feed, live
 *   presence, the mail sent to them, their memberships and facilitator seats;
 * - kept, attributed to "Former participant": their roadmap edits and history, comments, TA
 *   requests and messages, replies they wrote;
 * - their name and address replaced wherever else they appear as text (invitations, mail to others,
 *   roadmap items, history snapshots — JSON included), in every table but the audit log, whose
 *   actor name is replaced by the triggers' one allowed update;
 * - the account: name "Former participant", address erased-<id>@invalid, no password, signed out.
 */
export async function erasePerson(userId: string, by: AuditBy) {
	// Which text columns exist (read before the transaction: introspection has a connection of its own).
	const tables = await db.introspection.getTables()
	const textColumns = tables
		.filter((table) => !NOT_SCRUBBED.has(table.name) && !table.name.startsWith('kysely_'))
		.flatMap((table) =>
			table.columns
				.filter((column) => /^(text|varchar|character varying)$/i.test(column.dataType))
				.map((column) => ({ table: table.name, column: column.name })),
		)
	return db.transaction().execute(async (trx) => {
		const user = await trx.selectFrom('users').select(['id', 'name', 'email', 'erased_at']).where('id', '=', userId).executeTakeFirst()
		if (!user || user.erased_at) return false
		const now = nowIso()
		const email = user.email
		const deleted: Record<string, number> = {}
		const count = (name: string, result: { numDeletedRows: bigint }) => (deleted[name] = Number(result.numDeletedRows))
		count('sessions', await trx.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst())
		count('passwordResets', await trx.deleteFrom('password_resets').where('user_id', '=', userId).executeTakeFirst())
		count('passwordResetRequests', await trx.deleteFrom('password_reset_requests').where('email', '=', email).executeTakeFirst())
		count('signInFailures', await trx.deleteFrom('login_attempts').where('email', '=', email).executeTakeFirst())
		count('lessonProgress', await trx.deleteFrom('lesson_progress').where('user_id', '=', userId).executeTakeFirst())
		count('checkAttempts', await trx.deleteFrom('check_attempts').where('user_id', '=', userId).executeTakeFirst())
		count('reflectionReplies', await trx.deleteFrom('reflection_replies').where('reflection_user_id', '=', userId).executeTakeFirst())
		count('reflections', await trx.deleteFrom('reflections').where('user_id', '=', userId).executeTakeFirst())
		count('calendarFeeds', await trx.deleteFrom('calendar_feeds').where('user_id', '=', userId).executeTakeFirst())
		count('presence', await trx.deleteFrom('roadmap_presence').where('user_id', '=', userId).executeTakeFirst())
		count('notifications', await trx.deleteFrom('notifications').where('user_id', '=', userId).executeTakeFirst())
		count('notificationSettings', await trx.deleteFrom('notification_settings').where('user_id', '=', userId).executeTakeFirst())
		count('notificationMailings', await trx.deleteFrom('notification_mailings').where('user_id', '=', userId).executeTakeFirst())
		count('twoStep', await trx.deleteFrom('two_step').where('user_id', '=', userId).executeTakeFirst())
		count('recoveryCodes', await trx.deleteFrom('two_step_recovery_codes').where('user_id', '=', userId).executeTakeFirst())
		count('pendingSignIns', await trx.deleteFrom('two_step_pending').where('user_id', '=', userId).executeTakeFirst())
		count(
			'mail',
			await trx
				.deleteFrom('mail_outbox')
				.where((eb) => eb.or([eb('to_user_id', '=', userId), eb('to_address', '=', email)]))
				.executeTakeFirst(),
		)
		count('memberships', await trx.deleteFrom('delegation_members').where('user_id', '=', userId).executeTakeFirst())
		count('facilitatorSeats', await trx.deleteFrom('cohort_facilitators').where('user_id', '=', userId).executeTakeFirst())

		// The name and address wherever else they are text: plain, and as JSON writes them inside a string.
		const replacements: Array<[string, string]> = [[email, erasedEmail(userId)]]
		const jsonEmail = JSON.stringify(email).slice(1, -1)
		if (jsonEmail !== email) replacements.push([jsonEmail, erasedEmail(userId)])
		// A very short name would match inside other words; names are at least two characters, so only those of three or more are replaced in text.
		if (user.name.length >= 3) {
			replacements.push([user.name, ERASED_NAME])
			const jsonName = JSON.stringify(user.name).slice(1, -1)
			if (jsonName !== user.name) replacements.push([jsonName, ERASED_NAME])
		}
		let scrubbed = 0
		for (const { table, column } of textColumns) {
			for (const [from, to] of replacements) {
				const replaced = sql`replace(${sql.ref(column)}, ${from}, ${to})`
				const result =
					await sql`update ${sql.table(table)} set ${sql.ref(column)} = ${replaced} where ${sql.ref(column)} <> ${replaced}`.execute(trx)
				scrubbed += Number(result.numAffectedRows ?? 0)
			}
		}

		await trx
			.updateTable('users')
			.set({
				name: ERASED_NAME,
				email: erasedEmail(userId),
				password_hash: '',
				is_staff: 0,
				language: null,
				last_login_at: null,
				erased_at: now,
				deactivated_at: now,
			})
			.where('id', '=', userId)
			.execute()
		// The one update the audit log's triggers allow: an erased actor's name, to their name now.
		await trx.updateTable('audit_log').set({ actor_name: ERASED_NAME }).where('actor_id', '=', userId).execute()
		await recordAudit(trx, by.request, {
			actor: by.actor,
			action: 'account.erased',
			targetType: 'user',
			targetId: userId,
			details: { ...deleted, textReplaced: scrubbed },
		})
		return true
	})
}

// -------------------------------------------------------------------------------------------------
// My data

function parseJson(text: string | null): unknown {
	if (text === null) return null
	try {
		return JSON.parse(text)
	} catch {
		return text
	}
}

const AnswerSchema = z.array(z.string()).catch([])

/**
 * Everything the Academy holds about a person, as one JSON document: their profile, where they
 * belong, their learning, what they wrote, the edits they made, their TA requests and messages, the
 * mail sent to them, whether they have a calendar feed, and the audit log's lines about them. Never
 * a password hash, a token or its hash, or another person's private data (internal TA notes of
 * others, reflections of others).
 */
export async function myData(userId: string) {
	const user = await db
		.selectFrom('users')
		.select(['id', 'email', 'name', 'language', 'is_staff', 'created_at', 'last_login_at'])
		.where('id', '=', userId)
		.executeTakeFirstOrThrow()
	const [
		memberships,
		facilitates,
		lessonProgress,
		checkAttempts,
		reflections,
		repliesToMe,
		repliesByMe,
		roadmapEdits,
		comments,
		assistanceRequests,
		assistanceMessages,
		implementationUpdates,
		mail,
		calendarFeed,
		invitations,
		audit,
	] = await Promise.all([
		db
			.selectFrom('delegation_members as m')
			.innerJoin('delegations as d', 'd.id', 'm.delegation_id')
			.innerJoin('cohorts as c', 'c.id', 'd.cohort_id')
			.select([
				'd.id as delegation',
				'd.country_code as country',
				'c.id as cohort',
				'c.name as cohortName',
				'm.sector',
				'm.organisation',
				'm.position',
				'm.is_lead',
				'm.joined_at',
			])
			.where('m.user_id', '=', userId)
			.execute(),
		db
			.selectFrom('cohort_facilitators as f')
			.innerJoin('cohorts as c', 'c.id', 'f.cohort_id')
			.select(['c.id as cohort', 'c.name as cohortName', 'f.created_at'])
			.where('f.user_id', '=', userId)
			.execute(),
		db
			.selectFrom('lesson_progress')
			.select(['lesson_key', 'first_viewed_at', 'last_viewed_at', 'completed_at'])
			.where('user_id', '=', userId)
			.execute(),
		db
			.selectFrom('check_attempts')
			.select(['lesson_key', 'check_id', 'answer', 'correct', 'created_at'])
			.where('user_id', '=', userId)
			.orderBy('id')
			.execute(),
		db
			.selectFrom('reflections')
			.select(['lesson_key', 'reflection_id', 'body', 'shared', 'created_at', 'updated_at'])
			.where('user_id', '=', userId)
			.execute(),
		db
			.selectFrom('reflection_replies as r')
			.leftJoin('users as u', 'u.id', 'r.user_id')
			.select(['r.lesson_key', 'r.reflection_id', 'r.cohort_id', 'r.body', 'r.created_at', 'u.name as from'])
			.where('r.reflection_user_id', '=', userId)
			.orderBy('r.id')
			.execute(),
		db
			.selectFrom('reflection_replies')
			.select(['lesson_key', 'reflection_id', 'cohort_id', 'body', 'created_at'])
			.where('user_id', '=', userId)
			.orderBy('id')
			.execute(),
		db
			.selectFrom('roadmap_changes as h')
			.innerJoin('roadmaps as r', 'r.id', 'h.roadmap_id')
			.select(['h.id', 'r.delegation_id as delegation', 'h.item_id', 'h.kind', 'h.change', 'h.before', 'h.after', 'h.created_at'])
			.where('h.user_id', '=', userId)
			.orderBy('h.id')
			.execute(),
		db
			.selectFrom('roadmap_comments as c')
			.innerJoin('roadmaps as r', 'r.id', 'c.roadmap_id')
			.select(['c.id', 'r.delegation_id as delegation', 'c.section', 'c.item_id', 'c.parent_id', 'c.body', 'c.created_at'])
			.where('c.user_id', '=', userId)
			.orderBy('c.id')
			.execute(),
		db
			.selectFrom('assistance_requests')
			.select([
				'id',
				'delegation_id as delegation',
				'section',
				'item_id',
				'topic',
				'need',
				'urgency',
				'due_date',
				'language',
				'format',
				'status',
				'created_at',
			])
			.where('created_by', '=', userId)
			.orderBy('created_at')
			.execute(),
		db
			.selectFrom('assistance_events')
			.select(['request_id', 'kind', 'internal', 'body', 'from_value', 'to_value', 'created_at'])
			.where('user_id', '=', userId)
			.orderBy('id')
			.execute(),
		db
			.selectFrom('implementation_updates as i')
			.innerJoin('roadmaps as r', 'r.id', 'i.roadmap_id')
			.select([
				'r.delegation_id as delegation',
				'i.item_id',
				'i.kind',
				'i.status',
				'i.note',
				'i.period',
				'i.value',
				'i.source',
				'i.dated',
				'i.created_at',
			])
			.where('i.user_id', '=', userId)
			.orderBy('i.id')
			.execute(),
		db
			.selectFrom('mail_outbox')
			.select(['to_address', 'language', 'category', 'subject', 'text', 'status', 'created_at', 'sent_at'])
			.where((eb) => eb.or([eb('to_user_id', '=', userId), eb('to_address', '=', user.email)]))
			.orderBy('created_at')
			.execute(),
		db.selectFrom('calendar_feeds').select('created_at').where('user_id', '=', userId).executeTakeFirst(),
		db
			.selectFrom('invitations')
			.select(['cohort_id', 'delegation_id', 'role', 'email', 'name', 'created_at', 'expires_at', 'accepted_at', 'revoked_at'])
			.where((eb) => eb.or([eb('accepted_by', '=', userId), eb('email', '=', user.email)]))
			.orderBy('created_at')
			.execute(),
		db
			.selectFrom('audit_log')
			.select(['at', 'action', 'target_type', 'target_id', 'cohort_id', 'ip', 'details', 'actor_id'])
			.where((eb) => eb.or([eb('actor_id', '=', userId), eb.and([eb('target_type', '=', 'user'), eb('target_id', '=', userId)])]))
			.orderBy('id')
			.execute(),
	])
	return {
		format: 'nap-academy-my-data',
		version: 1,
		exportedAt: nowIso(),
		profile: {
			id: user.id,
			email: user.email,
			name: user.name,
			language: user.language,
			staff: user.is_staff === 1,
			createdAt: user.created_at,
			lastSignInAt: user.last_login_at,
		},
		memberships: memberships.map(({ is_lead, ...row }) => ({ ...row, lead: is_lead === 1 })),
		facilitates,
		lessonProgress,
		checkAttempts: checkAttempts.map((row) => ({ ...row, answer: AnswerSchema.parse(parseJson(row.answer)), correct: row.correct === 1 })),
		reflections: reflections.map((row) => ({ ...row, shared: row.shared === 1 })),
		repliesToMyReflections: repliesToMe,
		repliesIWrote: repliesByMe,
		roadmapEdits: roadmapEdits.map((row) => ({ ...row, before: parseJson(row.before), after: parseJson(row.after) })),
		comments,
		assistanceRequests,
		assistanceMessages: assistanceMessages.map((row) => ({ ...row, internal: row.internal === 1 })),
		implementationUpdates,
		mailSentToMe: mail,
		calendarFeed: calendarFeed ? { exists: true, createdAt: calendarFeed.created_at } : { exists: false },
		invitations,
		auditLog: audit.map(({ actor_id, details, ...row }) => ({
			...row,
			byMe: actor_id === userId,
			details: AuditDetailsSchema.catch({}).parse(parseJson(details)),
		})),
	}
}
