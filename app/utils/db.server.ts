import type SQLite from 'better-sqlite3'
import { type Expression, type Kysely, type RawBuilder, sql } from 'kysely'
import { assertDatabaseReady, type Connection, databaseConfig, describeDatabase, type Engine, openDatabase } from '#db/connection.ts'
import type { Database } from '#db/schema.ts'

/**
 * The one Kysely instance of the process, kept across dev reloads: SQLite (the file at
 * DATABASE_PATH) or PostgreSQL (DATABASE_URL), chosen in db/connection.ts. The app refuses to run
 * on a database it cannot reach or that is missing migrations, and says what to do.
 */
declare global {
	var __academyDb: { connection: Connection; key: string } | undefined
}

const config = databaseConfig()
const key = describeDatabase(config)

// Tests point DATABASE_PATH / DATABASE_URL at a fresh copy per test file; reconnect when it changes.
if (globalThis.__academyDb?.key !== key) {
	const connection = openDatabase(config)
	try {
		await assertDatabaseReady(connection)
	} catch (error) {
		await connection.db.destroy().catch(() => {})
		throw error
	}
	globalThis.__academyDb = { connection, key }
}

const connection = globalThis.__academyDb!.connection

export const db: Kysely<Database> = connection.db

/** Which engine this process runs on. */
export const engine: Engine = connection.config.engine

/** The raw better-sqlite3 handle (backups, integrity checks); null on PostgreSQL. */
export const sqlite: SQLite.Database | null = connection.sqlite

/**
 * The values of a column across a group, joined by a newline (nulls left out): SQLite's
 * `group_concat`, PostgreSQL's `string_agg`. The one aggregate whose name differs between engines.
 */
export function joinedValues(value: Expression<string | null>): RawBuilder<string | null> {
	return engine === 'postgres' ? sql<string | null>`string_agg(${value}, chr(10))` : sql<string | null>`group_concat(${value}, char(10))`
}
