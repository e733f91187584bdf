import { expect, loginAs, test } from './fixtures.ts'

test.use({ viewport: { width: 390, height: 844 } })

// On a 390 px phone no page scrolls sideways: wide tables scroll inside their own frame.
const pages = {
	'facilitator@example.org': [
		'/cohorts/panama-2025/dashboard',
		'/cohorts/panama-2025/delegations/panama-2025-pa',
		'/roadmaps/panama-2025-pa/strategic-design',
		'/roadmaps/panama-2025-pa/monitoring',
	],
	'staff@example.org': ['/assistance', '/assistance/overview', '/cohorts/panama-2025/edit'],
	'delegate.pa@example.org': [
		'/roadmaps/panama-2025-pa/gender-budgeting',
		'/roadmaps/panama-2025-pa/assistance',
		'/learn/theory-of-change',
	],
}

for (const [email, paths] of Object.entries(pages)) {
	test(`no page scrolls sideways on a 390 px phone (${email})`, async ({ page }) => {
		await loginAs(page, email)
		for (const path of paths) {
			for (const lng of ['en', 'es']) {
				await page.goto(`${path}?lng=${lng}`)
				const width = await page.evaluate(() => document.documentElement.scrollWidth)
				expect(width, `${path} (${lng})`).toBeLessThanOrEqual(390)
			}
		}
	})
}
