import { type Page } from '@playwright/test'
import { expect, loginAs, test } from './fixtures.ts'
import { newDelegation } from './roadmaps.ts'

/**
 * A delegation enters a plan of Mexico's NAP-1325 shape — 4 pillars, 10 strategic objectives, 16 lines
 * of action, 23 indicators — through the UI as it would at the convening: objectives typed, the lines
 * of action pasted from a spreadsheet block under each objective, then each action's indicators and
 * committed money in its one form. The document, the budget totals, the completeness checks and the
 * print page then agree. Once with JavaScript (in Spanish), once without (in English). The test counts
 * the submits and the time it took (printed, and kept as annotations of the test).
 */

const OBJECTIVES_PER_PILLAR = [3, 3, 2, 2]
/** Objectives 1–6 have two lines of action, 7–10 one: 16 in all. */
const actionsOf = (objective: number) => (objective <= 6 ? 2 : 1)
/** Indicators: one per action (16), and a second one for the first seven actions (23). */
const SECOND_INDICATOR = 7

const TEXTS = {
	es: {
		addObjective: 'Agregar un objetivo estratégico',
		objectiveField: 'Objetivo estratégico',
		paste: {
			fold: 'Pegar filas de una hoja de cálculo',
			label: 'Filas copiadas de una hoja de cálculo',
			preview: 'Vista previa de las filas',
		},
		create: /^Crear \d+ líneas? de acción$/,
		edit: 'Editar «',
		indicators: 'Indicadores',
		newIndicator: 'Agregar un indicador',
		indicator: {
			statement: 'Indicador',
			measure: 'Se mide como',
			unit: 'Unidad',
			baseline: 'Valor de línea de base',
			target: 'Valor de la meta',
			means: 'Medio de verificación',
		},
		cost: 'Costo y financiamiento',
		line: 'Línea 1',
		committed: 'Comprometido',
		save: 'Guardar',
		sources: ['Presupuesto nacional', 'Cooperación internacional', 'Sociedad civil', 'national_budget'],
		complete: 'No falta nada en esta sección.',
		total: /1\.360\.000,00/,
		funded: /720\.000,00/,
	},
	en: {
		addObjective: 'Add a strategic objective',
		objectiveField: 'Strategic objective',
		paste: { fold: 'Paste rows from a spreadsheet', label: 'Rows copied from a spreadsheet', preview: 'Preview the rows' },
		create: /^Create \d+ lines? of action$/,
		edit: 'Edit “',
		indicators: 'Indicators',
		newIndicator: 'Add an indicator',
		indicator: {
			statement: 'Indicator',
			measure: 'Measured as',
			unit: 'Unit',
			baseline: 'Baseline value',
			target: 'Target value',
			means: 'Means of verification',
		},
		cost: 'Cost and funding',
		line: 'Line 1',
		committed: 'Committed',
		save: 'Save',
		sources: ['National budget', 'International cooperation', 'Civil society', 'national_budget'],
		complete: 'Nothing missing in this section.',
		total: /1,360,000\.00/,
		funded: /720,000\.00/,
	},
} as const
type Texts = (typeof TEXTS)[keyof typeof TEXTS]

/** A pillar's "add an objective" form, opened with its link (after a save it comes back open). */
async function openAdd(pillar: ReturnType<Page['locator']>, name: string) {
	const link = pillar.locator(':scope > .add').getByRole('link', { name })
	if (await link.count()) await link.click()
	return pillar.locator(':scope > .add')
}

async function enterPlan(page: Page, base: string, x: Texts) {
	let objectiveNo = 0
	let actionNo = 0
	await page.goto(`${base}/strategic-design`)
	// The strategic objectives, typed one after another under each pillar.
	for (const [p, count] of OBJECTIVES_PER_PILLAR.entries()) {
		for (let k = 0; k < count; k++) {
			objectiveNo++
			const pillar = page.locator('section.pillar').nth(p)
			const fold = await openAdd(pillar, x.addObjective)
			await fold.getByLabel(x.objectiveField).fill(`Objetivo ${objectiveNo} del plan`)
			await fold.getByRole('button', { name: x.addObjective }).click()
			await expect(page.getByRole('heading', { name: new RegExp(`Objetivo ${objectiveNo} del plan$`) })).toBeVisible({ timeout: 30_000 })
		}
	}
	// The lines of action, pasted from a spreadsheet under each objective: preview, then create.
	for (let o = 1; o <= objectiveNo; o++) {
		const objective = page
			.locator('article.objective')
			.filter({ has: page.getByRole('heading', { name: new RegExp(`Objetivo ${o} del plan$`) }) })
		const rows = Array.from({ length: actionsOf(o) }, () => {
			actionNo++
			return [
				`Línea ${actionNo} del plan`,
				'Inmujeres',
				'SRE, Sedena',
				'2026-Q1',
				'2028-Q4',
				String(actionNo * 10_000),
				x.sources[actionNo % 4]!,
			].join('\t')
		})
		await objective.getByText(x.paste.fold).click()
		await objective.getByLabel(x.paste.label).fill(rows.join('\n'))
		await objective.getByRole('button', { name: x.paste.preview }).click()
		await objective.getByRole('button', { name: x.create }).click()
		// A whole plan is long work on a shared machine: each step may take a while, never forever.
		await expect(page.locator('.action-card').filter({ hasText: `Línea ${actionNo} del plan` })).toHaveCount(1, { timeout: 30_000 })
	}
	// Each action's indicator (and, for every other action, its money committed) in its one form.
	for (let round = 1; round <= 2; round++) {
		for (let a = 1; a <= (round === 1 ? actionNo : SECOND_INDICATOR); a++) {
			const n = round === 1 ? a : actionNo + a
			await page
				.getByRole('link', { name: `${x.edit}Línea ${a} del plan` })
				.first()
				.click()
			const form = page.locator('.is-editing form')
			if (round === 1 && a % 2 === 0) {
				await form.getByText(x.cost, { exact: true }).click()
				await form.getByRole('group', { name: x.line }).getByLabel(x.committed).check()
			}
			await form.getByText(x.indicators, { exact: true }).click()
			const fresh = form.getByRole('group', { name: x.newIndicator })
			await fresh.getByLabel(x.indicator.statement).fill(`Indicador ${n} del plan`)
			await fresh.getByLabel(x.indicator.measure).selectOption('number')
			await fresh.getByLabel(x.indicator.unit).fill('personas')
			await fresh.getByLabel(x.indicator.baseline).fill(String(n * 3))
			await fresh.getByLabel(x.indicator.target).fill(String(n * 9))
			await fresh.getByLabel(x.indicator.means).fill(`Informe ${n}`)
			await form.getByRole('button', { name: x.save }).click()
			await expect(page.locator('.is-editing')).toHaveCount(0, { timeout: 30_000 })
			await expect(page.locator('.doc-indicators').getByText(`Indicador ${n} del plan`)).toHaveCount(1)
		}
	}
	return { objectives: objectiveNo, actions: actionNo }
}

/** The numbers the printed plan gives its lines of action: 1.1.1, 1.1.2, … 4.2.1. */
function actionNumbers() {
	const numbers: string[] = []
	let objectiveNo = 0
	for (const [p, count] of OBJECTIVES_PER_PILLAR.entries()) {
		for (let k = 1; k <= count; k++) {
			objectiveNo++
			for (let a = 1; a <= actionsOf(objectiveNo); a++) numbers.push(`${p + 1}.${k}.${a}`)
		}
	}
	return numbers
}

async function checkAgreement(page: Page, base: string, x: Texts) {
	// The document: every line of action numbered as the plan reads, each with its indicators.
	await page.goto(`${base}/strategic-design`)
	await expect(page.locator('.action-card')).toHaveCount(16)
	for (const number of actionNumbers())
		await expect(page.locator('.action-card .doc-number').getByText(number, { exact: true })).toHaveCount(1)
	await expect(page.locator('.doc-indicators li')).toHaveCount(23)
	await expect(page.getByText(x.complete).first()).toBeVisible()
	// The budget: the pasted costs add up, the committed half of them is funded.
	await page.goto(`${base}/gender-budgeting`)
	await expect(page.locator('.lead').filter({ hasText: x.total })).toContainText(x.funded)
	await expect(page.getByText(x.complete).first()).toBeVisible()
	// M&E: the 23 indicators, nothing missing.
	await page.goto(`${base}/monitoring`)
	await expect(page.locator('.item-list > li')).toHaveCount(23)
	await expect(page.getByText(x.complete).first()).toBeVisible()
	// The results matrix: a row per line of action, and the same totals.
	await page.goto(`${base}/matrix`)
	await expect(page.locator('table.results-matrix tbody tr')).toHaveCount(16)
	await expect(page.locator('table.results-matrix tfoot')).toContainText(x.total)
	await expect(page.locator('table.results-matrix tfoot')).toContainText(x.funded)
	// The print page: every action and indicator.
	await page.goto(`${base}/print`)
	for (const number of actionNumbers())
		await expect(page.getByRole('row', { name: new RegExp(`^${number.replace(/\./g, '\\.')} `) })).toHaveCount(1)
	for (let n = 1; n <= 23; n++) await expect(page.getByText(`Indicador ${n} del plan`, { exact: true })).toHaveCount(1)
}

/** Counts the submits (POSTs) a page makes and the time from the first to the last. */
function measure(page: Page) {
	let submits = 0
	page.on('request', (request) => {
		// The person's submits: not what the page tells the live stream it is editing (`/live`).
		if (request.method() === 'POST' && !new URL(request.url()).pathname.endsWith('/live')) submits++
	})
	const start = Date.now()
	return () => ({ submits, seconds: Math.round((Date.now() - start) / 100) / 10 })
}

test.describe.configure({ timeout: 240_000 })

test('with JavaScript, in Spanish: a delegation enters a plan of Mexico’s size, and the document, budget, completeness and print agree', async ({
	page,
}) => {
	const { base, email } = await newDelegation({ language: 'es' })
	await loginAs(page, email)
	const done = measure(page)
	expect(await enterPlan(page, base, TEXTS.es)).toEqual({ objectives: 10, actions: 16 })
	const { submits, seconds } = done()
	console.log(`[workspace] with JavaScript: the 4/10/16/23 plan in ${submits} submits, ${seconds} s`)
	test.info().annotations.push({ type: 'entry', description: `${submits} submits, ${seconds} s` })
	// 10 objectives, 10 pastes (preview + create), 23 saves of an action's form.
	expect(submits).toBe(10 + 20 + 23)
	await checkAgreement(page, base, TEXTS.es)
})

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('in English: a delegation enters a plan of Mexico’s size, and the document, budget, completeness and print agree', async ({
		page,
	}) => {
		const { base, email } = await newDelegation({ language: 'en' })
		await loginAs(page, email)
		const done = measure(page)
		expect(await enterPlan(page, base, TEXTS.en)).toEqual({ objectives: 10, actions: 16 })
		const { submits, seconds } = done()
		console.log(`[workspace] without JavaScript: the 4/10/16/23 plan in ${submits} submits, ${seconds} s`)
		test.info().annotations.push({ type: 'entry', description: `${submits} submits, ${seconds} s` })
		expect(submits).toBe(10 + 20 + 23)
		await checkAgreement(page, base, TEXTS.en)
	})
})
