// Starts the production server for the browser tests on a fresh, migrated and seeded database.
import fs from 'node:fs'
import { createDatabase, dropDatabases } from '../../db/postgres-admin.ts'
import { createDemoDatabase } from '../../db/seed.ts'
import path from 'node:path'
import { startSmtpServer } from '../smtp.ts'
import { E2E_DATABASE, E2E_MAIL_DIR, E2E_MAINTENANCE_URL, E2E_POSTGRES_DATABASE } from './db.ts'

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

// A real SMTP server for the app's mail, in this process; each message it receives is written to
// E2E_MAIL_DIR for the specs to read. It answers 550 for addresses that start with
// `undeliverable` (a mailbox that does not exist).
fs.rmSync(E2E_MAIL_DIR, { recursive: true, force: true })
fs.mkdirSync(E2E_MAIL_DIR, { recursive: true })
let received = 0
const smtp = await startSmtpServer({
	reject: (address) => address.startsWith('undeliverable'),
	onMessage: (mail) => {
		const name = `${String(++received).padStart(5, '0')}-${mail.envelopeTo.join(',').replace(/[^\w.@,-]/g, '_')}.eml`
		fs.writeFileSync(path.join(E2E_MAIL_DIR, name), mail.raw)
	},
})
process.env.SMTP_URL = smtp.url
process.env.APP_ORIGIN = `http://localhost:${process.env.PORT}`
process.env.MAIL_FROM = 'NAP Academy <academy@example.org>'
// Scheduled work (the hourly comment mail, reminders) every two seconds, so a spec sees its mail arrive.
process.env.SCHEDULED_WORK_SECONDS = '2'
if (!fs.existsSync('build/server/index.js')) {
	console.error('No production build: run `npm run build` first.')
	process.exit(1)
}
await import('../../server.js')
