/**
 * Moves an Academy from SQLite to PostgreSQL:
 *   npm run db:copy -- --from ./data/academy.db --to postgres://user@host:5432/academy
 *
 * The source may be in use: it is read inside one read transaction, so the copy is one consistent
 * moment of it (writers carry on; in WAL mode a reader blocks nobody). The target must be an empty
 * database: it is migrated with the same migrations, filled table by table in one transaction, and
 * then verified table by table — the same row count and the same checksum (SHA-256 over every row's
 * values, independent of row order) on both sides. Anything else is refused with a message.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { sql } from 'kysely'
import {
	createKysely,
	describeDatabase,
	isPostgresUrl,
	migrateToLatest,
	openDatabase,
	openSqlite,
	pendingMigrations,
	postgresConfig,
} from '#db/connection.ts'

/** Every table, parents before children (foreign keys), as the migrations create them. */
export const TABLES = [
	'users',
	'sessions',
	'cohorts',
	'cohort_facilitators',
	'delegations',
	'delegation_members',
	'invitations',
	'login_attempts',
	'lesson_progress',
	'check_attempts',
	'reflections',
	'reflection_replies',
	'roadmaps',
	'roadmap_items',
	'roadmap_changes',
	'roadmap_comments',
	'roadmap_presence',
	'roadmap_snapshots',
	'assistance_requests',
	'assistance_events',
	'assistance_offers',
	'implementation_updates',
	'calendar_feeds',
	'mail_outbox',
	'password_resets',
	'password_reset_requests',
	'notifications',
	'notification_settings',
	'notification_mailings',
	'two_step',
	'two_step_recovery_codes',
	'two_step_pending',
	'scheduled_jobs',
	'audit_log',
] as const

/** Tables with an auto-numbered id, whose sequence must continue after the copied rows. */
const NUMBERED = [
	'login_attempts',
	'check_attempts',
	'reflection_replies',
	'roadmap_changes',
	'roadmap_comments',
	'roadmap_snapshots',
	'assistance_events',
	'implementation_updates',
	'password_reset_requests',
	'audit_log',
]

const BATCH = 500

type Row = Record<string, unknown>

/** An order-independent checksum of a table's rows: each row's values hashed, the hashes sorted, hashed. */
export function tableChecksum(rows: Row[]) {
	const hashes = rows.map((row) => {
		const values = Object.keys(row)
			.sort()
			.map((key) => [key, row[key] === undefined ? null : row[key]])
		return createHash('sha256').update(JSON.stringify(values)).digest('hex')
	})
	hashes.sort()
	return createHash('sha256').update(hashes.join('\n')).digest('hex')
}

export type CopyReport = Array<{ table: string; rows: number; checksum: string }>

export async function copySqliteToPostgres(from: string, to: string): Promise<CopyReport> {
	if (!fs.existsSync(from)) throw new Error(`No SQLite database at ${from}.`)
	if (!isPostgresUrl(to)) throw new Error('--to must be a PostgreSQL URL (postgres://user:password@host:5432/database).')
	const sqlite = openSqlite(from)
	const source = createKysely(sqlite)
	const target = openDatabase(postgresConfig(to, { poolSize: 2, statementTimeoutMs: 600_000 }))
	try {
		const pending = pendingMigrations(sqlite)
		if (pending.length)
			throw new Error(`The source ${from} is missing migrations (${pending.join(', ')}): run \`npm run db:migrate\` on it first.`)
		const sourceTables = sqlite
			.prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'`)
			.all() as Array<{ name: string }>
		const unknown = sourceTables.map((t) => t.name).filter((name) => !(TABLES as readonly string[]).includes(name))
		if (unknown.length)
			throw new Error(`The source has tables this tool does not know (${unknown.join(', ')}); add them to TABLES in scripts/db-copy.ts.`)

		const existing = await sql<{
			name: string
		}>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(target.db)
		if (existing.rows.length) {
			throw new Error(
				`The target ${describeDatabase(target.config)} is not empty (${existing.rows.length} table(s), e.g. ${existing.rows[0]!.name}). ` +
					'Copy into a new, empty database (createdb <name>).',
			)
		}
		await migrateToLatest(target.db)

		// One consistent moment of the source: a read transaction held open while every table is read.
		sqlite.exec('begin')
		const snapshot = new Map<string, Row[]>()
		try {
			for (const table of TABLES) snapshot.set(table, sqlite.prepare(`select * from "${table}"`).all() as Row[])
		} finally {
			sqlite.exec('commit')
		}

		await target.db.transaction().execute(async (trx) => {
			for (const table of TABLES) {
				const rows = snapshot.get(table)!
				for (let i = 0; i < rows.length; i += BATCH) {
					await trx
						.insertInto(table)
						.values(rows.slice(i, i + BATCH) as never)
						.execute()
				}
				if (NUMBERED.includes(table)) {
					await sql`select setval(pg_get_serial_sequence(${table}, 'id'), coalesce((select max(id) from ${sql.table(table)}), 0) + 1, false)`.execute(
						trx,
					)
				}
			}
		})

		const report: CopyReport = []
		for (const table of TABLES) {
			const expected = snapshot.get(table)!
			const copied = (await sql<Row>`select * from ${sql.table(table)}`.execute(target.db)).rows
			const checksum = tableChecksum(expected)
			if (copied.length !== expected.length || tableChecksum(copied) !== checksum) {
				throw new Error(
					`Verification failed for ${table}: ${expected.length} row(s) in the source, ${copied.length} in the target` +
						(copied.length === expected.length ? ', with different contents.' : '.'),
				)
			}
			report.push({ table, rows: copied.length, checksum })
		}
		return report
	} finally {
		await source.destroy()
		await target.db.destroy()
	}
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } })
	if (!values.from || !values.to) {
		console.error('Usage: npm run db:copy -- --from <sqlite file> --to <postgres url of an empty database>')
		process.exit(2)
	}
	try {
		const report = await copySqliteToPostgres(values.from, values.to)
		for (const { table, rows, checksum } of report)
			console.log(`${table.padEnd(24)} ${String(rows).padStart(8)} rows  ${checksum.slice(0, 16)}  ok`)
		const total = report.reduce((sum, t) => sum + t.rows, 0)
		console.log(
			`Copied ${total} rows in ${report.length} tables to ${values.to.replace(/:[^:@/]*@/, ':***@')}; every table verified (count and checksum).`,
		)
	} catch (error) {
		console.error((error as Error).message)
		process.exit(1)
	}
}
