import { type Kysely } from 'kysely'
import { autoId } from './dialect.ts'

/**
 * Threads: a roadmap comment may answer another (`parent_id`, always the thread's first comment;
 * resolving is the thread's, kept on that first comment). And facilitators answer the reflections
 * delegates share with them: `reflection_replies`, each about one reflection (its author, lesson and
 * prompt) and written within one cohort, which is who may read it besides the reflection's author.
 *
 * Frozen in time: this migration never imports application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.alterTable('roadmap_comments')
		.addColumn('parent_id', 'integer', (c) => c.references('roadmap_comments.id').onDelete('cascade'))
		.execute()
	await db.schema.createIndex('roadmap_comments_parent').on('roadmap_comments').column('parent_id').execute()
	await db.schema
		.createTable('reflection_replies')
		.addColumn('id', ...autoId(db))
		.addColumn('reflection_user_id', 'text', (c) => c.notNull())
		.addColumn('lesson_key', 'text', (c) => c.notNull())
		.addColumn('reflection_id', 'text', (c) => c.notNull())
		.addColumn('cohort_id', 'text', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addForeignKeyConstraint(
			'reflection_replies_reflection',
			['reflection_user_id', 'lesson_key', 'reflection_id'],
			'reflections',
			['user_id', 'lesson_key', 'reflection_id'],
			(fk) => fk.onDelete('cascade'),
		)
		.execute()
	await db.schema
		.createIndex('reflection_replies_reflection')
		.on('reflection_replies')
		.columns(['reflection_user_id', 'lesson_key', 'reflection_id', 'id'])
		.execute()
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('reflection_replies').execute()
	await db.schema.dropIndex('roadmap_comments_parent').execute()
	await db.schema.alterTable('roadmap_comments').dropColumn('parent_id').execute()
}
