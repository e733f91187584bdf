import { isRouteErrorResponse } from '@remix-run/react'

/**
 * An error the router raises itself for a request that simply has no answer here — a POST to a page
 * without an action (405), a method the router does not take, a URL no route matches (404). It is
 * answered with its status and a page; it is not a fault of the app, so it is not logged (a
 * scanner's run must not fill the log with stack traces).
 */
export function isRequestMismatch(error: unknown) {
	if (!isRouteErrorResponse(error)) return false
	const internal = 'internal' in error && (error as { internal?: unknown }).internal === true
	return internal && (error.status === 404 || error.status === 405)
}

/** The methods a page without an action answers, for the `Allow` header of its 405. */
export const PAGE_METHODS = 'GET, HEAD'
