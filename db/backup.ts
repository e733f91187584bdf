import fs from 'node:fs'
import path from 'node:path'
import { type Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from './schema.ts'

/**
 * Backups' settings and bookkeeping, shared by `npm run db:backup` (scripts/backup.ts) and the app's
 * start-up check (app/utils/env.server.ts): where copies go, how many are kept, how often the server
 * makes one on its own.
 */
export const BackupEnvSchema = z.object({
	/** Where `npm run db:backup` writes its copies (named academy-<time>.db, or .dump on PostgreSQL). */
	BACKUP_DIR: z
		.string()
		.default('backups')
		.transform((dir) => dir || 'backups'),
	/** How many copies to keep in BACKUP_DIR: after each backup, older ones beyond this are deleted. */
	BACKUP_KEEP: z.coerce
		.number({ error: 'BACKUP_KEEP must be a whole number of copies, 1 or more' })
		.int({ error: 'BACKUP_KEEP must be a whole number of copies, 1 or more' })
		.min(1, { error: 'BACKUP_KEEP must be a whole number of copies, 1 or more' })
		.default(14),
	/** The server backs up every this many hours (one process of all the app servers does it); 0: never. */
	BACKUP_EVERY_HOURS: z.coerce
		.number({ error: 'BACKUP_EVERY_HOURS must be a number of hours (0: no scheduled backups)' })
		.min(0, { error: 'BACKUP_EVERY_HOURS must be a number of hours (0: no scheduled backups)' })
		.default(0),
})

const BACKUP_NAME = /^academy-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.(db|dump)$/

export function backupFileName(engine: 'sqlite' | 'postgres', at = new Date()) {
	return `academy-${at.toISOString().replace(/[:.]/g, '-')}.${engine === 'postgres' ? 'dump' : 'db'}`
}

/** Deletes the oldest backups in `dir` beyond `keep` (only files named as backups; their names sort by time). */
export function pruneBackups(dir: string, keep: number) {
	const backups = fs
		.readdirSync(dir)
		.filter((name) => BACKUP_NAME.test(name))
		.sort()
	const removed = backups.slice(0, Math.max(0, backups.length - keep))
	for (const name of removed) fs.rmSync(path.join(dir, name), { force: true })
	return removed
}

/**
 * Claims this period's scheduled backup: true for the one process (of every worker on every app
 * server) whose conditional UPDATE moves the lock row on first; false when another one already has.
 * A period counts as done at 90 % of its length, so the checks' own timing never skips one.
 */
export async function claimScheduledBackup(db: Kysely<Database>, everyMs: number, now = Date.now()) {
	await db
		.insertInto('scheduled_jobs')
		.values({ name: 'backup', started_at: 0, finished_at: null, outcome: null })
		.onConflict((conflict) => conflict.column('name').doNothing())
		.execute()
	const claimed = await db
		.updateTable('scheduled_jobs')
		.set({ started_at: now, finished_at: null, outcome: null })
		.where('name', '=', 'backup')
		.where('started_at', '<=', now - Math.floor(everyMs * 0.9))
		.executeTakeFirst()
	return Number(claimed.numUpdatedRows) === 1
}

export async function finishScheduledBackup(db: Kysely<Database>, outcome: string, now = Date.now()) {
	await db.updateTable('scheduled_jobs').set({ finished_at: now, outcome }).where('name', '=', 'backup').execute()
}
