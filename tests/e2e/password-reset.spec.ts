import { DEMO_PASSWORD, createDelegate, expect, test } from './fixtures.ts'
import { mailTo, waitForMail } from './mail.ts'

async function signIn(page: import('@playwright/test').Page, email: string, password: string) {
	await page.goto('/login')
	await page.getByLabel(/^(Email|Correo electrónico)$/).fill(email)
	await page.getByLabel(/^(Password|Contraseña)$/).fill(password)
	await page.getByRole('button', { name: /^(Sign in|Iniciar sesión)$/ }).click()
}

async function askForLink(page: import('@playwright/test').Page, email: string) {
	await page.goto('/login')
	await page.getByRole('link', { name: 'Forgot your password?' }).click()
	await expect(page).toHaveURL(/\/forgot-password$/)
	await page.getByLabel('Email').fill(email)
	await page.getByRole('button', { name: 'Send the link' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Check your email' })).toBeVisible()
	await expect(page.getByRole('status')).toContainText(email)
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
		test.use({ javaScriptEnabled })

		test('forgot password → the mail arrives → its link → new password → signed in; the old password and link no longer work', async ({
			page,
		}) => {
			const { email } = await createDelegate({ language: 'es' })
			await askForLink(page, email)

			// The mail, in the person's language (Spanish), with the link.
			const [mail] = await waitForMail(email)
			expect(mail!.subject).toBe('Elija una contraseña nueva — Academia PAN')
			expect(mail!.from?.text).toContain('academy@example.org')
			expect(mail!.html).toContain('lang="es"')
			expect(mail!.headerLines.some((header) => header.key === 'list-unsubscribe')).toBe(false)
			const link = mail!.text?.match(/http:\/\/localhost:\d+\/reset-password\/[\w-]+/)?.[0]
			expect(link).toBeTruthy()

			await page.goto(link!)
			await expect(page.getByRole('heading', { level: 1, name: 'Choose a new password' })).toBeVisible()
			await page.getByLabel('New password', { exact: true }).fill('short')
			await page.getByLabel('Repeat the new password').fill('short')
			await page.getByRole('button', { name: 'Save the new password' }).click()
			await expect(page.getByText('The password must have at least 10 characters.')).toBeVisible()

			const newPassword = 'a-brand-new-password'
			await page.getByLabel('New password', { exact: true }).fill(newPassword)
			await page.getByLabel('Repeat the new password').fill(newPassword)
			await page.getByRole('button', { name: 'Save the new password' }).click()
			await expect(page).toHaveURL(/\/settings\?passwordReset=1$/)
			// Signed in, the Academy speaks the person's language.
			await expect(page.getByRole('status').filter({ hasText: 'Su contraseña nueva quedó guardada' })).toBeVisible()
			await expect(page.getByText(`Sesión iniciada como ${email}`)).toBeVisible()

			// "Your password was changed", also in Spanish.
			const [, changed] = await waitForMail(email, 2)
			expect(changed!.subject).toBe('Se cambió su contraseña — Academia PAN')
			expect(changed!.text).toContain('Si no fue usted')

			// The old link no longer works.
			const again = await page.goto(link!)
			expect(again?.status()).toBe(410)
			await expect(page.getByRole('heading', { level: 1, name: 'Este enlace no funciona' })).toBeVisible()
			await expect(page.getByRole('link', { name: 'Pedir un enlace nuevo' })).toBeVisible()

			// Signed out: the old password fails, the new one works.
			await page.getByRole('button', { name: 'Cerrar sesión' }).click()
			await signIn(page, email, DEMO_PASSWORD)
			await expect(
				page.getByText(/That email and password do not match an account|Ese correo y esa contraseña no corresponden/),
			).toBeVisible()
			await signIn(page, email, newPassword)
			await expect(page).toHaveURL(/\/home$/)
		})
	})
}

test('an unknown address gets the same page, and no mail', async ({ page }) => {
	const unknown = `nobody-${Date.now()}@example.org`
	await askForLink(page, unknown)
	// A known address's mail arrives within a second or two (see above); give this one longer.
	const { email } = await createDelegate({ language: 'en' })
	await askForLink(page, email)
	await waitForMail(email)
	await page.waitForTimeout(1000)
	expect(await mailTo(unknown)).toHaveLength(0)
})

test('a tampered link says so, with status 400', async ({ page }) => {
	const response = await page.goto('/reset-password/not-a-real-token')
	expect(response?.status()).toBe(400)
	await expect(page.getByText('This link is not valid.')).toBeVisible()
})
