import { DEMO_PASSWORD, createDelegate, expect, test } from './fixtures.ts'

async function signIn(page: import('@playwright/test').Page, email: string, password: string) {
	await page.goto('/login')
	await page.getByLabel(/^(Email|Correo electrónico)$/).fill(email)
	await page.getByLabel(/^(Password|Contraseña)$/).fill(password)
	await page.getByRole('button', { name: /^(Sign in|Iniciar sesión)$/ }).click()
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
		test.use({ javaScriptEnabled })

		test('a weak new password is refused in settings with the reason, in Spanish, next to the field', async ({ page }) => {
			const { email } = await createDelegate({ language: 'es' })
			await signIn(page, email, DEMO_PASSWORD)
			await expect(page).not.toHaveURL(/\/login/)
			await page.goto('/settings')
			await page.getByLabel('Contraseña actual').fill(DEMO_PASSWORD)
			await page.getByLabel('Contraseña nueva', { exact: true }).fill('aaaaaaaaaa')
			await page.getByLabel('Repita la contraseña nueva').fill('aaaaaaaaaa')
			await page.getByRole('button', { name: 'Cambiar la contraseña' }).click()
			const field = page.getByLabel('Contraseña nueva', { exact: true })
			await expect(field).toHaveAttribute('aria-invalid', 'true')
			await expect(page.getByText('Los caracteres repetidos (como «aaaaaaaaaa») son fáciles de adivinar.')).toBeVisible()
		})
	})
}

test('after a guesser locks the account, the browser its owner signed in with before still gets in', async ({ browser }) => {
	const { email } = await createDelegate({ language: 'en' })
	const owner = await browser.newContext({ locale: 'en-US' })
	const ownerPage = await owner.newPage()
	await signIn(ownerPage, email, DEMO_PASSWORD)
	await expect(ownerPage).not.toHaveURL(/\/login/)
	await owner.clearCookies({ name: 'academy_session' })

	// Someone else, from the same address (the convening's Wi-Fi), guesses until the account is locked.
	const guesser = await browser.newContext({ locale: 'en-US', javaScriptEnabled: false })
	const guesserPage = await guesser.newPage()
	for (let i = 0; i < 5; i++) {
		await signIn(guesserPage, email, `guess-number-${i}`)
		await expect(guesserPage.getByRole('alert')).toContainText('do not match an account')
	}
	await signIn(guesserPage, email, DEMO_PASSWORD)
	await expect(guesserPage.getByRole('alert')).toContainText(/Too many failed attempts for this account\. Try again in \d+ minutes?\./)

	// The owner's browser carries its signed device cookie: it signs in.
	await signIn(ownerPage, email, DEMO_PASSWORD)
	await expect(ownerPage).not.toHaveURL(/\/login/)
	await owner.close()
	await guesser.close()
})
