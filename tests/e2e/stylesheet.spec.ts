import { type Page } from '@playwright/test'
import { expect, test } from './fixtures.ts'

/** How the page gets its styles, and whether they apply (the body's margin is 0 only with them). */
function styling(page: Page) {
	return page.evaluate(() => ({
		inline: document.querySelectorAll('style#app-css').length,
		linked: document.querySelectorAll('link[rel="stylesheet"]').length,
		prefetched: document.querySelectorAll('link[rel="prefetch"][href$=".css"]').length,
		bodyMargin: getComputedStyle(document.body).margin,
		fontFamily: getComputedStyle(document.body).fontFamily,
	}))
}

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('a page opened from outside carries its styles inline; the next page, opened from it, links the file', async ({ page }) => {
		const requested: string[] = []
		page.on('request', (request) => {
			if (request.url().endsWith('.css')) requested.push(request.resourceType())
		})
		// A typed address (Sec-Fetch-Site: none): nothing to wait for before the first paint.
		const first = await page.goto('/')
		expect(await first!.text()).toMatch(/<style id="app-css" nonce="[^"]+">/)
		const opened = await styling(page)
		expect(opened).toMatchObject({ inline: 1, linked: 0, prefetched: 1, bodyMargin: '0px' })
		expect(opened.fontFamily).toContain('system-ui')

		// A link within the site: the stylesheet comes from the file, with the same styles.
		await page.getByRole('link', { name: 'Sign in' }).first().click()
		await expect(page).toHaveURL(/\/login$/)
		expect(await styling(page)).toEqual({ ...opened, inline: 0, linked: 1, prefetched: 0 })
		// The first page asked for the file as a prefetch (fetched when idle), before the second linked it.
		expect(requested[0]).toBe('other')
		expect(requested.at(-1)).toBe('stylesheet')
	})
})

test('with JavaScript, the inline styles hydrate as they are and stay through the pages opened in the app', async ({ page }) => {
	// The fixture fails the test on a hydration error or a Content-Security-Policy violation.
	await page.goto('/')
	const opened = await styling(page)
	expect(opened).toMatchObject({ inline: 1, linked: 0, bodyMargin: '0px' })
	await page.getByRole('link', { name: 'Sign in' }).first().click()
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
	await expect(page).toHaveURL(/\/login$/)
	expect(await styling(page)).toEqual(opened)
})
