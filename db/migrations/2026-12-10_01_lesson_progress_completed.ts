import { type Kysely, sql } from 'kysely'

/**
 * The lessons each person completed, straight from an index: a cohort's dashboard and progress
 * export read them for every delegate (400 in a large cohort, a dozen rows each), and without it
 * each row was read from the table to look at `completed_at`. Partial (completed rows only), on
 * both engines.
 *
 * Frozen in time: this migration never imports application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createIndex('lesson_progress_completed')
		.on('lesson_progress')
		.columns(['user_id', 'lesson_key'])
		.where(sql.ref('completed_at'), 'is not', null)
		.execute()
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('lesson_progress_completed').execute()
}
