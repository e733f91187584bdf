import { describe, expect, test } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import { requestAs, routeArgs, run } from '#tests/helpers.ts'

/**
 * Every form of the cohort pages answers a bad submission with 400, a message next to the field
 * that is wrong (Conform's reply), and no change in the database.
 */
const FACILITATOR = 'facilitator@example.org'
const STAFF = 'staff@example.org'
const cr = { cohortId: 'panama-2025', delegationId: 'panama-2025-cr' }

type Reply = { intent?: string; result: { error?: Record<string, string[] | null> | null } }

async function post(
	route: () => Promise<{ action: (args: any) => Promise<unknown> }>,
	email: string,
	path: string,
	params: Record<string, string>,
	form: Record<string, string>,
) {
	const { action } = await route()
	const request = await requestAs(email, path, { form })
	return run(() => action(routeArgs(request, params)))
}

const delegationPage = (form: Record<string, string>) =>
	post(
		() => import('#app/routes/cohorts.$cohortId.delegations.$delegationId/route.tsx'),
		FACILITATOR,
		'/cohorts/panama-2025/delegations/panama-2025-cr',
		cr,
		form,
	)

/** A snapshot of everything the cohort forms write. */
async function snapshot() {
	const [delegations, members, invitations, cohorts, facilitators] = await Promise.all([
		db.selectFrom('delegations').selectAll().orderBy('id').execute(),
		db.selectFrom('delegation_members').selectAll().orderBy('delegation_id').orderBy('user_id').execute(),
		db.selectFrom('invitations').selectAll().orderBy('id').execute(),
		db.selectFrom('cohorts').selectAll().orderBy('id').execute(),
		db.selectFrom('cohort_facilitators').selectAll().orderBy('cohort_id').orderBy('user_id').execute(),
	])
	return JSON.stringify({ delegations, members, invitations, cohorts, facilitators })
}

function errorsOf(result: { data?: unknown }) {
	return (result.data as Reply).result.error ?? {}
}

describe('invalid forms on the delegation page', () => {
	const member = async () =>
		(await db.selectFrom('delegation_members').select('user_id').where('delegation_id', '=', cr.delegationId).executeTakeFirstOrThrow())
			.user_id

	const cases: Array<[string, () => Promise<Record<string, string>>, string, string]> = [
		['napStatus', async () => ({ intent: 'napStatus', napStatus: 'finished' }), 'napStatus', 'forms.statusInvalid'],
		[
			'member',
			async () => ({ intent: 'member', userId: await member(), sector: 'navy', organisation: 'x' }),
			'sector',
			'forms.sectorInvalid',
		],
		[
			'member (too long)',
			async () => ({ intent: 'member', userId: await member(), sector: 'government', position: 'x'.repeat(201) }),
			'position',
			'forms.tooLong',
		],
		['removeMember', async () => ({ intent: 'removeMember' }), 'userId', 'learn.errors.badRequest'],
		[
			'inviteOne',
			async () => ({ intent: 'inviteOne', name: 'Ana Example', email: 'not-an-address', sector: 'government' }),
			'email',
			'forms.emailInvalid',
		],
		[
			'roster',
			async () => ({ intent: 'roster', roster: 'Ana,ana.days@example.org,government', days: '0' }),
			'days',
			'invitations.daysInvalid',
		],
		['revoke', async () => ({ intent: 'revoke' }), 'invitationId', 'learn.errors.badRequest'],
		['reissue', async () => ({ intent: 'reissue', invitationId: '' }), 'invitationId', 'learn.errors.badRequest'],
	]
	for (const [label, form, field, message] of cases) {
		test(`${label}: 400, "${message}" on ${field}, nothing written`, async () => {
			const before = await snapshot()
			const result = await delegationPage(await form())
			expect(result.status).toBe(400)
			expect(errorsOf(result)[field]).toEqual([message])
			expect(await snapshot()).toBe(before)
		})
	}

	test('an intent the page does not know is a 400', async () => {
		const result = await delegationPage({ intent: 'explode' })
		expect(result.status).toBe(400)
	})

	test('errors of a member form name that member, so the page shows them on their card only', async () => {
		const userId = await member()
		const result = await delegationPage({ intent: 'member', userId, sector: 'navy' })
		expect((result.data as { intent: string; result: { initialValue: { userId: string } } }).intent).toBe('member')
		expect((result.data as { result: { initialValue: { userId: string } } }).result.initialValue.userId).toBe(userId)
	})
})

describe('invalid forms on the other cohort pages', () => {
	test('adding a facilitator: a bad address is a 400 on the field; someone unknown a 404 on the field', async () => {
		const edit = (form: Record<string, string>) =>
			post(() => import('#app/routes/cohorts.$cohortId.edit.tsx'), STAFF, '/cohorts/panama-2025/edit', { cohortId: 'panama-2025' }, form)
		const before = await snapshot()
		const bad = await edit({ intent: 'addFacilitator', email: 'nope' })
		expect(bad.status).toBe(400)
		expect(errorsOf(bad).email).toEqual(['forms.emailInvalid'])
		const unknown = await edit({ intent: 'addFacilitator', email: 'nobody.here@example.org' })
		expect(unknown.status).toBe(404)
		expect(errorsOf(unknown).email).toEqual(['cohortForm.noSuchUser'])
		const remove = await edit({ intent: 'removeFacilitator' })
		expect(remove.status).toBe(400)
		expect(errorsOf(remove).userId).toEqual(['learn.errors.badRequest'])
		expect((await edit({ intent: 'explode' })).status).toBe(400)
		expect(await snapshot()).toBe(before)
	})

	test('a new delegation for an unknown country: 400 on the country', async () => {
		const before = await snapshot()
		const result = await post(
			() => import('#app/routes/cohorts.$cohortId.delegations.new.tsx'),
			FACILITATOR,
			'/cohorts/panama-2025/delegations/new',
			{ cohortId: 'panama-2025' },
			{ countryCode: 'ZZ', napStatus: 'drafting' },
		)
		expect(result.status).toBe(400)
		expect(errorsOf(result).countryCode).toEqual(['forms.countryInvalid'])
		expect(await snapshot()).toBe(before)
	})

	test('links.csv: lists that do not line up are a 400', async () => {
		const result = await post(
			() => import('#app/routes/cohorts.$cohortId.links[.]csv.tsx'),
			FACILITATOR,
			'/cohorts/panama-2025/links.csv',
			{ cohortId: 'panama-2025' },
			{ name: 'A', email: 'a@example.org', url: ['http://localhost/invite/a', 'http://localhost/invite/b'] as unknown as string },
		)
		expect(result.status).toBe(400)
	})

	test('links.csv: a link without a name is still downloaded', async () => {
		const result = await post(
			() => import('#app/routes/cohorts.$cohortId.links[.]csv.tsx'),
			FACILITATOR,
			'/cohorts/panama-2025/links.csv',
			{ cohortId: 'panama-2025' },
			{ name: '', email: 'a@example.org', url: 'http://localhost/invite/a' },
		)
		expect(result.status).toBe(200)
		expect(await result.response!.text()).toContain('http://localhost/invite/a')
	})
})
