/**
 * A consistent online backup of the database, safe while the server writes:
 *   npm run db:backup [-- --to backups/academy-2026-01-01.db]
 * On SQLite, SQLite's backup API into a database file. On PostgreSQL (DATABASE_URL), `pg_dump` in its
 * custom format (one consistent snapshot; restore with `pg_restore --no-owner --dbname=<url> <file>`).
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { databaseConfig, describeDatabase, openSqlite } from '#db/connection.ts'

const ALL_PAGES = 0x7fffffff

const config = databaseConfig()
const { values } = parseArgs({ options: { to: { type: 'string' } } })
const stamp = new Date().toISOString().replace(/[:.]/g, '-')
const target = path.resolve(values.to ?? `backups/academy-${stamp}.${config.engine === 'postgres' ? 'dump' : 'db'}`)
fs.mkdirSync(path.dirname(target), { recursive: true })
if (config.engine === 'postgres') {
	const dump = spawnSync('pg_dump', ['--format=custom', '--no-owner', `--file=${target}`, `--dbname=${config.url}`], { stdio: 'inherit' })
	if (dump.error || dump.status !== 0) {
		console.error(
			dump.error
				? `Could not run pg_dump (${dump.error.message}): install PostgreSQL's client tools (Debian: apt-get install postgresql-client).`
				: `pg_dump failed (exit ${dump.status}) on ${describeDatabase(config)}.`,
		)
		process.exit(1)
	}
} else {
	const sqlite = openSqlite(config.file)
	// All pages in one step, inside one read transaction. In steps (better-sqlite3's default is 100
	// pages), every write the server commits between two steps restarts the copy from the first page: on
	// a busy Academy a large file takes many times longer to back up, or never finishes. In WAL mode the
	// reader blocks no writer, and the copy is the database as of that one snapshot.
	await sqlite.backup(target, { progress: () => ALL_PAGES })
	sqlite.close()
}
console.log(`Backed up ${describeDatabase(config)} to ${target}`)
