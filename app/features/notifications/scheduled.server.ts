/**
 * Scheduled work: reminders, digests and the mail that waits for a batch. `runScheduledWork` is one
 * pass at a given moment; every app process runs a pass every minute (`startScheduledWork`, from
 * entry.server.tsx, beside the mail sender), and `npm run notifications:run` runs one by hand.
 *
 * Idempotent, so a restart, a second worker or a second server never sends anything twice:
 * - a reminder or digest is a notification with a `dedupe_key` (person + what + when: the cohort and
 *   the reminder, the ISO week, the quiet stretch), inserted once — a second pass finds it made;
 * - a batch (the hourly comment mail, the daily digest) is claimed per person with one conditional
 *   UPDATE of `notification_mailings`, and its notifications are claimed `pending` → `sent` in the same
 *   transaction as its mail, so two passes cannot both send it.
 *
 * What is due, for a pass at `now` (dates are UTC calendar days):
 * - pre-work reminders: to each delegate of a cohort not yet in convening who has not finished every
 *   lesson, once when the due date is 3–7 days away and once when it is 0–2 days away;
 * - the facilitators' weekly digest, once per ISO week until the convening starts: who has not started,
 *   who has not finished (behind, once the due date has passed), invitations not accepted — none when
 *   there is nothing to act on;
 * - alumni: when a roadmap of a closed cohort has had no implementation update for the period each
 *   member chose (30–180 days; the convening's end counts as the start), once per such period;
 * - comment mail (and whatever else waits for "right away"): at most one mail an hour per person;
 * - the daily digest, once a day after `DIGEST_HOUR_UTC`, for the categories a person set to "daily".
 */
import { type Kysely } from 'kysely'
import { cohortProgress } from '#app/features/progress/dashboard.server.ts'
import {
	type AnyNotification,
	COMMENT_MAIL_EVERY_MS,
	DEFAULT_ALUMNI_QUIET_DAYS,
	parseNotification,
	PREWORK_REMINDERS,
} from '#app/features/notifications/notifications.ts'
import { mailOrigin } from '#app/features/mail/outbox.server.ts'
import { mailNotifications, notify, type Recipient } from '#app/features/notifications/notify.server.ts'
import { db } from '#app/utils/db.server.ts'
import { env } from '#app/utils/env.server.ts'
import { DEFAULT_LANGUAGE } from '#app/utils/i18n.ts'
import type { Database } from '#db/schema.ts'

export type ScheduledResult = {
	preworkReminders: number
	cohortDigests: number
	alumniReminders: number
	batchMails: number
	dailyDigests: number
}

const DAY_MS = 86_400_000

/** The UTC calendar day of a moment, YYYY-MM-DD. */
function dayOf(moment: Date) {
	return moment.toISOString().slice(0, 10)
}

/** Whole days from `today` to `date` (both YYYY-MM-DD). */
function daysBetween(today: string, date: string) {
	return Math.round((Date.parse(`${date.slice(0, 10)}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS)
}

/** ISO 8601 week of a moment, e.g. 2026-W49. */
export function isoWeek(moment: Date) {
	const date = new Date(Date.UTC(moment.getUTCFullYear(), moment.getUTCMonth(), moment.getUTCDate()))
	const weekday = date.getUTCDay() || 7
	date.setUTCDate(date.getUTCDate() + 4 - weekday)
	const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1)
	const week = Math.ceil(((date.getTime() - yearStart) / DAY_MS + 1) / 7)
	return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`
}

/** One pass of scheduled work at `now`. */
export async function runScheduledWork(options: { now?: Date; origin: string }): Promise<ScheduledResult> {
	const now = options.now ?? new Date()
	const context = { now, origin: options.origin }
	const preworkReminders = await sendPreworkReminders(context)
	const cohortDigests = await sendCohortDigests(context)
	const alumniReminders = await sendAlumniReminders(context)
	const batchMails = await sendBatches(context, 'comments')
	const dailyDigests = now.getUTCHours() >= env.DIGEST_HOUR_UTC ? await sendBatches(context, 'daily') : 0
	return { preworkReminders, cohortDigests, alumniReminders, batchMails, dailyDigests }
}

type Context = { now: Date; origin: string }

/** Cohorts before their convening: planned or open, and the convening not yet begun. */
function cohortsBeforeConvening(today: string) {
	return db
		.selectFrom('cohorts')
		.select(['id', 'name', 'start_date', 'prework_due_date'])
		.where('status', 'in', ['planned', 'open'])
		.where('start_date', '>', today)
		.execute()
}

async function sendPreworkReminders({ now, origin }: Context) {
	const today = dayOf(now)
	let made = 0
	for (const cohort of await cohortsBeforeConvening(today)) {
		if (!cohort.prework_due_date) continue
		const daysLeft = daysBetween(today, cohort.prework_due_date)
		const reminder = PREWORK_REMINDERS.find((r) => daysLeft <= r.from && daysLeft >= r.to)
		if (!reminder) continue
		const progress = await cohortProgress(cohort.id, DEFAULT_LANGUAGE)
		for (const delegate of progress.delegations.flatMap((d) => d.delegates)) {
			if (delegate.completed >= progress.totalLessons) continue
			const notification: AnyNotification = {
				kind: 'prework-reminder',
				data: {
					cohortId: cohort.id,
					cohortName: cohort.name,
					dueDate: cohort.prework_due_date,
					daysLeft,
					done: delegate.completed,
					total: progress.totalLessons,
				},
			}
			made += (
				await db.transaction().execute((trx) =>
					notify(trx, {
						userIds: [delegate.userId],
						notification,
						origin,
						now,
						dedupeKey: (userId) => `prework:${cohort.id}:${cohort.prework_due_date}:${reminder.key}:${userId}`,
					}),
				)
			).length
		}
	}
	return made
}

async function sendCohortDigests({ now, origin }: Context) {
	const today = dayOf(now)
	const week = isoWeek(now)
	let made = 0
	for (const cohort of await cohortsBeforeConvening(today)) {
		const facilitators = await db.selectFrom('cohort_facilitators').select('user_id').where('cohort_id', '=', cohort.id).execute()
		if (!facilitators.length) continue
		const progress = await cohortProgress(cohort.id, DEFAULT_LANGUAGE)
		const delegates = progress.delegations.flatMap((d) => d.delegates.map((delegate) => ({ ...delegate, countryCode: d.countryCode })))
		const notStarted = delegates.filter((d) => !d.started)
		const unfinished = cohort.prework_due_date ? delegates.filter((d) => d.started && d.completed < progress.totalLessons) : []
		const pending = progress.pendingInvitations
		if (!notStarted.length && !unfinished.length && !pending.length) continue
		const notification: AnyNotification = {
			kind: 'cohort-digest',
			data: {
				cohortId: cohort.id,
				cohortName: cohort.name,
				startDate: cohort.start_date,
				dueDate: cohort.prework_due_date,
				overdue: Boolean(cohort.prework_due_date && cohort.prework_due_date < today),
				delegates: delegates.length,
				notStarted: notStarted.map((d) => ({ name: d.name, countryCode: d.countryCode })),
				unfinished: unfinished.map((d) => ({ name: d.name, countryCode: d.countryCode, done: d.completed, total: progress.totalLessons })),
				pendingInvitations: pending.map((i) => ({ name: i.name, email: i.email, expired: i.expiresAt <= now.toISOString() })),
			},
		}
		made += (
			await db.transaction().execute((trx) =>
				notify(trx, {
					userIds: facilitators.map((f) => f.user_id),
					notification,
					origin,
					now,
					dedupeKey: (userId) => `cohort-digest:${cohort.id}:${week}:${userId}`,
				}),
			)
		).length
	}
	return made
}

async function sendAlumniReminders({ now, origin }: Context) {
	// Each roadmap of a closed cohort with the day of its last implementation update, if any.
	const roadmaps = await db
		.selectFrom('roadmaps as r')
		.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
		.innerJoin('cohorts as c', 'c.id', 'd.cohort_id')
		.leftJoin('implementation_updates as u', 'u.roadmap_id', 'r.id')
		.select((eb) => ['d.id as delegationId', 'd.country_code', 'c.end_date', eb.fn.max('u.created_at').as('lastUpdate')])
		.where('c.status', '=', 'closed')
		.groupBy(['d.id', 'd.country_code', 'c.end_date'])
		.execute()
	let made = 0
	for (const roadmap of roadmaps) {
		const since = roadmap.lastUpdate ?? `${roadmap.end_date.slice(0, 10)}T00:00:00.000Z`
		const quietDays = Math.floor((now.getTime() - Date.parse(since)) / DAY_MS)
		if (quietDays < 1) continue
		const members = await db
			.selectFrom('delegation_members as m')
			.leftJoin('notification_settings as s', (join) => join.onRef('s.user_id', '=', 'm.user_id').on('s.category', '=', 'alumni'))
			.select(['m.user_id', 's.quiet_days'])
			.where('m.delegation_id', '=', roadmap.delegationId)
			.execute()
		for (const member of members) {
			const period = member.quiet_days ?? DEFAULT_ALUMNI_QUIET_DAYS
			const stretch = Math.floor(quietDays / period)
			if (stretch < 1) continue
			const notification: AnyNotification = {
				kind: 'alumni-reminder',
				data: { delegationId: roadmap.delegationId, countryCode: roadmap.country_code, lastUpdate: roadmap.lastUpdate, days: quietDays },
			}
			made += (
				await db.transaction().execute((trx) =>
					notify(trx, {
						userIds: [member.user_id],
						notification,
						origin,
						now,
						dedupeKey: (userId) => `alumni:${roadmap.delegationId}:${since}:${period}:${stretch}:${userId}`,
					}),
				)
			).length
		}
	}
	return made
}

/**
 * Mails what waits: `comments` — notifications pending for a person who gets their category right
 * away (comments, batched hourly; or anything left pending when a setting changed), at most one mail
 * an hour; `daily` — those of categories set to a daily digest, once a day.
 */
async function sendBatches({ now, origin }: Context, batch: 'comments' | 'daily') {
	const pending = await db
		.selectFrom('notifications as n')
		.leftJoin('notification_settings as s', (join) => join.onRef('s.user_id', '=', 'n.user_id').onRef('s.category', '=', 'n.category'))
		.select('n.user_id')
		.distinct()
		.where('n.mail', '=', 'pending')
		.where('n.created_at', '<=', now.toISOString())
		.where((eb) => (batch === 'daily' ? eb('s.mail', '=', 'daily') : eb.or([eb('s.mail', 'is', null), eb('s.mail', '=', 'immediate')])))
		.execute()
	let sent = 0
	for (const { user_id: userId } of pending) {
		try {
			if (await db.transaction().execute((trx) => mailBatch(trx, userId, batch, now, origin))) sent++
		} catch (error) {
			if (!(error instanceof NotDue)) throw error
		}
	}
	return sent
}

/** Thrown to roll back a batch claimed too soon after the last one: its notifications stay pending. */
class NotDue extends Error {}

async function mailBatch(trx: Kysely<Database>, userId: string, batch: 'comments' | 'daily', now: Date, origin: string) {
	const at = now.toISOString()
	const daily = (
		await trx.selectFrom('notification_settings').select('category').where('user_id', '=', userId).where('mail', '=', 'daily').execute()
	).map((row) => row.category)
	if (batch === 'daily' && !daily.length) return false
	// Claimed first: of two passes, the second finds nothing pending (its UPDATE waits for the first's rows).
	const claimed = await trx
		.updateTable('notifications')
		.set({ mail: 'sent' })
		.where('user_id', '=', userId)
		.where('mail', '=', 'pending')
		.where('created_at', '<=', at)
		.$if(batch === 'daily', (query) => query.where('category', 'in', daily))
		.$if(batch === 'comments' && daily.length > 0, (query) => query.where('category', 'not in', daily))
		.returning(['id', 'kind', 'data', 'created_at'])
		.execute()
	if (!claimed.length) return false
	if (!(await claimBatch(trx, userId, batch, now))) throw new NotDue()
	const user: Recipient | undefined = await trx
		.selectFrom('users')
		.select(['id', 'email', 'name', 'language'])
		.where('id', '=', userId)
		.executeTakeFirst()
	if (!user) return false
	const items = claimed
		.sort((a, b) => a.created_at.localeCompare(b.created_at))
		.map((row) => parseNotification(row.kind, row.data))
		.filter((item): item is AnyNotification => item !== null)
	if (!items.length) return false
	const single = batch === 'comments' && items.length === 1
	const mailId = await mailNotifications(
		trx,
		user,
		batch === 'daily' ? 'daily' : single ? 'single' : 'comments',
		items,
		origin,
		single && items[0]!.kind !== 'cohort-digest' ? 'notifications' : 'digests',
	)
	await trx
		.updateTable('notifications')
		.set({ mail_id: mailId })
		.where(
			'id',
			'in',
			claimed.map((row) => row.id),
		)
		.execute()
	return true
}

/**
 * Claims a person's batch: true when no mail of this batch went to them within its interval (an
 * hour for comments; today, for the daily digest). One conditional UPDATE: of two workers, one wins.
 */
async function claimBatch(trx: Kysely<Database>, userId: string, batch: 'comments' | 'daily', now: Date) {
	const at = now.toISOString()
	const earliest = batch === 'comments' ? new Date(now.getTime() - COMMENT_MAIL_EVERY_MS).toISOString() : `${dayOf(now)}T00:00:00.000Z`
	await trx
		.insertInto('notification_mailings')
		.values({ user_id: userId, batch, last_at: '' })
		.onConflict((oc) => oc.columns(['user_id', 'batch']).doNothing())
		.execute()
	const result = await trx
		.updateTable('notification_mailings')
		.set({ last_at: at })
		.where('user_id', '=', userId)
		.where('batch', '=', batch)
		.where((eb) => (batch === 'comments' ? eb('last_at', '<=', earliest) : eb('last_at', '<', earliest)))
		.executeTakeFirst()
	return Number(result.numUpdatedRows) === 1
}

declare global {
	var __academyScheduledWork: { stop: () => void } | undefined
}

/**
 * Runs a pass of scheduled work every SCHEDULED_WORK_SECONDS in this process (0: never; run
 * `npm run notifications:run` from cron instead). Started once per process; a failing pass is
 * logged in one line and the next one tries again.
 */
export function startScheduledWork() {
	if (globalThis.__academyScheduledWork) return globalThis.__academyScheduledWork.stop
	if (!env.SCHEDULED_WORK_SECONDS) return () => {}
	let running = false
	const pass = async () => {
		if (running) return
		running = true
		try {
			await runScheduledWork({ origin: mailOrigin() })
		} catch (error) {
			console.error(`Scheduled work failed (will try again): ${error instanceof Error ? error.message : String(error)}`)
		} finally {
			running = false
		}
	}
	const first = setTimeout(pass, 5_000).unref()
	const timer = setInterval(pass, env.SCHEDULED_WORK_SECONDS * 1000).unref()
	const stop = () => {
		clearTimeout(first)
		clearInterval(timer)
		globalThis.__academyScheduledWork = undefined
	}
	globalThis.__academyScheduledWork = { stop }
	return stop
}
