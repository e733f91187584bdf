import { type Page } from '@playwright/test'
import { createDelegate, db, expect, loginAs, test } from './fixtures.ts'
import { expectNoSeriousViolations } from './axe.ts'

const OBJECTIVE = 'Women hold a third of the posts in the security sector'

/**
 * A cohort and a delegation of its own for each test (so no other test meets them), with its roadmap: a
 * pillar, an objective with two lines of action, an indicator of the objective and one of an action,
 * each recorded in the history as created. Returns the roadmap's address and an English-speaking member.
 */
async function roadmapOfItsOwn(country: string) {
	const cohortId = `e2e-history-${country.toLowerCase()}-${Date.now().toString(36)}`
	const delegationId = `${cohortId}-${country.toLowerCase()}`
	const now = new Date().toISOString()
	await db
		.insertInto('cohorts')
		.values({
			id: cohortId,
			name: `History test ${country}`,
			host_city: 'Panama City',
			host_country: 'PA',
			start_date: '2025-06-24',
			end_date: '2025-06-26',
			status: 'open',
			created_at: now,
			updated_at: now,
		})
		.execute()
	await db
		.insertInto('delegations')
		.values({ id: delegationId, cohort_id: cohortId, country_code: country, nap_status: 'drafting', created_at: now })
		.execute()
	const roadmapId = `roadmap-${delegationId}`
	await db
		.insertInto('roadmaps')
		.values({ id: roadmapId, delegation_id: delegationId, currency: 'USD', created_at: now, updated_at: now })
		.execute()
	const id = (name: string) => `${delegationId}-${name}`
	const items = [
		{ id: id('pillar'), kind: 'pillar', parentId: null, data: { name: 'Participation' } },
		{ id: id('objective'), kind: 'objective', parentId: id('pillar'), data: { statement: OBJECTIVE } },
		{
			id: id('action-1'),
			kind: 'action',
			parentId: id('objective'),
			data: {
				description: 'Recruitment drive',
				lead: 'Ministry of Security',
				costs: [{ amount: 150_000, source: null, committed: false }],
			},
		},
		{ id: id('action-2'), kind: 'action', parentId: id('objective'), data: { description: 'Mentoring for women officers' } },
		{ id: id('indicator-1'), kind: 'indicator', parentId: id('objective'), data: { statement: 'Share of women in uniformed staff' } },
		{ id: id('indicator-2'), kind: 'indicator', parentId: id('action-1'), data: { statement: 'Women recruited per year' } },
	]
	const positions = new Map<string, number>()
	for (const item of items) {
		const key = `${item.kind} ${item.parentId}`
		const position = positions.get(key) ?? 0
		positions.set(key, position + 1)
		await db
			.insertInto('roadmap_items')
			.values({
				id: item.id,
				roadmap_id: roadmapId,
				kind: item.kind,
				parent_id: item.parentId,
				position,
				data: JSON.stringify(item.data),
				version: 1,
				created_at: now,
				updated_at: now,
				updated_by: null,
			})
			.execute()
		await db
			.insertInto('roadmap_changes')
			.values({
				roadmap_id: roadmapId,
				item_id: item.id,
				kind: item.kind,
				change: 'create',
				before: null,
				after: JSON.stringify({ kind: item.kind, parentId: item.parentId, position, data: item.data }),
				user_id: null,
				created_at: now,
			})
			.execute()
	}
	const { email } = await createDelegate({ delegationId, language: 'en' })
	return { base: `/roadmaps/${delegationId}`, email }
}

/** Opens the objective's form (its Edit) and presses its Delete: an objective with actions asks first. */
async function askToDeleteTheObjective(page: Page) {
	await page.getByRole('link', { name: `Edit “${OBJECTIVE}”` }).click()
	await page
		.locator('.is-editing')
		.getByRole('button', { name: `Delete “${OBJECTIVE}”` })
		.click()
	const confirm = page.getByRole('region', { name: 'Delete this and everything under it?' })
	await expect(confirm).toContainText(
		`This deletes strategic objective 1.1 «${OBJECTIVE}» and everything under it: 2 lines of action and 2 indicators.`,
	)
	// Nothing is deleted yet.
	await expect(page.getByRole('heading', { name: new RegExp(OBJECTIVE) })).toBeVisible()
	return confirm
}

test.describe('deleting an objective with its actions (JavaScript on)', () => {
	test('asks once, deletes all of it, and Undo brings all of it back', async ({ page }) => {
		const { base, email } = await roadmapOfItsOwn('UY')
		await loginAs(page, email)
		await page.goto(`${base}/strategic-design`)
		const confirm = await askToDeleteTheObjective(page)
		// The question takes the focus (the page does not reload), and reads well to assistive technology.
		await expect(confirm).toBeFocused()
		await expectNoSeriousViolations(page)
		await confirm.getByRole('button', { name: 'Delete all of it' }).click()
		const notice = page.getByRole('status').filter({ hasText: 'Deleted:' })
		await expect(notice).toContainText(`Deleted: strategic objective «${OBJECTIVE}», with 2 lines of action and 2 indicators.`)
		await expect(page.getByRole('heading', { name: new RegExp(OBJECTIVE) })).toHaveCount(0)
		await expect(page.getByText('Recruitment drive')).toHaveCount(0)

		await notice.getByRole('button', { name: 'Undo' }).click()
		await expect(page.getByRole('heading', { name: `Strategic objective 1.1: ${OBJECTIVE}` })).toBeVisible()
		await expect(page.locator('.action-card').filter({ hasText: 'Recruitment drive' })).toHaveCount(1)
		await expect(page.locator('.action-card').filter({ hasText: 'Mentoring for women officers' })).toHaveCount(1)
		await page.goto(`${base}/monitoring`)
		await expect(page.locator('.item-list > li').filter({ hasText: 'Women recruited per year' })).toHaveCount(1)
	})
})

test.describe('deleting an objective with its actions (JavaScript off)', () => {
	test.use({ javaScriptEnabled: false })

	test('the confirmation is a page of its own, Cancel keeps it, and the history page restores it', async ({ page }) => {
		const { base, email } = await roadmapOfItsOwn('PY')
		await loginAs(page, email)
		await page.goto(`${base}/strategic-design`)
		let confirm = await askToDeleteTheObjective(page)
		await expect(page).toHaveURL(/\?confirmDelete=/)
		await confirm.getByRole('link', { name: 'Cancel' }).click()
		await expect(page.getByRole('region', { name: 'Delete this and everything under it?' })).toHaveCount(0)
		await expect(page.getByRole('heading', { name: new RegExp(OBJECTIVE) })).toBeVisible()

		confirm = await askToDeleteTheObjective(page)
		await confirm.getByRole('button', { name: 'Delete all of it' }).click()
		await expect(page).toHaveURL(/\?deleted=\d+/)
		await expect(page.getByRole('status').filter({ hasText: 'Deleted:' })).toContainText('with 2 lines of action and 2 indicators')
		await expect(page.getByRole('heading', { name: new RegExp(OBJECTIVE) })).toHaveCount(0)

		await page.goto(`${base}/history`)
		await expect(page.locator('.history__entry').first()).toContainText(`deleted Strategic objective «${OBJECTIVE}»`)
		await page.getByRole('button', { name: `Restore Strategic objective «${OBJECTIVE}»` }).click()
		await expect(page.getByRole('status')).toContainText('Restored, where it was, with what was deleted with it.')
		await expect(page.locator('.history__entry').first()).toContainText('restored')
		await expect(page.getByRole('button', { name: `Restore Strategic objective «${OBJECTIVE}»` })).toHaveCount(0)

		await page.goto(`${base}/strategic-design`)
		await expect(page.getByRole('heading', { name: `Strategic objective 1.1: ${OBJECTIVE}` })).toBeVisible()
		await expect(page.locator('.action-card').filter({ hasText: 'Recruitment drive' })).toHaveCount(1)
	})
})

test('an action is set back to an earlier version from a history that reads in words', async ({ page }) => {
	const { base, email } = await roadmapOfItsOwn('BZ')
	await loginAs(page, email)

	// Two edits of the action's description, then one of its cost, each in the action's one form.
	await page.goto(`${base}/strategic-design`)
	const card = page.locator('.action-card').first()
	const editAction = async () => {
		await card.getByRole('link', { name: /^Edit “/ }).click()
		return page.locator('.is-editing form')
	}
	let form = await editAction()
	await form.getByLabel('Line of action').fill('Recruitment drive with parity targets')
	await form.getByRole('button', { name: 'Save' }).click()
	await expect(card).toContainText('Recruitment drive with parity targets')
	await expect(card).toContainText('Saved')
	form = await editAction()
	await form.getByLabel('Line of action').fill('Something else entirely')
	await form.getByRole('button', { name: 'Save' }).click()
	await expect(card).toContainText('Something else entirely')
	form = await editAction()
	await form.getByText('Cost and funding').click()
	await form
		.getByRole('group', { name: 'Line 1' })
		.getByLabel(/Amount/)
		.fill('2500')
	await form.getByRole('button', { name: 'Save' }).click()
	await expect(card).toContainText('$2,500.00')

	// The history: who, what item with its number, each field before → after, money in dollars.
	await page.goto(`${base}/history`)
	const entries = page.locator('.history__entry')
	await expect(entries.first()).toContainText('changed Line of action 1.1.1 «Something else entirely»')
	await expect(entries.first()).toContainText(/Cost lines\s*\$1,500\.00\s+becomes\s+→\s+\$2,500\.00/)
	const firstEdit = /Recruitment drive\s+becomes\s+→\s+Recruitment drive with parity targets/
	await expect(entries.filter({ hasText: firstEdit })).toHaveCount(1)
	await expectNoSeriousViolations(page)

	// The filters: by section (GET, works as a link).
	await page.getByLabel('Section', { exact: true }).selectOption('monitoring')
	await page.getByRole('button', { name: 'Show' }).click()
	await expect(page).toHaveURL(/section=monitoring/)
	await expect(entries.filter({ hasText: 'Line of action' })).toHaveCount(0)
	await expect(entries.filter({ hasText: 'Women recruited per year' })).toHaveCount(1)
	await page.getByRole('link', { name: 'Clear the filters' }).click()

	await entries
		.filter({ hasText: firstEdit })
		.getByRole('button', { name: /^Set back to this version/ })
		.click()
	await expect(page.getByRole('status')).toContainText('Set back to that version.')
	// Recorded as an update like any other: the description and the cost of that moment.
	await expect(entries.first()).toContainText(/Something else entirely\s+becomes\s+→\s+Recruitment drive with parity targets/)
	await expect(entries.first()).toContainText(/\$2,500\.00\s+becomes\s+→\s+\$1,500\.00/)
	await page.goto(`${base}/strategic-design`)
	await expect(page.locator('.action-card').first()).toContainText('Recruitment drive with parity targets')
})
