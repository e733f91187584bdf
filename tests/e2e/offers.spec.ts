import { applyChange } from '../../app/features/roadmap/items.server.ts'
import { db, expect, loginAs, test } from './fixtures.ts'
import { newDelegation } from './roadmaps.ts'
import { expectNoSeriousViolations } from './axe.ts'

/**
 * A roadmap of its own with one gap staff can offer help from: an objective's indicator without a
 * baseline (numbered 1.1.a), and its delegate made the delegation's lead.
 */
async function roadmapWithIndicatorGap() {
	const delegation = await newDelegation({ language: 'en' })
	const pillar = await db
		.selectFrom('roadmap_items')
		.select('id')
		.where('roadmap_id', '=', delegation.roadmapId)
		.where('kind', '=', 'pillar')
		.orderBy('position')
		.executeTakeFirstOrThrow()
	const objective = await applyChange(db, delegation.roadmapId, null, {
		type: 'create',
		kind: 'objective',
		parentId: pillar.id,
		data: { statement: 'Prevent violence against women human rights defenders' },
	})
	if (!objective.ok) throw new Error(objective.reason)
	const indicator = await applyChange(db, delegation.roadmapId, null, {
		type: 'create',
		kind: 'indicator',
		parentId: objective.id,
		data: { statement: 'Share of protection requests answered within 72 hours', unit: '%', targetValue: '90' },
	})
	if (!indicator.ok) throw new Error(indicator.reason)
	await db.updateTable('delegation_members').set({ is_lead: 1 }).where('delegation_id', '=', delegation.delegationId).execute()
	return { ...delegation, indicatorId: indicator.id }
}

test('staff offer assistance from a gap; the delegation lead sees it beside the item, accepts it, and finds the request on the TA page', async ({
	browser,
}) => {
	const { delegationId, email, base, indicatorId } = await roadmapWithIndicatorGap()
	const staff = await (await browser.newContext()).newPage()
	const lead = await (await browser.newContext()).newPage()
	await loginAs(staff, 'staff@example.org')
	await loginAs(lead, email)

	// The country's gaps on the overview: one indicator without a baseline, numbered.
	await staff.goto('/assistance/overview?lng=en')
	const country = staff.locator(`#gaps-${delegationId}`)
	await country.getByText('1 indicator without a baseline').click()
	const gap = country.locator('.gap-item').filter({ hasText: '1.1.a Share of protection requests answered within 72 hours' })
	await gap.getByRole('link', { name: 'Offer assistance' }).click()
	await expect(gap.getByLabel('Topic')).toHaveValue('monitoring-and-evaluation')
	await expectNoSeriousViolations(staff)
	// Too short a message is stopped in the browser, as the server would refuse it.
	await gap.getByLabel('Message to the delegation').fill('Hi')
	await gap.getByRole('button', { name: 'Offer assistance' }).click()
	expect(await gap.getByLabel('Message to the delegation').evaluate((field: HTMLTextAreaElement) => field.validity.tooShort)).toBe(true)
	await gap.getByLabel('Message to the delegation').fill('We can help you build the baseline from last year’s protection records.')
	await gap.getByRole('button', { name: 'Offer assistance' }).click()
	await expect(staff.getByText('Offer sent.', { exact: false })).toBeVisible()
	await country.getByText('1 indicator without a baseline').click()
	await expect(gap.getByText('Offered', { exact: true })).toBeVisible()

	// Beside the indicator, in the monitoring section.
	await lead.goto(`${base}/monitoring?lng=en`)
	const item = lead.locator(`#item-${indicatorId}`)
	await expect(
		item.getByText('The Academy offers help: We can help you build the baseline from last year’s protection records.'),
	).toBeVisible()
	await item.getByRole('button', { name: 'Accept as a request' }).click()
	await expect(lead).toHaveURL(new RegExp(`${base}/assistance\\?accepted=`))
	await expectNoSeriousViolations(lead)
	await expect(lead.getByText("You accepted the Academy's offer", { exact: false })).toBeVisible()
	const request = lead.locator('.card').filter({ hasText: 'Share of protection requests answered within 72 hours' })
	await expect(request.locator('.badge', { hasText: 'Open' })).toBeVisible()
	await expect(request.getByText('Monitoring and evaluation')).toBeVisible()
	// The offer's message is the request's first message.
	await request.getByRole('link').first().click()
	await expect(lead.getByText('We can help you build the baseline from last year’s protection records.')).toBeVisible()
	// And the offer no longer waits beside the item.
	await lead.goto(`${base}/monitoring?lng=en`)
	await expect(lead.locator(`#item-${indicatorId}`).getByRole('button', { name: 'Accept as a request' })).toHaveCount(0)

	// Staff see it accepted, with a link to the request.
	await staff.goto('/assistance/overview?lng=en')
	await country.getByText('1 indicator without a baseline').click()
	await expect(gap.getByText('Accepted', { exact: true })).toBeVisible()
	await expect(gap.getByRole('link', { name: 'the request' })).toBeVisible()
	await staff.context().close()
	await lead.context().close()
})

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false })

	test('staff offer help with an empty section; the delegation declines it from the section page; a withdrawn offer cannot be accepted', async ({
		browser,
	}) => {
		const { delegationId, email, base } = await roadmapWithIndicatorGap()
		const staff = await (await browser.newContext({ javaScriptEnabled: false })).newPage()
		const lead = await (await browser.newContext({ javaScriptEnabled: false })).newPage()
		await loginAs(staff, 'staff@example.org')
		await loginAs(lead, email)

		const offerFor = async (section: string, message: string) => {
			await staff.goto('/assistance/overview?lng=en')
			const country = staff.locator(`#gaps-${delegationId}`)
			await country.locator('summary', { hasText: /empty sections?/ }).click()
			const gap = country.locator('.gap-item').filter({ hasText: section })
			await gap.getByRole('link', { name: 'Offer assistance' }).click()
			await staff
				.locator(`#gaps-${delegationId} .gap-item`)
				.filter({ hasText: section })
				.getByLabel('Message to the delegation')
				.fill(message)
			await staff
				.locator(`#gaps-${delegationId} .gap-item`)
				.filter({ hasText: section })
				.getByRole('button', { name: 'Offer assistance' })
				.click()
			await expect(staff.getByText('Offer sent.', { exact: false })).toBeVisible()
		}

		await offerFor('Institutional coordination', 'A session on how other countries set up their coordination mechanism.')
		await lead.goto(`${base}/coordination?lng=en`)
		await expect(
			lead.getByText('The Academy offers help: A session on how other countries set up their coordination mechanism.'),
		).toBeVisible()
		await lead.getByRole('button', { name: 'No, thanks' }).click()
		await expect(lead).toHaveURL(new RegExp(`${base}/coordination`))
		await expect(lead.getByText('The Academy offers help:')).toHaveCount(0)

		// Offered on the localization section, seen on the TA page, withdrawn before the lead answers.
		await offerFor('Localization', 'Help to map municipal partners for the plan.')
		await lead.goto(`${base}/assistance?lng=en`)
		await expect(lead.getByText('The Academy offers help: Help to map municipal partners for the plan.')).toBeVisible()
		await staff.goto('/assistance/overview?lng=en')
		const country = staff.locator(`#gaps-${delegationId}`)
		await country.locator('summary', { hasText: /empty sections?/ }).click()
		await country.locator('.gap-item').filter({ hasText: 'Localization' }).getByRole('button', { name: 'Withdraw the offer' }).click()
		await lead.getByRole('button', { name: 'Accept as a request' }).click()
		await expect(lead.getByText('The Academy has withdrawn this offer.', { exact: false })).toBeVisible()
		await expect(lead.getByText('No requests yet.')).toBeVisible()
		await staff.context().close()
		await lead.context().close()
	})
})
