import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { Kysely, Migrator, SqliteDialect } from 'kysely'
import { migrations } from './migrations/index.ts'
import type { Database } from './schema.ts'

export const DEFAULT_DATABASE_PATH = './data/academy.db'

export function databasePath() {
	return path.resolve(process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH)
}

/** Opens the SQLite file with the Academy's pragmas: WAL, foreign keys, a busy timeout. */
export function openSqlite(file = databasePath()) {
	fs.mkdirSync(path.dirname(file), { recursive: true })
	const sqlite = new SQLite(file)
	sqlite.pragma('journal_mode = WAL')
	sqlite.pragma('foreign_keys = ON')
	sqlite.pragma('busy_timeout = 5000')
	sqlite.pragma('synchronous = NORMAL')
	return sqlite
}

/**
 * Kysely prepares every query afresh; preparing is a measurable share of a page's time (about 0.6 ms
 * of a lesson page's 11). Queries are compiled with placeholders, so the same few hundred SQL texts
 * recur: each is prepared once and reused (better-sqlite3 statements are reusable, and SQLite
 * re-prepares one by itself if a migration changes the schema). Bounded, oldest out first.
 */
const STATEMENT_CACHE_SIZE = 1000

export function withStatementCache(sqlite: SQLite.Database) {
	const statements = new Map<string, SQLite.Statement>()
	return {
		close: () => sqlite.close(),
		prepare(sql: string) {
			let statement = statements.get(sql)
			if (!statement) {
				statement = sqlite.prepare(sql)
				if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!)
				statements.set(sql, statement)
			}
			return statement
		},
	}
}

export function createKysely(sqlite: SQLite.Database) {
	return new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) })
}

export function createMigrator(db: Kysely<any>) {
	return new Migrator({
		db,
		provider: { getMigrations: async () => migrations },
	})
}

/** Names of migrations that the database file has not run yet (read synchronously at start-up). */
export function pendingMigrations(sqlite: SQLite.Database) {
	const table = sqlite.prepare(`select name from sqlite_master where type = 'table' and name = 'kysely_migration'`).get()
	const done = new Set(
		table ? (sqlite.prepare('select name from kysely_migration').all() as Array<{ name: string }>).map((row) => row.name) : [],
	)
	return Object.keys(migrations).filter((name) => !done.has(name))
}

export async function migrateToLatest(db: Kysely<any>) {
	const { error, results } = await createMigrator(db).migrateToLatest()
	if (error) throw error
	return results ?? []
}
