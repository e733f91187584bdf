import fs from 'node:fs'
import { createDelegate, expect, loginAs, test } from './fixtures.ts'

test('a delegate downloads the costing sheet from the gender-budgeting module and from the roadmap’s budget', async ({ page }) => {
	const { email } = await createDelegate({ language: 'es' })
	await loginAs(page, email)
	await page.goto('/learn/gender-budgeting')
	const fromModule = page.waitForEvent('download')
	await page.getByRole('link', { name: 'Descargar la matriz de costeo (CSV)' }).click()
	const download = await fromModule
	expect(download.suggestedFilename()).toBe('matriz-de-costeo.csv')
	const text = fs.readFileSync((await download.path())!, 'utf8')
	expect(text.split('\n')[0]).toContain('Actividad / rubro,Institución responsable,Categoría de costo')
	expect(text).toContain('Psicóloga o psicólogo, uno por centro')

	await page.goto('/roadmaps/panama-2025-ec/gender-budgeting')
	const fromRoadmap = page.waitForEvent('download')
	await page.getByRole('link', { name: 'Descargar la matriz de costeo (CSV)' }).click()
	expect((await fromRoadmap).suggestedFilename()).toBe('matriz-de-costeo.csv')
})
