import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import {
	CompiledQuery,
	type DatabaseConnection,
	type Dialect,
	type Driver,
	Kysely,
	Migrator,
	PostgresDialect,
	sql,
	SqliteDialect,
	SqliteDriver,
} from 'kysely'
import pg from 'pg'
import { z } from 'zod'
import { migrations } from './migrations/index.ts'
import type { Database } from './schema.ts'

/**
 * The data layer's one switch. `DATABASE_URL=postgres://…` selects PostgreSQL; without it the
 * Academy keeps everything in the SQLite file at `DATABASE_PATH`. The differences between the two
 * engines are handled here (connection, pool, type parsing) and in `migrations/dialect.ts` (DDL),
 * never in a feature's queries.
 */
export type DatabaseConfig =
	| { engine: 'sqlite'; file: string }
	| {
			engine: 'postgres'
			url: string
			/** Connections per process (app worker). */
			poolSize: number
			/** How long a request waits for a free connection before it fails (then a 503). */
			connectionTimeoutMs: number
			/** The longest one statement may run. */
			statementTimeoutMs: number
			idleTimeoutMs: number
	  }

export type Engine = DatabaseConfig['engine']

export const DEFAULT_DATABASE_PATH = './data/academy.db'

export function databasePath() {
	return path.resolve(process.env.DATABASE_PATH || DEFAULT_DATABASE_PATH)
}

const whole = (name: string, fallback: number) =>
	z.coerce
		.number({ error: `${name} must be a whole number above 0` })
		.int({ error: `${name} must be a whole number above 0` })
		.min(1, { error: `${name} must be a whole number above 0` })
		.default(fallback)

/**
 * The database's environment variables, validated with zod (app/utils/env.server.ts includes them in
 * the app's start-up check; scripts read them through `databaseConfig`).
 */
export const DatabaseEnvSchema = z.object({
	/** The SQLite file, when DATABASE_URL is not set. */
	DATABASE_PATH: z
		.string()
		.default(DEFAULT_DATABASE_PATH)
		.transform((file) => file || DEFAULT_DATABASE_PATH),
	/** postgres://user:password@host:5432/database selects PostgreSQL. */
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, {
			error: 'DATABASE_URL must be a PostgreSQL URL (postgres://user:password@host:5432/database); leave it unset to use SQLite.',
		})
		.optional()
		.or(z.literal('').transform(() => undefined)),
	DATABASE_POOL_SIZE: whole('DATABASE_POOL_SIZE', 10),
	DATABASE_CONNECTION_TIMEOUT_MS: whole('DATABASE_CONNECTION_TIMEOUT_MS', 5000),
	DATABASE_STATEMENT_TIMEOUT_MS: whole('DATABASE_STATEMENT_TIMEOUT_MS', 15000),
	DATABASE_IDLE_TIMEOUT_MS: whole('DATABASE_IDLE_TIMEOUT_MS', 30000),
})

export function databaseConfig(): DatabaseConfig {
	const parsed = DatabaseEnvSchema.safeParse(process.env)
	if (!parsed.success) throw new Error(parsed.error.issues.map((issue) => issue.message).join('\n'))
	const env = parsed.data
	if (!env.DATABASE_URL) return { engine: 'sqlite', file: path.resolve(env.DATABASE_PATH) }
	return {
		engine: 'postgres',
		url: env.DATABASE_URL,
		poolSize: env.DATABASE_POOL_SIZE,
		connectionTimeoutMs: env.DATABASE_CONNECTION_TIMEOUT_MS,
		statementTimeoutMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
		idleTimeoutMs: env.DATABASE_IDLE_TIMEOUT_MS,
	}
}

export function isPostgresUrl(value: string) {
	return /^postgres(ql)?:\/\//.test(value)
}

/** A PostgreSQL configuration with the defaults of DATABASE_POOL_SIZE and the timeouts, for tools and tests. */
export function postgresConfig(
	url: string,
	overrides: Partial<Omit<Extract<DatabaseConfig, { engine: 'postgres' }>, 'engine' | 'url'>> = {},
): DatabaseConfig {
	return { engine: 'postgres', url, poolSize: 10, connectionTimeoutMs: 5000, statementTimeoutMs: 15000, idleTimeoutMs: 30000, ...overrides }
}

/** The configuration for a database named by a SQLite file path or a PostgreSQL URL. */
export function configFor(database: string, overrides: Parameters<typeof postgresConfig>[1] = {}): DatabaseConfig {
	return isPostgresUrl(database) ? postgresConfig(database, overrides) : { engine: 'sqlite', file: path.resolve(database) }
}

/** Where the database is, for messages (a URL without its password). */
export function describeDatabase(config: DatabaseConfig) {
	if (config.engine === 'sqlite') return config.file
	const url = new URL(config.url)
	if (url.password) url.password = '***'
	return url.toString()
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

/**
 * Transactions on SQLite begin IMMEDIATE: they take the write lock at the start, waiting up to the
 * busy timeout for it. With several app workers on one file, a deferred transaction that read first
 * and then wrote would fail at once (SQLITE_BUSY) when another process had committed meanwhile.
 */
class ImmediateSqliteDriver extends SqliteDriver {
	override async beginTransaction(connection: DatabaseConnection) {
		await connection.executeQuery(CompiledQuery.raw('begin immediate'))
	}
}

class AcademySqliteDialect extends SqliteDialect {
	readonly #config: ConstructorParameters<typeof SqliteDialect>[0]
	constructor(config: ConstructorParameters<typeof SqliteDialect>[0]) {
		super(config)
		this.#config = config
	}
	override createDriver(): Driver {
		return new ImmediateSqliteDriver(this.#config)
	}
}

export function createKysely(sqlite: SQLite.Database) {
	return new Kysely<Database>({ dialect: new AcademySqliteDialect({ database: withStatementCache(sqlite) }) })
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

// -------------------------------------------------------------------------------------------------
// PostgreSQL

// Counts and sums come back from PostgreSQL as int8/numeric strings; the Academy's numbers are all
// far below 2^53, so they are read as JavaScript numbers, as SQLite gives them.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value))
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value))

export function createPostgresPool(config: Extract<DatabaseConfig, { engine: 'postgres' }>) {
	const pool = new pg.Pool({
		connectionString: config.url,
		max: config.poolSize,
		connectionTimeoutMillis: config.connectionTimeoutMs,
		idleTimeoutMillis: config.idleTimeoutMs,
		statement_timeout: config.statementTimeoutMs,
		application_name: 'nap-academy',
	})
	// An idle connection the server dropped (a restart, a failover) is an event, not a crash: the pool
	// replaces it on the next query.
	pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`))
	// A client in use (between two queries of a transaction) whose connection drops emits 'error'
	// too: without a listener that would end the process. The query in flight fails on its own.
	pool.on('connect', (client) => client.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`)))
	return pool
}

// -------------------------------------------------------------------------------------------------
// Either engine

/** An open database: the Kysely instance, and the raw SQLite handle when the engine is SQLite. */
export type Connection = {
	config: DatabaseConfig
	db: Kysely<Database>
	sqlite: SQLite.Database | null
	pool: pg.Pool | null
}

/**
 * Errors that mean "the database cannot serve this now" rather than "this query is wrong": the server
 * is down or restarting, a connection was cut, no connection came free in time, SQLite's file stayed
 * locked past the busy timeout. The app answers these with 503 (try again shortly), never 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
	const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown }
	if (typeof code === 'string') {
		if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'SQLITE_BUSY'].includes(code)) return true
		// PostgreSQL: connection exceptions (08…), shutdown and "cannot connect now" (57P01–57P03).
		if (code.startsWith('08') || ['57P01', '57P02', '57P03'].includes(code)) return true
	}
	return (
		typeof message === 'string' &&
		/timeout exceeded when trying to connect|Connection terminated|connection is closed|Client has encountered a connection error/i.test(
			message,
		)
	)
}

export type OpenOptions = {
	/** What to throw instead of an error that means the database is unavailable (the app throws a 503 response). */
	unavailable?: (error: unknown) => unknown
}

/** A driver that turns "database unavailable" errors into what `unavailable` makes of them. */
function guardedDriver(driver: Driver, unavailable: (error: unknown) => unknown): Driver {
	const guard = async <T>(work: () => Promise<T>) => {
		try {
			return await work()
		} catch (error) {
			throw isDatabaseUnavailable(error) ? unavailable(error) : error
		}
	}
	const inner = new WeakMap<DatabaseConnection, DatabaseConnection>()
	const wrap = (connection: DatabaseConnection): DatabaseConnection => {
		const wrapped: DatabaseConnection = {
			executeQuery: (query) => guard(() => connection.executeQuery(query)),
			streamQuery: (query, chunkSize) => connection.streamQuery(query, chunkSize),
		}
		inner.set(wrapped, connection)
		return wrapped
	}
	const unwrap = (connection: DatabaseConnection) => inner.get(connection) ?? connection
	return {
		init: () => driver.init(),
		acquireConnection: () => guard(async () => wrap(await driver.acquireConnection())),
		beginTransaction: (connection, settings) => guard(() => driver.beginTransaction(unwrap(connection), settings)),
		commitTransaction: (connection) => guard(() => driver.commitTransaction(unwrap(connection))),
		rollbackTransaction: (connection) => guard(() => driver.rollbackTransaction(unwrap(connection))),
		releaseConnection: (connection) => driver.releaseConnection(unwrap(connection)),
		destroy: () => driver.destroy(),
		...(driver.savepoint && { savepoint: (c, name, compile) => driver.savepoint!(unwrap(c), name, compile) }),
		...(driver.rollbackToSavepoint && { rollbackToSavepoint: (c, name, compile) => driver.rollbackToSavepoint!(unwrap(c), name, compile) }),
		...(driver.releaseSavepoint && { releaseSavepoint: (c, name, compile) => driver.releaseSavepoint!(unwrap(c), name, compile) }),
	}
}

function guardedDialect(dialect: Dialect, unavailable?: (error: unknown) => unknown): Dialect {
	if (!unavailable) return dialect
	return {
		createAdapter: () => dialect.createAdapter(),
		createDriver: () => guardedDriver(dialect.createDriver(), unavailable),
		createIntrospector: (db) => dialect.createIntrospector(db),
		createQueryCompiler: () => dialect.createQueryCompiler(),
	}
}

/** Opens the configured database (nothing is sent to PostgreSQL until the first query). */
export function openDatabase(config: DatabaseConfig = databaseConfig(), options: OpenOptions = {}): Connection {
	if (config.engine === 'sqlite') {
		const sqlite = openSqlite(config.file)
		const dialect = guardedDialect(new AcademySqliteDialect({ database: withStatementCache(sqlite) }), options.unavailable)
		return { config, db: new Kysely<Database>({ dialect }), sqlite, pool: null }
	}
	const pool = createPostgresPool(config)
	const dialect = guardedDialect(new PostgresDialect({ pool }), options.unavailable)
	return { config, db: new Kysely<Database>({ dialect }), sqlite: null, pool }
}

/** Names of migrations the database has not run yet, on either engine. */
export async function pendingMigrationsOf(connection: Connection): Promise<string[]> {
	if (connection.sqlite) return pendingMigrations(connection.sqlite)
	const table = await sql<{ name: string | null }>`select to_regclass('kysely_migration')::text as name`.execute(connection.db)
	if (!table.rows[0]?.name) return Object.keys(migrations)
	const done = await sql<{ name: string }>`select name from kysely_migration`.execute(connection.db)
	const names = new Set(done.rows.map((row) => row.name))
	return Object.keys(migrations).filter((name) => !names.has(name))
}

/** What to do about a PostgreSQL connection error, in one sentence a staff member can act on. */
export function explainConnectionError(error: unknown, config: DatabaseConfig): string {
	const where = describeDatabase(config)
	const code = (error as { code?: string } | null)?.code
	const message = error instanceof Error ? error.message : String(error)
	switch (code) {
		case 'ECONNREFUSED':
			return `Cannot reach PostgreSQL at ${where}: the connection was refused. Is the server running? (On Debian: pg_ctlcluster <version> main start.) Check the host and port in DATABASE_URL.`
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return `Cannot reach PostgreSQL at ${where}: the host name does not resolve. Check the host in DATABASE_URL.`
		case 'ETIMEDOUT':
			return `Cannot reach PostgreSQL at ${where}: the connection timed out. Check the host, the port and any firewall between them.`
		case '28P01':
		case '28000':
			return `PostgreSQL at ${where} refused the credentials (${message}). Check the user and password in DATABASE_URL.`
		case '3D000':
			return `The database in DATABASE_URL (${where}) does not exist. Create it (createdb <name>), then run \`npm run db:migrate\`.`
		default:
			return `Cannot use the database at ${where}: ${message}`
	}
}

/**
 * Checks at start-up that the database answers and is migrated; throws one clear message otherwise
 * (unreachable server, wrong credentials, missing database, missing migrations).
 */
export async function assertDatabaseReady(connection: Connection) {
	let pending: string[]
	try {
		pending = await pendingMigrationsOf(connection)
	} catch (error) {
		throw new Error(explainConnectionError(error, connection.config))
	}
	if (pending.length) {
		throw new Error(
			`The database at ${describeDatabase(connection.config)} is missing ${pending.length} migration(s) (${pending.join(', ')}). ` +
				'Run `npm run db:migrate` first.',
		)
	}
}

export async function closeDatabase(connection: Connection) {
	await connection.db.destroy()
}
