import ICAL from 'ical.js'
import { describe, expect, test } from 'vitest'
import { sha256 } from '#app/features/auth/auth.server.ts'
import { feedUrl, resetFeed } from '#app/features/calendar/feed.server.ts'
import { assistanceSessionEvent, calendarFile, conveningEvent, preworkDueEvent } from '#app/features/calendar/ics.server.ts'
import * as assistanceCalendar from '#app/routes/assistance.$requestId_.calendar[.]ics.tsx'
import * as feedRoute from '#app/routes/calendar.$file.tsx'
import * as cohortCalendar from '#app/routes/cohorts.$cohortId.calendar[.]ics.tsx'
import * as settings from '#app/routes/settings.tsx'
import { db } from '#app/utils/db.server.ts'
import { requestAs, routeArgs, run, userIdFor } from '#tests/helpers.ts'

const ORIGIN = 'http://localhost'

type Parsed = { uid: string; summary: string; description: string; location: string; url: string; start: ICAL.Time; end: ICAL.Time }

/** An .ics read back by an iCalendar parser (ical.js), one entry per VEVENT. */
function parse(ics: string) {
	const calendar = new ICAL.Component(ICAL.parse(ics))
	const events: Parsed[] = calendar.getAllSubcomponents('vevent').map((vevent) => {
		const event = new ICAL.Event(vevent)
		return {
			uid: event.uid,
			summary: event.summary,
			description: event.description,
			location: event.location,
			url: String(vevent.getFirstPropertyValue('url') ?? ''),
			start: event.startDate,
			end: event.endDate,
		}
	})
	return { name: String(calendar.getFirstPropertyValue('x-wr-calname') ?? ''), events }
}

const ymd = (time: ICAL.Time) => `${time.year}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`

async function cohort(id: string) {
	return db.selectFrom('cohorts').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

async function conveningIcs(id: string, language: 'en' | 'es') {
	return calendarFile([await conveningEvent(await cohort(id), language, ORIGIN)], { name: id, language })
}

/** The .ics without its DTSTAMP lines (the moment it was made). */
const withoutStamp = (ics: string) => ics.replace(/^DTSTAMP:.*$/gm, '')

async function inZone<T>(zone: string, fn: () => Promise<T>) {
	const before = process.env.TZ
	process.env.TZ = zone
	try {
		return await fn()
	} finally {
		if (before === undefined) delete process.env.TZ
		else process.env.TZ = before
	}
}

describe('.ics of a convening', () => {
	test('Panama City (UTC−5): 24–26 June 2025 as whole days, the same in any time zone the server runs in', async () => {
		const inPanama = await inZone('America/Panama', () => conveningIcs('panama-2025', 'en'))
		const inTokyo = await inZone('Asia/Tokyo', () => conveningIcs('panama-2025', 'en'))
		expect(withoutStamp(inTokyo)).toBe(withoutStamp(inPanama))
		expect(inPanama).toContain('DTSTART;VALUE=DATE:20250624')
		// DTEND is exclusive: the convening's last day is the 26th.
		expect(inPanama).toContain('DTEND;VALUE=DATE:20250627')
		const [event] = parse(inPanama).events
		expect(event!.start.isDate).toBe(true)
		expect(ymd(event!.start)).toBe('2025-06-24')
		expect(ymd(event!.end)).toBe('2025-06-27')
		expect(event!.location).toBe('Ministry of Foreign Affairs, Panama City, Panama')
	})

	test('Port of Spain (UTC−4): 13–15 May 2024, whole days', async () => {
		const ics = await inZone('America/Port_of_Spain', () => conveningIcs('port-of-spain-2024', 'en'))
		const [event] = parse(ics).events
		expect(event!.start.isDate).toBe(true)
		expect(ymd(event!.start)).toBe('2024-05-13')
		expect(ymd(event!.end)).toBe('2024-05-16')
		expect(event!.location).toBe('Port of Spain, Trinidad & Tobago')
	})

	test('the UID is stable: the same on every download and in both languages; DTSTAMP is a UTC instant', async () => {
		const first = parse(await conveningIcs('panama-2025', 'en')).events[0]!
		const again = parse(await conveningIcs('panama-2025', 'es')).events[0]!
		expect(first.uid).toBe('convening-panama-2025@nap-academy')
		expect(again.uid).toBe(first.uid)
		expect(await conveningIcs('panama-2025', 'en')).toMatch(/^DTSTAMP:\d{8}T\d{6}Z$/m)
	})

	test('summary, description and location in the reader’s language, with a link back to the cohort page', async () => {
		const en = parse(await conveningIcs('panama-2025', 'en')).events[0]!
		const es = parse(await conveningIcs('panama-2025', 'es')).events[0]!
		expect(en.summary).toBe('Panama City 2025 – NAP Academy convening')
		expect(en.description).toContain('June 24 – 26, 2025')
		expect(es.summary).toBe('Panama City 2025 – encuentro de la Academia PAN')
		expect(es.description).toContain('24–26 de junio de 2025')
		expect(es.location).toBe('Ministry of Foreign Affairs, Panama City, Panamá')
		expect(en.url).toBe(`${ORIGIN}/cohorts/panama-2025`)
		expect(es.description).toContain(`${ORIGIN}/cohorts/panama-2025`)
	})

	test('the pre-work due date is a whole day of its own, with its own UID', async () => {
		const ics = calendarFile([await preworkDueEvent(await cohort('panama-2025'), 'es', ORIGIN)], { name: 'x', language: 'es' })
		const [event] = parse(ics).events
		expect(event!.uid).toBe('prework-panama-2025@nap-academy')
		expect(ymd(event!.start)).toBe('2025-06-17')
		expect(event!.summary).toBe('Fecha límite del trabajo previo – Panama City 2025')
		expect(ics).toContain('TRANSP:TRANSPARENT')
	})
})

describe('.ics of a TA session', () => {
	const session = {
		id: 'ta-bo-local',
		topic: 'localization',
		format: 'peer_exchange',
		status: 'scheduled' as const,
		need: 'Queremos intercambiar con otra delegación.',
		scheduled_for: '2027-01-20',
		country_code: 'BO',
		cohortName: 'Panama City 2025',
	}

	test('on its scheduled day, in English and Spanish', async () => {
		const en = parse(calendarFile([await assistanceSessionEvent(session, 'en', ORIGIN)], { name: 'x', language: 'en' })).events[0]!
		const es = parse(calendarFile([await assistanceSessionEvent(session, 'es', ORIGIN)], { name: 'x', language: 'es' })).events[0]!
		expect(en.uid).toBe('assistance-ta-bo-local@nap-academy')
		expect(es.uid).toBe(en.uid)
		expect(ymd(en.start)).toBe('2027-01-20')
		expect(ymd(en.end)).toBe('2027-01-21')
		expect(en.summary).toBe('Technical assistance: Localization (Bolivia)')
		expect(es.summary).toBe('Asistencia técnica: Localización (Bolivia)')
		expect(en.url).toBe(`${ORIGIN}/assistance/ta-bo-local`)
	})

	test('no event for a request without a date or a declined one', async () => {
		expect(await assistanceSessionEvent({ ...session, scheduled_for: null }, 'en', ORIGIN)).toBeNull()
		expect(await assistanceSessionEvent({ ...session, status: 'declined' }, 'en', ORIGIN)).toBeNull()
	})
})

describe('downloads', () => {
	test('the cohort page’s .ics: text/calendar, a download, for who may see the cohort', async () => {
		const ok = await run(async () =>
			cohortCalendar.loader(
				routeArgs(await requestAs('delegate.bo@example.org', '/cohorts/panama-2025/calendar.ics'), { cohortId: 'panama-2025' }),
			),
		)
		expect(ok.status).toBe(200)
		expect(ok.response!.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
		expect(ok.response!.headers.get('Content-Disposition')).toContain('attachment')
		// The delegate reads Spanish (their profile's language).
		expect(parse(await ok.response!.text()).events[0]!.summary).toBe('Panama City 2025 – encuentro de la Academia PAN')
		const refused = await run(async () =>
			cohortCalendar.loader(
				routeArgs(await requestAs('alumni.tt@example.org', '/cohorts/panama-2025/calendar.ics'), { cohortId: 'panama-2025' }),
			),
		)
		expect(refused.status).toBe(403)
	})

	test('a scheduled request’s .ics; 404 for one that has no date', async () => {
		const ok = await run(async () =>
			assistanceCalendar.loader(
				routeArgs(await requestAs('delegate.bo@example.org', '/assistance/ta-bo-local/calendar.ics'), { requestId: 'ta-bo-local' }),
			),
		)
		expect(ok.status).toBe(200)
		expect(parse(await ok.response!.text()).events.map((e) => ymd(e.start))).toEqual(['2027-01-20'])
		const open = await run(async () =>
			assistanceCalendar.loader(
				routeArgs(await requestAs('delegate.pa@example.org', '/assistance/ta-pa-costing/calendar.ics'), { requestId: 'ta-pa-costing' }),
			),
		)
		expect(open.status).toBe(404)
	})
})

/** The feed as a calendar app gets it. */
async function fetchFeed(token: string) {
	return run(async () => feedRoute.loader(routeArgs(new Request(`${ORIGIN}/calendar/${token}.ics`), { file: `${token}.ics` })))
}

async function feedOf(email: string) {
	const token = await resetFeed(await userIdFor(email))
	const result = await fetchFeed(token)
	expect(result.status).toBe(200)
	expect(result.response!.headers.get('Content-Type')).toBe('text/calendar; charset=utf-8')
	return parse(await result.response!.text())
}

describe('the private feed', () => {
	test('a delegate: their convening, its pre-work due date and their delegation’s scheduled TA session, in Spanish', async () => {
		const feed = await feedOf('delegate.bo@example.org')
		expect(feed.events.map((e) => e.uid)).toEqual([
			'convening-panama-2025@nap-academy',
			'prework-panama-2025@nap-academy',
			'assistance-ta-bo-local@nap-academy',
		])
		expect(feed.events[0]!.summary).toBe('Panama City 2025 – encuentro de la Academia PAN')
		expect(feed.name).toMatch(/^Academia PAN – /)
	})

	test('a delegate of another delegation does not get Bolivia’s session; alumni get their 2024 convening and sessions', async () => {
		const panama = await feedOf('delegate.pa@example.org')
		expect(panama.events.map((e) => e.uid)).toEqual(['convening-panama-2025@nap-academy', 'prework-panama-2025@nap-academy'])
		const alumni = await feedOf('alumni.tt@example.org')
		expect(alumni.events.map((e) => e.uid)).toEqual([
			'convening-port-of-spain-2024@nap-academy',
			'prework-port-of-spain-2024@nap-academy',
			'assistance-ta-tt-coord@nap-academy',
			'assistance-ta-tt-me@nap-academy',
		])
		expect(alumni.events[0]!.summary).toBe('Port of Spain 2024 – NAP Academy convening')
	})

	test('a facilitator: the convenings of the cohorts they run, no TA sessions', async () => {
		const feed = await feedOf('facilitator.pos@example.org')
		expect(feed.events.map((e) => e.uid)).toEqual(['convening-port-of-spain-2024@nap-academy', 'prework-port-of-spain-2024@nap-academy'])
	})

	test('staff: the sessions assigned to them', async () => {
		const feed = await feedOf('staff@example.org')
		expect(feed.events.map((e) => e.uid)).toEqual([
			'assistance-ta-tt-coord@nap-academy',
			'assistance-ta-tt-me@nap-academy',
			'assistance-ta-bo-local@nap-academy',
		])
		await db.updateTable('assistance_requests').set({ assignee_id: null }).where('id', '=', 'ta-bo-local').execute()
		try {
			expect((await feedOf('staff@example.org')).events.map((e) => e.uid)).not.toContain('assistance-ta-bo-local@nap-academy')
		} finally {
			await db.updateTable('assistance_requests').set({ assignee_id: 'user-staff' }).where('id', '=', 'ta-bo-local').execute()
		}
	})

	test('only the token’s hash is stored; a reset kills the old address; a wrong token is the same plain 404', async () => {
		const userId = await userIdFor('pa2@example.org')
		const first = await resetFeed(userId)
		const row = await db.selectFrom('calendar_feeds').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow()
		expect(row.token_hash).toBe(sha256(first))
		expect(JSON.stringify(row)).not.toContain(first)
		expect((await fetchFeed(first)).status).toBe(200)

		const second = await resetFeed(userId)
		expect(second).not.toBe(first)
		const old = await fetchFeed(first)
		expect(old.status).toBe(404)
		expect((await fetchFeed(second)).status).toBe(200)

		const wrong = await fetchFeed('x'.repeat(43))
		const malformed = await run(async () => feedRoute.loader(routeArgs(new Request(`${ORIGIN}/calendar/nope`), { file: 'nope' })))
		expect(wrong.status).toBe(404)
		expect(malformed.status).toBe(404)
		const bodies = await Promise.all([old, wrong, malformed].map((r) => r.response!.text()))
		expect(new Set(bodies).size).toBe(1)
		expect(old.response!.headers.get('Content-Type')).toContain('text/plain')
	})

	test('settings: making the feed shows its address once, the page then says it is on; turning it off kills it', async () => {
		const email = 'delegate.pa@example.org'
		const made = await run(async () =>
			settings.action(routeArgs(await requestAs(email, '/settings', { form: { intent: 'calendarFeed' } }))),
		)
		expect(made.status).toBe(200)
		const url = (made.data as { feedUrl: string }).feedUrl
		expect(url).toMatch(/^http:\/\/localhost\/calendar\/[A-Za-z0-9_-]{20,}\.ics$/)
		const token = /calendar\/(.+)\.ics$/.exec(url)![1]!
		expect((await fetchFeed(token)).status).toBe(200)

		const page = await run(async () => settings.loader(routeArgs(await requestAs(email, '/settings'))))
		expect((page.data as { feedCreatedAt: string | null }).feedCreatedAt).not.toBeNull()
		expect(JSON.stringify(page.data)).not.toContain(token)

		const off = await run(async () =>
			settings.action(routeArgs(await requestAs(email, '/settings', { form: { intent: 'calendarFeedOff' } }))),
		)
		expect(off.status).toBe(200)
		expect((await fetchFeed(token)).status).toBe(404)
		expect(feedUrl(ORIGIN, token)).toBe(url)
	})
})
