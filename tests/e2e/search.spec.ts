import { type Page } from '@playwright/test'
import { createDelegate, expect, loginAs, test } from './fixtures.ts'

const LESSON_TITLE = 'Líneas de base, metas y medios de verificación'

/** Opens a result of the baselines lesson that points at a heading, and checks the lesson is shown there. */
async function openPassage(page: Page) {
	const group = page.getByRole('region', { name: LESSON_TITLE, exact: true })
	await expect(group).toBeVisible()
	await expect(group.locator('mark').first()).toBeVisible()
	const link = group.locator('.search-hit__heading[href*="#"]').first()
	const href = (await link.getAttribute('href'))!
	const anchor = decodeURIComponent(href.split('#')[1]!)
	const headingText = (await link.textContent())!.trim()
	await link.click()
	await expect(page).toHaveURL(new RegExp(`/learn/monitoring-and-evaluation/baselines-targets-and-verification#${anchor}$`))
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(LESSON_TITLE)
	const heading = page.locator(`[id="${anchor}"]`)
	await expect(heading).toHaveText(headingText)
	await expect(heading).toBeInViewport()
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(`search (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
		test.use({ javaScriptEnabled })

		test('a delegate searches in Spanish without the accent and opens the lesson at the passage', async ({ page }) => {
			const { email } = await createDelegate({ language: 'es' })
			await loginAs(page, email)
			await page.goto('/learn')
			const form = page.getByRole('search')
			await form.getByLabel('Buscar en las lecciones y el glosario').fill('linea de base')
			await form.getByRole('button', { name: 'Buscar' }).click()
			await expect(page).toHaveURL(/\/search\?q=linea\+de\+base$/)
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Buscar en las lecciones y el glosario')
			await expect(page.locator('.search-count')).toHaveText(/^\d+ pasajes encontrados para «linea de base»\.$/)
			// The glossary term is found too.
			await expect(
				page.getByRole('region', { name: 'Glosario', exact: true }).getByRole('link', { name: 'línea de base', exact: true }),
			).toHaveAttribute('href', '/glossary#term-linea-de-base')
			await openPassage(page)
		})
	})
}

test('a loaded search page keeps searching when the connection drops; the index is loaded on that page only', async ({ page }) => {
	const { email } = await createDelegate({ language: 'es' })
	await loginAs(page, email)
	const scripts: string[] = []
	page.on('response', (response) => {
		if (response.request().resourceType() === 'script') scripts.push(response.url())
	})
	const indexRequests: string[] = []
	page.on('request', (request) => {
		if (request.url().includes('/search-index/')) indexRequests.push(request.url())
	})
	const holdsSearchCode = async (urls: string[]) => {
		for (const url of urls) if ((await (await page.request.get(url)).text()).includes('MiniSearch:')) return true
		return false
	}

	await page.goto('/learn')
	expect(indexRequests).toEqual([])
	expect(await holdsSearchCode(scripts), 'the search code is not in the scripts of other pages').toBe(false)

	await page.goto('/search')
	await expect(page.locator('form[data-ready=true]')).toBeAttached()
	expect(indexRequests).toHaveLength(1)
	expect(indexRequests[0]).toMatch(/\/search-index\/es\.[a-f0-9]{32}\.json$/)
	expect(await holdsSearchCode(scripts)).toBe(true)

	await page.context().setOffline(true)
	const input = page.getByLabel('Buscar en las lecciones y el glosario')
	await input.fill('presupuestos con enfoque')
	await expect(page.locator('.search-count')).toHaveText(/^\d+ pasajes? encontrados? para «presupuestos con enfoque»\.$/)
	await expect(page.locator('.search-group mark').first()).toBeVisible()
	// Typed again (a prefix, no accent), submitted with the Enter key: still answered with no connection.
	await input.fill('linea de bas')
	await input.press('Enter')
	await expect(page.locator('.search-count')).toHaveText(/para «linea de bas»/)
	await expect(page.getByRole('region', { name: LESSON_TITLE, exact: true })).toBeVisible()
	await expect(page).toHaveURL(/\/search\?q=linea\+de\+bas$/)
	await expect(page.locator('[aria-live=polite]', { hasText: /«linea de bas»/ })).toBeAttached()
	await page.context().setOffline(false)
	await openPassage(page)
})

test('in English the same search box finds the English lessons', async ({ page }) => {
	const { email } = await createDelegate({ language: 'en' })
	await loginAs(page, email)
	await page.goto('/search?q=BASELINE')
	await expect(page.locator('.search-count')).toHaveText(/^\d+ passages found for “BASELINE”\.$/)
	await expect(page.getByRole('heading', { level: 2, name: 'Baselines, targets and means of verification', exact: true })).toBeVisible()
})
