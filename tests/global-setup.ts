import fs from 'node:fs'
import path from 'node:path'
import { createKysely, migrateToLatest, openSqlite } from '#db/connection.ts'
import { seed } from '#db/seed.ts'

export const TEMPLATE_DB = path.resolve('tests/.tmp/template.db')

/** Migrates and seeds one template database per test run; each test file works on a copy. */
export default async function setup() {
	fs.rmSync(path.dirname(TEMPLATE_DB), { recursive: true, force: true })
	fs.mkdirSync(path.dirname(TEMPLATE_DB), { recursive: true })
	const sqlite = openSqlite(TEMPLATE_DB)
	const db = createKysely(sqlite)
	await migrateToLatest(db)
	await seed(db)
	sqlite.pragma('wal_checkpoint(TRUNCATE)')
	await db.destroy()
}
