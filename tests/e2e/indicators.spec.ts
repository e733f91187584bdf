import { applyChange, createRoadmap } from '../../app/features/roadmap/items.server.ts'
import { duePeriodCode, lastEndedPeriod } from '../../app/features/roadmap/indicator-series.ts'
import { createDelegate, db, expect, loginAs, test } from './fixtures.ts'
import { newCohortWithDelegation } from './roadmaps.ts'

/**
 * Indicators over time, as alumni and their peers meet them: the chart and its table on the
 * implementation page and the M&E view, the quarter a report is due for, and the cohort comparison.
 */

const today = new Date().toISOString().slice(0, 10)

/** A closed cohort (its convening in June 2025) with one delegation whose quarterly indicator has two reports. */
async function alumniWithIndicator(language: 'en' | 'es') {
	const { cohortId, delegationId } = await newCohortWithDelegation('indicators', 'CR')
	await db
		.updateTable('cohorts')
		.set({ status: 'closed', start_date: '2025-06-24', end_date: '2025-06-26' })
		.where('id', '=', cohortId)
		.execute()
	const { id: roadmapId } = await createRoadmap(db, {
		delegationId,
		language,
		userId: null,
		currency: 'CRC',
		items: [
			{
				id: `${delegationId}-p`,
				kind: 'pillar',
				data: { name: 'Participación' },
				children: [
					{
						id: `${delegationId}-o`,
						kind: 'objective',
						data: { statement: 'Más mujeres en los mandos policiales' },
						children: [
							{
								id: `${delegationId}-i`,
								kind: 'indicator',
								data: {
									statement: 'Porcentaje de mujeres en mandos medios de la policía',
									measure: 'percent',
									unit: '%',
									baselineValue: '30',
									baselineYear: 2024,
									targetValue: '50',
									targetYear: 2030,
									frequency: 'quarterly',
								},
							},
							{
								id: `${delegationId}-t`,
								kind: 'indicator',
								data: {
									statement: 'Protocolo de atención a mujeres policías',
									measure: 'text',
									baselineValue: 'Sin protocolo',
									targetValue: 'Protocolo aprobado',
									frequency: 'annual',
								},
							},
						],
					},
				],
			},
		],
	})
	for (const [period, value, dated] of [
		['2025-Q3', '32', '2025-10-05'],
		['2025-Q4', '35,5', '2026-01-06'],
	] as const) {
		const result = await applyChange(db, roadmapId, null, {
			type: 'report',
			id: `${delegationId}-i`,
			period,
			value,
			dated,
			source: 'Registro de personal',
		})
		if (!result.ok) throw new Error('report refused')
	}
	const words = await applyChange(db, roadmapId, null, {
		type: 'report',
		id: `${delegationId}-t`,
		period: '2025',
		value: 'Borrador en consulta',
		dated: '2026-01-10',
		source: '',
	})
	if (!words.ok) throw new Error('report refused')
	const { email } = await createDelegate({ delegationId, language })
	return { cohortId, delegationId, indicatorId: `${delegationId}-i`, email }
}

for (const javaScriptEnabled of [true, false]) {
	test.describe(`JavaScript ${javaScriptEnabled ? 'on' : 'off'}`, () => {
		test.use({ javaScriptEnabled })

		test('alumni see their indicator over time, the quarter that is due, and report it', async ({ page }) => {
			const { delegationId, indicatorId, email } = await alumniWithIndicator('en')
			const due = duePeriodCode(lastEndedPeriod('quarterly', today))
			await loginAs(page, email)
			await page.goto(`/roadmaps/${delegationId}/implementation?lng=en`)
			const card = page.locator(`#item-${indicatorId}`)
			const chart = card.getByRole('img')
			await expect(chart).toHaveAttribute('aria-label', '2 reports, latest 35.5% for 2025-Q4; baseline 30% (2024), target 50% (2030)')
			// Baseline and target are named in the chart, not told apart by colour alone.
			await expect(chart.locator('text', { hasText: 'Baseline 30%' })).toHaveCount(1)
			await expect(chart.locator('text', { hasText: 'Target 50%' })).toHaveCount(1)
			await expect(card.getByText(`No report for ${due}`)).toBeVisible()

			// The numbers as a table.
			await card.getByText('Show the 2 values as a table').click()
			const rows = card.getByRole('table').getByRole('row')
			await expect(rows).toHaveCount(3)
			await expect(rows.nth(2)).toContainText('2025-Q4')
			await expect(rows.nth(2)).toContainText('35.5%')
			await expect(rows.nth(2)).toContainText('Registro de personal')

			// The period that is due is already filled in; a value that is not a number is refused, and kept.
			await expect(card.getByLabel(/Period/)).toHaveValue(due)
			await card.getByLabel('Value', { exact: true }).fill('forty')
			await card.getByRole('button', { name: 'Report a value' }).click()
			await expect(page.locator(`#item-${indicatorId}`).getByText('This indicator is measured as a number: enter a number.')).toBeVisible()
			await expect(page.locator(`#item-${indicatorId}`).getByLabel('Value', { exact: true })).toHaveValue('forty')
			await page.locator(`#item-${indicatorId}`).getByLabel('Value', { exact: true }).fill('41')
			await page.locator(`#item-${indicatorId}`).getByRole('button', { name: 'Report a value' }).click()
			await expect(page.locator(`#item-${indicatorId}`).getByRole('img')).toHaveAttribute(
				'aria-label',
				`3 reports, latest 41% for ${due}; baseline 30% (2024), target 50% (2030)`,
			)
			await expect(page.locator(`#item-${indicatorId}`).getByText(/No report for/)).toHaveCount(0)
		})
	})
}

test('the M&E view flags the indicator whose last quarter has no report, and shows its chart (es)', async ({ page }) => {
	const { delegationId, indicatorId, email } = await alumniWithIndicator('es')
	const due = duePeriodCode(lastEndedPeriod('quarterly', today))
	await loginAs(page, email)
	await page.goto(`/roadmaps/${delegationId}/monitoring?lng=es`)
	const panel = page.getByRole('region', { name: 'Informes pendientes' })
	await expect(panel.getByText(`Sin informe para ${due}`)).toBeVisible()
	await panel.getByRole('link', { name: /Porcentaje de mujeres/ }).click()
	const item = page.locator(`#item-${indicatorId}`)
	await expect(item.getByText('Último informe: 2025-Q4')).toBeVisible()
	await expect(item.getByRole('img')).toHaveAttribute(
		'aria-label',
		'2 informes, el último 35,5 % para 2025-Q4; línea de base 30 % (2024), meta 50 % (2030)',
	)
	// A measure in words: its values as a table, no chart; its year has been reported.
	const words = page.locator(`#item-${delegationId}-t`)
	await expect(words.getByRole('img')).toHaveCount(0)
	await expect(words.getByRole('table')).toContainText('Borrador en consulta')
	await expect(words.getByText(/Sin informe para/)).toHaveCount(0)
	await panel.getByRole('link', { name: 'Informar los valores en la página de implementación' }).click()
	await expect(page).toHaveURL(new RegExp(`/roadmaps/${delegationId}/implementation`))
})

test('a delegate compares the roadmaps shared with the cohort beside their own, and opens one', async ({ page }) => {
	const { cohortId, delegationId } = await newCohortWithDelegation('compare', 'CR')
	const now = new Date().toISOString()
	const peers = ['PA', 'BO'].map((code) => ({
		id: `${cohortId}-${code.toLowerCase()}`,
		cohort_id: cohortId,
		country_code: code,
		created_at: now,
	}))
	await db.insertInto('delegations').values(peers).execute()
	for (const id of [delegationId, ...peers.map((p) => p.id)])
		await createRoadmap(db, { delegationId: id, language: 'en', userId: null, currency: 'USD' })
	// Panama shares its roadmap, which has one costed and funded action; Bolivia does not share.
	await db.updateTable('roadmaps').set({ shared_with_cohort: 1 }).where('delegation_id', '=', `${cohortId}-pa`).execute()
	const panama = await db.selectFrom('roadmaps').select('id').where('delegation_id', '=', `${cohortId}-pa`).executeTakeFirstOrThrow()
	const pillar = await db
		.selectFrom('roadmap_items')
		.select('id')
		.where('roadmap_id', '=', panama.id)
		.orderBy('position')
		.executeTakeFirstOrThrow()
	const objective = await applyChange(db, panama.id, null, {
		type: 'create',
		kind: 'objective',
		parentId: pillar.id,
		data: { statement: 'Paridad en la policía' },
	})
	if (!objective.ok) throw new Error('objective refused')
	const action = await applyChange(db, panama.id, null, {
		type: 'create',
		kind: 'action',
		parentId: objective.id!,
		data: {
			description: 'Reclutamiento con paridad',
			level: 'municipal',
			costs: [{ amount: 500000, source: 'national_budget', committed: true }],
		},
	})
	if (!action.ok) throw new Error('action refused')
	const { email } = await createDelegate({ delegationId, language: 'en' })
	await loginAs(page, email)

	await page.goto(`/cohorts/${cohortId}/roadmaps?lng=en`)
	await page.getByRole('link', { name: 'Compare them side by side' }).click()
	await expect(page.getByRole('heading', { level: 1, name: 'Compare the roadmaps' })).toBeVisible()
	const table = page.getByRole('table')
	await expect(table.getByRole('columnheader')).toHaveText([/Measure/, /Costa Rica/, /Panama/])
	await expect(table.getByRole('columnheader', { name: /Costa Rica/ })).toContainText("Your delegation's, not shared")
	await expect(table.getByRole('columnheader', { name: /Bolivia/ })).toHaveCount(0)
	const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('rowheader', { name }) })
	await expect(row('Actions costed').locator('td').nth(1)).toHaveText('1 of 1 (100%)')
	await expect(row('Actions costed').locator('td').nth(0)).toHaveText('—')
	await expect(row('Estimated cost').locator('td').nth(1)).toContainText('$5,000.00')
	await expect(row('Actions below the national level').locator('td').nth(1)).toContainText('Municipal: 1')
	await table.getByRole('link', { name: 'Panama' }).click()
	await expect(page).toHaveURL(new RegExp(`/roadmaps/${cohortId}-pa$`))
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
})
