/**
 * iCalendar (.ics) for the Academy's dates: a cohort's convening and pre-work due date, and a
 * scheduled technical-assistance session. Each `*Event` function returns one event's data in the
 * reader's language; `calendarFile` wraps any number of them into a file. A download, the private
 * feed and an invitation mail's attachment all build their .ics from these.
 *
 * Time zones: everything the Academy stores here is a calendar day (a convening's start and end
 * dates, a pre-work due date, a TA session's scheduled date), never a time of day. Each is written
 * as an all-day event with DATE values (`DTSTART;VALUE=DATE:20250624`), which RFC 5545 defines as
 * the same days wherever the reader is: 24–26 June in Panama City is 24–26 June in Outlook, Google
 * and Apple Calendar in any time zone, with no VTIMEZONE to get wrong. DTEND is the day after the
 * last day (RFC 5545: DTEND is exclusive). DTSTAMP is a UTC instant.
 *
 * UIDs are stable (`convening-<cohortId>@<host>`), with the host of APP_ORIGIN, or `nap-academy`
 * when it is not set, never the request's Host header: a re-downloaded or re-fetched event updates
 * the one already in the reader's calendar instead of adding a second.
 */
import ical, { ICalCalendarMethod, type ICalEventData, ICalEventTransparency } from 'ical-generator'
import { mailOrigin } from '#app/features/mail/outbox.server.ts'
import { env } from '#app/utils/env.server.ts'
import { countryName, formatDateRange } from '#app/utils/format.ts'
import type { Language } from '#app/utils/i18n.ts'
import { getT } from '#app/utils/i18n.server.ts'
import type { AssistanceStatus, Cohort } from '#db/schema.ts'

/** Calendar and message text is not HTML: values go in as they are. */
const RAW = { escapeValue: false }

export type CalendarCohort = Pick<
	Cohort,
	'id' | 'name' | 'host_city' | 'host_country' | 'venue' | 'start_date' | 'end_date' | 'prework_due_date'
>

export type CalendarAssistance = {
	id: string
	topic: string
	format: string
	status: AssistanceStatus
	need: string
	scheduled_for: string | null
	country_code: string
	cohortName: string
}

/** The host part of every UID: the Academy's public host, the same for every request. */
export function uidDomain() {
	return env.APP_ORIGIN ? new URL(env.APP_ORIGIN).host : 'nap-academy'
}

/** Where links in a calendar point: APP_ORIGIN, or the origin the request came to. */
export function calendarOrigin(request?: Request) {
	return mailOrigin(request)
}

/** An ISO date (YYYY-MM-DD) as the UTC midnight ical-generator writes as a DATE value. */
function day(date: string) {
	const value = new Date(`${date.slice(0, 10)}T00:00:00Z`)
	if (Number.isNaN(value.getTime())) throw new Error(`Not a date: ${date}`)
	return value
}

/** The day after an ISO date: an all-day event's exclusive DTEND. */
function dayAfter(date: string) {
	return new Date(day(date).getTime() + 86_400_000)
}

function place(cohort: CalendarCohort, language: Language) {
	return [cohort.venue, cohort.host_city, countryName(cohort.host_country, language)].filter(Boolean).join(', ')
}

/** The convening: an all-day event from its first to its last day, at the venue, linking to the cohort page. */
export async function conveningEvent(cohort: CalendarCohort, language: Language, origin: string): Promise<ICalEventData> {
	const t = await getT(language)
	const url = `${origin}/cohorts/${cohort.id}`
	return {
		id: `convening-${cohort.id}@${uidDomain()}`,
		allDay: true,
		start: day(cohort.start_date),
		end: dayAfter(cohort.end_date),
		summary: t('calendar.event.conveningSummary', { interpolation: RAW, name: cohort.name }),
		description: t('calendar.event.conveningDescription', {
			interpolation: RAW,
			name: cohort.name,
			place: place(cohort, language),
			dates: formatDateRange(cohort.start_date, cohort.end_date, language),
			url,
		}),
		location: place(cohort, language),
		url,
	}
}

/** The pre-work due date of a cohort (null when it has none): a free (transparent) all-day reminder. */
export async function preworkDueEvent(cohort: CalendarCohort, language: Language, origin: string): Promise<ICalEventData | null> {
	if (!cohort.prework_due_date) return null
	const t = await getT(language)
	const url = `${origin}/learn`
	return {
		id: `prework-${cohort.id}@${uidDomain()}`,
		allDay: true,
		start: day(cohort.prework_due_date),
		end: dayAfter(cohort.prework_due_date),
		summary: t('calendar.event.preworkSummary', { interpolation: RAW, name: cohort.name }),
		description: t('calendar.event.preworkDescription', {
			interpolation: RAW,
			name: cohort.name,
			dates: formatDateRange(cohort.start_date, cohort.end_date, language),
			url,
		}),
		transparency: ICalEventTransparency.TRANSPARENT,
		url,
	}
}

/** A scheduled TA session (null when the request has no date): an all-day event on its scheduled day. */
export async function assistanceSessionEvent(
	assistance: CalendarAssistance,
	language: Language,
	origin: string,
): Promise<ICalEventData | null> {
	if (!assistance.scheduled_for || assistance.status === 'declined') return null
	const t = await getT(language)
	const url = `${origin}/assistance/${assistance.id}`
	const topic = t(`assistance.topics.${assistance.topic}`)
	const format = t(`assistance.formats.${assistance.format}`)
	return {
		id: `assistance-${assistance.id}@${uidDomain()}`,
		allDay: true,
		start: day(assistance.scheduled_for),
		end: dayAfter(assistance.scheduled_for),
		summary: t('calendar.event.assistanceSummary', { interpolation: RAW, topic, country: countryName(assistance.country_code, language) }),
		description: t('calendar.event.assistanceDescription', {
			interpolation: RAW,
			format,
			status: t(`assistance.statuses.${assistance.status}`),
			cohort: assistance.cohortName,
			need: assistance.need,
			url,
		}),
		location: format,
		url,
	}
}

/** An .ics file of these events (nulls are skipped), named for the calendar app's list. */
export function calendarFile(
	events: Array<ICalEventData | null>,
	options: { name: string; language: Language; refreshHours?: number },
): string {
	const calendar = ical({
		name: options.name,
		prodId: { company: 'NAP Academy', product: 'Calendar', language: options.language.toUpperCase() },
		method: ICalCalendarMethod.PUBLISH,
		// A subscribed feed: how often a calendar app should fetch it again.
		...(options.refreshHours ? { ttl: options.refreshHours * 3600 } : {}),
	})
	for (const event of events) if (event) calendar.createEvent(event)
	return calendar.toString()
}

/** A file name for a download: letters, digits and dashes only. */
export function icsFileName(base: string) {
	const safe = base
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^A-Za-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.toLowerCase()
	return `${safe || 'calendar'}.ics`
}

/** The response for an .ics: text/calendar in UTF-8, as a download (`attachment`) or for a subscribed app. */
export function icsResponse(body: string, options: { fileName: string; download: boolean }) {
	return new Response(body, {
		headers: {
			'Content-Type': 'text/calendar; charset=utf-8',
			'Content-Disposition': `${options.download ? 'attachment' : 'inline'}; filename="${options.fileName}"`,
			'Cache-Control': 'private, no-cache',
			'X-Robots-Tag': 'noindex',
		},
	})
}
