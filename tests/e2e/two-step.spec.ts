import { type Page } from '@playwright/test'
import { Secret, TOTP } from 'otpauth'
import { DEMO_PASSWORD, createDelegate, expect, test } from './fixtures.ts'
import { expectNoSeriousViolations } from './axe.ts'

/** The code an authenticator app would show now for this secret (otpauth, as the phone's app computes it). */
function appCode(secret: string) {
	return TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 })
}

/** A code is accepted once per 30-second step: wait for the step after `step`. */
async function nextStepAfter(page: Page, step: number) {
	while (TOTP.counter() <= step) await page.waitForTimeout(500)
}

async function signInWithPassword(page: Page, email: string) {
	await page.goto('/login')
	await page.getByLabel('Email').fill(email)
	await page.getByLabel('Password').fill(DEMO_PASSWORD)
	await page.getByRole('button', { name: 'Sign in' }).click()
}

async function signOut(page: Page) {
	await page.getByRole('button', { name: 'Sign out' }).click()
	await expect(page).toHaveURL(/\/$/)
}

/** Turns two-step on in settings as a person would (axe needs JavaScript, so it checks only with it); returns the secret, the recovery codes and the step of the code used. */
async function enrol(page: Page, checkAccessibility: boolean) {
	await page.goto('/settings')
	await expect(page.getByText('Two-step sign-in is off.')).toBeVisible()
	await page.getByRole('link', { name: 'Manage two-step sign-in' }).click()
	await expect(page).toHaveURL(/\/settings\/two-step$/)
	await page.getByRole('button', { name: 'Set up two-step sign-in' }).click()
	const qr = page.getByRole('img', { name: /QR code that adds your NAP Academy account/ })
	await expect(qr).toBeVisible()
	expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true)
	await expect(page.getByText('Setup key')).toBeVisible()
	if (checkAccessibility) await expectNoSeriousViolations(page)
	const shown = (await page.locator('.two-step__secret').textContent())!.trim()
	expect(shown).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/)
	const secret = shown.replace(/ /g, '')

	const field = page.getByLabel('The six-digit code the app now shows')
	await expect(field).toHaveAttribute('autocomplete', 'one-time-code')
	await expect(field).toHaveAttribute('inputmode', 'numeric')
	const step = TOTP.counter()
	await field.fill(appCode(secret))
	await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click()
	await expect(page.getByRole('heading', { name: 'Two-step sign-in is on', level: 2 }).first()).toBeVisible()
	const codes = await page.locator('.two-step__codes code').allTextContents()
	expect(codes).toHaveLength(10)
	// The key is no longer on the page.
	await page.reload()
	await expect(page.getByText('You have 10 unused recovery codes.')).toBeVisible()
	if (checkAccessibility) await expectNoSeriousViolations(page)
	expect(await page.content()).not.toContain(shown)
	return { secret, codes, step }
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
		test.use({ javaScriptEnabled })

		test('enrol in settings, sign out, sign in with a code from the app; a recovery code works once', async ({ page }) => {
			test.setTimeout(120_000)
			const { email } = await createDelegate({ language: 'en' })
			await signInWithPassword(page, email)
			await expect(page).toHaveURL(/\/home$/)
			const { secret, codes, step } = await enrol(page, javaScriptEnabled)
			await signOut(page)

			// The password alone is not enough: the second page asks for the code.
			await signInWithPassword(page, email)
			await expect(page).toHaveURL(/\/login\/two-step$/)
			await expect(page.getByRole('heading', { name: 'Enter your code', level: 1 })).toBeVisible()
			await page.goto('/home')
			await expect(page).toHaveURL(/\/login\?redirectTo=%2Fhome$/)

			await signInWithPassword(page, email)
			if (javaScriptEnabled) await expectNoSeriousViolations(page)
			const code = page.getByLabel('Six-digit code')
			await expect(code).toHaveAttribute('autocomplete', 'one-time-code')
			await expect(code).toHaveAttribute('inputmode', 'numeric')
			const right = appCode(secret)
			await code.fill(right === '000000' ? '111111' : '000000')
			await page.getByRole('button', { name: 'Sign in', exact: true }).click()
			await expect(page.getByText('That code is not right, or it was already used.')).toBeVisible()
			await nextStepAfter(page, step)
			await page.getByLabel('Six-digit code').fill(appCode(secret))
			await page.getByRole('button', { name: 'Sign in', exact: true }).click()
			await expect(page).toHaveURL(/\/home$/)
			await signOut(page)

			// A recovery code, once.
			await signInWithPassword(page, email)
			await page.getByText('No phone? Use a recovery code').click()
			await page.getByLabel('Recovery code').fill(codes[0]!)
			await page.getByRole('button', { name: 'Sign in with a recovery code' }).click()
			await expect(page).toHaveURL(/\/home$/)
			await signOut(page)
			await signInWithPassword(page, email)
			await page.getByText('No phone? Use a recovery code').click()
			await page.getByLabel('Recovery code').fill(codes[0]!)
			await page.getByRole('button', { name: 'Sign in with a recovery code' }).click()
			await expect(page.getByText('That code is not right, or it was already used.')).toBeVisible()
			await expect(page).toHaveURL(/\/login\/two-step$/)
		})
	})
}
