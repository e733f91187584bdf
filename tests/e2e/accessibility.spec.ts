import { createDelegate, createInvitationLink, expect, loginAs, test } from './fixtures.ts'
import { firstGuide } from './guides.ts'
import { expectNoSeriousViolations } from './axe.ts'

for (const language of ['en', 'es'] as const) {
	test(`public pages have no serious accessibility violations (${language})`, async ({ page }) => {
		for (const path of ['/', '/login', '/invite', '/forgot-password', '/reset-password/not-a-token']) {
			await page.goto(`${path}?lng=${language}`)
			await expectNoSeriousViolations(page)
		}
	})

	test(`signed-in pages have no serious accessibility violations (${language})`, async ({ page }) => {
		const { email } = await createDelegate({ language })
		await loginAs(page, email)
		for (const path of [
			'/home',
			'/learn',
			'/learn/gender-budgeting',
			'/learn/gender-budgeting/costing-a-nap',
			'/glossary',
			'/search?q=plan',
			'/settings',
			'/mail',
			'/cohorts/panama-2025',
		]) {
			await page.goto(path)
			await expectNoSeriousViolations(page)
		}
	})
}

test('staff home and a 403 page have no serious accessibility violations', async ({ page }) => {
	await loginAs(page, 'staff@example.org')
	await page.goto('/home')
	await expectNoSeriousViolations(page)
	// Sent mail with a message in it (a reset link staff sent), and that message's page.
	await page.goto('/cohorts/panama-2025/delegations/panama-2025-bo')
	await page
		.getByRole('button', { name: /(Send a password reset link|Enviar un enlace para restablecer la contraseña): Beatriz Demo/ })
		.first()
		.click()
	await page.goto('/mail')
	await expectNoSeriousViolations(page)
	await page.getByRole('table').getByRole('link').first().click()
	await expect(page).toHaveURL(/\/mail\/[\w-]+$/)
	await expectNoSeriousViolations(page)
	await page.context().clearCookies()
	await loginAs(page, 'delegate.bo@example.org')
	await page.goto('/cohorts/port-of-spain-2024')
	await expectNoSeriousViolations(page)
})

for (const language of ['en', 'es'] as const) {
	test(`pages for running a cohort have no serious accessibility violations (${language})`, async ({ page }) => {
		await loginAs(page, 'staff@example.org')
		for (const path of [
			'/cohorts',
			'/cohorts/new',
			'/cohorts/panama-2025/edit',
			'/cohorts/panama-2025/dashboard?delegation=panama-2025-bo',
			'/cohorts/panama-2025/reflections',
			'/cohorts/panama-2025/checks',
			'/cohorts/panama-2025/delegations/new',
			'/cohorts/panama-2025/delegations/panama-2025-pa',
			'/cohorts/panama-2025/delegates/user-delegate-bo',
			// The cohort comparison with every roadmap of the cohort (those who run it read them all).
			'/cohorts/panama-2025/roadmaps/compare',
		]) {
			await page.goto(`${path}${path.includes('?') ? '&' : '?'}lng=${language}`)
			await expectNoSeriousViolations(page)
		}
	})
}

for (const language of ['en', 'es'] as const) {
	test(`roadmap pages have no serious accessibility violations (${language})`, async ({ page }) => {
		await loginAs(page, 'delegate.bo@example.org')
		for (const path of [
			'/roadmaps/panama-2025-bo',
			'/roadmaps/panama-2025-bo/theory-of-change',
			'/roadmaps/panama-2025-bo/strategic-design',
			'/roadmaps/panama-2025-bo/gender-budgeting',
			'/roadmaps/panama-2025-bo/coordination',
			'/roadmaps/panama-2025-bo/localization',
			'/roadmaps/panama-2025-bo/monitoring',
			'/roadmaps/panama-2025-bo/history',
			'/roadmaps/panama-2025-bo/print',
			'/cohorts/panama-2025/roadmaps',
			'/cohorts/panama-2025/roadmaps/compare',
		]) {
			await page.goto(`${path}?lng=${language}`)
			await expectNoSeriousViolations(page)
		}
	})
}

for (const language of ['en', 'es'] as const) {
	test(`assistance and implementation pages have no serious accessibility violations (${language})`, async ({ page }) => {
		await loginAs(page, 'staff@example.org')
		for (const path of ['/assistance', '/assistance/overview', '/assistance/ta-tt-me', '/roadmaps/port-of-spain-2024-tt/implementation']) {
			await page.goto(`${path}?lng=${language}`)
			await expectNoSeriousViolations(page)
		}
		await page.context().clearCookies()
		await loginAs(page, 'alumni.tt@example.org')
		for (const path of [
			'/home',
			'/roadmaps/port-of-spain-2024-tt/assistance',
			'/roadmaps/port-of-spain-2024-tt/implementation',
			'/roadmaps/port-of-spain-2024-tt/history?view=implementation',
			'/roadmaps/port-of-spain-2024-tt/snapshots',
			'/roadmaps/port-of-spain-2024-tt/snapshots/compare',
			// An indicator over time (its chart, the quarter due) on the M&E view.
			'/roadmaps/port-of-spain-2024-tt/monitoring',
		]) {
			await page.goto(`${path}${path.includes('?') ? '&' : '?'}lng=${language}`)
			await expectNoSeriousViolations(page)
		}
		// The chart's numbers as a table, opened.
		await page.goto(`/roadmaps/port-of-spain-2024-tt/implementation?lng=${language}`)
		await page.locator('#item-tt-indicator-1 summary').click()
		await expect(page.locator('#item-tt-indicator-1 table')).toBeVisible()
		await expectNoSeriousViolations(page)
	})
}

for (const language of ['en', 'es'] as const) {
	test(`the remaining pages people reach have no serious accessibility violations (${language})`, async ({ page }) => {
		// Accepting an invitation, and sign-in with its error messages showing.
		const token = await createInvitationLink({
			delegationId: 'panama-2025-cr',
			cohortId: 'panama-2025',
			email: `a11y-${language}-${Date.now()}@example.org`,
		})
		await page.goto(`/invite/${token}?lng=${language}`)
		await expectNoSeriousViolations(page)
		await page.goto(`/login?lng=${language}`)
		await page.getByRole('button', { name: language === 'en' ? 'Sign in' : 'Iniciar sesión' }).click()
		await expect(page.locator('[id$=-error]').first()).toBeVisible()
		await expectNoSeriousViolations(page)
		await page.goto(`/no-such-page?lng=${language}`)
		await expectNoSeriousViolations(page)

		// A delegate asking for help, reading a request, and looking back at an earlier version.
		await loginAs(page, 'delegate.pa@example.org')
		for (const path of [
			'/roadmaps/panama-2025-pa/assistance?section=gender-budgeting',
			'/roadmaps/panama-2025-pa/assistance',
			// An action funded from two cost lines: its one form open (with its parts and indicators), the
			// budget page that reads it, and print; an indicator's form; the results matrix.
			'/roadmaps/panama-2025-pa/strategic-design?edit=pa-action-1',
			'/roadmaps/panama-2025-pa/monitoring?edit=pa-indicator-1',
			'/roadmaps/panama-2025-pa/matrix',
			'/roadmaps/panama-2025-pa/gender-budgeting',
			'/roadmaps/panama-2025-pa/print',
			'/roadmaps/panama-2025-pa/history?at=1',
			'/cohorts/port-of-spain-2024',
			'/roadmap/example',
		]) {
			await page.goto(`${path}${path.includes('?') ? '&' : '?'}lng=${language}`)
			await expectNoSeriousViolations(page)
		}

		// A facilitator's home and the whole-cohort dashboard.
		await page.context().clearCookies()
		await loginAs(page, 'facilitator@example.org')
		for (const path of ['/home', '/cohorts/panama-2025/dashboard', '/assistance', `/learn/${firstGuide().module}/guide`]) {
			await page.goto(`${path}?lng=${language}`)
			await expectNoSeriousViolations(page)
		}
		await page.context().clearCookies()
		await loginAs(page, 'alumni.tt@example.org')
		await page.goto(`/assistance/ta-tt-me?lng=${language}`)
		await expectNoSeriousViolations(page)
	})
}

for (const language of ['en', 'es'] as const) {
	test(`a new invitation link with its share controls and a new calendar feed address have no serious accessibility violations (${language})`, async ({
		page,
	}) => {
		await loginAs(page, 'facilitator@example.org')
		await page.goto(`/cohorts/panama-2025/delegations/panama-2025-bo?lng=${language}`)
		const form = page.locator('#invite-one-heading').locator('..')
		await form.locator('input[name="name"]').fill('Axe Invitada')
		await form.locator('input[name="email"]').fill(`axe-${language}-${Date.now()}@example.org`)
		await form.locator('select[name="sector"]').selectOption('academia')
		await form.locator('button[type="submit"]').click()
		await expect(page.locator('#new-links-heading')).toBeVisible()
		await expectNoSeriousViolations(page)

		await page.goto(`/settings?lng=${language}`)
		await page.locator('form:has(input[value="calendarFeed"]) button').click()
		await expect(page.locator('.share-link input')).toBeVisible()
		await expectNoSeriousViolations(page)
	})
}
