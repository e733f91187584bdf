import { type Page } from '@playwright/test'
import { createDelegate, expect, loginAs, test } from './fixtures.ts'

// A section's page loads its forms when one opens (app/utils/on-demand.tsx): the item form, the
// paste box and the deletion notices are scripts of their own, with texts of their own.
const PAGE = '/roadmaps/panama-2025-ec/strategic-design'
const ITEM_FORM = /\/assets\/item-form-parts-[\w-]+\.js$/
const PASTE_BOX = /\/assets\/paste-box-[\w-]+\.js$/

/** The scripts the page asks for, from now on. */
function scriptsOf(page: Page) {
	const urls: string[] = []
	page.on('request', (request) => {
		if (request.resourceType() === 'script') urls.push(new URL(request.url()).pathname)
	})
	return { loaded: (pattern: RegExp) => urls.some((url) => pattern.test(url)) }
}

test('with JavaScript, the item form and the paste box come when they open, and work', async ({ page }) => {
	const tag = `o${Math.random().toString(36).slice(2, 7)}`
	const { email } = await createDelegate({ delegationId: 'panama-2025-ec', language: 'es' })
	await loginAs(page, email)
	const scripts = scriptsOf(page)
	await page.goto(PAGE)
	const pillar = page.locator('section.pillar').first()
	await expect(pillar.getByRole('link', { name: 'Agregar un objetivo estratégico' })).toBeVisible()
	// The plan has pillars: "Add a pillar" is a link too, and no form's code came with the page.
	await expect(page.getByRole('link', { name: 'Agregar un pilar' })).toBeVisible()
	expect(scripts.loaded(ITEM_FORM)).toBe(false)
	expect(scripts.loaded(PASTE_BOX)).toBe(false)

	// Opening a form brings its code and its texts (in Spanish), and the form saves in place.
	await pillar.getByRole('link', { name: 'Agregar un objetivo estratégico' }).click()
	const field = pillar.getByLabel('Objetivo estratégico').last()
	await expect(field).toBeFocused()
	expect(scripts.loaded(ITEM_FORM)).toBe(true)
	await field.fill(`Más mujeres en la policía ${tag}`)
	await pillar.getByRole('button', { name: 'Agregar un objetivo estratégico' }).click()
	const heading = page.getByRole('heading', { name: new RegExp(`Más mujeres en la policía ${tag}`) })
	await expect(heading).toBeVisible()

	// The paste box too: its link, then the box with its own texts.
	const objective = page.locator('article.objective').filter({ has: heading })
	expect(scripts.loaded(PASTE_BOX)).toBe(false)
	await objective.getByRole('link', { name: 'Pegar filas de una hoja de cálculo' }).click()
	await expect(objective.getByLabel('Filas copiadas de una hoja de cálculo')).toBeVisible()
	expect(scripts.loaded(PASTE_BOX)).toBe(true)
})

test('a page the server renders with a form open hydrates with its code, and the form keeps what is typed', async ({ page }) => {
	const { email } = await createDelegate({ delegationId: 'panama-2025-ec', language: 'en' })
	await loginAs(page, email)
	// `?edit=` opens the "add a pillar" form on the server (a link followed without JavaScript, say).
	await page.goto(`${PAGE}?edit=new-pillar`)
	const form = page.locator('#new-pillar')
	const name = form.getByLabel('Pillar name')
	await expect(name).toBeVisible()
	// Hydrated (the fixture waits for it) with the form's code there: typing and cancelling work in place.
	await name.fill('Participation in peace processes')
	await expect(name).toHaveValue('Participation in peace processes')
	await form.getByRole('link', { name: 'Cancel' }).click()
	await expect(page.locator('#new-pillar')).toHaveCount(0)
	await expect(page.getByRole('link', { name: 'Add a pillar' })).toBeVisible()
})

test.describe('when the connection fails', () => {
	// The page's own requests only (a service worker would answer from its cache).
	test.use({ serviceWorkers: 'block' })

	test('a form whose code cannot load says so in its place, and the page goes on working', async ({ page }) => {
		const { email } = await createDelegate({ delegationId: 'panama-2025-ec', language: 'en' })
		await loginAs(page, email)
		await page.goto(PAGE)
		// The connection drops just as the form's code is asked for.
		await page.route(ITEM_FORM, (route) => route.abort('internetdisconnected'))
		const pillar = page.locator('section.pillar').first()
		await pillar.getByRole('link', { name: 'Add a strategic objective' }).click()
		await expect(pillar.getByRole('alert')).toHaveText('This part of the page could not load. Reload the page to try again.')
		// Only that part failed: the page around it is still there.
		await expect(page.getByRole('heading', { level: 2 })).toBeVisible()
		await expect(page.locator('section.pillar')).not.toHaveCount(0)
		await page.unroute(ITEM_FORM)
		await page.reload()
		await pillar.getByRole('link', { name: 'Add a strategic objective' }).click()
		await expect(pillar.getByLabel('Strategic objective').last()).toBeFocused()
	})
})
