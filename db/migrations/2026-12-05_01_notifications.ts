import { type Kysely, sql } from 'kysely'

/**
 * Notifications and each person's say over them:
 *
 * - `notifications`: one row per person per thing that concerns them (a TA request's status, a
 *   comment on their roadmap, a reminder…): its kind and data (JSON), when it was read, and how it
 *   reaches them by mail — `sent` (in the outbox message `mail_id`), `pending` (waiting for the
 *   hourly comment mail or the daily digest) or `off`. `dedupe_key` makes scheduled work idempotent:
 *   a reminder or digest is inserted once per key, so a restart or a second worker never repeats it.
 * - `notification_settings`: per person and category, mail `immediate`, `daily` or `off` (no row:
 *   immediate); `quiet_days` is the alumni reminder's period.
 * - `notification_mailings`: when a person last got each batched mail (`comments`, `daily`), claimed
 *   with one conditional UPDATE, so two workers never send the same batch.
 *
 * Frozen in time: this migration never imports application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('notifications')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('category', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('data', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('read_at', 'text')
		.addColumn('mail', 'text', (c) =>
			c
				.notNull()
				.defaultTo('pending')
				.check(sql`mail in ('pending', 'sent', 'off')`),
		)
		.addColumn('mail_id', 'text', (c) => c.references('mail_outbox.id').onDelete('set null'))
		.addColumn('dedupe_key', 'text', (c) => c.unique())
		.execute()
	await db.schema.createIndex('notifications_user').on('notifications').columns(['user_id', 'created_at']).execute()
	await db.schema.createIndex('notifications_unread').on('notifications').columns(['user_id', 'read_at']).execute()
	await db.schema.createIndex('notifications_pending').on('notifications').columns(['mail', 'user_id']).execute()

	await db.schema
		.createTable('notification_settings')
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('category', 'text', (c) => c.notNull())
		.addColumn('mail', 'text', (c) => c.notNull().check(sql`mail in ('immediate', 'daily', 'off')`))
		.addColumn('quiet_days', 'integer')
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('notification_settings_pk', ['user_id', 'category'])
		.execute()

	await db.schema
		.createTable('notification_mailings')
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('batch', 'text', (c) => c.notNull())
		.addColumn('last_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('notification_mailings_pk', ['user_id', 'batch'])
		.execute()
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('notification_mailings').execute()
	await db.schema.dropTable('notification_settings').execute()
	await db.schema.dropTable('notifications').execute()
}
