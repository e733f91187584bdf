import { describe, expect, test } from 'vitest'
import { requestAs, routeArgs, run } from '#tests/helpers.ts'

/**
 * The authorization matrix: every role against every route of this part of the app. 200 = allowed,
 * 302 = sent to sign in, 403 = refused, 404 = not found.
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

const everyoneSignedIn = (status = 200) =>
	({ signedOut: 302, staff: status, facilitator2025: status, facilitator2024: status, delegateBolivia: status, delegatePanama: status, alumniTT: status }) as Record<Role, number>

type RouteCase = {
	path: string
	module: () => Promise<{ loader: (args: any) => Promise<unknown> }>
	params: Record<string, string>
	expected: Record<Role, number>
}

const ROUTES: RouteCase[] = [
	{
		path: '/',
		module: () => import('#app/routes/_index.tsx'),
		params: {},
		expected: { ...everyoneSignedIn(), signedOut: 200 },
	},
	{ path: '/home', module: () => import('#app/routes/home.tsx'), params: {}, expected: everyoneSignedIn() },
	{
		path: '/cohorts/panama-2025',
		module: () => import('#app/routes/cohorts.$cohortId._index.tsx'),
		params: { cohortId: 'panama-2025' },
		expected: { signedOut: 302, staff: 200, facilitator2025: 200, facilitator2024: 403, delegateBolivia: 200, delegatePanama: 200, alumniTT: 403 },
	},
	{
		path: '/cohorts/port-of-spain-2024',
		module: () => import('#app/routes/cohorts.$cohortId._index.tsx'),
		params: { cohortId: 'port-of-spain-2024' },
		expected: { signedOut: 302, staff: 200, facilitator2025: 403, facilitator2024: 200, delegateBolivia: 403, delegatePanama: 403, alumniTT: 200 },
	},
	{
		path: '/cohorts/no-such-cohort',
		module: () => import('#app/routes/cohorts.$cohortId._index.tsx'),
		params: { cohortId: 'no-such-cohort' },
		expected: everyoneSignedIn(404),
	},
	{ path: '/learn', module: () => import('#app/routes/learn._index.tsx'), params: {}, expected: everyoneSignedIn() },
	{
		path: '/learn/theory-of-change',
		module: () => import('#app/routes/learn.$module._index.tsx'),
		params: { module: 'theory-of-change' },
		expected: everyoneSignedIn(),
	},
	{
		path: '/learn/theory-of-change/why-a-theory-of-change',
		module: () => import('#app/routes/learn.$module.$lesson.tsx'),
		params: { module: 'theory-of-change', lesson: 'why-a-theory-of-change' },
		expected: everyoneSignedIn(),
	},
	{
		path: '/learn/theory-of-change/no-such-lesson',
		module: () => import('#app/routes/learn.$module.$lesson.tsx'),
		params: { module: 'theory-of-change', lesson: 'no-such-lesson' },
		expected: everyoneSignedIn(404),
	},
	{ path: '/glossary', module: () => import('#app/routes/glossary.tsx'), params: {}, expected: everyoneSignedIn() },
	{ path: '/settings', module: () => import('#app/routes/settings.tsx'), params: {}, expected: everyoneSignedIn() },
]

describe('authorization matrix (role × route)', () => {
	for (const route of ROUTES) {
		for (const role of Object.keys(ROLES) as Role[]) {
			test(`${role} GET ${route.path} → ${route.expected[role]}`, async () => {
				const { loader } = await route.module()
				const request = await requestAs(ROLES[role], route.path)
				const result = await run(() => loader(routeArgs(request, route.params)))
				expect(result.status).toBe(route.expected[role])
				if (result.status === 302) {
					expect(result.response!.headers.get('Location')).toBe(
						`/login?${new URLSearchParams({ redirectTo: route.path })}`,
					)
				}
			})
		}
	}

	test('a signed-out visitor cannot post to a lesson or to settings', async () => {
		const lesson = await import('#app/routes/learn.$module.$lesson.tsx')
		const settings = await import('#app/routes/settings.tsx')
		const lessonPost = await requestAs(null, '/learn/theory-of-change/why-a-theory-of-change', {
			form: { intent: 'complete' },
		})
		expect(
			(await run(() => lesson.action(routeArgs(lessonPost, { module: 'theory-of-change', lesson: 'why-a-theory-of-change' })))).status,
		).toBe(302)
		const settingsPost = await requestAs(null, '/settings', { form: { intent: 'profile', name: 'X Y', language: 'es' } })
		expect((await run(() => settings.action(routeArgs(settingsPost)))).status).toBe(302)
	})

	test('delegates see the names of their cohort, but e-mail addresses only reach those who run it', async () => {
		const { loader } = await import('#app/routes/cohorts.$cohortId._index.tsx')
		const delegateView = (await run(async () =>
			loader(routeArgs(await requestAs('delegate.bo@example.org', '/cohorts/panama-2025'), { cohortId: 'panama-2025' })),
		)).data as { delegations: Array<{ members: Array<{ email: string | null; name: string }> }> }
		const members = delegateView.delegations.flatMap((d) => d.members)
		expect(members).toHaveLength(24)
		expect(members.every((m) => m.email === null)).toBe(true)
		const facilitatorView = (await run(async () =>
			loader(routeArgs(await requestAs('facilitator@example.org', '/cohorts/panama-2025'), { cohortId: 'panama-2025' })),
		)).data as typeof delegateView
		expect(facilitatorView.delegations.flatMap((d) => d.members).every((m) => m.email?.endsWith('@example.org'))).toBe(true)
	})
})
