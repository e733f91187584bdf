import { DEMO_PASSWORD, createDelegate, createInvitationLink, expect, test } from './fixtures.ts'

async function signIn(page: import('@playwright/test').Page, email: string, password = DEMO_PASSWORD) {
	await page.getByLabel(/^(Email|Correo electrónico)$/).fill(email)
	await page.getByLabel(/^(Password|Contraseña)$/).fill(password)
	await page.getByRole('button', { name: /^(Sign in|Iniciar sesión)$/ }).click()
}

test.describe('signing in as each demo account lands on the right home', () => {
	const cases = [
		{ email: 'staff@example.org', expect: ['Todas las cohortes', 'Panama City 2025', 'Port of Spain 2024'] },
		{ email: 'facilitator@example.org', expect: ['Cohortes que facilita', 'Panama City 2025'] },
		{ email: 'delegate.pa@example.org', expect: ['Delegación de Panamá', 'Su currículo previo al encuentro'] },
		{ email: 'delegate.bo@example.org', expect: ['Delegación de Bolivia', 'Su currículo previo al encuentro'] },
		{ email: 'alumni.tt@example.org', expect: ['Alumni · Trinidad & Tobago', 'Revisit the modules'] },
	]
	for (const account of cases) {
		test(account.email, async ({ page }) => {
			await page.goto('/login')
			await signIn(page, account.email)
			await expect(page).toHaveURL(/\/home$/)
			for (const text of account.expect) await expect(page.getByText(text).first()).toBeVisible()
			if (account.email === 'facilitator@example.org') {
				await expect(page.getByRole('link', { name: 'Port of Spain 2024' })).toHaveCount(0)
			}
		})
	}
})

test('signing out ends the session', async ({ page }) => {
	await page.goto('/login')
	await signIn(page, 'delegate.bo@example.org')
	await expect(page).toHaveURL(/\/home$/)
	await page.getByRole('button', { name: /Cerrar sesión|Sign out/ }).click()
	await expect(page).toHaveURL(/\/$/)
	await page.goto('/home')
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Fhome$/)
})

test('switching to Spanish shows Spanish, and it stays after a reload', async ({ page }) => {
	await page.goto('/')
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('National Action Plan Academy')
	await page.getByRole('button', { name: 'Español' }).click()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Academia de Planes de Acción Nacional')
	await expect(page.locator('html')).toHaveAttribute('lang', 'es')
	await page.reload()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Academia de Planes de Acción Nacional')
	await expect(page.getByText('24–26 de junio de 2025')).toBeVisible()
	// ?lng= works on any page, without changing the remembered choice.
	await page.goto('/login?lng=en')
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in')
})

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('sign-in works', async ({ page }) => {
		await page.goto('/login')
		await signIn(page, 'delegate.pa@example.org')
		await expect(page).toHaveURL(/\/home$/)
		await expect(page.getByText('Delegación de Panamá')).toBeVisible()
	})

	test('an empty or malformed email gets a message next to the field and a 400', async ({ page }) => {
		await page.goto('/login')
		const [empty] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: 'Sign in' }).click(),
		])
		expect(empty.status()).toBe(400)
		const email = page.getByLabel('Email')
		await expect(email).toHaveAttribute('aria-invalid', 'true')
		await expect(page.getByText('Enter your email address.')).toBeVisible()

		await email.fill('not-an-email')
		await page.getByLabel('Password').fill('whatever-password')
		const [malformed] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: 'Sign in' }).click(),
		])
		expect(malformed.status()).toBe(400)
		await expect(page.getByText('Enter a valid email address, like name@example.org.')).toBeVisible()
		const describedBy = await page.getByLabel('Email').getAttribute('aria-describedby')
		await expect(page.locator(`#${describedBy}`)).toContainText('valid email')
	})

	test('a wrong password says so without telling whether the email exists', async ({ page }) => {
		for (const email of ['delegate.pa@example.org', 'nobody-here@example.org']) {
			await page.goto('/login')
			await signIn(page, email, 'wrong-password-1')
			await expect(page.getByRole('alert')).toHaveText('That email and password do not match an account. Check both and try again.')
		}
	})

	test('a too-short password on the invitation form gets a message and a 400', async ({ page }) => {
		const token = await createInvitationLink({
			cohortId: 'panama-2025',
			delegationId: 'panama-2025-cr',
			email: `short-${Date.now()}@example.org`,
			name: 'Invented Shortpass',
		})
		await page.goto(`/invite/${token}`)
		await page.getByLabel('Password', { exact: true }).fill('short')
		await page.getByLabel('Repeat the new password').fill('short')
		await page.getByLabel('Sector').selectOption('government')
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			page.getByRole('button', { name: 'Create my account and join' }).click(),
		])
		expect(response.status()).toBe(400)
		await expect(page.getByText('The password must have at least 10 characters.')).toBeVisible()
	})
})

test('a signed-out visitor is sent to sign in, then back where they were going', async ({ page }) => {
	await page.goto('/cohorts/panama-2025')
	await expect(page).toHaveURL(/\/login\?redirectTo=%2Fcohorts%2Fpanama-2025$/)
	await signIn(page, 'facilitator@example.org')
	await expect(page).toHaveURL(/\/cohorts\/panama-2025$/)
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Panama City 2025')
})

test('a delegate of Bolivia cannot open the 2024 cohort page', async ({ page }) => {
	await page.goto('/login')
	await signIn(page, 'delegate.bo@example.org')
	await expect(page).toHaveURL(/\/home$/)
	const response = await page.goto('/cohorts/port-of-spain-2024')
	expect(response?.status()).toBe(403)
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('No tiene acceso a esta página')
	await expect(page.getByText('Tamara Testperson')).toHaveCount(0)
})

test('a POST from another origin is refused', async ({ request }) => {
	const crossOrigin = await request.post('/login', {
		headers: { Origin: 'https://evil.example' },
		form: { email: 'delegate.pa@example.org', password: DEMO_PASSWORD },
		maxRedirects: 0,
	})
	expect(crossOrigin.status()).toBe(403)
	const crossSite = await request.post('/set-language', {
		headers: { 'Sec-Fetch-Site': 'cross-site' },
		form: { lng: 'es' },
		maxRedirects: 0,
	})
	expect(crossSite.status()).toBe(403)
})

test('an unknown invitation token gets a clear message and a 404', async ({ page }) => {
	const response = await page.goto(`/invite/${'A'.repeat(43)}`)
	expect(response?.status()).toBe(404)
	await expect(page.getByRole('alert')).toContainText('We could not find this invitation')
	await page.goto('/invite')
	// Let the page finish loading its scripts so the click is not lost mid-hydration.
	await page.waitForLoadState('networkidle')
	await page.getByLabel('Invitation link or code').fill('https://academy.example.org/invite/not-a-real-code-123456789')
	const [post] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		page.getByRole('button', { name: 'Continue' }).click(),
	])
	expect(post.status()).toBe(404)
	await expect(page.getByLabel('Invitation link or code')).toHaveAttribute('aria-invalid', 'true')
	await expect(page.getByText('We could not find this invitation')).toBeVisible()
})

test('account settings change the name and the language', async ({ page }) => {
	const { email } = await createDelegate({ language: 'en' })
	await page.goto('/login')
	await signIn(page, email)
	await expect(page).toHaveURL(/\/home$/)
	await page.goto('/settings')
	await page.getByLabel('Full name').fill('Renamed Delegate')
	await page.getByLabel('Language').selectOption('es')
	await page.getByRole('button', { name: 'Save profile' }).click()
	await expect(page.getByText('Se guardó su perfil.')).toBeVisible()
	await page.goto('/home')
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Le damos la bienvenida, Renamed Delegate')
})
