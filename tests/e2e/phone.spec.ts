import { db, expect, loginAs, test } from './fixtures.ts'
import { newDelegation } from './roadmaps.ts'

test.use({ viewport: { width: 390, height: 844 } })

// On a 390 px phone the page does not scroll sideways: a wide table (the dashboard's delegation ×
// module matrix) scrolls inside its own frame.
test('the dashboard does not scroll sideways on a 390 px phone', async ({ page }) => {
	await loginAs(page, 'facilitator@example.org')
	for (const lng of ['en', 'es']) {
		await page.goto(`/cohorts/panama-2025/dashboard?lng=${lng}`)
		expect(await page.evaluate(() => document.documentElement.scrollWidth), lng).toBeLessThanOrEqual(390)
		// The curriculum grows to nine modules (three more columns) while the page stays 390 px wide:
		// the matrix is given the columns it will have, whatever content/ holds today.
		const columns = await page.evaluate(() => {
			const table = document.querySelector('table.matrix')!
			const moduleColumns = table.querySelectorAll('thead th').length - 2
			for (const row of table.querySelectorAll('tr')) {
				const cells = row.querySelectorAll('th, td')
				const model = cells[cells.length - 2]!
				for (let added = moduleColumns; added < 9; added++) model.after(model.cloneNode(true))
			}
			return table.querySelectorAll('thead th').length - 2
		})
		expect(columns, lng).toBeGreaterThanOrEqual(9)
		expect(await page.evaluate(() => document.documentElement.scrollWidth), `${lng}, nine modules`).toBeLessThanOrEqual(390)
	}
})

// The worked example is a whole roadmap as a document: its wide tables scroll in their own frames.
test('the worked example does not scroll sideways on a 390 px phone', async ({ page }) => {
	await loginAs(page, 'delegate.bo@example.org')
	for (const lng of ['en', 'es']) {
		await page.goto(`/roadmap/example?lng=${lng}`)
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
		expect(await page.evaluate(() => document.documentElement.scrollWidth), lng).toBeLessThanOrEqual(390)
	}
})

// Every page of a roadmap of Mexico's size, with a form open too, fits a 390 px phone: the section
// tabs are one menu, wide tables scroll in their own frames, and every control is at least 24 × 24 px.
test('every roadmap page of a plan of Mexico’s size fits a 390 px phone', async ({ page }) => {
	const { base, email, roadmapId } = await newDelegation({ language: 'es', mexico: true })
	await loginAs(page, email)
	const first = (kind: string) =>
		db
			.selectFrom('roadmap_items')
			.select('id')
			.where('roadmap_id', '=', roadmapId)
			.where('kind', '=', kind)
			.orderBy('position')
			.executeTakeFirstOrThrow()
	const action = await first('action')
	const indicator = await first('indicator')
	const pages = [
		'',
		'/theory-of-change',
		'/strategic-design',
		`/strategic-design?edit=${action.id}`,
		'/gender-budgeting',
		'/coordination',
		'/localization',
		'/monitoring',
		`/monitoring?edit=${indicator.id}`,
		'/matrix',
		'/history',
		'/print',
		'/implementation',
		'/assistance',
	]
	for (const lng of ['es', 'en']) {
		for (const path of pages) {
			await page.goto(`${base}${path}${path.includes('?') ? '&' : '?'}lng=${lng}`)
			await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
			expect(await page.evaluate(() => document.documentElement.scrollWidth), `${lng} ${path}`).toBeLessThanOrEqual(390)
		}
	}

	// The sections are one menu, which opens to every section.
	await page.goto(`${base}/strategic-design?edit=${action.id}&lng=es`)
	await expect(page.locator('.roadmap-header .tabs')).toBeHidden()
	const menu = page.locator('.tabs-menu')
	await menu.locator('summary').click()
	await expect(menu.getByRole('link', { name: '3. Presupuesto' })).toBeVisible()
	await expect(menu.getByRole('link', { name: 'Matriz de resultados' })).toBeVisible()

	// Every control of the page, the open form's included, is at least 24 × 24 px (WCAG 2.2, 2.5.8).
	const small = await page.evaluate(() =>
		Array.from(document.querySelectorAll('main button, main summary, main select, main input:not([type="hidden"]), main .edit-link'))
			.filter((element) => element.checkVisibility())
			// A box or a radio inside its label is pressed anywhere on the label: that is its target.
			.map((element) => ({ element, box: (element.closest('label') ?? element).getBoundingClientRect() }))
			.filter(({ box }) => box.width < 24 || box.height < 24)
			.map(({ element, box }) => `${element.outerHTML.slice(0, 80)} ${Math.round(box.width)}×${Math.round(box.height)}`),
	)
	expect(small).toEqual([])
})

// An indicator over time (its chart and, opened, its table) and the cohort comparison (its table
// scrolls in its own frame, four countries wide) fit a 390 px phone.
test('indicators over time and the cohort comparison fit a 390 px phone', async ({ page }) => {
	await loginAs(page, 'alumni.tt@example.org')
	for (const lng of ['es', 'en']) {
		for (const path of ['/implementation', '/monitoring']) {
			await page.goto(`/roadmaps/port-of-spain-2024-tt${path}?lng=${lng}`)
			const chart = page.locator('#item-tt-indicator-1 svg[role="img"]')
			await expect(chart).toBeVisible()
			await page.locator('#item-tt-indicator-1 summary').click()
			await expect(page.locator('#item-tt-indicator-1 table')).toBeVisible()
			const box = (await chart.boundingBox())!
			expect(box.x + box.width, `${lng} ${path}: the chart`).toBeLessThanOrEqual(390)
			expect(await page.evaluate(() => document.documentElement.scrollWidth), `${lng} ${path}`).toBeLessThanOrEqual(390)
		}
	}
	await page.context().clearCookies()
	await loginAs(page, 'facilitator@example.org')
	for (const lng of ['es', 'en']) {
		// One column per delegation of the cohort (other tests may add some), after the rows' labels.
		const delegations = await db.selectFrom('delegations').select('id').where('cohort_id', '=', 'panama-2025').execute()
		await page.goto(`/cohorts/panama-2025/roadmaps/compare?lng=${lng}`)
		await expect(page.getByRole('table').getByRole('columnheader')).toHaveCount(delegations.length + 1)
		expect(await page.evaluate(() => document.documentElement.scrollWidth), `${lng} compare`).toBeLessThanOrEqual(390)
	}
})
