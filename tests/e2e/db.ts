import path from 'node:path'
import { isPostgresUrl } from '../../db/connection.ts'
import { withDatabase } from '../../db/postgres-admin.ts'

/**
 * The browser tests' database, fresh for every run: a SQLite file, or — when E2E_DATABASE_URL names a
 * PostgreSQL server (a maintenance connection such as postgres://postgres@127.0.0.1:5432/test) — a
 * database of their own on it, made anew by tests/e2e/start-server.ts. One engine is enough for the
 * interface; the PostgreSQL leg is there to run the same pages on the second engine when asked.
 */
export const E2E_MAINTENANCE_URL = process.env.E2E_DATABASE_URL || ''
if (E2E_MAINTENANCE_URL && !isPostgresUrl(E2E_MAINTENANCE_URL)) {
	throw new Error('E2E_DATABASE_URL must be a PostgreSQL URL (postgres://user@host:5432/database); leave it unset for SQLite.')
}
/** Named after the port, so two runs on one machine (E2E_PORT) do not share a database. */
export const E2E_POSTGRES_DATABASE = `nap_academy_e2e_${Number(process.env.E2E_PORT ?? 3210)}`
export const E2E_DATABASE = E2E_MAINTENANCE_URL
	? withDatabase(E2E_MAINTENANCE_URL, E2E_POSTGRES_DATABASE)
	: path.resolve('tests/.tmp/e2e.db')
export const E2E_ENGINE = E2E_MAINTENANCE_URL ? 'postgres' : 'sqlite'

/**
 * Where the browser tests' SMTP server (started with the app by start-server.ts) writes each message
 * it receives, one .eml file per message: the specs read the mail a person would get from there.
 */
export const E2E_MAIL_DIR = path.resolve(`tests/.tmp/e2e-mail-${Number(process.env.E2E_PORT ?? 3210)}`)
