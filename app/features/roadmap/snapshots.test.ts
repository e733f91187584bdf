import { randomBytes } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { createRoadmap } from '#app/features/roadmap/items.server.ts'
import { roadmapItems } from '#app/features/roadmap/roadmap.server.ts'
import type { Comparison } from '#app/features/roadmap/snapshot-compare.server.ts'
import { closeSnapshot, getSnapshot, listSnapshots, takeSnapshot } from '#app/features/roadmap/snapshots.server.ts'
import { db } from '#app/utils/db.server.ts'
import { nowIso } from '#app/utils/misc.ts'
import { requestAs, routeArgs, run } from '#tests/helpers.ts'

const STAFF = 'staff@example.org'
const editRoute = () => import('#app/routes/cohorts.$cohortId.edit.tsx')
const listRoute = () => import('#app/routes/roadmaps.$delegationId.snapshots._index.tsx')
const compareRoute = () => import('#app/routes/roadmaps.$delegationId.snapshots.compare.tsx')
const sectionRoute = () => import('#tests/roadmap-section.ts')
const implementationRoute = () => import('#app/routes/roadmaps.$delegationId.implementation.tsx')
const homeRoute = () => import('#app/routes/home.tsx')

/**
 * A cohort of its own in convening (so no other test meets it), with two delegations, each with its
 * roadmap: a pillar, an objective and two actions — one costed and committed, one with only a lead —
 * and a member who becomes alumni when the cohort closes.
 */
async function cohortInConvening() {
	const suffix = randomBytes(4).toString('hex')
	const cohortId = `snap-${suffix}`
	const now = nowIso()
	await db
		.insertInto('cohorts')
		.values({
			id: cohortId,
			name: `Snapshot cohort ${suffix}`,
			host_city: 'Panama City',
			host_country: 'PA',
			venue: null,
			start_date: '2026-03-02',
			end_date: '2026-03-04',
			prework_due_date: null,
			status: 'in_convening',
			created_at: now,
			updated_at: now,
		})
		.execute()
	const delegations = []
	for (const country of ['CR', 'EC']) {
		const delegationId = `${cohortId}-${country.toLowerCase()}`
		await db.insertInto('delegations').values({ id: delegationId, cohort_id: cohortId, country_code: country, created_at: now }).execute()
		const id = (name: string) => `${delegationId}-${name}`
		const { id: roadmapId } = await createRoadmap(db, {
			delegationId,
			language: 'en',
			userId: null,
			currency: 'USD',
			items: [
				{
					id: id('pillar'),
					kind: 'pillar',
					data: { name: 'Participation' },
					children: [
						{
							id: id('objective'),
							kind: 'objective',
							data: { statement: 'Women hold a third of decision-making posts in security' },
							children: [
								{
									id: id('recruitment'),
									kind: 'action',
									data: {
										description: 'Recruitment drive for women officers',
										lead: 'Ministry of Security',
										status: 'planned',
										costs: [{ amount: 1_000_000, source: 'national_budget', committed: true }],
									},
								},
								{
									id: id('mentoring'),
									kind: 'action',
									data: { description: 'Mentoring for women in command', lead: 'Police academy', status: 'planned' },
								},
							],
						},
					],
				},
			],
		})
		const userId = `snap-user-${country.toLowerCase()}-${suffix}`
		const email = `${userId}@example.org`
		await db
			.insertInto('users')
			.values({ id: userId, email, name: `Delegate ${country} ${suffix}`, password_hash: 'unused', language: 'en', created_at: now })
			.execute()
		await db
			.insertInto('delegation_members')
			.values({ delegation_id: delegationId, user_id: userId, sector: 'government', joined_at: now })
			.execute()
		delegations.push({ delegationId, roadmapId, email, id })
	}
	return { cohortId, name: `Snapshot cohort ${suffix}`, delegations: delegations as [(typeof delegations)[0], (typeof delegations)[0]] }
}

/** Saves the cohort's details as staff do on its edit page, with `status`. */
async function saveCohort(cohortId: string, name: string, status: string) {
	const route = await editRoute()
	const form = { intent: 'save', name, hostCity: 'Panama City', hostCountry: 'PA', startDate: '2026-03-02', endDate: '2026-03-04', status }
	return run(async () => route.action(routeArgs(await requestAs(STAFF, `/cohorts/${cohortId}/edit`, { form }), { cohortId })))
}

async function compare(email: string, delegationId: string, search: string) {
	const route = await compareRoute()
	const path = `/roadmaps/${delegationId}/snapshots/compare${search}`
	const result = await run(async () => route.loader(routeArgs(await requestAs(email, path), { delegationId })))
	const data = result.data as { comparison: (Comparison & { from: unknown; to: unknown }) | null; problem: { message: string } | null }
	return { status: result.status, ...data }
}

async function lastChangeId(roadmapId: string) {
	const row = await db
		.selectFrom('roadmap_changes')
		.select((eb) => eb.fn.max('id').as('id'))
		.where('roadmap_id', '=', roadmapId)
		.executeTakeFirstOrThrow()
	return Number(row.id)
}

/** What a comparison lists, in words a test can compare: per section, each entry's kind, number, label and changed fields. */
function listed(comparison: Comparison) {
	return comparison.sections.map((s) => ({
		section: s.section,
		added: s.added.map((e) => `${e.kind} ${e.number.after} ${e.label}`),
		changed: s.changed.map((e) => ({ item: `${e.kind} ${e.number.after} ${e.label}`, fields: e.fields, moved: e.moved })),
		removed: s.removed.map((e) => `${e.kind} ${e.number.before} ${e.label}`),
	}))
}

describe('convening snapshots', () => {
	test('closing a cohort freezes every roadmap of it, exactly, in the same save; saving it closed again takes none', async () => {
		const cohort = await cohortInConvening()
		expect(await listSnapshots(db, cohort.delegations[0].roadmapId)).toEqual([])
		const before = await Promise.all(cohort.delegations.map((d) => roadmapItems(d.roadmapId)))

		expect((await saveCohort(cohort.cohortId, cohort.name, 'closed')).status).toBe(302)

		for (const [index, delegation] of cohort.delegations.entries()) {
			const list = await listSnapshots(db, delegation.roadmapId)
			expect(list.map((s) => [s.reason, s.name, s.currency, s.status])).toEqual([['close', cohort.name, 'USD', 'draft']])
			const snapshot = (await getSnapshot(db, list[0]!.id))!
			expect(snapshot.change_id).toBe(await lastChangeId(delegation.roadmapId))
			expect(snapshot.items).toEqual(
				before[index]!.map(({ id, kind, parentId, position, version, data }) => ({ id, kind, parentId, position, version, data })),
			)
		}
		// Saved again while closed (a typo fixed in the name): no second close snapshot.
		expect((await saveCohort(cohort.cohortId, `${cohort.name} (fixed)`, 'closed')).status).toBe(302)
		for (const delegation of cohort.delegations) expect(await listSnapshots(db, delegation.roadmapId)).toHaveLength(1)
	})

	test('after alumni change an action’s status, edit one field and add an item, the compare shows exactly those three, and the totals', async () => {
		const cohort = await cohortInConvening()
		await saveCohort(cohort.cohortId, cohort.name, 'closed')
		const [costaRica] = cohort.delegations
		const { delegationId, email, id } = costaRica
		const close = (await closeSnapshot(db, costaRica.roadmapId))!
		const params = { delegationId }

		// Nothing has moved yet.
		const untouched = await compare(email, delegationId, `?from=${close.id}&to=now`)
		expect(untouched.status).toBe(200)
		expect(untouched.comparison!.sections).toEqual([])

		const implementation = await implementationRoute()
		const status = await run(async () =>
			implementation.action(
				routeArgs(
					await requestAs(email, `/roadmaps/${delegationId}/implementation`, {
						form: { intent: 'status', itemId: id('recruitment'), status: 'done', note: 'First intake sworn in', dated: '2026-09-30' },
					}),
					params,
				),
			),
		)
		expect(status.status).toBe(302)
		const section = await sectionRoute()
		const post = async (form: Record<string, string>) =>
			run(async () =>
				section.action(
					routeArgs(await requestAs(email, `/roadmaps/${delegationId}/strategic-design`, { form }), {
						...params,
						section: 'strategic-design',
					}),
				),
			)
		const mentoring = (await roadmapItems(costaRica.roadmapId)).find((i) => i.id === id('mentoring'))!
		const edit = await post({
			intent: 'update',
			kind: 'action',
			formKey: `item-${mentoring.id}`,
			id: mentoring.id,
			version: String(mentoring.version),
			description: 'Mentoring for women in command',
			lead: 'Ministry of Women',
			status: 'planned',
		})
		expect(edit.status).toBe(302)
		const add = await post({
			intent: 'create',
			kind: 'action',
			parentId: id('objective'),
			description: 'Childcare at the police academy',
			'costs[0].amount': '3,000',
			'costs[0].source': 'national_budget',
		})
		expect(add.status).toBe(302)

		const { status: code, comparison } = await compare(email, delegationId, `?from=${close.id}&to=now`)
		expect(code).toBe(200)
		expect(listed(comparison!)).toEqual([
			{
				section: 'strategic-design',
				added: ['action 1.1.3 Childcare at the police academy'],
				changed: [
					{
						item: 'action 1.1.1 Recruitment drive for women officers',
						fields: [{ field: 'status', before: 'planned', after: 'done' }],
						moved: false,
					},
					{
						item: 'action 1.1.2 Mentoring for women in command',
						fields: [{ field: 'lead', before: 'Police academy', after: 'Ministry of Women' }],
						moved: false,
					},
				],
				removed: [],
			},
		])
		expect(comparison!.counts).toEqual({ added: 1, changed: 2, removed: 0 })
		// USD 10,000 all committed at the close; USD 13,000 now, of which 10,000 committed.
		expect(comparison!.totals.before).toMatchObject({ total: 1_000_000, funded: 1_000_000, fundedShare: 1, actions: 2, currency: 'USD' })
		expect(comparison!.totals.after).toMatchObject({ total: 1_300_000, funded: 1_000_000, actions: 3, currency: 'USD' })
		expect(comparison!.totals.after.fundedShare).toBeCloseTo(10 / 13)

		// A snapshot taken now compares with now as nothing, and the other way round the same three read reversed.
		const facilitator = 'facilitator@example.org'
		await db
			.insertInto('cohort_facilitators')
			.values({ cohort_id: cohort.cohortId, user_id: 'user-facilitator', created_at: nowIso() })
			.execute()
		const list = await listRoute()
		const taken = await run(async () =>
			list.action(
				routeArgs(
					await requestAs(facilitator, `/roadmaps/${delegationId}/snapshots`, {
						form: { intent: 'take', name: '  After the first year  ' },
					}),
					params,
				),
			),
		)
		expect(taken.status).toBe(302)
		const latest = (await listSnapshots(db, costaRica.roadmapId))[0]!
		expect([latest.name, latest.reason, latest.createdBy]).toEqual(['After the first year', 'manual', 'Fernando Ficticio'])
		expect(taken.response!.headers.get('Location')).toBe(`/roadmaps/${delegationId}/snapshots?taken=${latest.id}`)
		expect((await compare(email, delegationId, `?from=${latest.id}&to=now`)).comparison!.sections).toEqual([])
		const reversed = (await compare(email, delegationId, `?from=${latest.id}&to=${close.id}`)).comparison!
		expect(reversed.counts).toEqual({ added: 0, changed: 2, removed: 1 })
		expect(listed(reversed)[0]!.removed).toEqual(['action 1.1.3 Childcare at the police academy'])

		// The alumni home: since the convening, one action done (of three), none delayed, with the link to the compare.
		const home = await homeRoute()
		const page = await run(async () => home.loader(routeArgs(await requestAs(email, '/home'))))
		const alumni = (page.data as { alumni: Record<string, { sinceConvening: unknown }> }).alumni[delegationId]!
		expect(alumni.sinceConvening).toMatchObject({ snapshotId: close.id, done: 1, delayed: 0, total: 3 })
	})

	test('a compare with a snapshot of another roadmap is a 400, one that does not exist a 404, one that is not a number a 400', async () => {
		const cohort = await cohortInConvening()
		await saveCohort(cohort.cohortId, cohort.name, 'closed')
		const [mine, theirs] = cohort.delegations
		const own = (await closeSnapshot(db, mine.roadmapId))!
		const other = (await closeSnapshot(db, theirs.roadmapId))!
		const crossed = await compare(mine.email, mine.delegationId, `?from=${own.id}&to=${other.id}`)
		expect([crossed.status, crossed.problem?.message, crossed.comparison]).toEqual([400, 'snapshots.errors.otherRoadmap', null])
		expect((await compare(STAFF, mine.delegationId, `?from=${other.id}&to=now`)).status).toBe(400)
		const missing = await compare(mine.email, mine.delegationId, `?from=987654&to=now`)
		expect([missing.status, missing.problem?.message]).toEqual([404, 'snapshots.errors.notFound'])
		expect((await compare(mine.email, mine.delegationId, `?from=${own.id}&to=yesterday`)).status).toBe(400)
		expect((await compare(mine.email, mine.delegationId, `?from=-3`)).status).toBe(400)
		// And the other delegation's member may not read this roadmap's snapshots at all.
		expect((await compare(theirs.email, mine.delegationId, `?from=${own.id}&to=now`)).status).toBe(403)
		// Without a question, the page compares the close snapshot with now.
		const defaults = await compare(mine.email, mine.delegationId, '')
		expect(defaults.status).toBe(200)
		expect(defaults.comparison).toMatchObject({ from: { id: own.id, reason: 'close' }, to: null })
	})

	test('a snapshot’s name is 1–120 characters; only those who run the cohort take one; nothing is written otherwise', async () => {
		const cohort = await cohortInConvening()
		const [{ delegationId, email, roadmapId }] = cohort.delegations
		const list = await listRoute()
		const take = async (who: string, name: string) =>
			run(async () =>
				list.action(
					routeArgs(await requestAs(who, `/roadmaps/${delegationId}/snapshots`, { form: { intent: 'take', name } }), { delegationId }),
				),
			)
		const empty = await take(STAFF, '   ')
		expect(empty.status).toBe(400)
		expect((empty.data as { result: { error: Record<string, string[]> } }).result.error.name).toEqual(['snapshots.errors.nameRequired'])
		const long = await take(STAFF, 'x'.repeat(121))
		expect((long.data as { result: { error: Record<string, string[]> } }).result.error.name).toEqual(['snapshots.errors.nameTooLong'])
		expect((await take(email, 'By a member')).status).toBe(403)
		expect(await listSnapshots(db, roadmapId)).toEqual([])
		expect((await take(STAFF, 'x'.repeat(120))).status).toBe(302)
		expect(await listSnapshots(db, roadmapId)).toHaveLength(1)
		// The list shows the form only to those who may take one.
		const page = async (who: string) =>
			(await run(async () => list.loader(routeArgs(await requestAs(who, `/roadmaps/${delegationId}/snapshots`), { delegationId }))))
				.data as {
				canTake: boolean
				snapshots: unknown[]
			}
		expect((await page(STAFF)).canTake).toBe(true)
		expect(await page(email)).toMatchObject({ canTake: false, snapshots: [{ name: 'x'.repeat(120), reason: 'manual' }] })
	})

	test('a snapshot is one moment: a change made after it is not in it, one before is', async () => {
		const cohort = await cohortInConvening()
		const [{ roadmapId }] = cohort.delegations
		const id = await takeSnapshot(db, roadmapId, { name: 'Moment', reason: 'manual', userId: null })
		const snapshot = (await getSnapshot(db, id))!
		expect(snapshot.change_id).toBe(await lastChangeId(roadmapId))
		expect(snapshot.items.map((i) => i.id).sort()).toEqual((await roadmapItems(roadmapId)).map((i) => i.id).sort())
	})

	test('the demo: the 2024 cohort’s roadmaps have their close snapshot, and Trinidad and Tobago’s shows what its alumni did since', async () => {
		const roadmaps = await db
			.selectFrom('roadmaps as r')
			.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
			.select('r.id')
			.where('d.cohort_id', '=', 'port-of-spain-2024')
			.execute()
		expect(roadmaps).toHaveLength(4)
		for (const roadmap of roadmaps) expect((await closeSnapshot(db, roadmap.id))?.name).toBe('Port of Spain 2024')
		const close = (await closeSnapshot(db, 'roadmap-port-of-spain-2024-tt'))!
		const { comparison } = await compare('alumni.tt@example.org', 'port-of-spain-2024-tt', `?from=${close.id}&to=now`)
		expect(listed(comparison!)).toEqual([
			{
				section: 'strategic-design',
				added: [],
				changed: [
					{
						item: 'action 1.1.1 Community safety dialogues led by women’s groups',
						fields: [{ field: 'status', before: 'planned', after: 'in_progress' }],
						moved: false,
					},
					{
						item: 'action 1.1.2 Referral pathway for survivors of firearm-related violence',
						fields: [{ field: 'status', before: 'planned', after: 'delayed' }],
						moved: false,
					},
				],
				removed: [],
			},
			{
				section: 'monitoring',
				added: [],
				changed: [
					{
						item: 'indicator 1.1.a Number of community safety dialogues held',
						fields: [
							{
								field: 'means',
								before: 'Programme reports',
								after: 'Quarterly programme reports, checked against the M&E framework of March 2025',
							},
						],
						moved: false,
					},
				],
				removed: [],
			},
		])
	})
})
