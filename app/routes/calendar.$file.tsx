import { type LoaderFunctionArgs } from '@remix-run/node'
import { feedCalendar } from '#app/features/calendar/feed.server.ts'
import { icsResponse } from '#app/features/calendar/ics.server.ts'
import { requireCalendarFeed } from '#app/utils/access.server.ts'

/** A person's private calendar feed, /calendar/<token>.ics, for calendar apps that subscribe to it (no session). */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer } = await requireCalendarFeed(params.file)
	return icsResponse(await feedCalendar(viewer, request), { fileName: 'nap-academy.ics', download: false })
}
