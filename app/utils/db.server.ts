import type SQLite from 'better-sqlite3'
import type { Kysely } from 'kysely'
import { createKysely, databasePath, openSqlite, pendingMigrations } from '#db/connection.ts'
import type { Database } from '#db/schema.ts'

/**
 * The one Kysely instance of the process, kept across dev reloads. The app refuses to run on a
 * database that is missing migrations, and says what to run.
 */
declare global {
	var __academyDb: { db: Kysely<Database>; sqlite: SQLite.Database; file: string } | undefined
}

function connect() {
	const file = databasePath()
	const sqlite = openSqlite(file)
	const pending = pendingMigrations(sqlite)
	if (pending.length) {
		sqlite.close()
		throw new Error(
			`The database at ${file} is missing ${pending.length} migration(s) (${pending.join(', ')}). ` + 'Run `npm run db:migrate` first.',
		)
	}
	return { db: createKysely(sqlite), sqlite, file }
}

// Tests point DATABASE_PATH at a fresh copy per test file; reconnect when it changes.
if (globalThis.__academyDb?.file !== databasePath()) globalThis.__academyDb = connect()

export const db: Kysely<Database> = globalThis.__academyDb!.db

/** The raw better-sqlite3 handle (backups, integrity checks). */
export const sqlite: SQLite.Database = globalThis.__academyDb!.sqlite
