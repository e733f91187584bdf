import { type Kysely } from 'kysely'

/**
 * Private calendar feeds: one per person, at /calendar/<token>.ics. Only the SHA-256 of the token is
 * stored (the address is shown once, when the feed is made or reset); resetting replaces the hash,
 * so the old address stops working, and turning the feed off deletes the row.
 *
 * Frozen in time: this migration never imports application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('calendar_feeds')
		.addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute()
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('calendar_feeds').execute()
}
