import { requestAs, routeArgs, run } from '#tests/helpers.ts'

/**
 * The authorization matrix, shared by every resource area: the roles (seed users) and how a case is
 * written and run. The cases themselves are in `cases.ts`, one table per area.
 *
 * Statuses: 200 = allowed (or what an allowed action answers with: 302 after a save, 400 for the
 * deliberately invalid form, 409 for a refused transition), 302 = sent to sign in (or redirected),
 * 403 = refused, 404 = not found / not in this cohort.
 */
export const ROLES = {
	signedOut: null,
	staff: 'staff@example.org',
	/** Facilitator of panama-2025. */
	facilitator2025: 'facilitator@example.org',
	/** Facilitator of port-of-spain-2024 (closed). */
	facilitator2024: 'facilitator.pos@example.org',
	/** Delegate of Bolivia, panama-2025: another delegation of Panama's cohort. */
	delegateBolivia: 'delegate.bo@example.org',
	/** Lead of the Panama delegation, panama-2025. */
	leadPanama: 'delegate.pa@example.org',
	/** A member (not the lead) of the Panama delegation. */
	memberPanama: 'pa2@example.org',
	/** Alumni of Trinidad and Tobago, port-of-spain-2024 (closed). */
	alumniTT: 'alumni.tt@example.org',
} as const
export type Role = keyof typeof ROLES
export const ROLE_NAMES = Object.keys(ROLES) as Role[]
export type Expected = Record<Role, number>

/** Every role gets `status`, except a signed-out visitor, who is sent to sign in. */
export const signedIn = (status: number, overrides: Partial<Expected> = {}): Expected => ({
	signedOut: 302,
	staff: status,
	facilitator2025: status,
	facilitator2024: status,
	delegateBolivia: status,
	leadPanama: status,
	memberPanama: status,
	alumniTT: status,
	...overrides,
})
/** The same status for everyone, signed in or not. */
export const everyone = (status: number, overrides: Partial<Expected> = {}): Expected => ({
	...signedIn(status),
	signedOut: status,
	...overrides,
})
/** Only staff get `status`; every other signed-in role is refused. */
export const staffOnly = (status = 200, overrides: Partial<Expected> = {}): Expected => ({ ...signedIn(403), staff: status, ...overrides })

/**
 * A route file in app/routes, as it is named there ("cohorts.$cohortId.edit.tsx"), or a route
 * folder's route module ("cohorts.$cohortId.delegations.$delegationId/route.tsx").
 */
export type RouteFile = string
export type RouteModule = {
	loader?: (args: any) => Promise<unknown>
	action?: (args: any) => Promise<unknown>
}

export type Case = {
	label: string
	route: RouteFile
	kind: 'loader' | 'action'
	path: string
	params: Record<string, string>
	form?: Record<string, string>
	expected: Expected
	/**
	 * The route redirects every visitor somewhere other than the sign-in page (logout, the language
	 * switcher, `/roadmap`): a signed-out 302 is not checked to point at /login.
	 */
	redirects?: boolean
	/** The delegation whose roadmap is shared with its cohort while the case runs (unshared after). */
	shares?: string
}

const routeModules = import.meta.glob<RouteModule>(['/app/routes/*.tsx', '/app/routes/*/route.tsx'])

/** Every route file name, from app/routes (a route folder by its route.tsx): the list a new route joins automatically. */
export const ROUTE_FILES: RouteFile[] = Object.keys(routeModules)
	.map((key) => key.slice('/app/routes/'.length))
	.sort()

export async function loadRoute(file: RouteFile): Promise<RouteModule> {
	const load = routeModules[`/app/routes/${file}`]
	if (!load) throw new Error(`No route file app/routes/${file}`)
	return load()
}

/** Runs a loader or action as `role` and returns what a client would get. */
export async function call(role: Role, c: Pick<Case, 'route' | 'kind' | 'path' | 'params' | 'form'>) {
	const route = await loadRoute(c.route)
	const fn = route[c.kind]
	if (!fn) throw new Error(`${c.route} exports no ${c.kind}`)
	const request = await requestAs(ROLES[role], c.path, c.kind === 'action' ? { form: c.form ?? {} } : {})
	const result = await run(() => fn(routeArgs(request, c.params)))
	// A live stream that was let through is closed once its status is known.
	if (result.response?.headers.get('Content-Type')?.startsWith('text/event-stream')) await result.response.body?.cancel()
	return result
}
