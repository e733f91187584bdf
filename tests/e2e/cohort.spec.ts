import { answerKey, db, expect, LESSON_COUNT, loginAs, test } from './fixtures.ts'

test('a facilitator adds a delegation, invites three people from a CSV roster, and follows the one who joins', async ({
	page,
	browser,
}) => {
	const stamp = Date.now()
	const people = [
		{ name: 'Gabriela Rosterone', email: `gabriela.${stamp}@example.org` },
		{ name: 'Gustavo Rostertwo', email: `gustavo.${stamp}@example.org` },
		{ name: 'Greta Rosterthree', email: `greta.${stamp}@example.org` },
	]
	await loginAs(page, 'facilitator@example.org')
	await page.goto('/cohorts/panama-2025')
	await page.getByRole('link', { name: 'Agregar una delegación' }).click()
	await page.getByLabel('País').selectOption('GT')
	await page.getByLabel('Estado del Plan de Acción Nacional').selectOption('drafting')
	await page.getByRole('button', { name: 'Agregar la delegación' }).click()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Guatemala')

	const csv = [
		'nombre,correo,sector,organización,cargo',
		...people.map((p, i) => `${p.name},${p.email},${['gobierno', 'sociedad civil', 'academia'][i]},Organización inventada,Cargo`),
	].join('\n')
	await page.getByLabel('…o suba un archivo CSV').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
	await page.getByRole('button', { name: 'Revisar y crear los enlaces' }).click()
	await expect(page.getByText('Se crearon 3 enlaces de invitación.')).toBeVisible()
	const firstLink = await page.getByLabel(`${people[0]!.name} <${people[0]!.email}>`).inputValue()
	const thirdLink = await page.getByLabel(`${people[2]!.name} <${people[2]!.email}>`).inputValue()
	expect(firstLink).toMatch(/\/invite\/[A-Za-z0-9_-]{40,}$/)

	// Withdraw the third person's link.
	const thirdRow = page.getByRole('row').filter({ hasText: people[2]!.email })
	await thirdRow.getByRole('button', { name: 'Revocar' }).click()
	await expect(page.getByText('Se revocó la invitación; su enlace ya no funciona.')).toBeVisible()

	// The first person accepts and completes a lesson.
	const invitee = await browser.newContext({ locale: 'en-US' })
	const inviteePage = await invitee.newPage()
	await inviteePage.goto(new URL(firstLink).pathname)
	await expect(inviteePage.getByText('You are invited to join the delegation of Guatemala in Panama City 2025.')).toBeVisible()
	await inviteePage.getByLabel('Password', { exact: true }).fill('a-long-enough-password')
	await inviteePage.getByLabel('Repeat the new password').fill('a-long-enough-password')
	await inviteePage.getByLabel('Language').selectOption('en')
	await inviteePage.getByRole('button', { name: 'Create my account and join' }).click()
	await expect(inviteePage).toHaveURL(/\/home$/)
	await expect(inviteePage.getByRole('heading', { name: 'Delegation of Guatemala' })).toBeVisible()
	await inviteePage.goto('/learn/theory-of-change/why-a-theory-of-change')
	for (const check of answerKey('01-theory-of-change/01-why-a-theory-of-change.en.mdx')) {
		const section = inviteePage.locator(`#check-${check.id}`)
		for (const [index, option] of check.options.entries()) {
			if (option.correct) await section.locator('input[name=option]').nth(index).check()
		}
		await section.getByRole('button', { name: 'Check my answer' }).click()
		await expect(section.getByText('Correct.')).toBeVisible()
	}
	await inviteePage.getByRole('button', { name: 'Mark lesson complete' }).click()
	await expect(inviteePage.getByText('You have completed this lesson.')).toBeVisible()

	// The revoked link is refused with a clear message.
	const revoked = await inviteePage.context().browser()!.newContext({ locale: 'en-US' })
	const revokedPage = await revoked.newPage()
	const response = await revokedPage.goto(new URL(thirdLink).pathname)
	expect(response?.status()).toBe(410)
	await expect(revokedPage.getByRole('alert')).toHaveText('This invitation was withdrawn by the facilitator.')

	// The facilitator sees the acceptance and that person's progress.
	await page.reload()
	const firstRow = page.getByRole('row').filter({ hasText: people[0]!.email })
	await expect(firstRow.getByText('Aceptada')).toBeVisible()
	await expect(page.getByRole('heading', { name: '1 integrante' })).toBeVisible()
	await page.goto('/cohorts/panama-2025/dashboard')
	const guatemala = page.getByRole('row').filter({ has: page.getByRole('link', { name: 'Guatemala' }) })
	await expect(guatemala.getByText('1 persona', { exact: true })).toBeVisible()
	await expect(guatemala.getByText('(1/3)')).toBeVisible()
	// What the cells count is said once, in the table's caption (read out on entering the table).
	await expect(page.locator('table.matrix').first().locator('caption')).toHaveText('Avance por delegación y módulo · lecciones completadas')
	await expect(guatemala.getByRole('cell').first()).toHaveText(/^◐ 33 % \(1\/3\)$/)
	await expect(page.getByText(people[1]!.name)).toBeVisible()
	await expect(page.getByText(people[2]!.name)).toHaveCount(0)
	// Keyboard: focus the country and press Enter to drill down.
	await guatemala.getByRole('link', { name: 'Guatemala' }).focus()
	await page.keyboard.press('Enter')
	await expect(page).toHaveURL(/delegation=panama-2025-gt/)
	const personRow = page.locator('#drill-down').getByRole('row').filter({ hasText: people[0]!.name })
	await expect(personRow.getByRole('cell').last()).toContainText(`1/${LESSON_COUNT}`)

	const member = await db
		.selectFrom('delegation_members')
		.innerJoin('users', 'users.id', 'delegation_members.user_id')
		.select(['delegation_members.sector'])
		.where('users.email', '=', people[0]!.email)
		.executeTakeFirstOrThrow()
	expect(member.sector).toBe('government')
	await invitee.close()
	await revoked.close()
})

test('a roster with bad rows is rejected row by row and nothing is imported', async ({ page }) => {
	await loginAs(page, 'facilitator@example.org')
	await page.goto('/cohorts/panama-2025/delegations/panama-2025-bo')
	const before = await page.getByRole('row').count()
	await page
		.getByLabel('Pegue la lista')
		.fill(
			'Ana Buena,ana.buena@example.org,gobierno\nSin Correo,,gobierno\nMal Correo,mal@,academia\nRaro,raro@example.org,ejército\nAna Otra,ana.buena@example.org,academia',
		)
	await page.getByRole('button', { name: 'Revisar y crear los enlaces' }).click()
	await expect(page.getByText('No se importó nada: primero hay que corregir 4 problemas.')).toBeVisible()
	const problems = page.getByRole('region', { name: 'Problemas en la lista' })
	await expect(problems.getByRole('row')).toHaveCount(5)
	await expect(problems).toContainText('Falta el correo.')
	await expect(problems).toContainText('Este correo no es válido.')
	await expect(problems).toContainText('Sector desconocido')
	await expect(problems).toContainText('Este correo aparece dos veces')
	await expect(page.getByLabel('Pegue la lista')).toHaveValue(/Ana Buena/)
	await page.goto('/cohorts/panama-2025/delegations/panama-2025-bo')
	expect(await page.getByRole('row').count()).toBe(before)
})
