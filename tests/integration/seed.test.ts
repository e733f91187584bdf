import { expect, test } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import { DEMO_ACCOUNTS, seed } from '#db/seed.ts'

test('the demo Academy has the two convenings from the public record', async () => {
	const cohorts = await db.selectFrom('cohorts').selectAll().orderBy('start_date').execute()
	expect(cohorts.map((c) => [c.host_city, c.start_date, c.end_date, c.status])).toEqual([
		['Port of Spain', '2024-05-13', '2024-05-15', 'closed'],
		['Panama City', '2025-06-24', '2025-06-26', 'in_convening'],
	])
	const delegations = await db.selectFrom('delegations').select(['cohort_id', 'country_code']).orderBy('country_code').execute()
	expect(delegations.filter((d) => d.cohort_id === 'panama-2025').map((d) => d.country_code)).toEqual(['BO', 'CR', 'EC', 'PA'])
	expect(delegations.filter((d) => d.cohort_id === 'port-of-spain-2024').map((d) => d.country_code)).toEqual(['BB', 'GY', 'JM', 'TT'])
	const members = await db
		.selectFrom('delegation_members')
		.innerJoin('delegations', 'delegations.id', 'delegation_members.delegation_id')
		.select(['delegation_members.sector'])
		.where('delegations.cohort_id', '=', 'panama-2025')
		.execute()
	expect(members).toHaveLength(24)
	expect(new Set(members.map((m) => m.sector))).toContain('government')
	expect(new Set(members.map((m) => m.sector))).toContain('civil_society')
})

test('every demo login exists and every invented person has an example.org address', async () => {
	const users = await db.selectFrom('users').select('email').execute()
	for (const account of DEMO_ACCOUNTS) expect(users.map((u) => u.email)).toContain(account.email)
	expect(users.every((u) => u.email.endsWith('@example.org'))).toBe(true)
})

test('seeding again adds nothing', async () => {
	const count = async () => ({
		users: (await db.selectFrom('users').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n,
		members: (await db.selectFrom('delegation_members').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n,
		cohorts: (await db.selectFrom('cohorts').select(db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n,
	})
	const before = await count()
	const added = await seed(db, { passwordHash: '$argon2id$unused' })
	expect(added).toEqual({ users: 0, cohorts: 0, delegations: 0, members: 0 })
	expect(await count()).toEqual(before)
})
