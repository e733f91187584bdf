import { applyChange, createRoadmap } from '../../app/features/roadmap/items.server.ts'
import { createDelegate, db, expect, loginAs, test } from './fixtures.ts'
import { newCohortWithDelegation } from './roadmaps.ts'

/**
 * A roadmap shared with the cohort, as a delegate of another delegation meets it on a phone: the
 * plan, a note that it is the plan only, no comments and no live stream; the history is refused.
 * The delegation's own member sees the comment as before.
 */
test.use({ viewport: { width: 390, height: 844 } })

const ACTION = 'Reclutamiento con paridad'
const COMMENT = 'Falta el costeo: lo revisamos el jueves'

test('a peer reads the shared plan without its comments, live stream or history; the member still has them', async ({ page }) => {
	const { cohortId, delegationId } = await newCohortWithDelegation('shared', 'PA')
	const peerDelegation = `${cohortId}-bo`
	await db
		.insertInto('delegations')
		.values({ id: peerDelegation, cohort_id: cohortId, country_code: 'BO', created_at: new Date().toISOString() })
		.execute()
	const { id: roadmapId } = await createRoadmap(db, { delegationId, language: 'en', userId: null, currency: 'USD' })
	await createRoadmap(db, { delegationId: peerDelegation, language: 'en', userId: null, currency: 'USD' })
	const pillar = await db
		.selectFrom('roadmap_items')
		.select('id')
		.where('roadmap_id', '=', roadmapId)
		.orderBy('position')
		.executeTakeFirstOrThrow()
	const objective = await applyChange(db, roadmapId, null, {
		type: 'create',
		kind: 'objective',
		parentId: pillar.id,
		data: { statement: 'Paridad' },
	})
	if (!objective.ok) throw new Error('objective refused')
	const action = await applyChange(db, roadmapId, null, {
		type: 'create',
		kind: 'action',
		parentId: objective.id!,
		data: { description: ACTION },
	})
	if (!action.ok) throw new Error('action refused')
	const member = await createDelegate({ delegationId, language: 'en' })
	await db
		.insertInto('roadmap_comments')
		.values({
			roadmap_id: roadmapId,
			section: 'strategic-design',
			item_id: action.id!,
			user_id: member.id,
			body: COMMENT,
			created_at: new Date().toISOString(),
			resolved_at: null,
			resolved_by: null,
		})
		.execute()
	await db.updateTable('roadmaps').set({ shared_with_cohort: 1 }).where('id', '=', roadmapId).execute()
	const base = `/roadmaps/${delegationId}`

	const peer = await createDelegate({ delegationId: peerDelegation, language: 'en' })
	await loginAs(page, peer.email)
	const streams: string[] = []
	page.on('request', (request) => {
		if (new URL(request.url()).pathname === `${base}/live`) streams.push(request.url())
	})
	await page.goto(`${base}/strategic-design`)
	await expect(page.locator('.doc-item__title', { hasText: ACTION })).toBeVisible()
	await expect(page.getByText(/You are reading the plan this delegation shares with the cohort/)).toBeVisible()
	await expect(page.getByText(COMMENT)).toHaveCount(0)
	await expect(page.getByRole('heading', { name: /Comments/ })).toHaveCount(0)
	await page.goto(base)
	await expect(page.getByRole('link', { name: 'History' })).toHaveCount(0)
	expect(streams).toEqual([])
	const history = await page.goto(`${base}/history`)
	expect(history?.status()).toBe(403)

	await page.context().clearCookies()
	await loginAs(page, member.email)
	// The member's page opens the live stream (the peer's, above, did not).
	const stream = page.waitForRequest((request) => new URL(request.url()).pathname === `${base}/live`)
	await page.goto(`${base}/strategic-design`)
	await stream
	await expect(page.getByText(COMMENT)).toBeVisible()
	await expect(page.getByText(/You are reading the plan/)).toHaveCount(0)
	expect((await page.goto(`${base}/history`))?.status()).toBe(200)
})
