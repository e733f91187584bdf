import { createRoadmap } from '../../app/features/roadmap/items.server.ts'
import { createDelegate, db, expect, loginAs, test } from './fixtures.ts'
import { newCohortWithDelegation } from './roadmaps.ts'

/** A cohort of its own with one delegation, whose roadmap has only the four default pillars, and its delegate. */
async function emptyRoadmap(language: 'en' | 'es') {
	const { delegationId } = await newCohortWithDelegation('example', 'UY')
	await createRoadmap(db, { delegationId, language, userId: null })
	const { email } = await createDelegate({ delegationId, language })
	return { delegationId, email }
}

test('a delegate opens the worked example from the roadmap: the whole of Valmira’s roadmap, with nothing to edit', async ({ page }) => {
	const { email } = await createDelegate({ language: 'en' })
	await loginAs(page, email)
	await page.goto('/roadmap')
	await page.getByRole('link', { name: "See the worked example: Valmira's roadmap" }).click()
	await expect(page).toHaveURL(/\/roadmap\/example$/)
	await expect(page.getByRole('heading', { level: 1 })).toHaveText("Valmira's roadmap: the worked example")
	await expect(page.getByText('4 pillars, 7 objectives, 12 lines of action and 8 indicators')).toBeVisible()
	await expect(page.getByRole('definition').getByText('WPS Inter-institutional Committee', { exact: true })).toBeVisible()
	await expect(page.getByRole('row', { name: /^Mandate and lead institution .*2025-03/ })).toBeVisible()
	await expect(page.getByText('3.1.1 Open 26 municipal GBV attention centres', { exact: false })).toBeVisible()
	await expect(page.locator('main form')).toHaveCount(0)
	await expect(page.locator('main textarea, main input')).toHaveCount(0)
})

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('a delegation with an empty roadmap starts from the worked example, in its language, once', async ({ page }) => {
		const { delegationId, email } = await emptyRoadmap('es')
		await loginAs(page, email)
		await page.goto(`/roadmaps/${delegationId}`)
		await expect(page.getByText('Puede llenarla con la hoja de ruta completa de Valmira, en español')).toBeVisible()
		await page.getByRole('button', { name: 'Comenzar a partir del ejemplo resuelto' }).click()
		await expect(page).toHaveURL(new RegExp(`/roadmaps/${delegationId}$`))
		const stats = page.locator('dl.stats')
		await expect(stats.locator('div').filter({ hasText: 'Acciones' }).locator('dd')).toHaveText('12')
		await expect(page.getByRole('button', { name: 'Comenzar a partir del ejemplo resuelto' })).toHaveCount(0)

		await page.goto(`/roadmaps/${delegationId}/coordination`)
		await expect(page.locator('.doc-meta').first()).toContainText('Comité Interinstitucional de Mujeres, Paz y Seguridad')
	})
})
