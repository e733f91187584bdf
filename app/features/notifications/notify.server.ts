/**
 * Making, reading and setting notifications.
 *
 * `notify` is the one way a notification is made: on the executor of the caller's transaction, so
 * the change, the notification and — for a category a person gets "right away" — its mail in the
 * outbox are saved together or not at all. Comment notifications wait for the hourly comment mail,
 * "daily" ones for the daily digest (scheduled.server.ts); "off" ones are only listed in the app.
 */
import { type Kysely } from 'kysely'
import { queueMail } from '#app/features/mail/outbox.server.ts'
import {
	ALUMNI_QUIET_DAYS,
	type AnyNotification,
	DEFAULT_ALUMNI_QUIET_DAYS,
	describeNotification,
	type DescribedNotification,
	type MailFrequency,
	NOTIFICATION_CATEGORIES,
	NOTIFICATION_KINDS,
	type NotificationCategory,
	parseNotification,
} from '#app/features/notifications/notifications.ts'
import { db } from '#app/utils/db.server.ts'
import { getTextT } from '#app/utils/i18n.server.ts'
import { DEFAULT_LANGUAGE, type Language } from '#app/utils/i18n.ts'
import { nowIso } from '#app/utils/misc.ts'
import { type Viewer } from '#app/utils/permissions.server.ts'
import type { Database } from '#db/schema.ts'

/** Categories mailed in batches even when a person chose "right away" (at most one comment mail an hour). */
const BATCHED = new Set<NotificationCategory>(['comments'])

export type Recipient = { id: string; email: string; name: string; language: Language | null }

/** The mail category of the outbox (which decides List-Unsubscribe and the Sent mail filter). */
function outboxCategory(notification: AnyNotification) {
	return notification.kind === 'cohort-digest' ? ('digests' as const) : ('notifications' as const)
}

export type NotifyInput = {
	/** Who is told; duplicates and `except` are left out. */
	userIds: Iterable<string | null | undefined>
	/** Who caused it: never told about their own doing. */
	except?: string | null
	notification: AnyNotification
	/** The Academy's origin for the links in the mail. */
	origin: string
	/** For scheduled work: each person's key is inserted once; a notification already made is not made again. */
	dedupeKey?: (userId: string) => string
	now?: Date
}

/** Everyone in a delegation: who hears about its TA requests and its roadmap's comments. */
export async function delegationMemberIds(executor: Kysely<Database>, delegationId: string) {
	const rows = await executor.selectFrom('delegation_members').select('user_id').where('delegation_id', '=', delegationId).execute()
	return rows.map((row) => row.user_id)
}

/** Makes the notification for each recipient; returns the ids of those made. */
export async function notify(executor: Kysely<Database>, input: NotifyInput): Promise<string[]> {
	const ids = [...new Set([...input.userIds].filter((id): id is string => Boolean(id) && id !== input.except))]
	if (!ids.length) return []
	const category = NOTIFICATION_KINDS[input.notification.kind].category
	const [users, settings] = await Promise.all([
		executor.selectFrom('users').select(['id', 'email', 'name', 'language']).where('id', 'in', ids).execute(),
		executor
			.selectFrom('notification_settings')
			.select(['user_id', 'mail'])
			.where('user_id', 'in', ids)
			.where('category', '=', category)
			.execute(),
	])
	const frequency = new Map(settings.map((row) => [row.user_id, row.mail]))
	const createdAt = (input.now ?? new Date()).toISOString()
	const made: string[] = []
	for (const user of users) {
		const mail = frequency.get(user.id) ?? 'immediate'
		const id = crypto.randomUUID()
		const inserted = await executor
			.insertInto('notifications')
			.values({
				id,
				user_id: user.id,
				category,
				kind: input.notification.kind,
				data: JSON.stringify(input.notification.data),
				created_at: createdAt,
				mail: mail === 'off' ? 'off' : 'pending',
				dedupe_key: input.dedupeKey?.(user.id) ?? null,
			})
			.onConflict((oc) => oc.column('dedupe_key').doNothing())
			.returning('id')
			.executeTakeFirst()
		if (!inserted) continue
		made.push(id)
		if (mail === 'immediate' && !BATCHED.has(category)) {
			const mailId = await mailNotifications(
				executor,
				user,
				'single',
				[input.notification],
				input.origin,
				outboxCategory(input.notification),
			)
			await executor.updateTable('notifications').set({ mail: 'sent', mail_id: mailId }).where('id', '=', id).execute()
		}
	}
	return made
}

/** Queues one mail carrying one notification, a batch of comments or a day's digest. */
export async function mailNotifications(
	executor: Kysely<Database>,
	user: Recipient,
	variant: 'single' | 'comments' | 'daily',
	items: AnyNotification[],
	origin: string,
	category: 'notifications' | 'digests' = variant === 'single' ? 'notifications' : 'digests',
) {
	return queueMail(executor, {
		to: user.email,
		toUserId: user.id,
		language: user.language ?? DEFAULT_LANGUAGE,
		template: 'notifications',
		data: { name: user.name, variant, items, origin },
		category,
		origin,
	})
}

// -------------------------------------------------------------------------------------------------
// Reading: the notifications page and the header's count. Always the viewer's own.

export const NOTIFICATIONS_PAGE_SIZE = 30

export async function unreadCount(userId: string) {
	const row = await db
		.selectFrom('notifications')
		.select((eb) => eb.fn.countAll<number | string>().as('count'))
		.where('user_id', '=', userId)
		.where('read_at', 'is', null)
		.executeTakeFirstOrThrow()
	return Number(row.count)
}

export type ListedNotification = DescribedNotification & { id: string; createdAt: string; read: boolean; category: string }

/** The viewer's notifications, newest first, worded in `language`; `before` pages back (a created_at). */
export async function listNotifications(userId: string, language: Language, options: { before?: string } = {}) {
	const rows = await db
		.selectFrom('notifications')
		.select(['id', 'kind', 'data', 'category', 'created_at', 'read_at'])
		.where('user_id', '=', userId)
		.$if(Boolean(options.before), (query) => query.where('created_at', '<', options.before!))
		.orderBy('created_at', 'desc')
		.orderBy('id', 'desc')
		.limit(NOTIFICATIONS_PAGE_SIZE + 1)
		.execute()
	const t = await getTextT(language)
	const items: ListedNotification[] = []
	for (const row of rows.slice(0, NOTIFICATIONS_PAGE_SIZE)) {
		const parsed = parseNotification(row.kind, row.data)
		if (!parsed) continue
		items.push({
			...describeNotification(t, language, parsed),
			id: row.id,
			createdAt: row.created_at,
			read: row.read_at !== null,
			category: row.category,
		})
	}
	const last = rows[NOTIFICATIONS_PAGE_SIZE - 1]
	return { items, olderThan: rows.length > NOTIFICATIONS_PAGE_SIZE && last ? last.created_at : null }
}

/** Marks one of the viewer's notifications read and returns the page it is about; null if it is not theirs. */
export async function openNotification(userId: string, id: string) {
	const row = await db
		.selectFrom('notifications')
		.select(['kind', 'data', 'read_at'])
		.where('id', '=', id)
		.where('user_id', '=', userId)
		.executeTakeFirst()
	if (!row) return null
	if (row.read_at === null) {
		await db.updateTable('notifications').set({ read_at: nowIso() }).where('id', '=', id).where('read_at', 'is', null).execute()
	}
	const parsed = parseNotification(row.kind, row.data)
	if (!parsed) return '/notifications'
	return describeNotification(await getTextT(DEFAULT_LANGUAGE), DEFAULT_LANGUAGE, parsed).path
}

/** Marks every unread notification of the viewer read; returns how many. */
export async function markAllRead(userId: string) {
	const result = await db
		.updateTable('notifications')
		.set({ read_at: nowIso() })
		.where('user_id', '=', userId)
		.where('read_at', 'is', null)
		.executeTakeFirst()
	return Number(result.numUpdatedRows)
}

// -------------------------------------------------------------------------------------------------
// Settings

export type CategorySetting = { mail: MailFrequency; quietDays: number }
export type NotificationSettings = Record<NotificationCategory, CategorySetting>

/** The categories that can concern this person (a delegate has no facilitator's digest). */
export function categoriesFor(viewer: Viewer): NotificationCategory[] {
	const runs = viewer.isStaff || viewer.facilitates.length > 0
	const member = viewer.memberships.length > 0
	return NOTIFICATION_CATEGORIES.filter((category) => {
		if (category === 'cohort') return runs
		if (category === 'prework') return viewer.memberships.some((m) => !m.isAlumni)
		if (category === 'alumni') return viewer.memberships.some((m) => m.isAlumni)
		if (category === 'comments') return member || runs
		return true
	})
}

export async function getNotificationSettings(userId: string): Promise<NotificationSettings> {
	const rows = await db
		.selectFrom('notification_settings')
		.select(['category', 'mail', 'quiet_days'])
		.where('user_id', '=', userId)
		.execute()
	const settings = Object.fromEntries(
		NOTIFICATION_CATEGORIES.map((category) => [category, { mail: 'immediate', quietDays: DEFAULT_ALUMNI_QUIET_DAYS }]),
	) as NotificationSettings
	for (const row of rows) {
		if (!(NOTIFICATION_CATEGORIES as readonly string[]).includes(row.category)) continue
		settings[row.category as NotificationCategory] = {
			mail: row.mail,
			quietDays: (ALUMNI_QUIET_DAYS as readonly number[]).includes(row.quiet_days ?? 0) ? row.quiet_days! : DEFAULT_ALUMNI_QUIET_DAYS,
		}
	}
	return settings
}

export async function saveNotificationSettings(userId: string, settings: Partial<NotificationSettings>) {
	const updatedAt = nowIso()
	await db.transaction().execute(async (trx) => {
		for (const [category, setting] of Object.entries(settings)) {
			if (!setting) continue
			await trx
				.insertInto('notification_settings')
				.values({ user_id: userId, category, mail: setting.mail, quiet_days: setting.quietDays, updated_at: updatedAt })
				.onConflict((oc) =>
					oc.columns(['user_id', 'category']).doUpdateSet({ mail: setting.mail, quiet_days: setting.quietDays, updated_at: updatedAt }),
				)
				.execute()
			// Turned off: what was waiting for a batch or digest is not mailed later.
			if (setting.mail === 'off') {
				await trx
					.updateTable('notifications')
					.set({ mail: 'off' })
					.where('user_id', '=', userId)
					.where('category', '=', category)
					.where('mail', '=', 'pending')
					.execute()
			}
		}
	})
}
