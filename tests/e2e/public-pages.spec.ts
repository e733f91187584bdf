import { createDelegate, db, expect, test } from './fixtures.ts'

const nonceOf = (html: string) => [...new Set([...html.matchAll(/nonce="([^"]+)"/g)].map((match) => match[1]))]
const policyNonce = (csp: string | undefined) => /'nonce-([^']+)'/.exec(csp ?? '')?.[1]

test('a visitor’s public home comes from memory with an ETag, a fresh nonce each time, per language; a 304 when unchanged', async ({
	request,
}) => {
	const spanish = { 'Accept-Language': 'es-PA,es;q=0.9' }
	const first = await request.get('/', { headers: spanish })
	const second = await request.get('/', { headers: spanish })
	expect([first.status(), second.status()]).toEqual([200, 200])
	const etag = second.headers()['etag']
	expect(etag).toMatch(/^"[\w-]{27}"$/)
	const [firstHtml, secondHtml] = [await first.text(), await second.text()]
	// Each answer carries its own nonce, the one its Content-Security-Policy names; nothing else differs.
	expect(nonceOf(firstHtml)).toEqual([policyNonce(first.headers()['content-security-policy'])])
	expect(nonceOf(secondHtml)).toEqual([policyNonce(second.headers()['content-security-policy'])])
	expect(nonceOf(firstHtml)).not.toEqual(nonceOf(secondHtml))
	expect(secondHtml.replace(/nonce="[^"]+"/g, '')).toBe(firstHtml.replace(/nonce="[^"]+"/g, ''))
	expect(secondHtml).toContain('<html lang="es"')

	const unchanged = await request.get('/', { headers: { ...spanish, 'If-None-Match': etag! } })
	expect(unchanged.status()).toBe(304)
	expect(await unchanged.text()).toBe('')
	// The browser keeps its page's own policy: a new nonce here would not match the page it kept.
	expect(unchanged.headers()['content-security-policy']).toBeUndefined()

	const english = await request.get('/', { headers: { 'Accept-Language': 'en-US,en;q=0.9' } })
	expect(await english.text()).toContain('<html lang="en"')
	await request.get('/', { headers: { 'Accept-Language': 'en-US,en;q=0.9' } })
	expect((await request.get('/', { headers: { 'Accept-Language': 'en-US,en;q=0.9' } })).headers()['etag']).not.toBe(etag)
})

test('a browser that opens the sign-in page again and again keeps a page that runs under its own policy', async ({ page }) => {
	// The fixture fails the test on any Content-Security-Policy violation in the console.
	for (let n = 0; n < 3; n++) {
		await page.goto('/login')
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
	}
	await page.reload()
	await page.goto('/')
	await page.goto('/login')
	await expect(page.locator('html[data-hydrated]')).toBeAttached()
})

test('a signed-in page is never kept: no ETag, no-store, the person’s own page', async ({ playwright, baseURL }) => {
	const { id, email } = await createDelegate({ language: 'es' })
	const person = await playwright.request.newContext({ baseURL })
	const login = await person.post('/login', {
		headers: { Origin: baseURL! },
		form: { email, password: 'academy-demo', redirectTo: '/' },
		maxRedirects: 0,
	})
	expect(login.status()).toBe(302)
	for (let n = 0; n < 2; n++) {
		const home = await person.get('/')
		expect(home.headers()['etag']).toBeUndefined()
		expect(home.headers()['cache-control']).toBe('no-store')
		const name = (await db.selectFrom('users').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name
		expect(await home.text()).toContain(name)
	}
	await person.dispose()
})
