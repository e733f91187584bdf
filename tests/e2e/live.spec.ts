import { type Browser, type Page } from '@playwright/test'
import { applyChange } from '../../app/features/roadmap/items.server.ts'
import { createDelegate, db, expect, loginAs, test } from './fixtures.ts'
import { newDelegation } from './roadmaps.ts'

/**
 * Two members of one delegation with the roadmap open side by side, as around a table at the
 * convening: what one saves shows on the other's screen without reloading; each sees who else is
 * there and what they are editing; two changes to different fields of one action both stand; two
 * changes to the same field end in the conflict view with both texts.
 */

/** A second person's browser (its own cookies), signed in, on `path`, hydrated. */
async function secondBrowser(browser: Browser, email: string, path: string) {
	const context = await browser.newContext({ locale: 'en-US', viewport: { width: 1100, height: 900 } })
	const page = await context.newPage()
	await loginAs(page, email)
	await page.goto(path)
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' })
	return page
}

/** A roadmap with one objective and one action to work on, and two members. */
async function setUp() {
	const plan = await newDelegation({ language: 'en' })
	const pillar = await db
		.selectFrom('roadmap_items')
		.select('id')
		.where('roadmap_id', '=', plan.roadmapId)
		.where('kind', '=', 'pillar')
		.executeTakeFirstOrThrow()
	const objective = await applyChange(db, plan.roadmapId, null, {
		type: 'create',
		section: 'strategic-design',
		kind: 'objective',
		parentId: pillar.id,
		form: { statement: 'Women take part in every peace negotiation' },
	})
	if (!objective.ok) throw new Error('objective')
	const action = await applyChange(db, plan.roadmapId, null, {
		type: 'create',
		section: 'strategic-design',
		kind: 'action',
		parentId: objective.id,
		form: {
			description: 'Train negotiators on gender-responsive mediation',
			lead: 'Ministry of Foreign Affairs',
			partners: 'Women mediators network',
		},
	})
	if (!action.ok) throw new Error('action')
	const other = await createDelegate({ delegationId: plan.delegationId, language: 'en' })
	const names = await db.selectFrom('users').select(['email', 'name']).where('email', 'in', [plan.email, other.email]).execute()
	const nameOf = (email: string) => names.find((n) => n.email === email)!.name
	return {
		...plan,
		path: `${plan.base}/strategic-design`,
		actionId: action.id!,
		a: { email: plan.email, name: nameOf(plan.email) },
		b: { email: other.email, name: nameOf(other.email) },
	}
}

const card = (page: Page, text: string) => page.locator('.action-card').filter({ hasText: text })

async function openEdit(page: Page, label: string) {
	await page
		.getByRole('link', { name: `Edit “${label}` })
		.first()
		.click()
	return page.locator('.is-editing form')
}

test.use({ viewport: { width: 1100, height: 900 } })

test('what one member saves shows on the other’s screen without reloading, with who is here', async ({ page, browser }) => {
	const plan = await setUp()
	await loginAs(page, plan.a.email)
	await page.goto(plan.path)
	const other = await secondBrowser(browser, plan.b.email, plan.path)
	// Each sees the other on the roadmap.
	await expect(page.locator('.live-bar')).toContainText(plan.b.name)
	await expect(other.locator('.live-bar')).toContainText(plan.a.name)

	// A adds an objective: it appears on B's screen.
	const pillar = page.locator('section.pillar').first()
	await pillar.locator(':scope > .add').getByRole('link', { name: 'Add a strategic objective' }).click()
	await pillar.locator(':scope > .add').getByLabel('Strategic objective').fill('Survivors reach justice within a year')
	await pillar.locator(':scope > .add').getByRole('button', { name: 'Add a strategic objective' }).click()
	await expect(other.getByRole('heading', { name: /Survivors reach justice within a year$/ })).toBeVisible({ timeout: 5000 })
	await expect(other.locator('.live-bar')).toContainText(`${plan.a.name} saved a change`)

	// A edits the action's lead: B sees the new lead, and while A's form is open, that A is editing it.
	const form = await openEdit(page, 'Train negotiators')
	await expect(card(other, 'Train negotiators')).toContainText(`${plan.a.name} is editing this.`)
	await form.getByLabel('Lead institution').fill('Ministry of Women')
	await form.getByRole('button', { name: 'Save' }).click()
	await expect(card(other, 'Train negotiators')).toContainText('Ministry of Women', { timeout: 5000 })
	await expect(card(other, 'Train negotiators')).not.toContainText('is editing this')
	await other.context().close()
})

test('two members change different fields of one action at once: both changes stand', async ({ page, browser }) => {
	const plan = await setUp()
	await loginAs(page, plan.a.email)
	await page.goto(plan.path)
	const other = await secondBrowser(browser, plan.b.email, plan.path)
	const mine = await openEdit(page, 'Train negotiators')
	const theirs = await openEdit(other, 'Train negotiators')
	await mine.getByLabel('Lead institution').fill('Ministry of Women')
	await theirs.getByLabel('Partner institutions').fill('UN Women; national police academy')
	await mine.getByRole('button', { name: 'Save' }).click()
	await expect(page.locator('.is-editing')).toHaveCount(0)
	// B's form is told, and keeps what B typed.
	await expect(
		theirs.getByRole('status').filter({ hasText: `${plan.a.name} saved a change to this while you were editing it.` }),
	).toBeVisible({
		timeout: 5000,
	})
	await expect(theirs.getByLabel('Partner institutions')).toHaveValue('UN Women; national police academy')
	await expect(theirs.getByLabel('Lead institution')).toHaveValue('Ministry of Foreign Affairs')
	await theirs.getByRole('button', { name: 'Save' }).click()
	await expect(other.getByText('Saved, together with another person’s changes to other fields')).toBeVisible()
	for (const screen of [page, other]) {
		await expect(card(screen, 'Train negotiators')).toContainText('Ministry of Women', { timeout: 5000 })
		await expect(card(screen, 'Train negotiators')).toContainText('UN Women; national police academy', { timeout: 5000 })
	}
	await other.context().close()
})

test('two members change the same field at once: the second gets the conflict view with both texts', async ({ page, browser }) => {
	const plan = await setUp()
	await loginAs(page, plan.a.email)
	await page.goto(plan.path)
	const other = await secondBrowser(browser, plan.b.email, plan.path)
	const mine = await openEdit(page, 'Train negotiators')
	const theirs = await openEdit(other, 'Train negotiators')
	await mine.getByLabel('Lead institution').fill('Ministry of Women')
	await theirs.getByLabel('Lead institution').fill('Presidential Office for Gender Equality')
	await theirs.getByLabel('Partner institutions').fill('Ombudsperson')
	await mine.getByRole('button', { name: 'Save' }).click()
	await expect(page.locator('.is-editing')).toHaveCount(0)
	await theirs.getByRole('button', { name: 'Save' }).click()
	const conflict = other.getByRole('alert').filter({ hasText: 'Someone else saved this item while you were editing it.' })
	await expect(conflict).toBeVisible()
	await expect(conflict).toContainText('Lead institution')
	await expect(conflict).toContainText('Ministry of Women')
	await expect(conflict).toContainText('Presidential Office for Gender Equality')
	// Only the field both changed is in question; B's other change is still in the form.
	await expect(conflict).not.toContainText('Partner institutions')
	// Someone saving something else meanwhile reads B's page again: what B was told stays.
	const pillar = page.locator('section.pillar').nth(1)
	await pillar.locator(':scope > .add').getByRole('link', { name: 'Add a strategic objective' }).click()
	await pillar.locator(':scope > .add').getByLabel('Strategic objective').fill('Women lead local early-warning committees')
	await pillar.locator(':scope > .add').getByRole('button', { name: 'Add a strategic objective' }).click()
	await expect(other.getByRole('heading', { name: /Women lead local early-warning committees$/ })).toBeVisible({ timeout: 5000 })
	await expect(conflict).toBeVisible()
	const form = other.locator('.is-editing form')
	await expect(form.getByLabel('Lead institution')).toHaveValue('Presidential Office for Gender Equality')
	await expect(form.getByLabel('Partner institutions')).toHaveValue('Ombudsperson')
	// B settles it (keeps A's lead) and saves: both screens agree.
	await form.getByLabel('Lead institution').fill('Ministry of Women')
	await form.getByRole('button', { name: 'Save' }).click()
	for (const screen of [page, other]) {
		await expect(card(screen, 'Train negotiators')).toContainText('Ombudsperson', { timeout: 5000 })
		await expect(card(screen, 'Train negotiators')).toContainText('Ministry of Women')
	}
	await other.context().close()
})
