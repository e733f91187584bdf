import { expect, loginAs, test } from './fixtures.ts'

test.use({ viewport: { width: 390, height: 844 } })

// On a 390 px phone the page does not scroll sideways: a wide table (the dashboard's delegation ×
// module matrix) scrolls inside its own frame.
test('the dashboard does not scroll sideways on a 390 px phone', async ({ page }) => {
	await loginAs(page, 'facilitator@example.org')
	for (const lng of ['en', 'es']) {
		await page.goto(`/cohorts/panama-2025/dashboard?lng=${lng}`)
		expect(await page.evaluate(() => document.documentElement.scrollWidth), lng).toBeLessThanOrEqual(390)
		// The curriculum grows to nine modules (three more columns) while the page stays 390 px wide:
		// the matrix is given the columns it will have, whatever content/ holds today.
		const columns = await page.evaluate(() => {
			const table = document.querySelector('table.matrix')!
			const moduleColumns = table.querySelectorAll('thead th').length - 2
			for (const row of table.querySelectorAll('tr')) {
				const cells = row.querySelectorAll('th, td')
				const model = cells[cells.length - 2]!
				for (let added = moduleColumns; added < 9; added++) model.after(model.cloneNode(true))
			}
			return table.querySelectorAll('thead th').length - 2
		})
		expect(columns, lng).toBeGreaterThanOrEqual(9)
		expect(await page.evaluate(() => document.documentElement.scrollWidth), `${lng}, nine modules`).toBeLessThanOrEqual(390)
	}
})

// The worked example is a whole roadmap as a document: its wide tables scroll in their own frames.
test('the worked example does not scroll sideways on a 390 px phone', async ({ page }) => {
	await loginAs(page, 'delegate.bo@example.org')
	for (const lng of ['en', 'es']) {
		await page.goto(`/roadmap/example?lng=${lng}`)
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
		expect(await page.evaluate(() => document.documentElement.scrollWidth), lng).toBeLessThanOrEqual(390)
	}
})
