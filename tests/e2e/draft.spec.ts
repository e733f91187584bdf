import fs from 'node:fs'
import mammoth from 'mammoth'
import { expect, loginAs, test } from './fixtures.ts'
import { newDelegation } from './roadmaps.ts'

/**
 * The Word draft as a delegation lead gets it from the running app: the link on the overview, with no
 * JavaScript, downloads a .docx named after the country and the date, in the reader's language or,
 * from its second link, in the other one; read back, it holds Mexico's whole plan.
 */

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('the overview offers the Word draft, which downloads as a document of the whole plan', async ({ page }) => {
		const { email, base } = await newDelegation({ language: 'es', mexico: true })
		await loginAs(page, email)
		await page.goto(base)
		const today = new Date().toISOString().slice(0, 10)

		const [spanish] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Borrador en Word (.docx)' }).click(),
		])
		expect(spanish.suggestedFilename()).toBe(`Borrador-PAN-Mexico-${today}.docx`)
		const { value: text } = await mammoth.extractRawText({ buffer: fs.readFileSync((await spanish.path())!) })
		expect(text).toContain('Plan de Acción Nacional sobre Mujeres, Paz y Seguridad')
		expect(text).toContain('2. Diseño estratégico')
		expect(text).toContain('Matriz de resultados')
		expect(text).toContain('Cómo se elaboró este borrador')
		// Mexico's plan: its sixteenth line of action is 4.2.1.
		expect(text).toMatch(/\n4\.2\.1\n/)

		const [english] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('link', { name: 'Borrador en Word, en inglés (.docx)' }).click(),
		])
		expect(english.suggestedFilename()).toBe(`NAP-draft-Mexico-${today}.docx`)
		const { value: englishText } = await mammoth.extractRawText({ buffer: fs.readFileSync((await english.path())!) })
		expect(englishText).toContain('National Action Plan on Women, Peace and Security')
		expect(englishText).toContain('6. Monitoring and evaluation')
	})
})
