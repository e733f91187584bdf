import { expect, loginAs, test } from './fixtures.ts'

test.use({ viewport: { width: 390, height: 844 } })

// On a 390 px phone the page does not scroll sideways: a wide table (the dashboard's delegation ×
// module matrix) scrolls inside its own frame.
test('the dashboard does not scroll sideways on a 390 px phone', async ({ page }) => {
	await loginAs(page, 'facilitator@example.org')
	for (const lng of ['en', 'es']) {
		await page.goto(`/cohorts/panama-2025/dashboard?lng=${lng}`)
		expect(await page.evaluate(() => document.documentElement.scrollWidth), lng).toBeLessThanOrEqual(390)
	}
})
