import { describe, expect, test } from 'vitest'
import { requestAs, routeArgs, run } from '#tests/helpers.ts'

/**
 * The authorization matrix for running cohorts: every role against every cohort route and action,
 * CSV exports included. 200 = allowed (or 302/400 for actions that redirect or validate), 302 = sent
 * to sign in, 403 = refused, 404 = not in this cohort.
 */
const ROLES = {
	signedOut: null,
	staff: 'staff@example.org',
	facilitator2025: 'facilitator@example.org',
	facilitator2024: 'facilitator.pos@example.org',
	delegateBolivia: 'delegate.bo@example.org',
	delegatePanama: 'delegate.pa@example.org',
	alumniTT: 'alumni.tt@example.org',
} as const
type Role = keyof typeof ROLES

const STAFF_ONLY: Record<Role, number> = { signedOut: 302, staff: 200, facilitator2025: 403, facilitator2024: 403, delegateBolivia: 403, delegatePanama: 403, alumniTT: 403 }
const RUNS_2025: Record<Role, number> = { ...STAFF_ONLY, facilitator2025: 200 }
const RUNS_2024: Record<Role, number> = { ...STAFF_ONLY, facilitator2024: 200 }
const NOT_IN_2025: Record<Role, number> = { ...RUNS_2025, staff: 404, facilitator2025: 404 }
const EVERYONE: Record<Role, number> = { signedOut: 302, staff: 200, facilitator2025: 200, facilitator2024: 200, delegateBolivia: 200, delegatePanama: 200, alumniTT: 200 }

type Module = { loader?: (args: any) => Promise<unknown>; action?: (args: any) => Promise<unknown> }
type Case = {
	label: string
	module: () => Promise<Module>
	path: string
	params: Record<string, string>
	form?: Record<string, string>
	expected: Record<Role, number>
	/** Status an allowed action answers with (a redirect after a save, or 200 with data). */
	allowedAs?: number
}

const routes = {
	list: () => import('#app/routes/cohorts._index.tsx'),
	create: () => import('#app/routes/cohorts.new.tsx'),
	edit: () => import('#app/routes/cohorts.$cohortId.edit.tsx'),
	dashboard: () => import('#app/routes/cohorts.$cohortId.dashboard.tsx'),
	reflections: () => import('#app/routes/cohorts.$cohortId.reflections.tsx'),
	checks: () => import('#app/routes/cohorts.$cohortId.checks.tsx'),
	newDelegation: () => import('#app/routes/cohorts.$cohortId.delegations.new.tsx'),
	delegation: () => import('#app/routes/cohorts.$cohortId.delegations.$delegationId.tsx'),
	delegate: () => import('#app/routes/cohorts.$cohortId.delegates.$userId.tsx'),
	roster: () => import('#app/routes/cohorts.$cohortId.roster[.]csv.tsx'),
	progress: () => import('#app/routes/cohorts.$cohortId.progress[.]csv.tsx'),
	invitations: () => import('#app/routes/cohorts.$cohortId.invitations[.]csv.tsx'),
	links: () => import('#app/routes/cohorts.$cohortId.links[.]csv.tsx'),
}

const p2025 = { cohortId: 'panama-2025' }
const p2024 = { cohortId: 'port-of-spain-2024' }

const LOADERS: Case[] = [
	{ label: 'GET /cohorts', module: routes.list, path: '/cohorts', params: {}, expected: EVERYONE },
	{ label: 'GET /cohorts/new', module: routes.create, path: '/cohorts/new', params: {}, expected: STAFF_ONLY },
	{ label: 'GET edit 2025', module: routes.edit, path: '/cohorts/panama-2025/edit', params: p2025, expected: STAFF_ONLY },
	{ label: 'GET dashboard 2025', module: routes.dashboard, path: '/cohorts/panama-2025/dashboard', params: p2025, expected: RUNS_2025 },
	{ label: 'GET dashboard 2024', module: routes.dashboard, path: '/cohorts/port-of-spain-2024/dashboard', params: p2024, expected: RUNS_2024 },
	{ label: 'GET reflections 2025', module: routes.reflections, path: '/cohorts/panama-2025/reflections', params: p2025, expected: RUNS_2025 },
	{ label: 'GET checks 2025', module: routes.checks, path: '/cohorts/panama-2025/checks', params: p2025, expected: RUNS_2025 },
	{ label: 'GET new delegation 2025', module: routes.newDelegation, path: '/cohorts/panama-2025/delegations/new', params: p2025, expected: RUNS_2025 },
	{ label: 'GET delegation BO 2025', module: routes.delegation, path: '/cohorts/panama-2025/delegations/panama-2025-bo', params: { ...p2025, delegationId: 'panama-2025-bo' }, expected: RUNS_2025 },
	{ label: 'GET delegation TT through 2025', module: routes.delegation, path: '/cohorts/panama-2025/delegations/port-of-spain-2024-tt', params: { ...p2025, delegationId: 'port-of-spain-2024-tt' }, expected: NOT_IN_2025 },
	{ label: 'GET delegate BO 2025', module: routes.delegate, path: '/cohorts/panama-2025/delegates/user-delegate-bo', params: { ...p2025, userId: 'user-delegate-bo' }, expected: RUNS_2025 },
	{ label: 'GET delegate TT through 2025', module: routes.delegate, path: '/cohorts/panama-2025/delegates/user-alumni-tt', params: { ...p2025, userId: 'user-alumni-tt' }, expected: NOT_IN_2025 },
	{ label: 'GET roster.csv 2025', module: routes.roster, path: '/cohorts/panama-2025/roster.csv', params: p2025, expected: RUNS_2025 },
	{ label: 'GET progress.csv 2025', module: routes.progress, path: '/cohorts/panama-2025/progress.csv', params: p2025, expected: RUNS_2025 },
	{ label: 'GET invitations.csv 2025', module: routes.invitations, path: '/cohorts/panama-2025/invitations.csv', params: p2025, expected: RUNS_2025 },
	{ label: 'GET roster.csv 2024', module: routes.roster, path: '/cohorts/port-of-spain-2024/roster.csv', params: p2024, expected: RUNS_2024 },
]

const ACTIONS: Case[] = [
	{
		label: 'POST /cohorts/new',
		module: routes.create,
		path: '/cohorts/new',
		params: {},
		form: { name: 'X' },
		expected: STAFF_ONLY,
		allowedAs: 400,
	},
	{
		label: 'POST edit 2025 (add facilitator)',
		module: routes.edit,
		path: '/cohorts/panama-2025/edit',
		params: p2025,
		form: { intent: 'addFacilitator', email: 'bb1@example.org' },
		expected: STAFF_ONLY,
	},
	{
		label: 'POST new delegation 2025',
		module: routes.newDelegation,
		path: '/cohorts/panama-2025/delegations/new',
		params: p2025,
		form: { countryCode: 'ZZ', napStatus: 'drafting' },
		expected: RUNS_2025,
		allowedAs: 400,
	},
	{
		label: 'POST delegation BO 2025 (NAP status)',
		module: routes.delegation,
		path: '/cohorts/panama-2025/delegations/panama-2025-bo',
		params: { ...p2025, delegationId: 'panama-2025-bo' },
		form: { intent: 'napStatus', napStatus: 'drafting' },
		expected: RUNS_2025,
	},
	{
		label: 'POST delegation TT through 2025',
		module: routes.delegation,
		path: '/cohorts/panama-2025/delegations/port-of-spain-2024-tt',
		params: { ...p2025, delegationId: 'port-of-spain-2024-tt' },
		form: { intent: 'napStatus', napStatus: 'drafting' },
		expected: NOT_IN_2025,
	},
	{
		label: 'POST links.csv 2025',
		module: routes.links,
		path: '/cohorts/panama-2025/links.csv',
		params: p2025,
		form: { name: 'A', email: 'a@example.org', url: 'http://localhost/invite/abc' },
		expected: RUNS_2025,
	},
]

describe('authorization matrix: running cohorts (role × route)', () => {
	for (const route of LOADERS) {
		for (const role of Object.keys(ROLES) as Role[]) {
			test(`${role} ${route.label} → ${route.expected[role]}`, async () => {
				const { loader } = await route.module()
				const result = await run(async () => loader!(routeArgs(await requestAs(ROLES[role], route.path), route.params)))
				expect(result.status).toBe(route.expected[role])
			})
		}
	}
	for (const route of ACTIONS) {
		for (const role of Object.keys(ROLES) as Role[]) {
			const expected = route.expected[role] === 200 ? (route.allowedAs ?? 200) : route.expected[role]
			test(`${role} ${route.label} → ${expected}`, async () => {
				const { action } = await route.module()
				const request = await requestAs(ROLES[role], route.path, { form: route.form })
				const result = await run(() => action!(routeArgs(request, route.params)))
				expect(result.status).toBe(expected)
			})
		}
	}
})
