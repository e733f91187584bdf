import ICAL from 'ical.js'
import { expect, loginAs, test } from './fixtures.ts'
import { waitForMail } from './mail.ts'

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('a facilitator invites one person: the invitation is mailed in Spanish with the convening’s .ics, and the list shows it was sent', async ({
		page,
	}) => {
		const email = `mailed-${Date.now()}@example.org`
		await loginAs(page, 'facilitator@example.org')
		await page.goto('/cohorts/panama-2025/delegations/panama-2025-ec')
		const form = page.getByRole('region', { name: 'Invitar a una persona' })
		await form.getByLabel('Nombre completo').fill('Invitada Por Correo')
		await form.getByLabel('Correo electrónico').fill(email)
		await form.getByLabel('Sector').selectOption('government')
		await form.getByRole('button', { name: 'Crear el enlace de invitación' }).click()
		await expect(page.getByRole('status').filter({ hasText: 'Cada invitación se está enviando por correo' })).toBeVisible()

		const [mail] = await waitForMail(email)
		expect(mail!.subject).toBe('Su invitación a la delegación de Ecuador — Academia PAN')
		expect(mail!.text).toContain('Hola, Invitada Por Correo:')
		expect(mail!.text).toMatch(/\/invite\/[A-Za-z0-9_-]{20,}/)
		const [ics] = mail!.attachments
		expect(ics!.contentType).toBe('text/calendar')
		const calendar = new ICAL.Component(ICAL.parse(ics!.content.toString('utf8')))
		expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH')
		expect(calendar.getFirstSubcomponent('vevent')).not.toBeNull()

		// The sender marks it sent a moment after the server accepted it.
		await expect(async () => {
			await page.goto('/cohorts/panama-2025/delegations/panama-2025-ec')
			const row = page.getByRole('row').filter({ hasText: email })
			await expect(row.getByText('Correo enviado')).toBeVisible({ timeout: 1000 })
		}).toPass({ timeout: 15_000 })
	})

	test('an address the mail server refuses: the invitation shows "not delivered" and the server’s answer', async ({ page }) => {
		const email = `undeliverable-${Date.now()}@example.org`
		await loginAs(page, 'facilitator@example.org')
		await page.goto('/cohorts/panama-2025/delegations/panama-2025-ec')
		const roster = page.getByRole('region', { name: 'Invitar a un grupo desde una lista (CSV)' })
		await roster.getByLabel('Pegue la lista').fill(`Sin Buzón,${email},government`)
		await roster.getByRole('button', { name: 'Revisar y crear los enlaces' }).click()
		await expect(page.getByRole('status').filter({ hasText: 'Cada invitación se está enviando por correo' })).toBeVisible()
		await expect(async () => {
			await page.goto('/cohorts/panama-2025/delegations/panama-2025-ec')
			const row = page.getByRole('row').filter({ hasText: email })
			await expect(row.getByText('Correo no entregado')).toBeVisible({ timeout: 1000 })
			await expect(row.getByText(/El servidor de correo respondió: .*550/)).toBeVisible({ timeout: 1000 })
		}).toPass({ timeout: 15_000 })
	})
})
