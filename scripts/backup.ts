/**
 * A consistent online backup of the database, safe while the server writes:
 *   npm run db:backup [-- --to backups/academy-2026-01-01.db]
 * On SQLite, SQLite's backup API into a database file. On PostgreSQL (DATABASE_URL), `pg_dump` in its
 * custom format (one consistent snapshot; restore with `pg_restore --no-owner --dbname=<url> <file>`).
 *
 * Copies are written readable by their owner only (mode 0600). Without --to, the copy goes into
 * BACKUP_DIR as academy-<time>.db (.dump) and only the newest BACKUP_KEEP copies there are kept.
 * With --scheduled (the server's timer, BACKUP_EVERY_HOURS), the backup runs only if no other
 * process — another worker, another app server — has already claimed this period's.
 */
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { BackupEnvSchema, backupFileName, claimScheduledBackup, finishScheduledBackup, pruneBackups } from '#db/backup.ts'
import { databaseConfig, describeDatabase, openDatabase } from '#db/connection.ts'

const ALL_PAGES = 0x7fffffff

const settings = BackupEnvSchema.safeParse(process.env)
if (!settings.success) {
	console.error(settings.error.issues.map((issue) => issue.message).join('\n'))
	process.exit(1)
}
const { BACKUP_DIR, BACKUP_KEEP, BACKUP_EVERY_HOURS } = settings.data
const config = databaseConfig()
const { values } = parseArgs({ options: { to: { type: 'string' }, scheduled: { type: 'boolean' } } })

const connection = openDatabase(config)
if (values.scheduled) {
	if (!BACKUP_EVERY_HOURS) {
		console.error('--scheduled needs BACKUP_EVERY_HOURS (the hours between backups).')
		process.exit(1)
	}
	if (!(await claimScheduledBackup(connection.db, BACKUP_EVERY_HOURS * 3600 * 1000))) {
		await connection.db.destroy()
		process.exit(0)
	}
}

// Every file this process creates (the copy, and pg_dump's) is its owner's alone.
process.umask(0o077)
const target = path.resolve(values.to ?? path.join(BACKUP_DIR, backupFileName(config.engine)))
fs.mkdirSync(path.dirname(target), { recursive: true, mode: 0o700 })
let failure: string | null = null
if (config.engine === 'postgres') {
	const dump = spawnSync('pg_dump', ['--format=custom', '--no-owner', `--file=${target}`, `--dbname=${config.url}`], { stdio: 'inherit' })
	if (dump.error || dump.status !== 0) {
		failure = dump.error
			? `Could not run pg_dump (${dump.error.message}): install PostgreSQL's client tools (Debian: apt-get install postgresql-client).`
			: `pg_dump failed (exit ${dump.status}) on ${describeDatabase(config)}.`
	}
} else {
	// All pages in one step, inside one read transaction. In steps (better-sqlite3's default is 100
	// pages), every write the server commits between two steps restarts the copy from the first page: on
	// a busy Academy a large file takes many times longer to back up, or never finishes. In WAL mode the
	// reader blocks no writer, and the copy is the database as of that one snapshot.
	await connection.sqlite!.backup(target, { progress: () => ALL_PAGES })
}
if (!failure) fs.chmodSync(target, 0o600)
const removed = !failure && !values.to ? pruneBackups(path.dirname(target), BACKUP_KEEP) : []
if (values.scheduled) await finishScheduledBackup(connection.db, failure ?? target)
await connection.db.destroy()
if (failure) {
	console.error(failure)
	process.exit(1)
}
const pruned = removed.length
	? ` (removed ${removed.length} older ${removed.length === 1 ? 'copy' : 'copies'}, keeping ${BACKUP_KEEP})`
	: ''
console.log(`Backed up ${describeDatabase(config)} to ${target}${pruned}`)
