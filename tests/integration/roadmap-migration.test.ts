import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import { createKysely, createMigrator, openSqlite } from '#db/connection.ts'

test('the roadmap-per-delegation migration gives every delegation without one its roadmap and four pillars, in the history', async () => {
	const sqlite = openSqlite(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'academy-db-')), 'academy.db'))
	const db = createKysely(sqlite)
	const migrator = createMigrator(db)
	expect((await migrator.migrateTo('2026-12-01_01_assistance_names')).error).toBeUndefined()
	const now = new Date().toISOString()
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
	for (const country of ['PA', 'JM', 'GT']) {
		await db
			.insertInto('delegations')
			.values({ id: `c-${country.toLowerCase()}`, cohort_id: 'c', country_code: country, created_at: now })
			.execute()
	}
	// One delegation already has its roadmap: it is left as it is.
	await db.insertInto('roadmaps').values({ id: 'roadmap-c-gt', delegation_id: 'c-gt', created_at: now, updated_at: now }).execute()

	expect((await migrator.migrateToLatest()).error).toBeUndefined()
	const roadmaps = await db.selectFrom('roadmaps').select(['id', 'delegation_id']).orderBy('id').execute()
	expect(roadmaps.map((r) => r.delegation_id)).toEqual(['c-gt', 'c-jm', 'c-pa'])
	const pillars = async (roadmapId: string) =>
		(await db.selectFrom('roadmap_items').selectAll().where('roadmap_id', '=', roadmapId).orderBy('position').execute()).map((i) => ({
			kind: i.kind,
			name: (JSON.parse(i.data) as { name: string }).name,
			id: i.id,
		}))
	expect((await pillars('roadmap-c-pa')).map((p) => p.name)).toEqual([
		'Prevención',
		'Participación',
		'Protección',
		'Socorro y recuperación',
	])
	expect((await pillars('roadmap-c-jm')).map((p) => p.name)).toEqual(['Prevention', 'Participation', 'Protection', 'Relief and recovery'])
	expect(await pillars('roadmap-c-gt')).toEqual([])
	const history = await db.selectFrom('roadmap_changes').selectAll().where('roadmap_id', '=', 'roadmap-c-pa').orderBy('id').execute()
	expect(history.map((h) => [h.item_id, h.change])).toEqual((await pillars('roadmap-c-pa')).map((p) => [p.id, 'create']))
	expect(JSON.parse(history[0]!.after!)).toEqual({ kind: 'pillar', parentId: null, position: 0, data: { name: 'Prevención' } })
	await db.destroy()
})
