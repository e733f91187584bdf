import { type Kysely, sql } from 'kysely'

/**
 * Offers of technical assistance: Academy staff offer help from a gap of a delegation's roadmap
 * (an item without a lead, a period or a baseline, or an empty section); the delegation accepts the
 * offer as a request (`request_id`) or declines it, and staff may withdraw it while it is open.
 * `item_id` is not a foreign key, as on assistance_requests: items are deleted and restored through
 * the roadmap's history.
 *
 * Frozen in time: this migration never imports application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('assistance_offers')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('delegation_id', 'text', (c) => c.notNull().references('delegations.id').onDelete('cascade'))
		.addColumn('item_id', 'text')
		.addColumn('gap_key', 'text', (c) => c.notNull())
		.addColumn('section', 'text', (c) => c.notNull())
		.addColumn('topic', 'text', (c) => c.notNull())
		.addColumn('message', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('offered')
				.check(sql`status in ('offered', 'accepted', 'declined', 'withdrawn')`),
		)
		.addColumn('offered_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('answered_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('answered_at', 'text')
		.addColumn('request_id', 'text', (c) => c.references('assistance_requests.id').onDelete('set null'))
		.execute()
	await db.schema.createIndex('assistance_offers_delegation').on('assistance_offers').columns(['delegation_id', 'status']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('assistance_offers').execute()
}
