import { randomBytes } from 'node:crypto'
import { createDelegate, db, expect, loginAs, test } from './fixtures.ts'
import { firstGuide } from './guides.ts'

const guide = firstGuide()

/** A new facilitator of the 2024 cohort who reads the Academy in `language`. */
async function createFacilitator(language: 'en' | 'es') {
	const id = `e2e-facilitator-${randomBytes(6).toString('hex')}`
	const now = new Date().toISOString()
	await db
		.insertInto('users')
		.values({ id, email: `${id}@example.org`, name: `Test Facilitator ${id.slice(-4)}`, password_hash: 'x', language, created_at: now })
		.execute()
	await db.insertInto('cohort_facilitators').values({ cohort_id: 'port-of-spain-2024', user_id: id, created_at: now }).execute()
	return `${id}@example.org`
}

test('a facilitator opens a module’s guide from its page, in either language', async ({ page }) => {
	for (const language of ['en', 'es'] as const) {
		await loginAs(page, await createFacilitator(language))
		await page.goto(`/learn/${guide.module}`)
		await page.getByRole('link', { name: language === 'en' ? 'Facilitator guide' : 'Guía de facilitación' }).click()
		await expect(page).toHaveURL(new RegExp(`/learn/${guide.module}/guide`))
		const shown = guide.titles[language] ?? guide.titles[language === 'en' ? 'es' : 'en']!
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(shown)
		// A guide written in one language only is shown in it, with a note.
		const note = page.getByRole('note')
		if (guide.titles[language]) await expect(note).toHaveCount(0)
		else
			await expect(note).toContainText(language === 'en' ? 'not available in your language yet' : 'todavía no está disponible en su idioma')
	}
})

test('a delegate sees no guide link and is refused the guide', async ({ page }) => {
	const { email } = await createDelegate({ language: 'en' })
	await loginAs(page, email)
	await page.goto(`/learn/${guide.module}`)
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
	await expect(page.getByRole('link', { name: 'Facilitator guide' })).toHaveCount(0)
	const response = await page.goto(`/learn/${guide.module}/guide`)
	expect(response!.status()).toBe(403)
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('You do not have access to this page')
})
