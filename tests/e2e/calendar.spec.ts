import { createDelegate, db, expect, loginAs, test } from './fixtures.ts'

const FEED_ADDRESS = "Your calendar feed's address"

test('a facilitator shares a new invitation link: the WhatsApp message is in the invitee’s language, Copy puts the link on the clipboard', async ({
	page,
	context,
}) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write'])
	await loginAs(page, 'facilitator@example.org')
	await page.goto('/cohorts/panama-2025/delegations/panama-2025-cr?lng=en')
	const form = page.getByRole('region', { name: 'Invite one person' })
	const email = `share-${Date.now()}@example.org`
	await form.getByLabel('Full name').fill('Rosa Compartida')
	await form.getByLabel('Email').fill(email)
	await form.getByLabel('Sector').selectOption('government')
	await form.getByRole('button', { name: 'Create invitation link' }).click()

	const links = page.getByRole('region', { name: '1 new invitation link' })
	const field = links.getByLabel(`Rosa Compartida <${email}>`)
	const url = await field.inputValue()
	expect(url).toMatch(/\/invite\/[A-Za-z0-9_-]{20,}$/)

	// Costa Rica's invitee reads Spanish, whatever the facilitator's screen is in.
	const whatsapp = links.getByRole('link', { name: /Send by WhatsApp · Rosa Compartida/ })
	const href = new URL((await whatsapp.getAttribute('href'))!)
	expect(href.origin + href.pathname).toBe('https://wa.me/')
	expect(href.searchParams.get('text')).toBe(
		`Hola, Rosa Compartida: le invitamos a sumarse a la delegación de Costa Rica en la Academia PAN (Panama City 2025). Cree su cuenta con este enlace personal: ${url}`,
	)

	await links.getByRole('button', { name: 'Copy · Rosa Compartida' }).click()
	await expect(links.getByRole('status')).toHaveText('Link copied.')
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url)

	// Share shows only where the browser has the Web Share API.
	const canShare = await page.evaluate(() => typeof navigator.share === 'function')
	await expect(links.getByRole('button', { name: 'Share · Rosa Compartida' })).toHaveCount(canShare ? 1 : 0)

	// The targets are big enough to tap on a phone.
	for (const control of [whatsapp, links.getByRole('button', { name: 'Copy · Rosa Compartida' })]) {
		const box = (await control.boundingBox())!
		expect(box.height).toBeGreaterThanOrEqual(24)
		expect(box.width).toBeGreaterThanOrEqual(24)
	}
})

test('a delegate makes a calendar feed in settings; its address serves an .ics; a new address kills the old one', async ({
	page,
	playwright,
	baseURL,
}) => {
	const { email } = await createDelegate({ delegationId: 'panama-2025-ec', language: 'en' })
	await loginAs(page, email)
	await page.goto('/settings')
	const section = page.getByRole('region', { name: 'Calendar feed' })
	await expect(section.getByText('You have no calendar feed yet.')).toBeVisible()
	await section.getByRole('button', { name: 'Make my calendar feed' }).click()
	const first = await section.getByLabel(FEED_ADDRESS).inputValue()
	expect(first).toMatch(/\/calendar\/[A-Za-z0-9_-]{20,}\.ics$/)

	// A calendar app has no session: a fresh request context.
	const app = await playwright.request.newContext({ baseURL })
	const feed = await app.get(first)
	expect(feed.status()).toBe(200)
	expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8')
	const ics = await feed.text()
	expect(ics).toContain('BEGIN:VCALENDAR')
	expect(ics).toContain('SUMMARY:Panama City 2025 – NAP Academy convening')
	expect(ics).toContain('DTSTART;VALUE=DATE:20250624')

	// The address is shown once: after a reload the page only says the feed is on.
	await page.goto('/settings')
	await expect(section.getByText(/Your calendar feed is on/)).toBeVisible()
	await expect(section.getByLabel(FEED_ADDRESS)).toHaveCount(0)

	await section.getByRole('button', { name: 'Get a new address' }).click()
	const second = await section.getByLabel(FEED_ADDRESS).inputValue()
	expect(second).not.toBe(first)
	expect((await app.get(first)).status()).toBe(404)
	expect((await app.get(second)).status()).toBe(200)
	await app.dispose()
})

test('without JavaScript: the feed is made with a plain form and its address can be selected to copy', async ({ browser, baseURL }) => {
	const context = await browser.newContext({ javaScriptEnabled: false, baseURL })
	const page = await context.newPage()
	const { email } = await createDelegate({ language: 'es' })
	await loginAs(page, email)
	await page.goto('/settings')
	const section = page.getByRole('region', { name: 'Calendario en línea' })
	await section.getByRole('button', { name: 'Crear mi calendario en línea' }).click()
	const address = section.getByLabel('La dirección de su calendario en línea')
	await expect(address).toHaveValue(/\/calendar\/[A-Za-z0-9_-]{20,}\.ics$/)
	await expect(address).toHaveAttribute('readonly', '')
	await expect(section.getByText('Seleccione el enlace para copiarlo.')).toBeVisible()
	const row = await db
		.selectFrom('calendar_feeds')
		.innerJoin('users', 'users.id', 'calendar_feeds.user_id')
		.select('calendar_feeds.token_hash')
		.where('users.email', '=', email)
		.executeTakeFirstOrThrow()
	expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/)
	await context.close()
})

test('the cohort page and a scheduled TA request offer an .ics download', async ({ page }) => {
	await loginAs(page, 'delegate.bo@example.org')
	await page.goto('/cohorts/panama-2025?lng=en')
	const convening = page.waitForEvent('download')
	await page.getByRole('link', { name: 'Add to calendar (.ics)' }).click()
	const download = await convening
	expect(download.suggestedFilename()).toBe('panama-city-2025.ics')

	await page.goto('/assistance/ta-bo-local?lng=en')
	const session = page.waitForEvent('download')
	await page.getByRole('link', { name: 'Add to calendar (.ics)' }).click()
	expect((await session).suggestedFilename()).toMatch(/\.ics$/)
})
