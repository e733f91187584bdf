import { createInvitationLink, db, expect, test } from './fixtures.ts'

test('accepting an invitation signs in a new delegate of the right delegation; the link then stops working', async ({ page }) => {
	const email = `new-delegate-${Date.now()}@example.org`
	const token = await createInvitationLink({
		cohortId: 'panama-2025',
		delegationId: 'panama-2025-ec',
		email,
		name: 'Invented Newcomer',
	})
	await page.goto(`/invite/${token}`)
	await expect(page.getByText('You are invited to join the delegation of Ecuador in Panama City 2025.')).toBeVisible()
	await expect(page.getByLabel('Full name')).toHaveValue('Invented Newcomer')
	await page.getByLabel('Password', { exact: true }).fill('a-long-enough-password')
	await page.getByLabel('Repeat the new password').fill('a-long-enough-password')
	await page.getByLabel('Language').selectOption('en')
	await page.getByLabel('Sector').selectOption('civil_society')
	await page.getByLabel('Organisation').fill('An invented network')
	await page.getByLabel('Position').fill('Coordinator')
	await page.getByRole('button', { name: 'Create my account and join' }).click()

	await expect(page).toHaveURL(/\/home$/)
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome, Invented Newcomer')
	await expect(page.getByText('Delegation of Ecuador')).toBeVisible()
	const member = await db
		.selectFrom('delegation_members')
		.innerJoin('users', 'users.id', 'delegation_members.user_id')
		.select(['delegation_members.delegation_id', 'delegation_members.sector'])
		.where('users.email', '=', email)
		.executeTakeFirstOrThrow()
	expect(member).toEqual({ delegation_id: 'panama-2025-ec', sector: 'civil_society' })

	await page.getByRole('button', { name: 'Sign out' }).click()
	const again = await page.goto(`/invite/${token}`)
	expect(again?.status()).toBe(410)
	await expect(page.getByRole('alert')).toHaveText('This invitation has already been used. If it was you, sign in instead.')
})

test('an expired invitation gives a clear message', async ({ page }) => {
	const token = await createInvitationLink({
		cohortId: 'panama-2025',
		delegationId: 'panama-2025-bo',
		email: `late-${Date.now()}@example.org`,
		expiresInDays: -1,
	})
	const response = await page.goto(`/invite/${token}`)
	expect(response?.status()).toBe(410)
	await expect(page.getByRole('alert')).toHaveText('This invitation has expired.')
	await expect(page.getByRole('button', { name: 'Create my account and join' })).toHaveCount(0)
})
