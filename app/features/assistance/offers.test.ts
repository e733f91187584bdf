import { describe, expect, test } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import { requestAs, routeArgs, run, userIdFor } from '#tests/helpers.ts'

const routes = {
	overview: () => import('#app/routes/assistance.overview.tsx'),
	delegation: () => import('#app/routes/roadmaps.$delegationId.assistance.tsx'),
	section: () => import('#tests/roadmap-section.ts'),
}

const STAFF = 'staff@example.org'
const LEAD_PA = 'delegate.pa@example.org'
const MEMBER_PA = 'pa2@example.org'
const DELEGATE_BO = 'delegate.bo@example.org'
const pa = { delegationId: 'panama-2025-pa' }

async function call(
	kind: 'loader' | 'action',
	module: () => Promise<any>,
	email: string,
	path: string,
	params: Record<string, string>,
	form?: Record<string, string>,
) {
	const route = await module()
	return run(async () => route[kind](routeArgs(await requestAs(email, path, form ? { form } : {}), params)))
}

/** Staff offer help with Panama's indicator that has no baseline (or with what `extra` says). */
async function offer(extra: Record<string, string> = {}, email = STAFF) {
	return call(
		'action',
		routes.overview,
		email,
		'/assistance/overview',
		{},
		{
			intent: 'offer',
			delegationId: 'panama-2025-pa',
			gap: 'indicatorWithoutBaseline',
			section: 'monitoring',
			itemId: 'pa-indicator-1',
			topic: 'monitoring-and-evaluation',
			message: 'We can run a remote session on building the baseline from the staff registry.',
			...extra,
		},
	)
}

/** The new offer's id, from the overview it redirects to. */
function offerIdOf(result: Awaited<ReturnType<typeof offer>>) {
	expect(result.status).toBe(302)
	return new URL(result.response!.headers.get('Location')!, 'http://localhost').searchParams.get('offered')!
}

async function answer(intent: 'accept' | 'decline', offerId: string, email = LEAD_PA, delegationId = 'panama-2025-pa', extra = {}) {
	return call('action', routes.delegation, email, `/roadmaps/${delegationId}/assistance`, { delegationId }, { intent, offerId, ...extra })
}

const storedOffer = (id: string) => db.selectFrom('assistance_offers').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const requestCount = async () => (await db.selectFrom('assistance_requests').select('id').execute()).length

type Country = {
	delegationId: string
	budget: { total: number; unfunded: number; unfundedShare: number | null }
	itemGaps: Record<
		string,
		Array<{ itemId: string; number: string; title: string; offer: { status: string; request_id: string | null } | null }>
	>
	emptySections: Array<{ section: string }>
}
async function overviewGaps() {
	const page = await call('loader', routes.overview, STAFF, '/assistance/overview', {})
	expect(page.status).toBe(200)
	return (page.data as { gaps: Country[] }).gaps
}

describe('offers of technical assistance from the gaps of a roadmap', () => {
	test('the overview lists, per country, the unfunded share, the items without a baseline (numbered) and the empty sections', async () => {
		const gaps = await overviewGaps()
		const panama = gaps.find((c) => c.delegationId === 'panama-2025-pa')!
		// USD 120,000 in all, 80,000 committed: 40,000 (a third) unfunded.
		expect(panama.budget).toEqual({ total: 12_000_000, unfunded: 4_000_000, unfundedShare: 4_000_000 / 12_000_000 })
		expect(panama.itemGaps.indicatorWithoutBaseline).toEqual([
			expect.objectContaining({ itemId: 'pa-indicator-1', number: '2.1.a', title: 'Porcentaje de mujeres en el personal uniformado' }),
		])
		expect(panama.itemGaps.actionWithoutLead).toEqual([])
		expect(panama.emptySections.map((s) => s.section)).toContain('coordination')
		expect(panama.emptySections.map((s) => s.section)).not.toContain('monitoring')
		// Alumni delegations are listed too.
		expect(gaps.some((c) => c.delegationId === 'port-of-spain-2024-tt')).toBe(true)
	})

	test('staff offer; the delegation sees it beside the item; accepting makes an open request about the item, with the offer as its first message', async () => {
		const offerId = offerIdOf(await offer())
		const section = await call('loader', routes.section, MEMBER_PA, '/roadmaps/panama-2025-pa/monitoring', { ...pa, section: 'monitoring' })
		const shown = section.data as { offers: { list: Array<{ id: string; item_id: string; message: string }>; canAnswer: boolean } }
		expect(shown.offers.canAnswer).toBe(true)
		expect(shown.offers.list).toContainEqual(expect.objectContaining({ id: offerId, item_id: 'pa-indicator-1' }))

		const before = await requestCount()
		const accepted = await answer('accept', offerId, MEMBER_PA)
		expect(accepted.status).toBe(302)
		const location = new URL(accepted.response!.headers.get('Location')!, 'http://localhost')
		expect(location.pathname).toBe('/roadmaps/panama-2025-pa/assistance')
		const requestId = location.searchParams.get('accepted')!
		const request = await db.selectFrom('assistance_requests').selectAll().where('id', '=', requestId).executeTakeFirstOrThrow()
		expect(request).toMatchObject({
			delegation_id: 'panama-2025-pa',
			item_id: 'pa-indicator-1',
			section: 'monitoring',
			topic: 'monitoring-and-evaluation',
			status: 'open',
			created_by: await userIdFor(MEMBER_PA),
		})
		expect(request.need).toContain('Porcentaje de mujeres en el personal uniformado')
		expect(await requestCount()).toBe(before + 1)
		const events = await db.selectFrom('assistance_events').selectAll().where('request_id', '=', requestId).orderBy('id').execute()
		expect(events.map((e) => e.kind)).toEqual(['created', 'message'])
		expect(events[1]).toMatchObject({
			body: 'We can run a remote session on building the baseline from the staff registry.',
			internal: 0,
			user_id: await userIdFor(STAFF),
		})
		expect(await storedOffer(offerId)).toMatchObject({ status: 'accepted', request_id: requestId, answered_by: await userIdFor(MEMBER_PA) })

		// The request is on the delegation's TA page; the offer is no longer shown as open.
		const page = await call('loader', routes.delegation, LEAD_PA, '/roadmaps/panama-2025-pa/assistance', pa)
		const ta = page.data as { requests: Array<{ id: string; item_id: string | null }>; offers: Array<{ id: string }> }
		expect(ta.requests).toContainEqual(expect.objectContaining({ id: requestId, item_id: 'pa-indicator-1' }))
		expect(ta.offers.map((o) => o.id)).not.toContain(offerId)
		// Staff see it accepted, with its request, in the overview.
		const panama = (await overviewGaps()).find((c) => c.delegationId === 'panama-2025-pa')!
		expect(panama.itemGaps.indicatorWithoutBaseline![0]!.offer).toMatchObject({ status: 'accepted', request_id: requestId })

		// Accepting twice makes no second request.
		const again = await answer('accept', offerId, LEAD_PA)
		expect(again.status).toBe(409)
		expect(again.data).toEqual({ offerError: 'offers.errors.accepted' })
		expect(await requestCount()).toBe(before + 1)
	})

	test('the delegation declines: back to the page it declined from; the declined offer cannot then be accepted', async () => {
		const offerId = offerIdOf(
			await offer({ gap: 'emptySection', section: 'coordination', itemId: '', topic: 'institutional-coordination' }),
		)
		expect(await storedOffer(offerId)).toMatchObject({ item_id: null, section: 'coordination', status: 'offered' })
		const declined = await answer('decline', offerId, LEAD_PA, 'panama-2025-pa', { returnTo: '/roadmaps/panama-2025-pa/coordination' })
		expect(declined.status).toBe(302)
		expect(declined.response!.headers.get('Location')).toBe('/roadmaps/panama-2025-pa/coordination')
		expect(await storedOffer(offerId)).toMatchObject({ status: 'declined', request_id: null, answered_by: await userIdFor(LEAD_PA) })
		const before = await requestCount()
		expect((await answer('accept', offerId)).status).toBe(409)
		expect(await requestCount()).toBe(before)
		// A way out of the roadmap is not followed.
		const other = offerIdOf(await offer({ gap: 'emptySection', section: 'coordination', itemId: '', topic: 'institutional-coordination' }))
		const elsewhere = await answer('decline', other, LEAD_PA, 'panama-2025-pa', { returnTo: 'https://evil.example/' })
		expect(elsewhere.response!.headers.get('Location')).toBe('/roadmaps/panama-2025-pa/assistance')
	})

	test('a withdrawn offer cannot be accepted, and leaves the item', async () => {
		const offerId = offerIdOf(await offer({ message: 'A review of the indicator sheet with our M&E adviser.' }))
		const withdrawn = await call('action', routes.overview, STAFF, '/assistance/overview', {}, { intent: 'withdraw', offerId })
		expect(withdrawn.status).toBe(302)
		expect(await storedOffer(offerId)).toMatchObject({ status: 'withdrawn' })
		const before = await requestCount()
		const accepted = await answer('accept', offerId)
		expect(accepted.status).toBe(409)
		expect(accepted.data).toEqual({ offerError: 'offers.errors.withdrawn' })
		expect(await requestCount()).toBe(before)
		const section = await call('loader', routes.section, LEAD_PA, '/roadmaps/panama-2025-pa/monitoring', { ...pa, section: 'monitoring' })
		expect((section.data as { offers: { list: Array<{ id: string }> } }).offers.list.map((o) => o.id)).not.toContain(offerId)
		// Withdrawing it again is refused.
		expect((await call('action', routes.overview, STAFF, '/assistance/overview', {}, { intent: 'withdraw', offerId })).status).toBe(409)
	})

	test('another delegation cannot accept or decline the offer: 403 on its page, 404 from its own', async () => {
		const offerId = offerIdOf(await offer({ message: 'Help to agree on a baseline year with the statistics office.' }))
		expect((await answer('accept', offerId, DELEGATE_BO)).status).toBe(403)
		expect((await answer('decline', offerId, DELEGATE_BO)).status).toBe(403)
		const fromBolivia = await answer('accept', offerId, DELEGATE_BO, 'panama-2025-bo')
		expect(fromBolivia.status).toBe(404)
		expect(fromBolivia.data).toEqual({ offerError: 'offers.errors.notFound' })
		expect((await answer('decline', offerId, DELEGATE_BO, 'panama-2025-bo')).status).toBe(404)
		// Facilitators and staff read it, and do not answer for the delegation.
		expect((await answer('accept', offerId, 'facilitator@example.org')).status).toBe(403)
		expect((await answer('accept', offerId, STAFF)).status).toBe(403)
		expect(await storedOffer(offerId)).toMatchObject({ status: 'offered', request_id: null })
		// Bolivia, reading Panama's shared roadmap, does not see Panama's offers.
		await db.updateTable('roadmaps').set({ shared_with_cohort: 1 }).where('delegation_id', '=', 'panama-2025-pa').execute()
		try {
			const section = await call('loader', routes.section, DELEGATE_BO, '/roadmaps/panama-2025-pa/monitoring', {
				...pa,
				section: 'monitoring',
			})
			expect(section.status).toBe(200)
			expect((section.data as { offers: { list: unknown[] } }).offers.list).toEqual([])
		} finally {
			await db.updateTable('roadmaps').set({ shared_with_cohort: 0 }).where('delegation_id', '=', 'panama-2025-pa').execute()
		}
	})

	test('bad offers: a message too short, an item of another roadmap or of another kind, a second open offer, a facilitator — nothing saved', async () => {
		const count = async () => (await db.selectFrom('assistance_offers').select('id').execute()).length
		const before = await count()
		const short = await offer({ message: 'Help' })
		expect(short.status).toBe(400)
		expect(JSON.stringify(short.data)).toContain('offers.errors.messageShort')
		expect((await offer({ itemId: 'tt-indicator-1' })).status).toBe(404)
		expect((await offer({ gap: 'actionWithoutLead', itemId: 'pa-indicator-1' })).status).toBe(404)
		expect((await offer({ gap: 'nonsense' })).status).toBe(400)
		expect((await offer({ delegationId: 'no-such-delegation' })).status).toBe(404)
		expect((await offer({}, 'facilitator@example.org')).status).toBe(403)
		expect(await count()).toBe(before)
		// The previous test left an open offer about this indicator: a second one waits for its answer.
		const second = await offer()
		expect(second.status).toBe(409)
		expect(JSON.stringify(second.data)).toContain('offers.errors.alreadyOffered')
		expect(await count()).toBe(before)
	})
})
