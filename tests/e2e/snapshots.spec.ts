import { type Browser } from '@playwright/test'
import { createRoadmap } from '../../app/features/roadmap/items.server.ts'
import { createDelegate, db, expect, loginAs, test } from './fixtures.ts'
import { newCohortWithDelegation } from './roadmaps.ts'

/**
 * A cohort of its own, run by a facilitator of its own (who reads English), with one delegation whose roadmap has a pillar,
 * an objective and one planned line of action, and a member of that delegation.
 */
async function roadmapWithAction() {
	const { cohortId, delegationId } = await newCohortWithDelegation('snapshots', 'CR')
	await createRoadmap(db, {
		delegationId,
		language: 'en',
		userId: null,
		currency: 'USD',
		items: [
			{
				kind: 'pillar',
				data: { name: 'Participation' },
				children: [
					{
						kind: 'objective',
						data: { statement: 'Women lead a third of community security councils' },
						children: [
							{
								kind: 'action',
								data: { description: 'Leadership school for women councillors', lead: 'Ministry of Women', status: 'planned' },
							},
						],
					},
				],
			},
		],
	})
	const now = new Date().toISOString()
	const facilitator = { id: `${cohortId}-facilitator`, email: `${cohortId}-facilitator@example.org` }
	await db
		.insertInto('users')
		.values({ ...facilitator, name: 'Test Facilitator', password_hash: 'unused', language: 'en', created_at: now })
		.execute()
	await db.insertInto('cohort_facilitators').values({ cohort_id: cohortId, user_id: facilitator.id, created_at: now }).execute()
	const { email } = await createDelegate({ delegationId, language: 'en' })
	return { base: `/roadmaps/${delegationId}`, memberEmail: email, facilitatorEmail: facilitator.email }
}

async function pageAs(browser: Browser, email: string, javaScriptEnabled = true) {
	const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, locale: 'en-US', javaScriptEnabled })
	const page = await context.newPage()
	await loginAs(page, email)
	return page
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
		test.use({ javaScriptEnabled })

		test('a facilitator takes a snapshot, a member changes an action, and the compare shows exactly that', async ({ page, browser }) => {
			const { base, memberEmail, facilitatorEmail } = await roadmapWithAction()

			// The facilitator, from the roadmap's overview to its snapshots.
			await loginAs(page, facilitatorEmail)
			await page.goto(base)
			await page.getByRole('link', { name: 'Snapshots: what moved' }).click()
			await expect(page.getByRole('heading', { name: 'Snapshots', exact: true })).toBeVisible()
			await expect(page.getByText('No snapshots yet.')).toBeVisible()
			// A name is required: the message is next to the field, and nothing is taken.
			await page.getByLabel('Name of the snapshot').fill('   ')
			await page.getByRole('button', { name: 'Take the snapshot' }).click()
			await expect(page.getByText('Give the snapshot a name.')).toBeVisible()
			await page.getByLabel('Name of the snapshot').fill('Before the follow-up workshop')
			await page.getByRole('button', { name: 'Take the snapshot' }).click()
			await expect(page.getByRole('status').filter({ hasText: 'Snapshot taken.' })).toBeVisible()
			await expect(page.locator('.snapshot-list').getByText('Before the follow-up workshop')).toBeVisible()

			// A member marks the action done.
			const member = await pageAs(browser, memberEmail, javaScriptEnabled)
			await member.goto(`${base}/implementation`)
			const action = member.locator('.action-card').filter({ hasText: 'Leadership school for women councillors' })
			await action.getByLabel('Status').selectOption('done')
			await action.getByRole('button', { name: 'Save status' }).click()
			await expect(action.locator('.badge')).toHaveText('Done')
			await member.context().close()

			// The facilitator compares the snapshot with now, through the form of two selects.
			await page.goto(`${base}/snapshots`)
			await page.getByLabel('From', { exact: true }).selectOption({ label: 'Before the follow-up workshop' })
			await page.getByLabel('To', { exact: true }).selectOption('now')
			await page.getByRole('button', { name: 'Compare', exact: true }).click()
			await expect(page).toHaveURL(/\/snapshots\/compare\?from=\d+&to=now$/)
			await expect(page.getByText('0 items added, 1 changed, 0 removed.')).toBeVisible()
			const section = page.getByRole('region', { name: 'Strategic design' })
			await expect(section.getByRole('heading', { name: 'Changed (1)' })).toBeVisible()
			const entry = section.locator('.compare-entry')
			await expect(entry).toHaveCount(1)
			await expect(entry).toContainText('Line of action 1.1.1 «Leadership school for women councillors»')
			await expect(entry.locator('dt')).toHaveText(['Status'])
			await expect(entry.locator('del')).toHaveText('Planned')
			await expect(entry.locator('ins')).toHaveText('Done')
			// A snapshot of another roadmap is refused with a message, and the form stays to choose again.
			const other = await db
				.selectFrom('roadmap_snapshots')
				.select('id')
				.where('roadmap_id', '=', 'roadmap-port-of-spain-2024-tt')
				.executeTakeFirstOrThrow()
			const response = await page.goto(`${base}/snapshots/compare?from=${other.id}&to=now`)
			expect(response?.status()).toBe(400)
			await expect(page.getByRole('alert')).toContainText('That snapshot is of another roadmap')
			await expect(page.getByRole('button', { name: 'Compare', exact: true })).toBeVisible()
		})
	})
}

test('the alumni home says what moved since the convening and links to the compare', async ({ page }) => {
	await loginAs(page, 'alumni.tt@example.org')
	await page.goto('/home')
	const since = page.locator('.since-convening')
	await expect(since).toContainText('Since the convening:')
	await since.getByRole('link', { name: 'See what moved since the convening' }).click()
	await expect(page).toHaveURL(/\/roadmaps\/port-of-spain-2024-tt\/snapshots\/compare\?from=\d+&to=now$/)
	await expect(page.getByRole('heading', { name: /^From Convening close — Port of Spain 2024/ })).toBeVisible()
	await expect(page.getByRole('region', { name: 'Monitoring and evaluation' }).locator('ins')).toContainText('M&E framework of March 2025')
})
