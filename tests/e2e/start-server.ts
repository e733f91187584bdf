// Starts the production server for the browser tests on a fresh, migrated and seeded database.
import fs from 'node:fs'
import path from 'node:path'
import { createKysely, migrateToLatest, openSqlite } from '../../db/connection.ts'
import { seed } from '../../db/seed.ts'
import { E2E_DATABASE } from './db.ts'

fs.mkdirSync(path.dirname(E2E_DATABASE), { recursive: true })
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${E2E_DATABASE}${suffix}`, { force: true })
const sqlite = openSqlite(E2E_DATABASE)
const db = createKysely(sqlite)
await migrateToLatest(db)
await seed(db)
await db.destroy()

process.env.DATABASE_PATH = E2E_DATABASE
process.env.NODE_ENV = 'production'
process.env.PORT = process.env.E2E_PORT ?? '3210'
if (!fs.existsSync('build/server/index.js')) {
	console.error('No production build: run `npm run build` first.')
	process.exit(1)
}
await import('../../server.js')
