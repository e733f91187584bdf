import { type Page } from '@playwright/test'
import { createDelegate, expect, loginAs, test } from './fixtures.ts'
import { expectNoSeriousViolations } from './axe.ts'

const PAGE = '/roadmaps/panama-2025-ec/strategic-design'
const tsv = (rows: string[][]) => rows.map((cells) => cells.join('\t')).join('\n')

/** Six lines of action as copied from a sheet; the fourth has a negative cost until it is fixed. */
function sixRows(tag: string, fourthCost: string) {
	return [
		[
			`Diagnóstico de la carrera policial ${tag}`,
			'Ministerio de Gobierno',
			'Universidad Central',
			'2026-Q1',
			'2026-Q2',
			'25000',
			'National budget',
		],
		[
			`Protocolo contra el acoso ${tag}`,
			'Ministerio de Gobierno',
			'Ministerio de la Mujer',
			'2026-Q2',
			'2026-Q3',
			'8000',
			'national_budget',
		],
		[`Becas para mujeres policías ${tag}`, 'Academia de Policía', '', '2026-Q3', '2028-Q4', '150000', 'Cooperación internacional'],
		[`Red de mujeres policías ${tag}`, 'Policía Nacional', 'ONU Mujeres', '2026-Q1', '2030-Q4', fourthCost, ''],
		[`Campaña de reclutamiento ${tag}`, 'Ministerio de Gobierno', 'Gobiernos locales', '2026-07', '2026-12', '40000', 'Civil society'],
		[`Informe anual de paridad ${tag}`, 'Ministerio de la Mujer', 'Sociedad civil', '2027-Q1', '2027-Q1', '2000', 'Not yet identified'],
	]
}

async function addObjective(page: Page, statement: string, labels: { field: string; button: string }) {
	const pillar = page.locator('section.pillar').first()
	await pillar.getByRole('link', { name: labels.button }).click()
	await pillar.getByLabel(labels.field).last().fill(statement)
	await pillar.getByRole('button', { name: labels.button }).click()
	await expect(page.getByRole('heading', { name: new RegExp(statement) })).toBeVisible()
	return page.locator('article.objective').filter({ has: page.getByRole('heading', { name: new RegExp(statement) }) })
}

test('with JavaScript: paste six rows, see the mistake next to its cell, fix it, create all six in order', async ({ page }) => {
	const tag = `p${Math.random().toString(36).slice(2, 7)}`
	const { email } = await createDelegate({ delegationId: 'panama-2025-ec', language: 'en' })
	await loginAs(page, email)
	await page.goto(PAGE)
	const objective = await addObjective(page, `More women in the police ${tag}`, {
		field: 'Strategic objective',
		button: 'Add a strategic objective',
	})

	await objective.getByText('Paste rows from a spreadsheet').click()
	const box = objective.getByLabel('Rows copied from a spreadsheet')
	await box.fill(tsv(sixRows(tag, '-500')))
	await objective.getByRole('button', { name: 'Preview the rows' }).click()

	const heading = objective.getByRole('heading', { name: 'How the rows will be read' })
	await expect(heading).toBeFocused()
	await expect(objective.getByText('1 problem. Nothing has been created')).toBeVisible()
	const fourth = objective.getByRole('row', { name: /^4 Red de mujeres policías/ })
	await expect(fourth.getByRole('cell', { name: /-500.*A cost cannot be negative\./ })).toBeVisible()
	// The other rows read as understood: an amount in the roadmap's currency, a source in words.
	const first = objective.getByRole('row', { name: /^1 Diagnóstico/ })
	await expect(first.getByRole('cell', { name: /25,000\.00/ })).toBeVisible()
	await expect(first.getByRole('cell', { name: 'National budget' })).toBeVisible()
	await expect(objective.getByRole('button', { name: /Create \d+ lines? of action/ })).toHaveCount(0)
	await expect(box).toHaveValue(tsv(sixRows(tag, '-500')))
	await expectNoSeriousViolations(page)

	// Fixed: a text that changed must be previewed again before anything is created.
	await box.fill(tsv(sixRows(tag, '12000')))
	await objective.getByRole('button', { name: 'Preview the rows' }).click()
	await expect(objective.getByText('All 6 rows are valid.')).toBeVisible()
	await expect(heading).toBeFocused()
	await box.press('End')
	await box.pressSequentially(' ')
	await expect(objective.getByText('The text has changed since this preview')).toBeVisible()
	await box.fill(tsv(sixRows(tag, '12000')))
	await objective.getByRole('button', { name: 'Create 6 lines of action' }).click()

	await expect(objective.getByRole('status')).toHaveText('6 lines of action added.')
	await expect(objective.getByRole('status')).toBeFocused()
	await expect(objective.locator('.action-card .doc-item__title')).toContainText(sixRows(tag, '').map((row) => row[0]!))
	await expect(box).toHaveValue('')
	await expect(objective.getByRole('heading', { name: 'How the rows will be read' })).toHaveCount(0)
})

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('the same paste works with plain forms: a Spanish header in another order, the preview, the fix, all six created', async ({
		page,
	}) => {
		const tag = `q${Math.random().toString(36).slice(2, 7)}`
		const { email } = await createDelegate({ delegationId: 'panama-2025-ec', language: 'es' })
		await loginAs(page, email)
		await page.goto(PAGE)
		const objective = await addObjective(page, `Más mujeres en la policía ${tag}`, {
			field: 'Objetivo estratégico',
			button: 'Agregar un objetivo estratégico',
		})
		// The sheet has its columns in another order, named in its first row.
		const header = ['Fuente de financiamiento', 'Costo', 'Descripción', 'Institución responsable', 'Socios', 'Inicio', 'Fin']
		const reorder = (rows: string[][]) => [header, ...rows.map((r) => [r[6]!, r[5]!, r[0]!, r[1]!, r[2]!, r[3]!, r[4]!])]

		await objective.getByText('Pegar filas de una hoja de cálculo').click()
		await objective.getByLabel('Filas copiadas de una hoja de cálculo').fill(tsv(reorder(sixRows(tag, '-500'))))
		await objective.getByRole('button', { name: 'Vista previa de las filas' }).click()

		// A new page, with the fold still open, the text kept and the problem next to its row (row 5: after the header).
		const again = page.locator('article.objective').filter({ has: page.getByRole('heading', { name: new RegExp(tag) }) })
		await expect(again.getByRole('heading', { name: 'Cómo se leerán las filas' })).toBeVisible()
		await expect(again.getByText('1 problema. No se creó nada')).toBeVisible()
		await expect(
			again.getByRole('row', { name: /^5 Red de mujeres policías/ }).getByRole('cell', { name: /Un costo no puede ser negativo/ }),
		).toBeVisible()
		const box = again.getByLabel('Filas copiadas de una hoja de cálculo')
		await expect(box).toHaveValue(tsv(reorder(sixRows(tag, '-500'))))

		await box.fill(tsv(reorder(sixRows(tag, '12000'))))
		await again.getByRole('button', { name: 'Vista previa de las filas' }).click()
		const fixed = page.locator('article.objective').filter({ has: page.getByRole('heading', { name: new RegExp(tag) }) })
		await expect(fixed.getByText('Las 6 filas son válidas.')).toBeVisible()
		await fixed.getByRole('button', { name: 'Crear 6 líneas de acción' }).click()

		const done = page.locator('article.objective').filter({ has: page.getByRole('heading', { name: new RegExp(tag) }) })
		await expect(done.getByRole('status')).toHaveText('Se agregaron 6 líneas de acción.')
		await expect(done.locator('.action-card .doc-item__title')).toContainText(sixRows(tag, '').map((row) => row[0]!))
		await expect(done.getByLabel('Filas copiadas de una hoja de cálculo')).toHaveValue('')
	})
})
