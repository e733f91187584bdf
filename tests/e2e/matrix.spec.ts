import AxeBuilder from '@axe-core/playwright'
import { type Page } from '@playwright/test'
import { createRoadmap } from '../../app/features/roadmap/items.server.ts'
import { createDelegate, db, expect, loginAs, test } from './fixtures.ts'
import { newCohortWithDelegation } from './roadmaps.ts'

/**
 * A cohort of its own with one delegation whose plan has two pillars and three lines of action (a
 * costly one in progress, a cheap one planned, one planned with no cost), and its delegate.
 */
async function planWithThreeActions() {
	const { delegationId } = await newCohortWithDelegation('matrix', 'CR')
	await createRoadmap(db, {
		delegationId,
		language: 'en',
		userId: null,
		items: [
			{
				kind: 'pillar',
				data: { name: 'Prevention' },
				children: [
					{
						kind: 'objective',
						data: { statement: 'Security forces prevent gender-based violence' },
						children: [
							{
								kind: 'action',
								data: {
									description: 'Train police officers in GBV response',
									lead: 'Ministry of Security',
									start: '2026-Q3',
									end: '2027-Q4',
									status: 'in_progress',
									costs: [
										{ amount: 6_000_000, source: 'national_budget', committed: true },
										{ amount: 6_000_000, source: 'international_cooperation', committed: false },
									],
								},
								children: [
									{
										kind: 'indicator',
										data: { statement: 'Officers trained', measure: 'number', unit: 'officers', baselineValue: '0', targetValue: '300' },
									},
								],
							},
							{
								kind: 'action',
								data: {
									description: 'Open a women’s desk in each station',
									lead: 'Ministry of Women',
									status: 'planned',
									costs: [{ amount: 500_000, source: 'ministry_line', committed: true }],
								},
							},
						],
					},
				],
			},
			{
				kind: 'pillar',
				data: { name: 'Participation' },
				children: [
					{
						kind: 'objective',
						data: { statement: 'More women in peace negotiations' },
						children: [{ kind: 'action', data: { description: 'Map women mediators', status: 'planned' } }],
					},
				],
			},
		],
	})
	const { email } = await createDelegate({ delegationId, language: 'en' })
	return { delegationId, path: `/roadmaps/${delegationId}/matrix`, email }
}

/** The lines of action in the order the table shows them (without their cells' edit buttons). */
const rowNames = async (page: Page) =>
	(await page.locator('table.results-matrix tbody tr td:nth-child(4)').allInnerTexts()).map((text) => text.replace(/\s*✎\s*$/, ''))

test.describe('with JavaScript', () => {
	test('a delegate edits a lead in place by keyboard: Enter, type, Enter saves; Escape cancels; Tab goes on', async ({ page }) => {
		const { path, email } = await planWithThreeActions()
		await loginAs(page, email)
		await page.goto(path)
		const row = page.locator('table.results-matrix tbody tr').filter({ hasText: 'Open a women’s desk in each station' })
		const edit = page.getByRole('button', { name: 'Edit Lead institution, line 1.1.2' })
		await edit.focus()
		await page.keyboard.press('Enter')
		const editor = page.getByRole('textbox', { name: 'Lead institution, line 1.1.2' })
		await expect(editor).toBeFocused()
		await page.keyboard.press('ControlOrMeta+a')
		await page.keyboard.type('Office of the First Vice-President')
		await page.keyboard.press('Enter')
		await expect(row.getByText('Saved')).toBeVisible()
		await expect(row).toContainText('Office of the First Vice-President')
		// Focus is back on the cell's edit button, on the matrix (the save did not navigate away).
		await expect(edit).toBeFocused()
		await expect(page).toHaveURL(new RegExp(`${path}$`))

		await page.reload()
		await expect(row).toContainText('Office of the First Vice-President')
		// Nothing else of the line changed: its cost, its status, its description.
		await expect(row).toContainText('$5,000.00')
		await expect(row).toContainText('Planned')
		await expect(row).toContainText('100%')

		// Escape cancels: the typed text is dropped and the cell shows what is saved.
		await edit.focus()
		await page.keyboard.press('Enter')
		await page.keyboard.press('ControlOrMeta+a')
		await page.keyboard.type('Not to be saved')
		await page.keyboard.press('Escape')
		await expect(editor).toHaveCount(0)
		await expect(row).toContainText('Office of the First Vice-President')
		await expect(row).not.toContainText('Not to be saved')
		await expect(edit).toBeFocused()

		// Tab moves to the next cell.
		await page.keyboard.press('Enter')
		await page.keyboard.press('Tab')
		await expect(page.getByRole('button', { name: 'Edit Partner institutions, line 1.1.2' })).toBeFocused()

		await page.reload()
		await expect(row).not.toContainText('Not to be saved')
		await expect(row).toContainText('Office of the First Vice-President')
	})

	test('a status changes in place from its select, and a period that is not one shows its message and keeps the text', async ({ page }) => {
		const { path, email } = await planWithThreeActions()
		await loginAs(page, email)
		await page.goto(path)
		const row = page.locator('table.results-matrix tbody tr').filter({ hasText: 'Map women mediators' })
		await page.getByRole('button', { name: 'Edit Status, line 2.1.1' }).focus()
		await page.keyboard.press('Enter')
		const status = page.getByRole('combobox', { name: 'Status, line 2.1.1' })
		await expect(status).toBeFocused()
		await status.selectOption('delayed')
		await status.press('Enter')
		await expect(row.getByText('Saved')).toBeVisible()
		await expect(row).toContainText('Delayed')

		await page.getByRole('button', { name: 'Edit Start, line 2.1.1' }).focus()
		await page.keyboard.press('Enter')
		await page.keyboard.type('next spring')
		await page.keyboard.press('Enter')
		const start = page.getByRole('textbox', { name: 'Start, line 2.1.1' })
		await expect(row.getByRole('alert')).toContainText('Write a quarter like 2026-Q3 or a month like 2026-07.')
		await expect(start).toHaveValue('next spring')
		await page.reload()
		await expect(row).toContainText('Delayed')
		await expect(row).not.toContainText('next spring')
	})

	test('filters by status and sorts by cost, with the headers saying how the table is sorted', async ({ page }) => {
		const { path, email } = await planWithThreeActions()
		await loginAs(page, email)
		await page.goto(path)
		await expect(page.getByText('3 of 3 lines of action')).toBeVisible()
		await page.getByLabel('Status', { exact: true }).selectOption('planned')
		await page.getByRole('button', { name: 'Show' }).click()
		await expect(page).toHaveURL(/status=planned/)
		await expect(page.getByText('2 of 3 lines of action')).toBeVisible()
		expect(await rowNames(page)).toEqual(['Open a women’s desk in each station', 'Map women mediators'])
		await expect(page.locator('tfoot')).toContainText('$5,000.00')

		await page.getByLabel('Status', { exact: true }).selectOption('')
		await page.getByRole('button', { name: 'Show' }).click()
		await expect(page.getByText('3 of 3 lines of action')).toBeVisible()
		const costHeader = page.getByRole('columnheader', { name: /Cost/ })
		await expect(costHeader).toHaveAttribute('aria-sort', 'none')
		await costHeader.getByRole('link').click()
		await expect(costHeader).toHaveAttribute('aria-sort', 'ascending')
		expect(await rowNames(page)).toEqual([
			'Open a women’s desk in each station',
			'Train police officers in GBV response',
			'Map women mediators',
		])
		await costHeader.getByRole('link').click()
		await expect(costHeader).toHaveAttribute('aria-sort', 'descending')
		expect(await rowNames(page)).toEqual([
			'Train police officers in GBV response',
			'Open a women’s desk in each station',
			'Map women mediators',
		])
		await expect(page.locator('tfoot')).toContainText('$125,000.00')
		await expect(page.locator('tfoot')).toContainText('$65,000.00 committed (52%)')

		// A filter that matches nothing says so.
		await page.getByLabel('Status', { exact: true }).selectOption('dropped')
		await page.getByRole('button', { name: 'Show' }).click()
		await expect(page.getByText('No line of action matches these filters.')).toBeVisible()
		await expect(page.getByText('0 of 3 lines of action')).toBeVisible()
	})

	test('the matrix page has no serious accessibility violations, closed and with a cell open', async ({ page }) => {
		const { path, email } = await planWithThreeActions()
		await loginAs(page, email)
		for (const lng of ['en', 'es']) {
			await page.goto(`${path}?lng=${lng}`)
			await expect(page.locator('table.results-matrix')).toBeVisible()
			const results = await new AxeBuilder({ page }).analyze()
			const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)
			expect(serious, lng).toEqual([])
		}
		await page.locator('.matrix-cell__edit').first().click()
		const results = await new AxeBuilder({ page }).analyze()
		expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([])
	})
})

test.describe('on a 390 px phone', () => {
	test.use({ viewport: { width: 390, height: 844 } })

	test('the page does not scroll sideways: the table scrolls in its own labelled frame', async ({ page }) => {
		const { path, email } = await planWithThreeActions()
		await loginAs(page, email)
		await page.goto(path)
		await expect(page.getByRole('region', { name: 'Results matrix, one row per line of action' })).toBeVisible()
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
	})
})

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('a delegate filters with the form and follows a row to its line of action’s form', async ({ page }) => {
		const { path, email } = await planWithThreeActions()
		await loginAs(page, email)
		await page.goto(path)
		// The roadmap's tabs hold the matrix, after the six sections.
		await expect(page.locator('.roadmap-header a[aria-current="page"]').first()).toHaveText('Results matrix')
		// No cell editors without JavaScript: each row links to the action's one form.
		await expect(page.locator('.matrix-cell__edit')).toHaveCount(0)
		await page.getByLabel('Pillar', { exact: true }).selectOption({ label: '1. Prevention' })
		await page.getByLabel('Sort by').selectOption('cost')
		await page.getByLabel('Order').selectOption('desc')
		await page.getByRole('button', { name: 'Show' }).click()
		await expect(page.getByText('2 of 3 lines of action')).toBeVisible()
		expect(await rowNames(page)).toEqual(['Train police officers in GBV response', 'Open a women’s desk in each station'])
		await expect(page.getByRole('columnheader', { name: /Cost/ })).toHaveAttribute('aria-sort', 'descending')

		await page.getByRole('link', { name: 'Edit line 1.1.2' }).click()
		await expect(page).toHaveURL(/\/strategic-design\?edit=/)
		const form = page.locator('.is-editing form')
		await expect(form.getByLabel(/^Line of action/)).toHaveValue('Open a women’s desk in each station')

		// The cost cell links to the same form.
		await page.goto(path)
		await page.getByRole('link', { name: 'Cost of line 1.1.1: $120,000.00' }).click()
		await expect(page.locator('.is-editing form').getByLabel(/^Line of action/)).toHaveValue('Train police officers in GBV response')
	})
})
