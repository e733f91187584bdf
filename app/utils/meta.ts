import { isRouteErrorResponse, type MetaArgs, type MetaDescriptor } from '@remix-run/react'

export type ErrorKind = 'forbidden' | 'notFound' | 'badRequest' | 'unavailable' | 'unexpected'

export function errorKind(status: number): ErrorKind {
	if (status === 403) return 'forbidden'
	if (status === 404) return 'notFound'
	if (status === 503) return 'unavailable'
	return status < 500 ? 'badRequest' : 'unexpected'
}

/** What the root loader sends so that any page, even a failed one, has a translated title. */
export type PageTitles = { appName: string; errors: Record<ErrorKind, string> }

function titlesFrom(matches: MetaArgs['matches']) {
	return (matches.find((match) => match.id === 'root')?.data as { titles?: PageTitles } | undefined)?.titles
}

/** The title of an error page: "Page not found · NAP Academy". */
export function errorTitle(error: unknown, matches: MetaArgs['matches']) {
	const titles = titlesFrom(matches)
	if (!titles) return undefined
	const kind = errorKind(isRouteErrorResponse(error) ? error.status : 500)
	return `${titles.errors[kind]} · ${titles.appName}`
}

/**
 * A route's meta. When the route failed (a 403, a 404…) it has no data, and the page gets the
 * error's title instead, so that no page is ever without a title.
 */
export function pageMeta<Loader>(describe: (data: NonNullable<MetaArgs<Loader>['data']>) => MetaDescriptor[]) {
	return (args: MetaArgs<Loader>): MetaDescriptor[] =>
		args.data ? describe(args.data as NonNullable<MetaArgs<Loader>['data']>) : [{ title: errorTitle(args.error, args.matches) }]
}
