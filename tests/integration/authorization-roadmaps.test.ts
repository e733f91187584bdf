import { describe, expect, test } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import { requestAs, routeArgs, run } from '#tests/helpers.ts'

/**
 * The authorization matrix for roadmaps: member (and lead), another member, another delegation of
 * the same cohort, facilitator of the cohort, facilitator of another cohort, staff, alumni of another
 * cohort, signed out — against every roadmap route and action.
 */
const ROLES = {
	signedOut: null,
	staff: 'staff@example.org',
	facilitator2025: 'facilitator@example.org',
	facilitator2024: 'facilitator.pos@example.org',
	leadPanama: 'delegate.pa@example.org',
	memberPanama: 'pa2@example.org',
	otherDelegation: 'delegate.bo@example.org',
	alumniTT: 'alumni.tt@example.org',
} as const
type Role = keyof typeof ROLES
type Expect = Record<Role, number>

const READ: Expect = { signedOut: 302, staff: 200, facilitator2025: 200, facilitator2024: 403, leadPanama: 200, memberPanama: 200, otherDelegation: 403, alumniTT: 403 }
const READ_SHARED: Expect = { ...READ, otherDelegation: 200 }

const routes = {
	overview: () => import('#app/routes/roadmaps.$delegationId._index.tsx'),
	section: () => import('#app/routes/roadmaps.$delegationId.$section.tsx'),
	history: () => import('#app/routes/roadmaps.$delegationId.history.tsx'),
	print: () => import('#app/routes/roadmaps.$delegationId.print.tsx'),
	json: () => import('#app/routes/roadmaps.$delegationId.roadmap[.]json.tsx'),
	actions: () => import('#app/routes/roadmaps.$delegationId.actions[.]csv.tsx'),
	indicators: () => import('#app/routes/roadmaps.$delegationId.indicators[.]csv.tsx'),
	peers: () => import('#app/routes/cohorts.$cohortId.roadmaps.tsx'),
}
const pa = { delegationId: 'panama-2025-pa' }
const LOADERS = [
	{ label: 'overview', module: routes.overview, path: '/roadmaps/panama-2025-pa', params: pa },
	{ label: 'section', module: routes.section, path: '/roadmaps/panama-2025-pa/strategic-design', params: { ...pa, section: 'strategic-design' } },
	{ label: 'history', module: routes.history, path: '/roadmaps/panama-2025-pa/history', params: pa },
	{ label: 'print', module: routes.print, path: '/roadmaps/panama-2025-pa/print', params: pa },
	{ label: 'roadmap.json', module: routes.json, path: '/roadmaps/panama-2025-pa/roadmap.json', params: pa },
	{ label: 'actions.csv', module: routes.actions, path: '/roadmaps/panama-2025-pa/actions.csv', params: pa },
	{ label: 'indicators.csv', module: routes.indicators, path: '/roadmaps/panama-2025-pa/indicators.csv', params: pa },
]

async function status(role: Role, module: () => Promise<any>, path: string, params: Record<string, string>, form?: Record<string, string>) {
	const route = await module()
	const request = await requestAs(ROLES[role], path, form ? { form } : {})
	return (await run(() => (form ? route.action : route.loader)(routeArgs(request, params)))).status
}

describe('authorization matrix: roadmaps (role × route)', () => {
	for (const route of LOADERS) {
		for (const role of Object.keys(ROLES) as Role[]) {
			test(`${role} GET ${route.label} (not shared) → ${READ[role]}`, async () => {
				expect(await status(role, route.module, route.path, route.params)).toBe(READ[role])
			})
		}
	}

	const ACTIONS: Array<{ label: string; module: () => Promise<any>; path: string; params: Record<string, string>; form: Record<string, string>; expected: Expect }> = [
		{
			label: 'add an objective',
			module: routes.section,
			path: '/roadmaps/panama-2025-pa/strategic-design',
			params: { ...pa, section: 'strategic-design' },
			form: { intent: 'create', kind: 'pillar', name: 'Matrix pillar' },
			expected: { signedOut: 302, staff: 403, facilitator2025: 403, facilitator2024: 403, leadPanama: 302, memberPanama: 302, otherDelegation: 403, alumniTT: 403 },
		},
		{
			label: 'comment',
			module: routes.section,
			path: '/roadmaps/panama-2025-pa/coordination',
			params: { ...pa, section: 'coordination' },
			form: { intent: 'comment', body: 'Who chairs the group?' },
			expected: { signedOut: 302, staff: 302, facilitator2025: 302, facilitator2024: 403, leadPanama: 302, memberPanama: 302, otherDelegation: 403, alumniTT: 403 },
		},
		{
			label: 'share with the cohort',
			module: routes.overview,
			path: '/roadmaps/panama-2025-pa',
			params: pa,
			form: { intent: 'share', shared: 'false' },
			expected: { signedOut: 302, staff: 403, facilitator2025: 403, facilitator2024: 403, leadPanama: 302, memberPanama: 403, otherDelegation: 403, alumniTT: 403 },
		},
		{
			label: 'reopen (not final: 409 for those allowed)',
			module: routes.overview,
			path: '/roadmaps/panama-2025-pa',
			params: pa,
			form: { intent: 'reopen' },
			expected: { signedOut: 302, staff: 409, facilitator2025: 403, facilitator2024: 403, leadPanama: 409, memberPanama: 403, otherDelegation: 403, alumniTT: 403 },
		},
		{
			label: 'import',
			module: routes.overview,
			path: '/roadmaps/panama-2025-pa',
			params: pa,
			form: { intent: 'import', json: '{}' },
			expected: { signedOut: 302, staff: 403, facilitator2025: 403, facilitator2024: 403, leadPanama: 400, memberPanama: 400, otherDelegation: 403, alumniTT: 403 },
		},
	]
	for (const action of ACTIONS) {
		for (const role of Object.keys(ROLES) as Role[]) {
			test(`${role} POST ${action.label} → ${action.expected[role]}`, async () => {
				expect(await status(role, action.module, action.path, action.params, action.form)).toBe(action.expected[role])
			})
		}
	}

	test('alumni keep editing their own delegation’s roadmap', async () => {
		expect(
			await status('alumniTT', routes.section, '/roadmaps/port-of-spain-2024-tt/theory-of-change', { delegationId: 'port-of-spain-2024-tt', section: 'theory-of-change' }, { intent: 'create', kind: 'assumption', text: 'The office keeps its mandate' }),
		).toBe(302)
	})

	test('once shared, other delegations of the cohort read it — and only read', async () => {
		await db.updateTable('roadmaps').set({ shared_with_cohort: 1 }).where('delegation_id', '=', 'panama-2025-pa').execute()
		for (const role of Object.keys(ROLES) as Role[]) {
			expect(await status(role, routes.overview, '/roadmaps/panama-2025-pa', pa), role).toBe(READ_SHARED[role])
		}
		expect(
			await status('otherDelegation', routes.section, '/roadmaps/panama-2025-pa/strategic-design', { ...pa, section: 'strategic-design' }, { intent: 'create', kind: 'pillar', name: 'Intruder' }),
		).toBe(403)
		const peers = { signedOut: 302, staff: 200, facilitator2025: 200, facilitator2024: 403, leadPanama: 200, memberPanama: 200, otherDelegation: 200, alumniTT: 403 }
		for (const role of Object.keys(ROLES) as Role[]) {
			expect(await status(role, routes.peers, '/cohorts/panama-2025/roadmaps', { cohortId: 'panama-2025' }), role).toBe(peers[role])
		}
	})

	test('an unknown delegation or section is a 404', async () => {
		expect(await status('staff', routes.overview, '/roadmaps/nope', { delegationId: 'nope' })).toBe(404)
		expect(await status('leadPanama', routes.section, '/roadmaps/panama-2025-pa/nope', { ...pa, section: 'nope' })).toBe(404)
	})
})
