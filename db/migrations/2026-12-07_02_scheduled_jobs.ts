import { type Kysely } from 'kysely'
import { epoch } from './dialect.ts'

/**
 * A lock row per scheduled job (the backup every BACKUP_EVERY_HOURS): whichever process moves
 * `started_at` on first, in one conditional UPDATE, runs the job; the others, on the same or other
 * app servers, find it already claimed and do nothing.
 *
 * Frozen in time: this migration never imports application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('scheduled_jobs')
		.addColumn('name', 'text', (c) => c.primaryKey())
		.addColumn('started_at', epoch(db), (c) => c.notNull())
		.addColumn('finished_at', epoch(db))
		.addColumn('outcome', 'text')
		.execute()
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('scheduled_jobs').execute()
}
