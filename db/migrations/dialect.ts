import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from 'kysely'

/**
 * The few places where the two engines' DDL differs, for migrations (which never import app code).
 * Everything else — text, integer, check constraints, indexes, foreign keys — is written once.
 */
export function isPostgres(db: Kysely<any>) {
	return db.getExecutor().adapter instanceof PostgresAdapter
}

/** An auto-numbered integer primary key: SQLite's `integer primary key autoincrement`, PostgreSQL's identity. */
export function autoId(db: Kysely<any>) {
	return [
		'integer',
		(c: ColumnDefinitionBuilder) => (isPostgres(db) ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()),
	] as const
}

/** A Unix time in seconds or milliseconds: past 32 bits, so `bigint` on PostgreSQL (SQLite's integer is 64-bit). */
export function epoch(db: Kysely<any>) {
	return isPostgres(db) ? 'bigint' : 'integer'
}
