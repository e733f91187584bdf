import { db, expect, loginAs, test } from './fixtures.ts'

test('a delegate asks for TA on an action; staff triage it; the delegate follows; the overview counts change', async ({ browser }) => {
	const delegate = await (await browser.newContext()).newPage()
	const staff = await (await browser.newContext()).newPage()
	await loginAs(delegate, 'pa3@example.org')
	await loginAs(staff, 'staff@example.org')

	await staff.goto('/assistance/overview?lng=en')
	const doneBefore = Number(
		await staff
			.locator('.stats div')
			.filter({ has: staff.getByText('Done', { exact: true }) })
			.locator('dd')
			.innerText(),
	)

	// From the action in the budget section.
	await delegate.goto('/roadmaps/panama-2025-pa/gender-budgeting')
	const card = delegate.locator('.action-card').filter({ hasText: 'Programa de reclutamiento con enfoque de género' })
	await card.getByRole('link', { name: 'Pedir asistencia' }).click()
	await expect(delegate.getByText(/Sobre: Línea de acción: Programa de reclutamiento/)).toBeVisible()
	await delegate.getByLabel('Qué necesita').fill('Necesitamos revisar el costo unitario de la campaña de reclutamiento.')
	await delegate.getByLabel('Urgencia').selectOption('high')
	await delegate.getByRole('button', { name: 'Enviar la solicitud' }).click()
	await expect(delegate).toHaveURL(/\/assistance\/[0-9a-f-]{36}$/)
	const requestUrl = new URL(delegate.url()).pathname
	await expect(delegate.getByText('Abierta').first()).toBeVisible()

	// Staff assign and schedule it, leave an internal note and a message.
	await staff.goto(`${requestUrl}?lng=en`)
	await staff.getByLabel('Assigned to').selectOption({ label: 'Fernando Ficticio' })
	await staff.getByRole('button', { name: 'Assign' }).click()
	await expect(staff.locator('.facts').getByText('Fernando Ficticio')).toBeVisible()
	await staff.getByLabel('Move to').selectOption('scheduled')
	await staff.getByLabel('Date (when scheduling)').fill('2027-03-15')
	await staff.getByRole('button', { name: 'Change status' }).click()
	await expect(staff.getByText(/scheduled for/)).toBeVisible()
	await staff.getByLabel(/Internal note/).fill('INTERNAL: check with the budget office first')
	await staff.getByRole('button', { name: 'Save note' }).click()
	await staff.getByLabel('Write a message').fill('We will meet remotely on 15 March.')
	await staff.getByRole('button', { name: 'Send' }).click()
	await expect(staff.getByText('We will meet remotely on 15 March.')).toBeVisible()

	// The delegate sees the new status and the message, never the note.
	await delegate.reload()
	await expect(delegate.getByText('Programada').first()).toBeVisible()
	await expect(delegate.getByText('We will meet remotely on 15 March.')).toBeVisible()
	await expect(delegate.getByText(/INTERNAL: check with the budget office/)).toHaveCount(0)
	const html = await (await delegate.request.get(requestUrl)).text()
	expect(html).not.toContain('INTERNAL: check with the budget office')
	const data = await (await delegate.request.get(`${requestUrl}.data`)).text()
	expect(data).not.toContain('INTERNAL: check with the budget office')

	// Staff mark it done; the overview counts one more.
	await staff.getByLabel('Move to').selectOption('in_progress')
	await staff.getByRole('button', { name: 'Change status' }).click()
	await staff.getByLabel('Move to').selectOption('done')
	await staff.getByRole('button', { name: 'Change status' }).click()
	await expect(staff.getByText('This request is done: its status can no longer change.')).toBeVisible()
	await staff.goto('/assistance/overview?lng=en')
	await expect(
		staff
			.locator('.stats div')
			.filter({ has: staff.getByText('Done', { exact: true }) })
			.locator('dd'),
	).toHaveText(String(doneBefore + 1))
	await delegate.reload()
	await expect(delegate.getByText('Terminada').first()).toBeVisible()
	await delegate.context().close()
	await staff.context().close()
})

test('alumni of 2024 record implementation and see it on their home', async ({ page }) => {
	await loginAs(page, 'alumni.tt@example.org')
	await page.goto('/roadmaps/port-of-spain-2024-tt/implementation')
	const action = page.locator('.action-card').filter({ hasText: 'Community safety dialogues' })
	await action.getByLabel('Status').selectOption('done')
	await action.getByLabel('Note').fill('All dialogues held')
	await action.getByRole('button', { name: 'Save status' }).click()
	await expect(action.getByText(/All dialogues held/)).toBeVisible()
	const indicator = page.locator('.action-card').filter({ hasText: 'Number of community safety dialogues held' })
	await indicator.getByLabel(/Period/).fill('2026')
	await indicator.getByLabel('Value', { exact: true }).fill('38')
	await indicator.getByRole('button', { name: 'Report a value' }).click()
	await expect(indicator.getByText(/Latest: 38 for 2026/)).toBeVisible()
	await page.goto('/home')
	await expect(page.getByText('Done: 1')).toBeVisible()
	await expect(page.getByText('38 (2026)')).toBeVisible()
	await page.goto('/roadmaps/port-of-spain-2024-tt/history?view=implementation')
	await expect(page.getByText(/Value 38 reported for 2026/)).toBeVisible()
	const response = await page.goto('/roadmaps/panama-2025-pa/implementation')
	expect(response?.status()).toBe(403)
})

test('a long queue comes fifty at a time; the next page keeps the filter', async ({ page }) => {
	const now = new Date().toISOString()
	await db
		.insertInto('assistance_requests')
		.values(
			Array.from({ length: 60 }, (_, i) => ({
				id: `e2e-queue-${String(i).padStart(2, '0')}`,
				delegation_id: 'port-of-spain-2024-jm',
				topic: 'localization',
				need: `Support for parish plan number ${i + 1}.`,
				urgency: 'low',
				due_date: new Date(Date.now() + (i + 3) * 86_400_000).toISOString().slice(0, 10),
				language: 'en',
				format: 'remote_session',
				status: 'open',
				created_at: now,
				updated_at: now,
			})),
		)
		.onConflict((oc) => oc.doNothing())
		.execute()
	await loginAs(page, 'staff@example.org')
	await page.goto('/assistance?lng=en&country=JM')
	await expect(page.getByRole('status')).toHaveText(/^\d+ requests$/)
	const total = Number((await page.getByRole('status').innerText()).split(' ')[0])
	expect(total).toBeGreaterThanOrEqual(60)
	await expect(page.locator('tbody tr')).toHaveCount(50)
	const pages = page.getByRole('navigation', { name: 'Pages' })
	await expect(pages).toContainText(`Page 1 of ${Math.ceil(total / 50)}`)
	await pages.getByRole('link', { name: 'Next page' }).click()
	await expect(page).toHaveURL(/country=JM/)
	await expect(pages).toContainText('Page 2 of')
	await expect(page.locator('tbody tr')).toHaveCount(total - 50)
	await expect(page.locator('tbody')).toContainText('Jamaica')
	await expect(page.locator('tbody')).not.toContainText('Panama')
	await expect(pages.getByRole('link', { name: 'Previous page' })).toBeVisible()
})
