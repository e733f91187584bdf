import { describe, expect, test } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import { findInvitation, invitationState } from '#app/features/cohorts/invitations.server.ts'
import { loadViewer } from '#app/utils/permissions.server.ts'
import { requestAs, routeArgs, run, userIdFor } from '#tests/helpers.ts'

const delegationParams = { cohortId: 'panama-2025', delegationId: 'panama-2025-cr' }

async function delegationAction(email: string, form: Record<string, string>, params = delegationParams) {
	const { action } = await import('#app/routes/cohorts.$cohortId.delegations.$delegationId/route.tsx')
	const request = await requestAs(email, `/cohorts/${params.cohortId}/delegations/${params.delegationId}`, { form })
	return run(() => action(routeArgs(request, params)))
}

async function invitationCount(delegationId = 'panama-2025-cr') {
	const row = await db
		.selectFrom('invitations')
		.select(db.fn.countAll<number>().as('n'))
		.where('delegation_id', '=', delegationId)
		.executeTakeFirstOrThrow()
	return Number(row.n)
}

function tokenOf(url: string) {
	return url.split('/invite/')[1]!
}

describe('inviting from a roster', () => {
	test('a roster with bad rows imports nothing and reports each problem', async () => {
		const before = await invitationCount()
		const result = await delegationAction('facilitator@example.org', {
			intent: 'roster',
			roster:
				'name,email,sector\nGood One,good.one@example.org,government\nNo Mail,,government\nWrong,wrong@,academia\nOdd,odd@example.org,navy\nGood One Again,good.one@example.org,academia',
		})
		expect(result.status).toBe(400)
		expect((result.data as { rosterErrors: unknown[] }).rosterErrors).toHaveLength(4)
		expect(await invitationCount()).toBe(before)
	})

	test('a clean roster creates one single-use link per person, stored only as a hash', async () => {
		const result = await delegationAction('facilitator@example.org', {
			intent: 'roster',
			roster:
				'Ana Roster,ana.roster@example.org,government,Ministry,Director\nBeto Roster,beto.roster@example.org,civil society,Network,Chair\nCeci Roster,ceci.roster@example.org,academia,University,Researcher',
			days: '7',
		})
		expect(result.status).toBe(200)
		const links = (result.data as { links: Array<{ email: string; url: string }> }).links
		expect(links.map((l) => l.email)).toEqual(['ana.roster@example.org', 'beto.roster@example.org', 'ceci.roster@example.org'])
		for (const link of links) {
			const invitation = await findInvitation(tokenOf(link.url))
			expect(invitation?.delegation_id).toBe('panama-2025-cr')
			expect(invitationState(invitation!)).toBe('valid')
			const stored = await db.selectFrom('invitations').selectAll().where('id', '=', invitation!.id).executeTakeFirstOrThrow()
			expect(JSON.stringify(stored)).not.toContain(tokenOf(link.url))
			const days = (Date.parse(stored.expires_at) - Date.parse(stored.created_at)) / 86_400_000
			expect(Math.round(days)).toBe(7)
		}
		// The same people cannot be invited twice while their links are pending.
		const again = await delegationAction('facilitator@example.org', {
			intent: 'roster',
			roster: 'Ana Roster,ana.roster@example.org,government',
		})
		expect(again.status).toBe(400)
	})

	test('a revoked link is refused; a re-issued one replaces it', async () => {
		const created = await delegationAction('facilitator@example.org', {
			intent: 'inviteOne',
			name: 'Dora Revoke',
			email: 'dora.revoke@example.org',
			sector: 'government',
		})
		const url = (created.data as { links: Array<{ url: string }> }).links[0]!.url
		const invitation = (await findInvitation(tokenOf(url)))!
		expect((await delegationAction('facilitator@example.org', { intent: 'revoke', invitationId: invitation.id })).status).toBe(200)
		expect(invitationState((await findInvitation(tokenOf(url)))!)).toBe('revoked')

		const reissued = await delegationAction('facilitator@example.org', { intent: 'reissue', invitationId: invitation.id })
		const newUrl = (reissued.data as { links: Array<{ url: string }> }).links[0]!.url
		expect(newUrl).not.toBe(url)
		expect(invitationState((await findInvitation(tokenOf(newUrl)))!)).toBe('valid')
	})

	test('bad single invitations get a message per field and a 4xx', async () => {
		const result = await delegationAction('facilitator@example.org', {
			intent: 'inviteOne',
			name: '',
			email: 'nope',
			sector: 'army',
			days: '400',
		})
		expect(result.status).toBe(400)
		expect((result.data as { result: { error: Record<string, string[]> } }).result.error).toMatchObject({
			name: ['forms.nameRequired'],
			email: ['forms.emailInvalid'],
			sector: ['forms.sectorInvalid'],
			days: ['invitations.daysInvalid'],
		})
	})

	test('an invitation of another delegation cannot be revoked through this one', async () => {
		const other = await db.selectFrom('invitations').select('id').where('delegation_id', '=', 'panama-2025-cr').executeTakeFirstOrThrow()
		const result = await delegationAction(
			'facilitator@example.org',
			{ intent: 'revoke', invitationId: other.id },
			{ cohortId: 'panama-2025', delegationId: 'panama-2025-pa' },
		)
		expect(result.status).toBe(404)
	})
})

describe('cohorts and delegations', () => {
	test('staff create a cohort; bad dates are refused with a message', async () => {
		const { action } = await import('#app/routes/cohorts.new.tsx')
		const bad = await run(async () =>
			action(
				routeArgs(
					await requestAs('staff@example.org', '/cohorts/new', {
						form: {
							name: 'Bogotá 2027',
							hostCity: 'Bogotá',
							hostCountry: 'CO',
							startDate: '2027-03-10',
							endDate: '2027-03-08',
							status: 'planned',
						},
					}),
				),
			),
		)
		expect(bad.status).toBe(400)
		expect(JSON.stringify(bad.data)).toContain('forms.endBeforeStart')
		const good = await run(async () =>
			action(
				routeArgs(
					await requestAs('staff@example.org', '/cohorts/new', {
						form: {
							name: 'Bogotá 2027',
							hostCity: 'Bogotá',
							hostCountry: 'co',
							startDate: '2027-03-08',
							endDate: '2027-03-10',
							preworkDueDate: '2027-03-01',
							status: 'planned',
						},
					}),
				),
			),
		)
		expect(good.status).toBe(302)
		expect(good.response!.headers.get('Location')).toBe('/cohorts/bogota-2027-2027')
		const cohort = await db.selectFrom('cohorts').selectAll().where('id', '=', 'bogota-2027-2027').executeTakeFirstOrThrow()
		expect(cohort).toMatchObject({ host_country: 'CO', status: 'planned', prework_due_date: '2027-03-01' })
	})

	test('a facilitator adds a delegation once per country', async () => {
		const { action } = await import('#app/routes/cohorts.$cohortId.delegations.new.tsx')
		const add = async (countryCode: string) =>
			run(async () =>
				action(
					routeArgs(
						await requestAs('facilitator@example.org', '/cohorts/panama-2025/delegations/new', {
							form: { countryCode, napStatus: 'drafting' },
						}),
						{
							cohortId: 'panama-2025',
						},
					),
				),
			)
		const first = await add('GT')
		expect(first.status).toBe(302)
		expect(first.response!.headers.get('Location')).toBe('/cohorts/panama-2025/delegations/panama-2025-gt')
		expect((await add('GT')).status).toBe(409)
		expect((await add('XX')).status).toBe(400)
	})

	test('closing a cohort turns its delegates into alumni who keep reading', async () => {
		const { action } = await import('#app/routes/cohorts.$cohortId.edit.tsx')
		const result = await run(async () =>
			action(
				routeArgs(
					await requestAs('staff@example.org', '/cohorts/panama-2025/edit', {
						form: {
							intent: 'save',
							name: 'Panama City 2025',
							hostCity: 'Panama City',
							hostCountry: 'PA',
							venue: 'Ministry of Foreign Affairs',
							startDate: '2025-06-24',
							endDate: '2025-06-26',
							preworkDueDate: '2025-06-17',
							status: 'closed',
						},
					}),
					{ cohortId: 'panama-2025' },
				),
			),
		)
		expect(result.status).toBe(302)
		const viewer = (await loadViewer(await userIdFor('delegate.pa@example.org')))!
		expect(viewer.memberships[0]).toMatchObject({ cohortId: 'panama-2025', isAlumni: true })
		const lesson = await import('#app/routes/learn.$module.$lesson.tsx')
		const read = await run(async () =>
			lesson.loader(
				routeArgs(await requestAs('delegate.pa@example.org', '/learn/localization/what-localization-means'), {
					module: 'localization',
					lesson: 'what-localization-means',
				}),
			),
		)
		expect(read.status).toBe(200)
	})
})
