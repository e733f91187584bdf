// Starts the production server for the browser tests on a fresh, migrated and seeded database.
import fs from 'node:fs'
import { createDatabase, dropDatabases } from '../../db/postgres-admin.ts'
import { createDemoDatabase } from '../../db/seed.ts'
import { E2E_DATABASE, E2E_MAINTENANCE_URL, E2E_POSTGRES_DATABASE } from './db.ts'

if (E2E_MAINTENANCE_URL) {
	await dropDatabases(E2E_MAINTENANCE_URL, [E2E_POSTGRES_DATABASE])
	await createDatabase(E2E_MAINTENANCE_URL, E2E_POSTGRES_DATABASE)
	process.env.DATABASE_URL = E2E_DATABASE
} else {
	process.env.DATABASE_PATH = E2E_DATABASE
	delete process.env.DATABASE_URL
}
await createDemoDatabase(E2E_DATABASE)

process.env.NODE_ENV = 'production'
// The browser tests run the server in this process: one worker.
process.env.WEB_CONCURRENCY = '1'
process.env.PORT = process.env.E2E_PORT ?? '3210'
if (!fs.existsSync('build/server/index.js')) {
	console.error('No production build: run `npm run build` first.')
	process.exit(1)
}
await import('../../server.js')
