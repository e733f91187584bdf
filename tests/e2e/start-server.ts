// Starts the production server for the browser tests on a fresh, migrated and seeded database and
// on the browser tests' copy of the curriculum (see content.ts), compiled before the first request.
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import { E2E_CONTENT_DIR, prepareE2eContent } from './content.ts'
import { E2E_DATABASE } from './db.ts'

if (!fs.existsSync('build/server/index.js')) {
	console.error('No production build: run `npm run build` first.')
	process.exit(1)
}
prepareE2eContent()
process.env.CONTENT_DIR = E2E_CONTENT_DIR
process.env.DATABASE_PATH = E2E_DATABASE
process.env.NODE_ENV = 'production'
// The browser tests run the server in this process: one worker.
process.env.WEB_CONCURRENCY = '1'
process.env.PORT = process.env.E2E_PORT ?? '3210'
// What `npm run build` does for content/, done for the copy: compiled lessons and search indexes.
execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-content.ts'], { stdio: 'inherit', env: process.env })

// Imported only now: the app reads its environment when it is first imported.
const { createDemoDatabase } = await import('../../db/seed.ts')
await createDemoDatabase(E2E_DATABASE)
await import('../../server.js')
