import { describe, expect, test } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import { AREAS, CASES, ROADMAP_READ } from '#tests/authorization/cases.ts'
import { call, type Expected, loadRoute, ROLE_NAMES, ROLES, ROUTE_FILES } from '#tests/authorization/matrix.ts'
import { requestAs, routeArgs, run } from '#tests/helpers.ts'

async function setShared(delegationId: string, shared: 0 | 1) {
	await db.updateTable('roadmaps').set({ shared_with_cohort: shared }).where('delegation_id', '=', delegationId).execute()
}

/**
 * The whole authorization matrix: every role against every route and action of every area, run in
 * one suite (`npm run test:authz`). Cases run in order on this file's own database copy.
 */
for (const [area, cases] of Object.entries(AREAS)) {
	describe(`authorization matrix: ${area} (role × route)`, () => {
		for (const c of cases) {
			for (const role of ROLE_NAMES) {
				test(`${role} ${c.label} → ${c.expected[role]}`, async () => {
					if (c.shares) await setShared(c.shares, 1)
					try {
						const result = await call(role, c)
						expect(result.status).toBe(c.expected[role])
						if (role === 'signedOut' && result.status === 302 && !c.redirects) {
							expect(result.response!.headers.get('Location')).toBe(`/login?${new URLSearchParams({ redirectTo: c.path })}`)
						}
					} finally {
						if (c.shares) await setShared(c.shares, 0)
					}
				})
			}
		}
	})
}

describe('authorization matrix: beyond the table', () => {
	test('a signed-out visitor cannot post to a lesson or to settings', async () => {
		const lesson = {
			route: 'learn.$module.$lesson.tsx',
			kind: 'action',
			path: '/learn/theory-of-change/why-a-theory-of-change',
			params: { module: 'theory-of-change', lesson: 'why-a-theory-of-change' },
		} as const
		expect((await call('signedOut', { ...lesson, form: { intent: 'complete' } })).status).toBe(302)
		expect(
			(
				await call('signedOut', {
					route: 'settings.tsx',
					kind: 'action',
					path: '/settings',
					params: {},
					form: { intent: 'profile', name: 'X Y', language: 'es' },
				})
			).status,
		).toBe(302)
	})

	test('delegates see the names of their cohort, but e-mail addresses only reach those who run it', async () => {
		const page = {
			route: 'cohorts.$cohortId._index.tsx',
			kind: 'loader',
			path: '/cohorts/panama-2025',
			params: { cohortId: 'panama-2025' },
		} as const
		type Page = { delegations: Array<{ members: Array<{ email: string | null; name: string }> }> }
		const delegateView = (await call('delegateBolivia', page)).data as Page
		const members = delegateView.delegations.flatMap((d) => d.members)
		expect(members).toHaveLength(24)
		expect(members.every((m) => m.email === null)).toBe(true)
		const facilitatorView = (await call('facilitator2025', page)).data as Page
		expect(facilitatorView.delegations.flatMap((d) => d.members).every((m) => m.email?.endsWith('@example.org'))).toBe(true)
	})

	test('alumni keep editing their own delegation’s roadmap', async () => {
		const result = await call('alumniTT', {
			route: 'roadmaps.$delegationId.theory-of-change.tsx',
			kind: 'action',
			path: '/roadmaps/port-of-spain-2024-tt/theory-of-change',
			params: { delegationId: 'port-of-spain-2024-tt', section: 'theory-of-change' },
			form: { intent: 'create', kind: 'assumption', text: 'The office keeps its mandate' },
		})
		expect(result.status).toBe(302)
	})

	test('once shared, other delegations of the cohort read it — and only read', async () => {
		const pa = { delegationId: 'panama-2025-pa' }
		await db.updateTable('roadmaps').set({ shared_with_cohort: 1 }).where('delegation_id', '=', 'panama-2025-pa').execute()
		try {
			const readShared: Expected = { ...ROADMAP_READ, delegateBolivia: 200 }
			for (const role of ROLE_NAMES) {
				expect(
					(await call(role, { route: 'roadmaps.$delegationId._index.tsx', kind: 'loader', path: '/roadmaps/panama-2025-pa', params: pa }))
						.status,
					role,
				).toBe(readShared[role])
			}
			const intruder = await call('delegateBolivia', {
				route: 'roadmaps.$delegationId.strategic-design.tsx',
				kind: 'action',
				path: '/roadmaps/panama-2025-pa/strategic-design',
				params: { ...pa, section: 'strategic-design' },
				form: { intent: 'create', kind: 'pillar', name: 'Intruder' },
			})
			expect(intruder.status).toBe(403)
			const peers: Expected = {
				signedOut: 302,
				staff: 200,
				facilitator2025: 200,
				facilitator2024: 403,
				leadPanama: 200,
				memberPanama: 200,
				delegateBolivia: 200,
				alumniTT: 403,
			}
			for (const role of ROLE_NAMES) {
				expect(
					(
						await call(role, {
							route: 'cohorts.$cohortId.roadmaps.tsx',
							kind: 'loader',
							path: '/cohorts/panama-2025/roadmaps',
							params: { cohortId: 'panama-2025' },
						})
					).status,
					role,
				).toBe(peers[role])
			}
		} finally {
			await db.updateTable('roadmaps').set({ shared_with_cohort: 0 }).where('delegation_id', '=', 'panama-2025-pa').execute()
		}
	})

	test('the worked example: every role reads it, no role may change it, and it answers no form', async () => {
		const page = await loadRoute('roadmap.example.tsx')
		expect(page.action).toBeUndefined()
		expect((await loadRoute('roadmap.example[.]json.tsx')).action).toBeUndefined()
		for (const role of ROLE_NAMES) {
			const result = await call(role, { route: 'roadmap.example.tsx', kind: 'loader', path: '/roadmap/example', params: {} })
			if (role === 'signedOut') {
				expect(result.status).toBe(302)
				continue
			}
			expect(result.status, role).toBe(200)
			expect(result.data, role).toMatchObject({ abilities: { edit: false, comment: false, manage: false } })
		}
	})

	test('an unknown delegation or section is a 404', async () => {
		const overview = await loadRoute('roadmaps.$delegationId._index.tsx')
		const section = await loadRoute('roadmaps.$delegationId.strategic-design.tsx')
		expect(
			(await run(async () => overview.loader!(routeArgs(await requestAs(ROLES.staff, '/roadmaps/nope'), { delegationId: 'nope' })))).status,
		).toBe(404)
		expect(
			(
				await run(async () =>
					section.loader!(routeArgs(await requestAs(ROLES.leadPanama, '/roadmaps/nope/strategic-design'), { delegationId: 'nope' })),
				)
			).status,
		).toBe(404)
		// A section that is not one has no route of its own: the router reaches the not-found route.
		expect(ROUTE_FILES).not.toContain('roadmaps.$delegationId.nope.tsx')
		const { loader: anySection } = await import('#tests/roadmap-section.ts')
		const nope = routeArgs(await requestAs(ROLES.leadPanama, '/roadmaps/panama-2025-pa/nope'), {
			delegationId: 'panama-2025-pa',
			section: 'nope',
		})
		expect((await run(async () => anySection(nope))).status).toBe(404)
	})
})

describe('authorization matrix: size and coverage', () => {
	const routesCovered = new Set(CASES.map((c) => `${c.route} ${c.kind}`))
	test(`${ROLE_NAMES.length} roles × ${CASES.length} route cases (${new Set(CASES.map((c) => c.route)).size} route files) = ${ROLE_NAMES.length * CASES.length} cases`, async () => {
		// A new route with a loader or an action and no case in cases.ts fails here.
		const missing: string[] = []
		for (const file of ROUTE_FILES) {
			const route = await loadRoute(file)
			for (const kind of ['loader', 'action'] as const) {
				if (typeof route[kind] === 'function' && !routesCovered.has(`${file} ${kind}`)) missing.push(`${file} ${kind}`)
			}
		}
		expect(missing, 'route exports with no authorization case in tests/authorization/cases.ts').toEqual([])
		// And no case names a route that is gone.
		for (const c of CASES) expect(ROUTE_FILES, c.label).toContain(c.route)
		console.info(
			`authorization matrix: ${ROLE_NAMES.length} roles × ${CASES.length} route cases = ${ROLE_NAMES.length * CASES.length} cases over ${ROUTE_FILES.length} route files`,
		)
	})

	test('every case names every role', () => {
		for (const c of CASES) expect(Object.keys(c.expected).sort(), c.label).toEqual(Object.keys(ROLES).sort())
	})
})
