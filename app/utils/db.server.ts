import type SQLite from 'better-sqlite3'
import { type Expression, type Kysely, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely'
import pg from 'pg'
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

/**
 * A database that cannot serve a request now (down, restarting, every connection busy past the
 * timeout) is a 503 with Retry-After, shown by the error boundary — never a 500 — and one log line.
 */
function databaseUnavailable(error: unknown) {
	const reason = error instanceof Error ? error.message : String(error)
	console.error(`Database unavailable (answering 503): ${reason}`)
	return new Response('The Academy cannot reach its database just now. Please try again in a moment.', {
		status: 503,
		statusText: 'Service Unavailable',
		headers: { 'Retry-After': '5' },
	})
}

const config = databaseConfig()
const key = describeDatabase(config)

// Tests point DATABASE_PATH / DATABASE_URL at a fresh copy per test file; reconnect when it changes.
if (globalThis.__academyDb?.key !== key) {
	// The start-up check runs on a connection of its own, so that its errors say what to do.
	const check = openDatabase(config)
	try {
		await assertDatabaseReady(check)
	} catch (error) {
		// A worker the cluster restarts while the database is briefly away serves 503s until it is
		// back, rather than failing to start again and again; a first start refuses.
		if (!(process.env.ACADEMY_WORKER_RESTART === '1' && isDatabaseUnavailableMessage(error))) throw error
		console.error(`${(error as Error).message} Starting anyway: this worker answers 503 until the database is back.`)
	} finally {
		await check.db.destroy().catch(() => {})
	}
	globalThis.__academyDb = { connection: openDatabase(config, { unavailable: databaseUnavailable }), key }
}

function isDatabaseUnavailableMessage(error: unknown) {
	return error instanceof Error && /^Cannot reach PostgreSQL|^Cannot use the database/.test(error.message)
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

/**
 * Inside the retention pruning's transaction: tells the audit log's PostgreSQL trigger that this
 * transaction is the pruning (a setting local to the transaction). SQLite's trigger asks only the
 * rows' age, so there is nothing to say.
 */
export async function allowAuditPruning(trx: Kysely<Database>) {
	if (engine === 'postgres') await sql`select set_config('academy.audit_prune', 'on', true)`.execute(trx)
}

/**
 * A subquery that picks rows to claim, skipping rows another transaction holds: PostgreSQL's
 * `FOR UPDATE SKIP LOCKED`. SQLite runs one write at a time, so the claiming UPDATE that wraps the
 * subquery is already atomic there and the query is left as it is.
 */
export function skippingLocked<DB, TB extends keyof DB, O>(query: SelectQueryBuilder<DB, TB, O>): SelectQueryBuilder<DB, TB, O> {
	return engine === 'postgres' ? query.forUpdate().skipLocked() : query
}

/**
 * PostgreSQL: calls `onNotify` for every `NOTIFY` on `channel`, on a connection of its own that is
 * made again (after a pause) when it drops, and, once it is listening again, once more in case
 * something was missed meanwhile. Returns a function that stops listening. SQLite has no such
 * thing: null, and the caller reads its tables on a timer instead.
 */
export function listen(channel: string, onNotify: () => void): (() => void) | null {
	if (connection.config.engine !== 'postgres') return null
	const url = connection.config.url
	let client: pg.Client | null = null
	let stopped = false
	let retry: NodeJS.Timeout | undefined
	const connect = async () => {
		if (stopped) return
		const next = new pg.Client({ connectionString: url, application_name: 'nap-academy-listen' })
		const again = () => {
			next.removeAllListeners()
			next.end().catch(() => {})
			if (client === next) client = null
			if (!stopped) retry = setTimeout(connect, 2000).unref()
		}
		next.on('error', again)
		next.on('end', () => (client === next ? again() : undefined))
		next.on('notification', (message) => (message.channel === channel ? onNotify() : undefined))
		try {
			await next.connect()
			await next.query(`LISTEN ${pg.escapeIdentifier(channel)}`)
			client = next
			onNotify()
		} catch {
			again()
		}
	}
	void connect()
	return () => {
		stopped = true
		clearTimeout(retry)
		client?.end().catch(() => {})
		client = null
	}
}
