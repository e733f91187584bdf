import { afterAll, test } from 'vitest'
import { createDatabase, dropDatabases, withDatabase } from '#db/postgres-admin.ts'
import { createDemoDatabase } from '#db/seed.ts'
import { TEST_DATABASE_URL } from '#tests/engine.ts'
import { sigkillUnderLoad } from '../crash-scenario.ts'

const name = `academy_test_crash_${process.pid}_${Date.now().toString(36)}`
afterAll(() => dropDatabases(TEST_DATABASE_URL, [name]))

test('on PostgreSQL, an app server (two workers) killed with SIGKILL under write load loses no acknowledged write', async () => {
	await createDatabase(TEST_DATABASE_URL, name)
	const url = withDatabase(TEST_DATABASE_URL, name)
	await createDemoDatabase(url)
	await sigkillUnderLoad(url, 'PostgreSQL')
})
