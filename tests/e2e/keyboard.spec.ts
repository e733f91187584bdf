// Keyboard only: no clicks, no fill(). Each step moves focus with Tab (or arrows inside a radio
// group) and acts with Enter or Space, as someone who cannot use a pointer would.
import { type Locator, type Page } from '@playwright/test'
import { answerKey, createDelegate, expect, loginAs, test } from './fixtures.ts'

/** Presses Tab until the target has focus; fails if it is not reachable in `limit` presses. */
async function tabTo(page: Page, target: Locator, limit = 120) {
	for (let presses = 0; presses < limit; presses++) {
		if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return
		await page.keyboard.press('Tab')
	}
	throw new Error(`Could not reach ${target} with the Tab key`)
}

/** The focused element shows a visible focus indicator (an outline or a box shadow). */
async function expectVisibleFocus(target: Locator) {
	const style = await target.evaluate((element) => {
		const computed = getComputedStyle(element)
		return { outline: computed.outlineStyle, width: computed.outlineWidth, shadow: computed.boxShadow }
	})
	expect((style.outline !== 'none' && style.width !== '0px') || style.shadow !== 'none', JSON.stringify(style)).toBe(true)
}

test('sign in with the keyboard alone', async ({ page }) => {
	const { email } = await createDelegate({ language: 'en' })
	await page.goto('/login')
	const emailField = page.getByLabel('Email')
	await tabTo(page, emailField)
	await expectVisibleFocus(emailField)
	await page.keyboard.type(email)
	await page.keyboard.press('Tab')
	await expect(page.getByLabel('Password')).toBeFocused()
	await page.keyboard.type('academy-demo')
	await page.keyboard.press('Enter')
	await expect(page).toHaveURL('/home')
})

test('the skip link takes keyboard users straight to the content', async ({ page }) => {
	await page.goto('/')
	await page.keyboard.press('Tab')
	const skip = page.getByRole('link', { name: 'Skip to content' })
	await expect(skip).toBeFocused()
	await expect(skip).toBeVisible()
	await page.keyboard.press('Enter')
	await expect(page.locator('main')).toBeFocused()
})

test('answer a knowledge check and complete a lesson with the keyboard alone', async ({ page }) => {
	const { email } = await createDelegate({ language: 'en' })
	await loginAs(page, email)
	await page.goto('/learn/theory-of-change/why-a-theory-of-change')
	const checks = answerKey('01-theory-of-change/01-why-a-theory-of-change.en.mdx')

	for (const check of checks) {
		const section = page.locator(`#check-${check.id}`)
		const options = section.locator('input[name=option]')
		await tabTo(page, options.first())
		await expectVisibleFocus(options.first())
		if (check.multiple) {
			// Checkboxes: Tab between them, Space ticks the right ones.
			for (const [index, option] of check.options.entries()) {
				await expect(options.nth(index)).toBeFocused()
				if (option.correct) await page.keyboard.press('Space')
				await page.keyboard.press('Tab')
			}
		} else {
			// A radio group: arrow keys move and select; Space selects the first.
			const target = check.options.findIndex((option) => option.correct)
			await page.keyboard.press('Space')
			for (let index = 0; index < target; index++) await page.keyboard.press('ArrowDown')
			await expect(options.nth(target)).toBeChecked()
		}
		const submit = section.getByRole('button', { name: 'Check my answer' })
		await tabTo(page, submit)
		await page.keyboard.press('Enter')
		await expect(section.getByText('Correct.')).toBeVisible()
	}

	const complete = page.getByRole('button', { name: 'Mark lesson complete' })
	await tabTo(page, complete, 200)
	await page.keyboard.press('Enter')
	await expect(page.getByText('You have completed this lesson.')).toBeVisible()
	await expect(page.getByText('1 of 3 (33%)')).toBeVisible()
})

test('add a line of action to a roadmap with the keyboard alone', async ({ page }) => {
	const { email } = await createDelegate({ delegationId: 'port-of-spain-2024-bb', language: 'en' })
	await loginAs(page, email)
	await page.goto('/roadmaps/port-of-spain-2024-bb/strategic-design')
	const pillar = page.locator('section.pillar').first()

	// Open "add an objective" (a disclosure) with Enter, type, submit with Enter on the button.
	const addObjective = pillar.getByRole('link', { name: 'Add a strategic objective' })
	await tabTo(page, addObjective)
	await expectVisibleFocus(addObjective)
	await page.keyboard.press('Enter')
	const objectiveField = pillar.getByLabel('Strategic objective').last()
	await tabTo(page, objectiveField)
	await page.keyboard.type('Safer public transport for women')
	await tabTo(page, pillar.getByRole('button', { name: 'Add a strategic objective' }))
	await page.keyboard.press('Enter')
	const article = page.locator('article.objective').filter({ hasText: 'Safer public transport for women' })
	await expect(article).toBeVisible()

	const addAction = article.getByRole('link', { name: 'Add a line of action' })
	await tabTo(page, addAction)
	await page.keyboard.press('Enter')
	const form = article.locator('.add form')
	await tabTo(page, form.getByLabel('Line of action'))
	await page.keyboard.type('Lighting and help points at bus stops')
	await tabTo(page, form.getByLabel(/Start/))
	await page.keyboard.type('2027-Q1')
	await tabTo(page, form.getByLabel(/End/))
	await page.keyboard.type('2028-Q4')
	await tabTo(page, form.getByRole('button', { name: 'Add a line of action' }))
	await page.keyboard.press('Enter')
	await expect(page.locator('.action-card').filter({ hasText: 'Lighting and help points at bus stops' })).toHaveCount(1)
	// The add form is ready for the next one, focus in its first field.
	await expect(form.getByLabel('Line of action')).toBeFocused()

	// Edit the new action from the keyboard: its Edit control opens its one form in place.
	const edit = page.getByRole('link', { name: 'Edit “Lighting and help points at bus stops”' })
	await tabTo(page, edit)
	await page.keyboard.press('Enter')
	const open = page.locator('.is-editing form')
	await expect(open.getByLabel('Line of action')).toBeFocused()
	await page.keyboard.press('Control+End')
	await page.keyboard.type(', and safe waiting areas')
	await tabTo(page, open.getByRole('button', { name: 'Save' }))
	await page.keyboard.press('Enter')
	await expect(
		page.locator('.action-card').filter({ hasText: 'Lighting and help points at bus stops, and safe waiting areas' }),
	).toHaveCount(1)
})
