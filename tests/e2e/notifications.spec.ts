import { type Page } from '@playwright/test'
import { createDelegate, expect, loginAs, test } from './fixtures.ts'
import { waitForMail } from './mail.ts'
import { expectNoSeriousViolations } from './axe.ts'

/**
 * Notifications from the delegate's side: the cohort's facilitator comments on the delegation's
 * roadmap; the delegate sees the count in the header, opens the notification (it takes them to the
 * comment and is then read), and a member gets the comment by mail in their language. The settings
 * that decide the mail work without JavaScript. (Other specs make notifications for the same people,
 * so the spec looks for its own comment, not for exact counts.)
 */
const FACILITATOR = 'facilitator@example.org'
// Costa Rica's roadmap: no other spec comments on it, so each comment's mail here is this spec's.
const SECTION = '/roadmaps/panama-2025-cr/monitoring'
// One after the other: the second test's comment must not join the first one's hourly mail.
test.describe.configure({ mode: 'serial' })

async function hydrated(page: Page) {
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' })
}

async function facilitatorComments(page: Page, body: string) {
	await loginAs(page, FACILITATOR)
	await page.goto(SECTION)
	await hydrated(page)
	const panel = page.locator('#comments')
	await panel.getByLabel('Agregar un comentario a esta sección').fill(body)
	await panel.getByRole('button', { name: 'Publicar el comentario' }).click()
	await expect(panel.locator('.comment__body', { hasText: body })).toBeVisible()
}

test('a facilitator’s comment: the count in the header, the notification opens the comment and is read, the mail arrives', async ({
	page,
	browser,
}) => {
	const member = await createDelegate({ delegationId: 'panama-2025-cr', language: 'en' })
	const body = `Revisen la línea de base del indicador ${Date.now().toString(36)}`
	await facilitatorComments(page, body)

	const delegate = await (await browser.newContext()).newPage()
	await loginAs(delegate, member.email)
	await delegate.goto('/home')
	await hydrated(delegate)
	const nav = delegate.getByRole('navigation', { name: 'Main' })
	await expect(nav.getByRole('link', { name: /^Notifications, \d+ unread$/ })).toBeVisible()
	await nav.getByRole('link', { name: /^Notifications/ }).click()
	await expect(delegate.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible()
	const mine = delegate.locator('.notification', { hasText: body })
	await expect(mine.getByText('New', { exact: true })).toBeVisible()
	await expect(
		mine.getByRole('button', { name: 'Fernando Ficticio commented on Monitoring and evaluation — roadmap of Costa Rica' }),
	).toBeVisible()
	await expectNoSeriousViolations(delegate)

	await mine.getByRole('button').click()
	await expect(delegate).toHaveURL(/\/roadmaps\/panama-2025-cr\/monitoring#comment-\d+$/)
	await expect(delegate.locator('.comment__body', { hasText: body })).toBeVisible()
	await delegate.goto('/notifications')
	await expect(delegate.locator('.notification', { hasText: body }).getByText('New', { exact: true })).toHaveCount(0)

	// The mail: the next pass of scheduled work sends the comment (batched: at most one an hour), in English.
	const [mail] = await waitForMail(member.email)
	expect(mail!.text).toContain(body)
	expect(mail!.text).toMatch(/http:\/\/localhost:\d+\/roadmaps\/panama-2025-cr\/monitoring#comment-\d+/)
	expect(mail!.html).toContain('lang="en"')
	// The settings that decide it: no serious accessibility violations.
	await delegate.goto('/settings#notifications')
	await hydrated(delegate)
	await expect(delegate.getByRole('group', { name: 'Comments on the roadmap' })).toBeVisible()
	await expectNoSeriousViolations(delegate)
	expect(mail!.headerLines.find((header) => header.key === 'list-unsubscribe')?.line).toMatch(
		/^List-Unsubscribe: <http:\/\/localhost:\d+\/settings>$/,
	)
	await delegate.context().close()
})

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('notification settings: each kind by mail right away, in a daily digest or not at all; mark all as read', async ({
		page,
		browser,
	}) => {
		const member = await createDelegate({ delegationId: 'panama-2025-cr', language: 'es' })
		const facilitator = await (await browser.newContext({ javaScriptEnabled: true })).newPage()
		await facilitatorComments(facilitator, `Un comentario para marcar como leído ${Date.now().toString(36)}`)
		await facilitator.context().close()

		await loginAs(page, member.email)
		await page.goto('/settings')
		const section = page.locator('section', { has: page.getByRole('heading', { name: 'Notificaciones' }) })
		const comments = section.getByRole('group', { name: 'Comentarios en la hoja de ruta' })
		await expect(comments.getByRole('radio', { name: 'En el momento' })).toBeChecked()
		await comments.getByRole('radio', { name: 'No por correo' }).check()
		await section.getByRole('group', { name: 'Asistencia técnica' }).getByRole('radio', { name: 'En un resumen diario' }).check()
		await section.getByRole('button', { name: 'Guardar la configuración de notificaciones' }).click()
		await expect(page.getByRole('status').filter({ hasText: 'Configuración de notificaciones guardada.' })).toBeVisible()
		await page.goto('/settings')
		await expect(
			section.getByRole('group', { name: 'Comentarios en la hoja de ruta' }).getByRole('radio', { name: 'No por correo' }),
		).toBeChecked()
		await expect(
			section.getByRole('group', { name: 'Asistencia técnica' }).getByRole('radio', { name: 'En un resumen diario' }),
		).toBeChecked()

		await page.goto('/notifications')
		await page.getByRole('button', { name: 'Marcar todas como leídas' }).click()
		await expect(page.getByRole('status').filter({ hasText: /notificaci(ón|ones) marcadas? como leídas?/ })).toBeVisible()
		await expect(page.locator('.notification--unread')).toHaveCount(0)
		await expect(
			page.getByRole('navigation', { name: 'Principal' }).getByRole('link', { name: 'Notificaciones', exact: true }),
		).toBeVisible()
	})
})
