import { type Kysely } from 'kysely'
import { autoId } from './dialect.ts'

// Frozen in time: this migration never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('lesson_progress')
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('lesson_key', 'text', (c) => c.notNull())
		.addColumn('first_viewed_at', 'text', (c) => c.notNull())
		.addColumn('last_viewed_at', 'text', (c) => c.notNull())
		.addColumn('completed_at', 'text')
		.addPrimaryKeyConstraint('lesson_progress_pk', ['user_id', 'lesson_key'])
		.execute()

	await db.schema
		.createTable('check_attempts')
		.addColumn('id', ...autoId(db))
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('lesson_key', 'text', (c) => c.notNull())
		.addColumn('check_id', 'text', (c) => c.notNull())
		.addColumn('answer', 'text', (c) => c.notNull())
		.addColumn('correct', 'integer', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute()
	await db.schema.createIndex('check_attempts_user_lesson').on('check_attempts').columns(['user_id', 'lesson_key', 'check_id']).execute()

	await db.schema
		.createTable('reflections')
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('lesson_key', 'text', (c) => c.notNull())
		.addColumn('reflection_id', 'text', (c) => c.notNull())
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('reflections_pk', ['user_id', 'lesson_key', 'reflection_id'])
		.execute()
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('reflections').execute()
	await db.schema.dropTable('check_attempts').execute()
	await db.schema.dropTable('lesson_progress').execute()
}
