import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type Kysely } from 'kysely'
import { expect, test } from 'vitest'
import { parseItemRow } from '#app/features/roadmap/items.server.ts'
import { CHANGE_JSON, type ChangeName } from '#app/features/roadmap/schemas.ts'
import { configFor, createKysely, createMigrator, openDatabase, openSqlite } from '#db/connection.ts'
import type { Database } from '#db/schema.ts'
import { newPostgresDatabase, TEST_ENGINE } from '#tests/engine.ts'

/** An empty database of the engine this run tests (SQLite, or PostgreSQL in its leg of npm test). */
async function emptyDatabase(): Promise<Kysely<Database>> {
	if (TEST_ENGINE === 'postgres') return openDatabase(configFor(await newPostgresDatabase('cost_lines'))).db
	return createKysely(openSqlite(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'academy-db-')), 'academy.db')))
}

const BEFORE = '2026-12-01_02_roadmap_per_delegation'
const now = '2026-11-30T10:00:00.000Z'

/** An action's fields other than its cost. */
const action = (description: string) => ({
	description,
	lead: 'MME',
	partners: '',
	start: '2026-Q2',
	end: '2030-Q4',
	status: 'planned',
	level: 'municipal',
	places: '',
})
/** An action as it was stored before cost lines. */
const oldAction = (description: string, cost: { cost: number | null; source: string | null; committed: boolean }) => ({
	...action(description),
	...cost,
})
const snapshot = (position: number, data: Record<string, unknown>) => ({ kind: 'action', parentId: 'objective', position, data })

test('the cost-lines migration turns every stored action and every action in the history into cost lines, and back', async () => {
	const db = await emptyDatabase()
	const migrator = createMigrator(db)
	expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined()
	await db
		.insertInto('cohorts')
		.values({
			id: 'c',
			name: 'C',
			host_city: 'X',
			host_country: 'PA',
			start_date: '2025-01-01',
			end_date: '2025-01-02',
			status: 'open',
			created_at: now,
			updated_at: now,
		})
		.execute()
	await db.insertInto('delegations').values({ id: 'c-pa', cohort_id: 'c', country_code: 'PA', created_at: now }).execute()
	await db.insertInto('roadmaps').values({ id: 'r', delegation_id: 'c-pa', created_at: now, updated_at: now }).execute()
	const item = (id: string, kind: string, parent: string | null, position: number, data: Record<string, unknown>) => ({
		id,
		roadmap_id: 'r',
		kind,
		parent_id: parent,
		position,
		data: JSON.stringify(data),
		version: 2,
		created_at: now,
		updated_at: now,
		updated_by: null,
	})
	const costed = oldAction('Open 26 centres', { cost: 260_000_000, source: 'national_budget', committed: true })
	const uncosted = oldAction('No money yet', { cost: null, source: null, committed: false })
	const sourceOnly = oldAction('Donor named', { cost: null, source: 'international_cooperation', committed: false })
	const neverCosted = action('Made in strategic design')
	await db
		.insertInto('roadmap_items')
		.values([
			item('pillar', 'pillar', null, 0, { name: 'Protection' }),
			item('objective', 'objective', 'pillar', 0, { statement: 'Services' }),
			item('a-costed', 'action', 'objective', 0, costed),
			item('a-uncosted', 'action', 'objective', 1, uncosted),
			item('a-source', 'action', 'objective', 2, sourceOnly),
			item('a-never', 'action', 'objective', 3, neverCosted),
		])
		.execute()
	// The history: the costed action created without a cost, then costed, then its status set after the convening.
	const change = (itemId: string, kind: string, name: ChangeName, before: unknown, after: unknown) => ({
		roadmap_id: 'r',
		item_id: itemId,
		kind,
		change: name,
		before: before === null ? null : JSON.stringify(before),
		after: after === null ? null : JSON.stringify(after),
		user_id: null,
		created_at: now,
	})
	const created = { ...costed, cost: null, source: null, committed: false }
	await db
		.insertInto('roadmap_changes')
		.values([
			change('pillar', 'pillar', 'create', null, { kind: 'pillar', parentId: null, position: 0, data: { name: 'Protection' } }),
			change('a-costed', 'action', 'create', null, snapshot(0, created)),
			change('a-costed', 'action', 'update', snapshot(0, created), snapshot(0, { ...costed, status: 'planned' })),
			change('a-costed', 'action', 'implementation', snapshot(0, costed), {
				...snapshot(0, { ...costed, status: 'in_progress' }),
				note: 'Six centres open',
				dated: '2026-09-30',
			}),
			{ ...change('a-costed', 'roadmap', 'settings', { currency: 'USD' }, { currency: 'USD' }), item_id: null },
		])
		.execute()

	expect((await migrator.migrateToLatest()).error).toBeUndefined()

	// Stored actions: one line per old cost, none without a cost or a source, the rest of the action untouched.
	const items = await db.selectFrom('roadmap_items').selectAll().where('kind', '=', 'action').orderBy('position').execute()
	const data = Object.fromEntries(items.map((row) => [row.id, JSON.parse(row.data)]))
	const rest = action('Open 26 centres')
	expect(data['a-costed']).toEqual({ ...rest, costs: [{ amount: 260_000_000, source: 'national_budget', committed: true }] })
	expect(data['a-uncosted'].costs).toEqual([])
	expect(data['a-source'].costs).toEqual([{ amount: 0, source: 'international_cooperation', committed: false }])
	expect(data['a-never']).toEqual(neverCosted)
	// The app reads every converted row with its strict schemas.
	expect(items.map((row) => parseItemRow(row).id)).toEqual(['a-costed', 'a-uncosted', 'a-source', 'a-never'])

	// The history keeps the old amounts, in the new shape, and the app's schemas read every row of it.
	const history = await db.selectFrom('roadmap_changes').selectAll().orderBy('id').execute()
	for (const row of history) {
		const schemas = CHANGE_JSON[row.change as ChangeName]
		expect(schemas.before.safeParse(row.before === null ? null : JSON.parse(row.before)).success, `${row.id} before`).toBe(true)
		expect(schemas.after.safeParse(row.after === null ? null : JSON.parse(row.after)).success, `${row.id} after`).toBe(true)
	}
	const sides = history
		.filter((row) => row.kind === 'action')
		.map((row) => [row.before, row.after].map((side) => (side ? JSON.parse(side) : null)))
	expect(sides.map(([before, after]) => [before?.data.costs ?? null, after.data.costs])).toEqual([
		[null, []],
		[[], [{ amount: 260_000_000, source: 'national_budget', committed: true }]],
		[
			[{ amount: 260_000_000, source: 'national_budget', committed: true }],
			[{ amount: 260_000_000, source: 'national_budget', committed: true }],
		],
	])
	expect(sides[2]![1]).toMatchObject({ note: 'Six centres open', dated: '2026-09-30', data: { status: 'in_progress' } })
	expect(JSON.parse(history[0]!.after!)).toEqual({ kind: 'pillar', parentId: null, position: 0, data: { name: 'Protection' } })

	// Down: one cost again — the sum of the lines, the first line's source, committed only if every line is.
	await db
		.updateTable('roadmap_items')
		.set({
			data: JSON.stringify({
				...rest,
				costs: [
					{ amount: 130_000_000, source: 'national_budget', committed: true },
					{ amount: 130_000_000, source: 'subnational_budget', committed: false },
				],
			}),
		})
		.where('id', '=', 'a-costed')
		.execute()
	expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined()
	const back = await db.selectFrom('roadmap_items').selectAll().where('kind', '=', 'action').orderBy('position').execute()
	const old = Object.fromEntries(back.map((row) => [row.id, JSON.parse(row.data)]))
	expect(old['a-costed']).toEqual({ ...costed, committed: false })
	expect(old['a-uncosted']).toEqual(uncosted)
	expect(old['a-source']).toEqual({ ...sourceOnly, cost: 0 })
	expect(old['a-never']).toEqual(neverCosted)
	const replayed = (await db.selectFrom('roadmap_changes').select('after').where('change', '=', 'update').executeTakeFirstOrThrow()).after!
	expect(JSON.parse(replayed).data).toEqual({ ...costed, status: 'planned' })
	await db.destroy()
})
