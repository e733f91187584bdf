import { type Kysely, sql } from 'kysely'

/**
 * One name per feature: technical assistance is "assistance" in files, URLs and translation keys, so
 * its tables are too (they were ta_requests and ta_events). Indexes are renamed with them.
 */
export async function up(db: Kysely<any>) {
	await sql`ALTER TABLE ta_requests RENAME TO assistance_requests`.execute(db)
	await sql`ALTER TABLE ta_events RENAME TO assistance_events`.execute(db)
	await db.schema.dropIndex('ta_requests_delegation').execute()
	await db.schema.dropIndex('ta_requests_status_due').execute()
	await db.schema.dropIndex('ta_events_request').execute()
	await db.schema.createIndex('assistance_requests_delegation').on('assistance_requests').column('delegation_id').execute()
	await db.schema.createIndex('assistance_requests_status_due').on('assistance_requests').columns(['status', 'due_date']).execute()
	await db.schema.createIndex('assistance_events_request').on('assistance_events').columns(['request_id', 'id']).execute()
}

export async function down(db: Kysely<any>) {
	await db.schema.dropIndex('assistance_events_request').execute()
	await db.schema.dropIndex('assistance_requests_status_due').execute()
	await db.schema.dropIndex('assistance_requests_delegation').execute()
	await sql`ALTER TABLE assistance_events RENAME TO ta_events`.execute(db)
	await sql`ALTER TABLE assistance_requests RENAME TO ta_requests`.execute(db)
	await db.schema.createIndex('ta_requests_delegation').on('ta_requests').column('delegation_id').execute()
	await db.schema.createIndex('ta_requests_status_due').on('ta_requests').columns(['status', 'due_date']).execute()
	await db.schema.createIndex('ta_events_request').on('ta_events').columns(['request_id', 'id']).execute()
}
