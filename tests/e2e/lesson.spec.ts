import { answerKey, createDelegate, expect, loginAs, test } from './fixtures.ts'

const LESSON_URL = '/learn/theory-of-change/why-a-theory-of-change'
const checks = answerKey('01-theory-of-change/01-why-a-theory-of-change.es.mdx')

for (const javaScriptEnabled of [true, false]) {
	test.describe(`a delegate works through a lesson in Spanish (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, () => {
		test.use({ javaScriptEnabled })

		test('reads, answers wrong then right, reflects, completes, and resumes', async ({ page }) => {
			const { email } = await createDelegate({ language: 'es' })
			await loginAs(page, email)
			await page.goto(LESSON_URL)
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Por qué un PAN necesita una teoría del cambio')
			await expect(page.locator('html')).toHaveAttribute('lang', 'es')

			const [first, ...others] = checks
			const section = page.locator(`#check-${first!.id}`)
			const wrong = first!.options.findIndex((o) => !o.correct)
			await section.locator('input[name=option]').nth(wrong).check()
			await section.getByRole('button', { name: 'Revisar mi respuesta' }).click()
			await expect(section.getByText('No exactamente.')).toBeVisible()
			await expect(section.getByText(first!.explanation.slice(0, 40))).toBeVisible()
			// The chosen option's own explanation, beside its label; no other option's.
			const feedback = section.locator('.check__feedback')
			await expect(feedback.getByText('Su respuesta')).toBeVisible()
			await expect(feedback.getByRole('listitem')).toHaveText(`${first!.options[wrong]!.label} — ${first!.options[wrong]!.explain}`)
			for (const [index, option] of first!.options.entries()) {
				if (index !== wrong) await expect(section.getByText(option.explain!)).toHaveCount(0)
			}

			for (const [index, option] of first!.options.entries()) {
				const input = section.locator('input[name=option]').nth(index)
				if (option.correct) await input.check()
				else if (first!.multiple) await input.uncheck()
			}
			await section.getByRole('button', { name: 'Responder de nuevo' }).click()
			await expect(section.getByText('Correcto.')).toBeVisible()
			await expect(section.getByText(first!.options[wrong]!.explain!)).toHaveCount(0)
			for (const option of first!.options.filter((o) => o.correct)) await expect(section.getByText(option.explain!)).toBeVisible()

			for (const check of others) {
				const other = page.locator(`#check-${check.id}`)
				for (const [index, option] of check.options.entries()) {
					if (option.correct) await other.locator('input[name=option]').nth(index).check()
				}
				await other.getByRole('button', { name: 'Revisar mi respuesta' }).click()
				await expect(other.getByText('Correcto.')).toBeVisible()
			}

			const reflection = page.locator('.reflection').first()
			await reflection.getByRole('textbox').fill('Si nuestro PAN financia redes locales, entonces más mujeres participarán, porque…')
			await reflection.getByRole('checkbox').check()
			await reflection.getByRole('button', { name: 'Guardar reflexión' }).click()
			await expect(reflection.getByText(/Guardado a las/)).toBeVisible()

			await expect(page.getByText('0 de 3 (0 %)')).toBeVisible()
			await page.getByRole('button', { name: 'Marcar la lección como completada' }).click()
			await expect(page.getByText('Completó esta lección.')).toBeVisible()
			await expect(page.getByText('1 de 3 (33 %)')).toBeVisible()

			// The saved reflection and the answers are there after a reload.
			await page.reload()
			await expect(page.locator('.reflection textarea').first()).toHaveValue(/redes locales/)
			await expect(page.locator(`#check-${first!.id}`).getByText('Correcto.')).toBeVisible()

			// Open the next lesson, leave it, and "my learning" offers to resume it.
			await page.getByRole('link', { name: /Siguiente/ }).click()
			await expect(page.getByRole('heading', { level: 1 })).toHaveText('Del análisis del problema al cambio buscado')
			await page.goto('/learn')
			await expect(page.getByText('Continúe donde lo dejó')).toBeVisible()
			await page.getByRole('link', { name: 'Continuar: Del análisis del problema al cambio buscado' }).click()
			await expect(page).toHaveURL(/\/learn\/theory-of-change\/from-problem-to-change/)
			await page.goto('/learn/theory-of-change')
			await expect(page.getByText('1 de 3 (33 %)')).toBeVisible()
		})
	})
}

test('the lesson page sent before answering holds no marker of the correct option', async ({ page }) => {
	const { email } = await createDelegate({ language: 'es' })
	await loginAs(page, email)
	const html = await (await page.request.get(LESSON_URL)).text()
	expect(html).toContain(checks[0]!.id)
	for (const check of checks) {
		expect(html).not.toContain(check.explanation.slice(0, 30))
		for (const option of check.options) expect(html).not.toContain(option.explain!.slice(0, 30))
	}
	expect(html).not.toMatch(/correct["':=\s]+(true|"")/)
	expect(html).not.toContain('Explanation')
})

test('in English, a wrong answer shows that option’s own explanation beside its label', async ({ page }) => {
	const { email } = await createDelegate({ language: 'en' })
	await loginAs(page, email)
	const [check] = answerKey('01-theory-of-change/01-why-a-theory-of-change.en.mdx')
	await page.goto(LESSON_URL)
	const section = page.locator(`#check-${check!.id}`)
	const wrong = check!.options.findIndex((o) => !o.correct)
	await section.locator('input[name=option]').nth(wrong).check()
	await section.getByRole('button', { name: 'Check my answer' }).click()
	await expect(section.getByText('Not quite.')).toBeVisible()
	await expect(section.locator('.check__feedback').getByText('Your answer')).toBeVisible()
	await expect(section.locator('.check__feedback li')).toHaveText(`${check!.options[wrong]!.label} — ${check!.options[wrong]!.explain}`)
})

test('a lesson that cannot be completed yet says why', async ({ page }) => {
	const { email } = await createDelegate({ language: 'en' })
	await loginAs(page, email)
	await page.goto(LESSON_URL)
	await expect(page.getByText(`Answer the ${checks.length} knowledge checks above before you complete the lesson.`)).toBeVisible()
	await page.getByRole('button', { name: 'Mark lesson complete' }).click()
	await expect(page.getByRole('alert')).toHaveText('Answer every knowledge check in this lesson first.')
})

test('the glossary lists the terms of the lessons in the reader’s language', async ({ page }) => {
	const { email } = await createDelegate({ language: 'es' })
	await loginAs(page, email)
	await page.goto('/glossary')
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Glosario')
	await expect(page.locator('dt', { hasText: /^teoría del cambio$/ })).toBeVisible()
	await page.goto('/glossary?lng=en')
	await expect(page.locator('dt', { hasText: /^theory of change$/ })).toBeVisible()
})
