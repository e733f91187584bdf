import { type Locator, type Page } from '@playwright/test'
import { createDelegate, db, expect, loginAs, test } from './fixtures.ts'

const BASE = '/roadmaps/panama-2025-cr'

async function addObjective(page: Page, pillar: string, statement: string) {
	const section = page.locator('section.pillar').filter({ has: page.getByRole('heading', { name: new RegExp(`^Pilar \\d+: ${pillar}$`) }) })
	await openAdd(section, 'Agregar un objetivo estratégico')
	await section.getByLabel('Objetivo estratégico').last().fill(statement)
	await section.getByRole('button', { name: 'Agregar un objetivo estratégico' }).click()
	await expect(page.getByRole('heading', { name: new RegExp(statement) })).toBeVisible()
}

async function addAction(page: Page, objective: string, description: string, lead: string) {
	const article = page.locator('article.objective').filter({ has: page.getByRole('heading', { name: new RegExp(objective) }) })
	await openAdd(article, 'Agregar una línea de acción')
	const form = article.locator('.add form')
	await form.getByLabel('Línea de acción').fill(description)
	await form.getByLabel('Institución responsable').fill(lead)
	await form.getByLabel(/Inicio/).fill('2026-Q1')
	await form.getByLabel(/Fin \(/).fill('2027-Q4')
	await form.getByRole('button', { name: 'Agregar una línea de acción' }).click()
	// The action reads as the document does; the add form is open again, empty, for the next one.
	await expect(article.locator('.action-card').filter({ hasText: description })).toHaveCount(1)
	await expect(article.locator('.add form').getByLabel('Línea de acción')).toHaveValue('')
	await expect(article.locator('.add form').getByLabel('Línea de acción')).toBeFocused()
}

/** Opens an "Add …" form with its link (after a save it is open already, empty, for the next one). */
async function openAdd(container: Locator, name: string) {
	const link = container.getByRole('link', { name })
	if (await link.count()) await link.last().click()
}

/** Opens an item's one form with its Edit control (the item's label is in the control's name). */
async function edit(page: Page, label: string) {
	await page.getByRole('link', { name: new RegExp(`^(Editar «|Edit “)${label}`) }).click()
	return page.locator('.is-editing form')
}

test('two delegates build a roadmap together, a facilitator comments, and the print page shows it all', async ({ browser }) => {
	const ana = await (await browser.newContext()).newPage()
	const carlos = await (await browser.newContext()).newPage()
	await loginAs(ana, 'cr1@example.org')
	await loginAs(carlos, 'cr2@example.org')

	// Theory of change (Ana), from the lesson's link.
	await ana.goto('/roadmap/theory-of-change')
	await expect(ana).toHaveURL(`${BASE}/theory-of-change`)
	await ana.getByLabel('Planteamiento del problema').fill('Pocas mujeres en las instituciones de seguridad.')
	await ana.getByLabel('Cambio de largo plazo buscado').fill('Mujeres en todos los niveles de decisión en seguridad.')
	await ana.getByRole('button', { name: 'Guardar' }).first().click()
	// Saved, the form closes and the text reads as the document.
	await expect(ana.locator('.doc-meta').getByText('Pocas mujeres en las instituciones de seguridad.')).toBeVisible()
	await expect(ana.getByLabel('Planteamiento del problema')).toHaveCount(0)
	const pathway = ana.locator('section.panel').filter({ has: ana.getByRole('heading', { name: /Rutas de cambio/ }) })
	await pathway.getByRole('textbox', { name: 'Si', exact: true }).fill('la policía recluta con metas de paridad')
	await pathway.getByRole('textbox', { name: 'entonces', exact: true }).fill('habrá más mujeres en mandos medios')
	await pathway.getByRole('button', { name: 'Agregar una ruta' }).click()
	await expect(pathway.locator('.item-list .doc-item__text').getByText('la policía recluta con metas de paridad')).toBeVisible()

	// Strategic design (Carlos): two pillars with objectives and actions.
	await carlos.goto(`${BASE}/strategic-design`)
	await addObjective(carlos, 'Prevención', 'Reducir la violencia armada contra mujeres')
	await addObjective(carlos, 'Participación', 'Más mujeres en la policía')
	await addAction(carlos, 'Reducir la violencia armada', 'Programa de prevención comunitaria', 'Ministerio de Seguridad Pública')
	await addAction(carlos, 'Más mujeres en la policía', 'Campaña de reclutamiento', 'Instituto Nacional de las Mujeres')

	// Budget (Ana): each action's cost lines are in its one form, reached from the budget page; totals are computed.
	await ana.goto(`${BASE}/gender-budgeting`)
	await ana.getByRole('link', { name: 'Editar «Programa de prevención comunitaria»' }).click()
	await expect(ana).toHaveURL(/strategic-design\?edit=/)
	const first = ana.locator('.is-editing form')
	await first.getByText('Costo y financiamiento').click()
	const firstLine = first.getByRole('group', { name: 'Línea 1' })
	await firstLine.getByLabel(/Monto/).fill('10000')
	await firstLine.getByLabel('Fuente de financiamiento').selectOption('national_budget')
	await firstLine.getByLabel('Comprometido').check()
	await first.getByRole('button', { name: 'Guardar' }).click()
	await expect(ana.locator('.action-card').filter({ hasText: 'Programa de prevención comunitaria' })).toContainText('10.000,00')
	const second = await edit(ana, 'Campaña de reclutamiento')
	await second.getByText('Costo y financiamiento').click()
	const secondLine = second.getByRole('group', { name: 'Línea 1' })
	await secondLine.getByLabel(/Monto/).fill('5000')
	await secondLine.getByLabel('Fuente de financiamiento').selectOption('international_cooperation')
	await second.getByRole('button', { name: 'Guardar' }).click()
	await expect(ana.locator('.is-editing')).toHaveCount(0)
	await ana.goto(`${BASE}/gender-budgeting`)
	await expect(ana.getByText(/Costo total 15\.000,00.*comprometido 10\.000,00.*67/)).toBeVisible()

	// An indicator (Carlos).
	await carlos.goto(`${BASE}/monitoring`)
	const objectivePanel = carlos.locator('section.panel').filter({ has: carlos.getByRole('heading', { name: 'Más mujeres en la policía' }) })
	await openAdd(objectivePanel, 'Agregar un indicador')
	const indicatorForm = objectivePanel.locator('.add form')
	await indicatorForm.getByLabel('Indicador').fill('Porcentaje de mujeres en la policía')
	await indicatorForm.getByLabel('Se mide como').selectOption('percent')
	await indicatorForm.getByLabel('Valor de línea de base').fill('14')
	await indicatorForm.getByLabel('Año de línea de base').fill('2025')
	await indicatorForm.getByLabel('Valor de la meta').fill('25')
	await indicatorForm.getByLabel('Año de la meta').fill('2030')
	await indicatorForm.getByLabel('Medio de verificación').fill('Registro de personal')
	await indicatorForm.getByLabel('Frecuencia de informe').selectOption('annual')
	await indicatorForm.getByRole('button', { name: 'Agregar un indicador' }).click()
	await expect(carlos.getByText(/Calendario de informes/)).toBeVisible()
	const calendar = carlos.locator('section.panel').filter({ has: carlos.getByRole('heading', { name: /Calendario de informes/ }) })
	await expect(calendar.getByText(/Porcentaje de mujeres en la policía/)).toBeVisible()

	// The facilitator comments on the strategic design.
	const facilitator = await (await browser.newContext()).newPage()
	await loginAs(facilitator, 'facilitator@example.org')
	await facilitator.goto(`${BASE}/strategic-design`)
	await expect(facilitator.getByRole('button', { name: 'Agregar una línea de acción' })).toHaveCount(0)
	await facilitator.getByLabel('Agregar un comentario a esta sección').fill('¿Quién financia la campaña en 2027?')
	await facilitator.getByRole('button', { name: 'Publicar el comentario' }).click()
	await expect(facilitator.locator('.comment').getByText('¿Quién financia la campaña en 2027?')).toBeVisible()

	// The print page shows it all.
	await ana.goto(`${BASE}/print`)
	for (const text of [
		'Hoja de ruta de Costa Rica',
		'Pocas mujeres en las instituciones de seguridad.',
		'la policía recluta con metas de paridad',
		'Reducir la violencia armada contra mujeres',
		'Campaña de reclutamiento',
		'Instituto Nacional de las Mujeres',
		'Porcentaje de mujeres en la policía',
		'Registro de personal',
	]) {
		await expect(ana.getByText(text, { exact: false }).first()).toBeVisible()
	}
	await expect(
		ana
			.locator('.doc-table')
			.getByText(/10\.000,00/)
			.first(),
	).toBeVisible()
	// Numbered as the printed plan reads: pillar 2, objective 2.1, its action 2.1.1 and indicator 2.1.a.
	await expect(ana.getByRole('heading', { name: 'Objetivo estratégico 2.1: Más mujeres en la policía' })).toBeVisible()
	await expect(ana.getByRole('row', { name: /^2\.1\.1 Campaña de reclutamiento/ })).toBeVisible()
	await expect(ana.getByRole('row', { name: /^2\.1\.a Porcentaje de mujeres en la policía/ })).toBeVisible()
	await ana.context().close()
	await carlos.context().close()
	await facilitator.context().close()
})

test('two people saving the same action: the second sees both texts, merges, and history keeps both steps', async ({ browser }) => {
	// A tag of this attempt: a retry must not find the action an earlier attempt added.
	const tag = `n${Math.random().toString(36).slice(2, 7)}`
	const one = await (await browser.newContext()).newPage()
	const two = await (await browser.newContext()).newPage()
	await loginAs(one, 'ec1@example.org')
	await loginAs(two, 'ec2@example.org')
	await one.goto('/roadmaps/panama-2025-ec/strategic-design')
	await addObjective(one, 'Protección', `Atención a sobrevivientes en frontera ${tag}`)
	await addAction(one, `Atención a sobrevivientes en frontera ${tag}`, `Casas de acogida ${tag}`, 'Ministerio de la Mujer')

	// Both open the same version of the action.
	await two.goto('/roadmaps/panama-2025-ec/strategic-design')
	const cardOne = await edit(one, `Casas de acogida ${tag}`)
	const cardTwo = await edit(two, `Casas de acogida ${tag}`)
	await cardOne.getByLabel('Línea de acción').fill(`Casas de acogida ${tag} en tres provincias`)
	await cardOne.getByRole('button', { name: 'Guardar' }).click()
	await expect(one.locator('.action-card').filter({ hasText: `Casas de acogida ${tag} en tres provincias` })).toContainText('Guardado')

	await cardTwo.getByLabel('Línea de acción').fill(`Casas de acogida ${tag} con redes de mujeres`)
	await cardTwo.getByRole('button', { name: 'Guardar' }).click()
	const alert = two.getByRole('alert').filter({ hasText: 'Otra persona guardó este elemento' })
	await expect(alert).toBeVisible()
	await expect(alert).toContainText(`Casas de acogida ${tag} en tres provincias`)
	await expect(alert).toContainText(`Casas de acogida ${tag} con redes de mujeres`)
	const merged = two.locator('form').filter({ has: two.getByRole('alert') })
	await expect(merged.getByLabel('Línea de acción')).toHaveValue(`Casas de acogida ${tag} con redes de mujeres`)
	await merged.getByLabel('Línea de acción').fill(`Casas de acogida ${tag} en tres provincias, con redes de mujeres`)
	await merged.getByRole('button', { name: 'Guardar' }).click()
	await expect(two.getByRole('alert').filter({ hasText: 'Otra persona guardó' })).toHaveCount(0)

	await two.goto('/roadmaps/panama-2025-ec/history')
	await expect(
		two.locator('.history ins').filter({ hasText: `Casas de acogida ${tag} en tres provincias, con redes de mujeres` }),
	).toBeVisible()
	await expect(two.locator('.history ins').filter({ hasText: new RegExp(`^Casas de acogida ${tag} en tres provincias$`) })).toBeVisible()
	await one.context().close()
	await two.context().close()
})

test('one item is edited at a time; a draft survives leaving the page; a text over its limit is refused, never cut', async ({ page }) => {
	await loginAs(page, (await createDelegate({ delegationId: 'panama-2025-pa', language: 'en' })).email)
	await page.goto('/roadmaps/panama-2025-pa/strategic-design')
	const objective = await edit(page, 'Aumentar la participación')
	await expect(objective.getByLabel('Strategic objective')).toBeFocused()
	// Opening another item closes the first: one form at a time.
	await edit(page, 'Programa de reclutamiento')
	await expect(page.locator('.is-editing')).toHaveCount(1)
	await expect(page.locator('.is-editing')).toContainText('2.1.1')

	// Typed, then left for another page (which asks first): the text is kept in the browser.
	const form = await edit(page, 'Aumentar la participación')
	await form.getByLabel('Strategic objective').fill('A draft nobody has saved yet')
	page.once('dialog', (dialog) => dialog.accept())
	await page.getByRole('link', { name: 'Glossary' }).first().click()
	await expect(page).toHaveURL('/glossary')
	await page.goto('/roadmaps/panama-2025-pa/strategic-design')
	const link = page.getByRole('link', { name: /^Edit “Aumentar la participación/ })
	await expect(link).toContainText('unsaved draft')
	await link.click()
	const back = page.locator('.is-editing form')
	await expect(back.getByLabel('Strategic objective')).toHaveValue('A draft nobody has saved yet')
	await expect(back.getByRole('status').filter({ hasText: 'Your unsaved text from' })).toBeVisible()
	await back.getByRole('button', { name: 'Discard it' }).click()
	await expect(back.getByLabel('Strategic objective')).toHaveValue(/^Aumentar la participación/)

	// 700 characters where 600 fit: the counter says so, the save is refused, the text stays whole.
	const long = 'Mujeres en puestos de decisión. '.repeat(22).slice(0, 700)
	await back.getByLabel('Strategic objective').fill(long)
	await expect(back.getByText('100 characters over the limit of 600')).toBeVisible()
	const [response] = await Promise.all([
		page.waitForResponse((r) => r.request().method() === 'POST'),
		back.getByRole('button', { name: 'Save' }).click(),
	])
	expect(response.status()).toBe(400)
	const refused = page.locator('.is-editing form')
	await expect(refused.getByText('This text is too long.')).toBeVisible()
	await expect(refused.getByLabel('Strategic objective')).toHaveValue(long)
})

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('an alumna adds the usual steps of the NAP process, dates one, and the print page shows the timeline', async ({ page }) => {
		// The timeline starts empty on every attempt (a retry must find the button again).
		const roadmap = await db
			.selectFrom('roadmaps')
			.select('id')
			.where('delegation_id', '=', 'port-of-spain-2024-jm')
			.executeTakeFirstOrThrow()
		await db.deleteFrom('roadmap_items').where('roadmap_id', '=', roadmap.id).where('kind', '=', 'milestone').execute()
		await loginAs(page, 'jm1@example.org')
		await page.goto('/roadmaps/port-of-spain-2024-jm/coordination')
		const timeline = page.locator('#timeline')
		await timeline.getByRole('button', { name: 'Add the usual steps' }).click()
		await expect(timeline.locator('.item-list > li')).toHaveCount(9)
		await expect(timeline.getByRole('button', { name: 'Add the usual steps' })).toHaveCount(0)
		const mandate = timeline.locator('.item-list > li').first()
		await expect(mandate).toContainText('Mandate and lead institution')
		// Without JavaScript, Edit is a link to the page with that one item's form open.
		await mandate.getByRole('link', { name: /^Edit “Mandate and lead institution/ }).click()
		await expect(page).toHaveURL(/\?edit=/)
		await expect(page.locator('.is-editing')).toHaveCount(1)
		const form = page.locator('.is-editing form')
		await expect(form.getByLabel('Step')).toHaveValue('Mandate and lead institution')
		await form.getByLabel(/Start/).fill('2026-Q1')
		await form.getByLabel('End').fill('2026-Q2')
		await form.getByRole('button', { name: 'Save' }).click()
		await expect(page.locator('.is-editing')).toHaveCount(0)
		await expect(page.locator('#timeline .item-list > li').first()).toContainText('2026-Q1 – 2026-Q2')
		await page.goto('/roadmaps/port-of-spain-2024-jm/print')
		await expect(page.getByRole('row', { name: /Mandate and lead institution .*2026-Q1 – 2026-Q2/ })).toBeVisible()
	})

	test('a delegate adds an objective and an action, and a bad action keeps what was typed', async ({ page }) => {
		await loginAs(page, 'gy1@example.org')
		await page.goto('/roadmap/strategic-design')
		await expect(page).toHaveURL('/roadmaps/port-of-spain-2024-gy/strategic-design')
		const prevention = page.locator('section.pillar').first()
		await openAdd(prevention, 'Add a strategic objective')
		await prevention.getByLabel('Strategic objective').last().fill('Prevent gang violence against women')
		await prevention.getByRole('button', { name: 'Add a strategic objective' }).click()
		await expect(page.getByRole('heading', { name: /Prevent gang violence against women/ })).toBeVisible()

		const article = page.locator('article.objective').filter({ hasText: 'Prevent gang violence' })
		await openAdd(article, 'Add a line of action')
		const form = article.locator('.add form')
		await form.getByLabel('Line of action').fill('Community safety audits')
		await form.getByLabel(/Start/).fill('2027-Q2')
		await form.getByLabel(/End/).fill('2026-Q1')
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.request().method() === 'POST'),
			form.getByRole('button', { name: 'Add a line of action' }).click(),
		])
		expect(response.status()).toBe(400)
		const again = page.locator('article.objective').filter({ hasText: 'Prevent gang violence' }).locator('.add form')
		await expect(again.getByText('The end cannot be before the start.')).toBeVisible()
		await expect(again.getByLabel('Line of action')).toHaveValue('Community safety audits')
		await again.getByLabel(/End/).fill('2028-Q4')
		await again.getByRole('button', { name: 'Add a line of action' }).click()
		await expect(page.locator('.action-card').filter({ hasText: 'Community safety audits' })).toHaveCount(1)
		// The add form is open again, empty, for the next one.
		await expect(
			page.locator('article.objective').filter({ hasText: 'Prevent gang violence' }).locator('.add form').getByLabel('Line of action'),
		).toHaveValue('')
	})

	test('two people saving the coordination mechanism: the second gets a 409 with both texts, merges, and saves', async ({ browser }) => {
		const context = () => browser.newContext({ javaScriptEnabled: false })
		const one = await (await context()).newPage()
		const two = await (await context()).newPage()
		await loginAs(one, (await createDelegate({ delegationId: 'port-of-spain-2024-jm', language: 'en' })).email)
		await loginAs(two, (await createDelegate({ delegationId: 'port-of-spain-2024-jm', language: 'en' })).email)
		const path = '/roadmaps/port-of-spain-2024-jm/coordination'
		const mechanism = (page: Page) =>
			page.locator('section.panel').filter({ has: page.getByRole('heading', { name: 'Coordination mechanism' }) })
		/** Opens the mechanism's form (its Edit link), or the form to write it when there is none yet. */
		const openMechanism = async (page: Page) => {
			const edit = mechanism(page).getByRole('link', { name: /^Edit/ })
			if (await edit.count()) await edit.click()
			return mechanism(page).locator('form')
		}
		await one.goto(path)
		let form = await openMechanism(one)
		await form.getByLabel('Name of the mechanism').fill('WPS Council')
		await form.getByRole('button', { name: 'Save' }).click()
		await expect(mechanism(one)).toContainText('WPS Council')

		await two.goto(path)
		const formTwo = await openMechanism(two)
		form = await openMechanism(one)
		await form.getByLabel('Name of the mechanism').fill('WPS Council of Ministers')
		await form.getByRole('button', { name: 'Save' }).click()
		await expect(mechanism(one).locator('.doc-meta')).toContainText('WPS Council of Ministers')

		await formTwo.getByLabel('Name of the mechanism').fill('WPS Council with civil society')
		const [response] = await Promise.all([
			two.waitForResponse((r) => r.request().method() === 'POST'),
			formTwo.getByRole('button', { name: 'Save' }).click(),
		])
		expect(response.status()).toBe(409)
		const alert = two.getByRole('alert').filter({ hasText: 'Someone else saved this item' })
		await expect(alert).toContainText('WPS Council of Ministers')
		await expect(alert).toContainText('WPS Council with civil society')
		const merged = mechanism(two).locator('form')
		await expect(merged.getByLabel('Name of the mechanism')).toHaveValue('WPS Council with civil society')
		await merged.getByLabel('Name of the mechanism').fill('WPS Council of Ministers, with civil society')
		await merged.getByRole('button', { name: 'Save' }).click()
		await expect(two.getByRole('alert').filter({ hasText: 'Someone else saved' })).toHaveCount(0)
		await expect(mechanism(two).locator('.doc-meta')).toContainText('WPS Council of Ministers, with civil society')
		await one.context().close()
		await two.context().close()
	})
})
