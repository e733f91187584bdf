import { createDelegate, expect, loginAs, test } from './fixtures.ts'

function directives(header: string | undefined) {
	return new Map(
		(header ?? '')
			.split(';')
			.map((part) => part.trim().split(/\s+/))
			.filter((words) => words[0])
			.map(([name, ...values]) => [name!, values]),
	)
}

test('every response carries the security headers, with a fresh nonce per page', async ({ request }) => {
	const home = await request.get('/')
	const homeCsp = directives(home.headers()['content-security-policy'])
	const login = await request.get('/login')
	const loginCsp = directives(login.headers()['content-security-policy'])
	const html = await home.text()
	const asset = /\/assets\/[^"]+\.js/.exec(html)![0]
	const responses = [home, login, await request.get(asset), await request.get('/no-such-page'), await request.get('/healthz')]

	for (const response of responses) {
		const headers = response.headers()
		expect(headers['content-security-policy'], response.url()).toContain("frame-ancestors 'none'")
		expect(headers['x-content-type-options'], response.url()).toBe('nosniff')
		expect(headers['referrer-policy'], response.url()).toBe('same-origin')
		expect(headers['x-frame-options'], response.url()).toBe('DENY')
		// The browser tests run the production server.
		expect(headers['strict-transport-security'], response.url()).toMatch(/max-age=\d{7,}/)
	}

	const scriptSrc = homeCsp.get('script-src')!
	expect(scriptSrc).not.toContain("'unsafe-inline'")
	expect(scriptSrc).not.toContain("'unsafe-eval'")
	const nonce = scriptSrc.find((value) => value.startsWith("'nonce-"))!.slice(7, -1)
	expect(nonce.length).toBeGreaterThanOrEqual(16)
	expect(loginCsp.get('script-src')).not.toContain(`'nonce-${nonce}'`)
	// Styles: the site's files, and the stylesheet a page carries inline with this response's nonce.
	expect(homeCsp.get('style-src')).toEqual(["'self'", `'nonce-${nonce}'`])
	expect(html).toContain(`<style id="app-css" nonce="${nonce}">`)
	expect(homeCsp.get('object-src')).toEqual(["'none'"])

	// Every inline script on the page carries this response's nonce.
	const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)([^>]*)>/g)].map((match) => match[1]!)
	expect(inline.length).toBeGreaterThan(0)
	for (const attributes of inline) expect(attributes).toContain(`nonce="${nonce}"`)
})

test('a lesson runs under the policy: no violation, the page hydrates, and client-side navigation renders the next lesson', async ({
	page,
}) => {
	const violations: string[] = []
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			;(window as unknown as { cspViolations: string[] }).cspViolations ??= []
			;(window as unknown as { cspViolations: string[] }).cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`)
		})
	})
	page.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
	})
	const { email } = await createDelegate({ language: 'en' })
	await loginAs(page, email)
	await page.goto('/learn/theory-of-change/why-a-theory-of-change')
	await expect(page.locator('html[data-hydrated]')).toBeAttached()
	// Interactive lesson pieces work (they need the curriculum module and React).
	const section = page.locator('section[id^="check-"]').first()
	await section.locator('input[name=option]').first().check()
	await section.getByRole('button', { name: 'Check my answer' }).click()
	await expect(section.getByText(/^(Correct\.|Not quite\.)/)).toBeVisible()

	// A client-side visit to the next lesson imports its module before rendering it.
	const next = page.locator('a[rel=next]')
	const nextTitle = (await next.textContent())!.replace(/^Next/, '').trim()
	const moduleRequest = page.waitForRequest((request) => /\/mdx\/[a-f0-9]{32}\.js$/.test(request.url()))
	await next.click()
	await moduleRequest
	await expect(page.getByRole('heading', { level: 1 })).toContainText(nextTitle.slice(0, 20))
	await expect(page.locator('.prose h2').first()).toBeVisible()

	const reported = await page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])
	expect([...violations, ...reported]).toEqual([])
})
