import fs from 'node:fs'
import path from 'node:path'
import { createDatabase, withDatabase } from '#db/postgres-admin.ts'
import { readPostgresRun, TEMPLATE_DB, TEST_DATABASE_URL, TEST_ENGINE, TMP_DIR } from '#tests/engine.ts'

// Runs before each test file: a private copy of the migrated, seeded template database.
const unique = `${process.env.VITEST_POOL_ID ?? '0'}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`
if (TEST_ENGINE === 'postgres') {
	const run = readPostgresRun()
	const name = `${run.prefix}_${unique}`
	await createDatabase(TEST_DATABASE_URL, name, run.template)
	process.env.DATABASE_URL = withDatabase(TEST_DATABASE_URL, name)
	delete process.env.DATABASE_PATH
} else {
	const copy = path.join(TMP_DIR, `test-${unique}.db`)
	fs.copyFileSync(TEMPLATE_DB, copy)
	process.env.DATABASE_PATH = copy
	delete process.env.DATABASE_URL
}
process.env.CONTENT_CACHE_DIR = path.resolve('tests/.tmp/content-cache')
