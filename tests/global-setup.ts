import fs from 'node:fs'
import { createDatabase, dropDatabases, listDatabases, withDatabase } from '#db/postgres-admin.ts'
import { createDemoDatabase } from '#db/seed.ts'
import { TEMPLATE_DB, TEST_DATABASE_URL, TEST_ENGINE, TMP_DIR, writePostgresRun } from '#tests/engine.ts'

/**
 * Migrates and seeds one template database per test run; each test file works on a copy (a file
 * copy on SQLite, `CREATE DATABASE … TEMPLATE` on PostgreSQL). PostgreSQL databases of the run are
 * dropped at the end; nothing else on the server is touched.
 */
export default async function setup() {
	fs.rmSync(TMP_DIR, { recursive: true, force: true })
	fs.mkdirSync(TMP_DIR, { recursive: true })
	if (TEST_ENGINE === 'sqlite') {
		await createDemoDatabase(TEMPLATE_DB)
		return
	}
	const prefix = `academy_test_${process.pid}_${Date.now().toString(36)}`
	const template = `${prefix}_template`
	await createDatabase(TEST_DATABASE_URL, template)
	await createDemoDatabase(withDatabase(TEST_DATABASE_URL, template))
	writePostgresRun({ template, prefix })
	return async () => {
		await dropDatabases(TEST_DATABASE_URL, await listDatabases(TEST_DATABASE_URL, prefix))
	}
}
