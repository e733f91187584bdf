/**
 * A person's private calendar feed: a secret address (/calendar/<token>.ics) that a calendar app
 * subscribes to. The token is random (generateToken) and only its SHA-256 is stored, so the address
 * is shown once, when the feed is made or reset; resetting replaces the hash (the old address then
 * answers 404) and turning the feed off deletes it.
 *
 * What it lists, in its owner's language: the convening and pre-work due date of every cohort they
 * belong to or facilitate, their delegations' scheduled TA sessions, and for staff the sessions
 * assigned to them.
 */
import { generateToken, sha256 } from '#app/features/auth/auth.server.ts'
import { assistanceSessionEvent, calendarFile, calendarOrigin, conveningEvent, preworkDueEvent } from '#app/features/calendar/ics.server.ts'
import { db } from '#app/utils/db.server.ts'
import { DEFAULT_LANGUAGE, isLanguage } from '#app/utils/i18n.ts'
import { getT } from '#app/utils/i18n.server.ts'
import { nowIso } from '#app/utils/misc.ts'
import type { Viewer } from '#app/utils/permissions.server.ts'

const TOKEN = /^[A-Za-z0-9_-]{20,100}$/

/** The feed's address for a token. */
export function feedUrl(origin: string, token: string) {
	return `${origin}/calendar/${token}.ics`
}

/** The token in a feed file name (`<token>.ics`), or null when it cannot be one. */
export function tokenFromFileName(file: string | undefined) {
	const match = /^(.+)\.ics$/.exec(file ?? '')
	return match && TOKEN.test(match[1]!) ? match[1]! : null
}

/** When the viewer's feed was made (or last reset), or null when they have none. */
export async function feedCreatedAt(userId: string) {
	const row = await db.selectFrom('calendar_feeds').select('created_at').where('user_id', '=', userId).executeTakeFirst()
	return row?.created_at ?? null
}

/** Makes the person's feed, or gives it a new address (the old one stops working). Returns the token, shown once. */
export async function resetFeed(userId: string) {
	const token = generateToken()
	const now = nowIso()
	await db
		.insertInto('calendar_feeds')
		.values({ user_id: userId, token_hash: sha256(token), created_at: now })
		.onConflict((oc) => oc.column('user_id').doUpdateSet({ token_hash: sha256(token), created_at: now }))
		.execute()
	return token
}

/** Turns the person's feed off: its address answers 404 from now on. */
export async function deleteFeed(userId: string) {
	await db.deleteFrom('calendar_feeds').where('user_id', '=', userId).execute()
}

/** The owner of the feed with this token, or undefined for a wrong, reset or deleted one. */
export async function feedOwner(token: string) {
	const row = await db.selectFrom('calendar_feeds').select('user_id').where('token_hash', '=', sha256(token)).executeTakeFirst()
	return row?.user_id
}

/** The .ics of a person's feed, in their language. */
export async function feedCalendar(viewer: Viewer, request: Request) {
	const language = isLanguage(viewer.language) ? viewer.language : DEFAULT_LANGUAGE
	const origin = calendarOrigin(request)
	const cohortIds = [...new Set([...viewer.memberships.map((m) => m.cohortId), ...viewer.facilitates])]
	const delegationIds = viewer.memberships.map((m) => m.delegationId)
	const [cohorts, sessions] = await Promise.all([
		cohortIds.length
			? db.selectFrom('cohorts').selectAll().where('id', 'in', cohortIds).orderBy('start_date').orderBy('id').execute()
			: Promise.resolve([]),
		delegationIds.length || viewer.isStaff
			? db
					.selectFrom('assistance_requests as r')
					.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
					.innerJoin('cohorts as c', 'c.id', 'd.cohort_id')
					.select(['r.id', 'r.topic', 'r.format', 'r.status', 'r.need', 'r.scheduled_for', 'd.country_code', 'c.name as cohortName'])
					.where('r.scheduled_for', 'is not', null)
					.where('r.status', '!=', 'declined')
					.where((eb) => {
						const mine = []
						if (delegationIds.length) mine.push(eb('r.delegation_id', 'in', delegationIds))
						if (viewer.isStaff) mine.push(eb('r.assignee_id', '=', viewer.id))
						return eb.or(mine)
					})
					.orderBy('r.scheduled_for')
					.orderBy('r.id')
					.execute()
			: Promise.resolve([]),
	])
	const events = [
		...(await Promise.all(
			cohorts.flatMap((cohort) => [conveningEvent(cohort, language, origin), preworkDueEvent(cohort, language, origin)]),
		)),
		...(await Promise.all(sessions.map((session) => assistanceSessionEvent(session, language, origin)))),
	]
	const t = await getT(language)
	return calendarFile(events, {
		name: t('calendar.feedName', { name: viewer.name, interpolation: { escapeValue: false } }),
		language,
		refreshHours: 6,
	})
}
