import { DEMO_PASSWORD, createDelegate, db, expect, loginAs, test } from './fixtures.ts'
import { expectNoSeriousViolations } from './axe.ts'

async function signIn(page: import('@playwright/test').Page, email: string) {
	await page.goto('/login?lng=en')
	await page.getByLabel(/^(Email|Correo electrónico)$/).fill(email)
	await page.getByLabel(/^(Password|Contraseña)$/).fill(DEMO_PASSWORD)
	await page.getByRole('button', { name: /^(Sign in|Iniciar sesión)$/ }).click()
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
		test.use({ javaScriptEnabled })

		test('staff deactivate a person, who is told so at sign-in; the audit log shows it; staff reactivate', async ({ page, browser }) => {
			const { id, email } = await createDelegate({ language: 'en' })
			const name = (await db.selectFrom('users').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name
			await loginAs(page, 'staff@example.org')
			await page.goto('/people?lng=en')
			await page.getByRole('searchbox', { name: 'Search by name or email' }).fill(email)
			await page.getByRole('button', { name: 'Search' }).click()
			await expect(page.getByRole('link', { name })).toHaveAttribute('href', `/people/${id}`)
			await page.goto(`/people/${id}?lng=en`)
			await expect(page.getByRole('heading', { level: 1, name })).toBeVisible()
			// axe runs in the page: only with JavaScript.
			if (javaScriptEnabled) await expectNoSeriousViolations(page)
			await page.getByRole('button', { name: 'Deactivate account' }).click()
			// The page after a change is in the staff member's own language (the ?lng of the address is not kept).
			await expect(page.getByRole('status')).toHaveText(
				/^(The account is deactivated and every session has ended\.|La cuenta está desactivada y todas sus sesiones terminaron\.)$/,
			)

			const other = await browser.newContext({ javaScriptEnabled })
			const theirs = await other.newPage()
			await signIn(theirs, email)
			await expect(theirs.getByText('This account has been deactivated.', { exact: false })).toBeVisible()
			await expect(theirs).toHaveURL(/\/login/)
			await other.close()

			await page.goto('/audit?lng=en&action=account.deactivated')
			await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible()
			const table = page.getByRole('region', { name: 'Audit log' })
			await expect(table.getByRole('row').nth(1)).toContainText('Account deactivated')
			if (javaScriptEnabled) await expectNoSeriousViolations(page)

			await page.goto(`/people/${id}?lng=en`)
			await page.getByRole('button', { name: 'Reactivate account' }).click()
			await expect(page.getByRole('status')).toHaveText(/^(The account is active again\.|La cuenta está activa de nuevo\.)$/)
		})

		test('erasing asks for a confirmation, then the name is gone', async ({ page }) => {
			const { id } = await createDelegate({ language: 'es' })
			const name = (await db.selectFrom('users').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name
			await loginAs(page, 'staff@example.org')
			await page.goto(`/people/${id}?lng=en`)
			await page.getByRole('link', { name: 'Erase…' }).click()
			// From here the page is in the staff member's own language (the ?lng of the address is not kept).
			const eraseButton = page.getByRole('button', { name: /^(Erase for good|Borrar definitivamente)$/ })
			await eraseButton.click()
			await expect(page.getByText(/^(Tick the box to confirm the erasure\.|Marque la casilla para confirmar el borrado\.)$/)).toBeVisible()
			expect(await db.selectFrom('users').select('name').where('id', '=', id).executeTakeFirstOrThrow()).toEqual({ name })
			await page.getByRole('checkbox', { name: new RegExp(name) }).check()
			await eraseButton.click()
			await expect(page.getByRole('status')).toHaveText(/^(The person was erased\.|La persona fue borrada\.)$/)
			await expect(page.getByRole('heading', { level: 1, name: /^(Former participant|Antiguo participante)$/ })).toBeVisible()
			await expect(page.getByText(name)).toHaveCount(0)
		})
	})
}

test('a delegate downloads their data from settings; a delegate cannot open the audit log', async ({ page }) => {
	const { email } = await createDelegate({ language: 'en' })
	await loginAs(page, email)
	await page.goto('/settings?lng=en')
	const download = page.waitForEvent('download')
	await page.getByRole('link', { name: 'Download my data (JSON)' }).click()
	const file = await download
	const text = await (await file.createReadStream()).toArray()
	const data = JSON.parse(Buffer.concat(text).toString('utf8'))
	expect(data.profile.email).toBe(email)
	const audit = await page.goto('/audit')
	expect(audit?.status()).toBe(403)
})
