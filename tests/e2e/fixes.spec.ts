import { createDelegate, db, DEMO_PASSWORD, expect, loginAs, test } from './fixtures.ts'

// Findings of the security review (issue 16) that only the real server shows: caching headers,
// methods, redirects and the no-JavaScript paths. Run against the production build.

test.describe('caching', () => {
	test('everything a signed-in person gets is no-store; the hashed curriculum module keeps its year', async ({ page }) => {
		await loginAs(page, 'staff@example.org')
		const paths = [
			'/home',
			'/home.data',
			'/cohorts/panama-2025',
			'/learn/theory-of-change/why-a-theory-of-change',
			'/glossary',
			'/cohorts/panama-2025/roster.csv',
			'/roadmaps/panama-2025-pa/actions.csv',
			'/roadmaps/panama-2025-pa/roadmap.json',
			'/roadmaps/panama-2025-pa/draft.docx',
			'/cohorts/panama-2025/calendar.ics',
			'/assistance/requests.csv',
		]
		for (const path of paths) {
			const response = await page.request.get(path, { maxRedirects: 0 })
			expect(response.status(), path).toBe(200)
			expect(response.headers()['cache-control'], path).toBe('no-store')
		}
		const lesson = await (await page.request.get('/learn/theory-of-change/why-a-theory-of-change')).text()
		const module = /\/mdx\/[a-f0-9]{32}\.js/.exec(lesson)![0]
		const moduleResponse = await page.request.get(module)
		expect(moduleResponse.headers()['cache-control']).toContain('immutable')
	})

	test('the answer that signs a person in is no-store too', async ({ request }) => {
		const { email } = await createDelegate({ language: 'en' })
		const signIn = await request.post('/login', { form: { email, password: DEMO_PASSWORD }, maxRedirects: 0 })
		expect(signIn.status()).toBe(302)
		expect(signIn.headers()['set-cookie']).toContain('academy_session=')
		expect(signIn.headers()['cache-control']).toBe('no-store')
	})

	test('a visitor without a session: the home page and sign-in page are not marked no-store', async ({ browser }) => {
		const context = await browser.newContext()
		const home = await context.request.get('/')
		expect(home.status()).toBe(200)
		expect(home.headers()['cache-control'] ?? '').not.toContain('no-store')
		const login = await context.request.get('/login')
		expect(login.headers()['cache-control'] ?? '').not.toContain('no-store')
		const asset = /\/assets\/[^"]+\.js/.exec(await home.text())![0]
		const assetResponse = await context.request.get(asset)
		expect(assetResponse.headers()['cache-control']).toMatch(/max-age=31536000.*immutable|immutable.*max-age=31536000/)
		await context.close()
	})
})

test.describe('methods', () => {
	for (const method of ['OPTIONS', 'TRACE', 'PUT', 'DELETE', 'PATCH', 'PROPFIND']) {
		test(`${method} / is a quiet 405 that says what is allowed`, async ({ request }) => {
			const response = await request.fetch('/', { method })
			expect(response.status()).toBe(405)
			expect(response.headers()['allow']).toBe('GET, HEAD, POST')
		})
	}

	test('POST to a page without an action is 405 with Allow: GET, HEAD (not 500)', async ({ request }) => {
		for (const path of ['/', '/glossary', '/cohorts']) {
			const response = await request.post(path, { form: { x: '1' } })
			expect(response.status(), path).toBe(405)
			expect(response.headers()['allow'], path).toBe('GET, HEAD')
		}
	})

	test('POST /set-language with an unknown language is a 400 page that says so; nothing changes', async ({ request }) => {
		const response = await request.post('/set-language', { form: { lng: 'xx', redirectTo: '/' }, maxRedirects: 0 })
		expect(response.status()).toBe(400)
		expect(response.headers()['content-type']).toContain('text/html')
		expect(await response.text()).toMatch(/That language is not available|Ese idioma no está disponible/)
		expect(response.headers()['set-cookie'] ?? '').not.toContain('lng=')
	})
})

test.describe('redirects stay on this site', () => {
	const evil = [
		'/.//evil.example',
		'//evil.example',
		'/\\evil.example',
		'/%2F%2Fevil.example',
		'/%5Cevil.example',
		'https://evil.example',
		'/\t/evil.example',
		'javascript:alert(1)',
	]

	test('after signing in', async ({ playwright, baseURL }) => {
		const { email } = await createDelegate({ language: 'en' })
		for (const redirectTo of evil) {
			const context = await playwright.request.newContext({ baseURL })
			const response = await context.post('/login', { form: { email, password: DEMO_PASSWORD, redirectTo }, maxRedirects: 0 })
			expect(response.status(), redirectTo).toBe(302)
			const location = response.headers()['location']!
			expect(new URL(location, baseURL).origin, `${redirectTo} → ${location}`).toBe(new URL(baseURL!).origin)
			expect(location, redirectTo).toBe('/home')
			await context.dispose()
		}
	})

	test('after choosing a language', async ({ request, baseURL }) => {
		for (const redirectTo of evil) {
			const response = await request.post('/set-language', { form: { lng: 'en', redirectTo }, maxRedirects: 0 })
			expect(response.status(), redirectTo).toBe(302)
			expect(response.headers()['location'], redirectTo).toBe('/')
		}
		const kept = await request.post('/set-language', { form: { lng: 'en', redirectTo: '/glossary?q=a' }, maxRedirects: 0 })
		expect(new URL(kept.headers()['location']!, baseURL).pathname).toBe('/glossary')
	})
})

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('a throttled sign-in still says when to try again (Retry-After on the 429 page)', async ({ request }) => {
		const { email } = await createDelegate({ language: 'en' })
		let response = await request.post('/login', { form: { email, password: 'not-the-password' } })
		for (let attempt = 0; attempt < 40 && response.status() !== 429; attempt++) {
			response = await request.post('/login', { form: { email, password: 'not-the-password' } })
		}
		expect(response.status()).toBe(429)
		expect(response.headers()['content-type']).toContain('text/html')
		expect(Number(response.headers()['retry-after'])).toBeGreaterThan(0)
	})

	test('changing the password keeps this browser signed in with its new session', async ({ page }) => {
		const { email, id } = await createDelegate({ language: 'en' })
		await loginAs(page, email)
		const before = await page.context().cookies()
		await page.goto('/settings')
		await page.locator('input[name=currentPassword]').fill(DEMO_PASSWORD)
		await page.locator('input[name=newPassword]').fill('a-fresh-long-passphrase-4-settings')
		await page.locator('input[name=confirmPassword]').fill('a-fresh-long-passphrase-4-settings')
		const answer = page.waitForResponse((response) => response.request().method() === 'POST' && response.url().includes('/settings'))
		await page.getByRole('button', { name: 'Change password' }).click()
		const posted = await answer
		expect(posted.status()).toBe(302)
		expect((await posted.headerValue('set-cookie')) ?? '').toContain('academy_session=')
		await expect(page).toHaveURL(/\/settings\?passwordChanged=1/)
		await expect(page.getByRole('status')).toContainText('Your password has been changed')
		const session = (await page.context().cookies()).find((cookie) => cookie.name === 'academy_session')!
		expect(session.value).not.toBe(before.find((cookie) => cookie.name === 'academy_session')!.value)
		// The new session works on the next page; the old one is gone.
		await page.goto('/home')
		await expect(page).toHaveURL(/\/home$/)
		const sessions = await db.selectFrom('sessions').select('id').where('user_id', '=', id).execute()
		expect(sessions).toHaveLength(1)
	})
})
