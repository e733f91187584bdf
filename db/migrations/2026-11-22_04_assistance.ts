import { type Kysely, sql } from 'kysely'
import { autoId } from './dialect.ts'

// Frozen in time: this migration never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('ta_requests')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('delegation_id', 'text', (c) => c.notNull().references('delegations.id').onDelete('cascade'))
		.addColumn('section', 'text')
		.addColumn('item_id', 'text')
		.addColumn('topic', 'text', (c) => c.notNull())
		.addColumn('need', 'text', (c) => c.notNull())
		.addColumn('urgency', 'text', (c) => c.notNull().check(sql`urgency in ('low', 'medium', 'high')`))
		.addColumn('due_date', 'text')
		.addColumn('language', 'text', (c) => c.notNull())
		.addColumn('format', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('open')
				.check(sql`status in ('open', 'scheduled', 'in_progress', 'done', 'declined')`),
		)
		.addColumn('scheduled_for', 'text')
		.addColumn('decline_reason', 'text')
		.addColumn('assignee_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('done_at', 'text')
		.execute()
	await db.schema.createIndex('ta_requests_delegation').on('ta_requests').column('delegation_id').execute()
	await db.schema.createIndex('ta_requests_status_due').on('ta_requests').columns(['status', 'due_date']).execute()

	// Everything that happens to a request: messages with the delegation, internal notes, changes.
	await db.schema
		.createTable('ta_events')
		.addColumn('id', ...autoId(db))
		.addColumn('request_id', 'text', (c) => c.notNull().references('ta_requests.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('internal', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('body', 'text')
		.addColumn('from_value', 'text')
		.addColumn('to_value', 'text')
		.addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute()
	await db.schema.createIndex('ta_events_request').on('ta_events').columns(['request_id', 'id']).execute()

	// Implementation after the convening: an action's status with a dated note, an indicator's value.
	await db.schema
		.createTable('implementation_updates')
		.addColumn('id', ...autoId(db))
		.addColumn('roadmap_id', 'text', (c) => c.notNull().references('roadmaps.id').onDelete('cascade'))
		.addColumn('item_id', 'text', (c) => c.notNull())
		.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('action_status', 'indicator_value')`))
		.addColumn('status', 'text')
		.addColumn('note', 'text')
		.addColumn('period', 'text')
		.addColumn('value', 'text')
		.addColumn('source', 'text')
		.addColumn('dated', 'text', (c) => c.notNull())
		.addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute()
	await db.schema.createIndex('implementation_updates_item').on('implementation_updates').columns(['roadmap_id', 'item_id', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('implementation_updates').execute()
	await db.schema.dropTable('ta_events').execute()
	await db.schema.dropTable('ta_requests').execute()
}
