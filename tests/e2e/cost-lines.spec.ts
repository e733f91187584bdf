import { type Page } from '@playwright/test'
import { createRoadmap } from '../../app/features/roadmap/items.server.ts'
import { createDelegate, db, expect, loginAs, test } from './fixtures.ts'
import { newCohortWithDelegation } from './roadmaps.ts'

/** A cohort of its own with one delegation whose roadmap has one action with no cost yet, and its delegate. */
async function roadmapWithOneAction() {
	const { delegationId } = await newCohortWithDelegation('costs', 'JM')
	await createRoadmap(db, {
		delegationId,
		language: 'en',
		userId: null,
		items: [
			{
				kind: 'pillar',
				data: { name: 'Protection' },
				children: [
					{
						kind: 'objective',
						data: { statement: 'Specialised GBV services in every priority municipality' },
						children: [{ kind: 'action', data: { description: 'Open municipal GBV attention centres', lead: 'Ministry of Gender' } }],
					},
				],
			},
		],
	})
	const { email } = await createDelegate({ delegationId, language: 'en' })
	return { path: `/roadmaps/${delegationId}/gender-budgeting`, email }
}

/** The action's one form, opened with its Edit control on the strategic design (a link without JavaScript). */
async function openAction(page: Page, path: string) {
	await page.goto(path.replace('/gender-budgeting', '/strategic-design'))
	await page.getByRole('link', { name: /^Edit “Open municipal GBV attention centres/ }).click()
	const form = page.locator('.is-editing form')
	await form.getByText('Cost and funding').click()
	return form
}

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('a delegate adds two cost lines to an action, one by one, and sees its total and the funded share', async ({ page }) => {
		const { path, email } = await roadmapWithOneAction()
		await loginAs(page, email)
		const card = await openAction(page, path)
		const lines = card.getByRole('group', { name: 'Cost lines' })
		await expect(lines.getByText('No cost lines yet.')).toBeVisible()
		// No JavaScript: no Add or Remove buttons, one empty row to fill.
		await expect(card.getByRole('button', { name: 'Add a line' })).toHaveCount(0)
		await expect(card.getByRole('group', { name: /^Line \d+$/ })).toHaveCount(1)

		const first = card.getByRole('group', { name: 'Line 1' })
		await first.getByLabel(/Amount/).fill('40,000')
		await first.getByLabel('Funding source').selectOption('national_budget')
		await first.getByLabel('Committed').check()
		await card.getByRole('button', { name: 'Save' }).click()
		await expect(page.locator('.action-card').filter({ hasText: 'Open municipal GBV attention centres' })).toContainText(
			'$40,000.00 · National budget ✓ committed',
		)

		// Opened again: the line shows as it is, and another empty row follows it.
		const again = await openAction(page, path)
		await expect(again.getByRole('group', { name: 'Line 1' }).getByLabel(/Amount/)).toHaveValue('40000')
		const second = again.getByRole('group', { name: 'Line 2' })
		await expect(second.getByLabel(/Amount/)).toHaveValue('')
		await second.getByLabel(/Amount/).fill('60000')
		await second.getByLabel('Funding source').selectOption('subnational_budget')
		await again.getByRole('button', { name: 'Save' }).click()
		await expect(page.locator('.is-editing')).toHaveCount(0)

		const saved = await openAction(page, path)
		await expect(saved.getByRole('group', { name: /^Line \d+$/ })).toHaveCount(3)
		await expect(saved.getByText('Total of this action: $100,000.00; committed $40,000.00 (40% funded).')).toBeVisible()

		// A bad amount on line 2 is refused next to it; what was typed stays, and nothing was saved.
		await saved
			.getByRole('group', { name: 'Line 2' })
			.getByLabel(/Amount/)
			.fill('sixty')
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			saved.getByRole('button', { name: 'Save' }).click(),
		])
		expect(response.status()).toBe(400)
		const refused = page.locator('.is-editing form')
		const line2 = refused.getByRole('group', { name: 'Line 2' })
		await expect(line2.getByText('Enter an amount, like 12500 or 12,500.50.')).toBeVisible()
		await expect(line2.getByLabel(/Amount/)).toHaveValue('sixty')
		await expect(refused.getByText('Total of this action: $100,000.00; committed $40,000.00 (40% funded).')).toBeVisible()

		// The budget page, a view of the same data, adds it up.
		await page.goto(path)
		await expect(page.getByText('Total cost $100,000.00; committed $40,000.00 (40% funded).')).toBeVisible()
		await expect(page.getByRole('row', { name: /State, provincial or municipal budget \$60,000\.00 \$0\.00/ })).toBeVisible()

		// The print page lists the two lines under the action.
		await page.goto(path.replace('/gender-budgeting', '/print'))
		const row = page.getByRole('row', { name: /^1\.1\.1 Open municipal GBV attention centres/ })
		await expect(row).toContainText('$100,000.00')
		await expect(row.getByRole('listitem')).toHaveText([
			'$40,000.00 · National budget ✓ committed',
			'$60,000.00 · State, provincial or municipal budget',
		])
	})
})

test('with JavaScript, "Add a line" adds a row and "Remove" takes one away before saving', async ({ page }) => {
	const { path, email } = await roadmapWithOneAction()
	await loginAs(page, email)
	await page.goto(path)
	await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1)
	const card = await openAction(page, path)
	await card
		.getByRole('group', { name: 'Line 1' })
		.getByLabel(/Amount/)
		.fill('1000')
	await card.getByRole('group', { name: 'Line 1' }).getByLabel('Funding source').selectOption('civil_society')
	await card.getByRole('button', { name: 'Add a line' }).click()
	await card
		.getByRole('group', { name: 'Line 2' })
		.getByLabel(/Amount/)
		.fill('2000')
	await card.getByRole('button', { name: 'Add a line' }).click()
	await card
		.getByRole('group', { name: 'Line 3' })
		.getByLabel(/Amount/)
		.fill('999')
	const remove = card.getByRole('button', { name: 'Remove line 3' })
	const box = (await remove.boundingBox())!
	expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(24)
	await remove.click()
	await expect(card.getByRole('group', { name: /^Line \d+$/ })).toHaveCount(2)
	await card.getByRole('button', { name: 'Save' }).click()
	await expect(page.locator('.is-editing')).toHaveCount(0)
	const saved = await openAction(page, path)
	await expect(saved.getByText('Total of this action: $3,000.00; committed $0.00 (0% funded).')).toBeVisible()
	await expect(saved.getByRole('group', { name: 'Line 2' }).getByLabel(/Amount/)).toHaveValue('2000')
	await expect(saved.getByRole('group', { name: /^Line \d+$/ })).toHaveCount(3)
})
