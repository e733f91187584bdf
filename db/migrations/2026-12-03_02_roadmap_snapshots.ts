import { type Kysely, sql } from 'kysely'
import { autoId } from './dialect.ts'

/**
 * Snapshots of a roadmap: the whole roadmap frozen under a name — when its cohort closes (`close`)
 * or on demand (`manual`) — so that anyone who reads the roadmap can see later what moved. A snapshot
 * holds the items as they were (JSON: id, kind, parentId, position, version, data), the currency and
 * status of that moment, and the number of the last history row it includes (`change_id`), so it is
 * exact whatever happens to the history afterwards.
 *
 * Frozen in time: this migration never imports application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('roadmap_snapshots')
		.addColumn('id', ...autoId(db))
		.addColumn('roadmap_id', 'text', (c) => c.notNull().references('roadmaps.id').onDelete('cascade'))
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('reason', 'text', (c) => c.notNull().check(sql`reason in ('close', 'manual')`))
		.addColumn('items', 'text', (c) => c.notNull())
		.addColumn('currency', 'text', (c) => c.notNull())
		.addColumn('status', 'text', (c) => c.notNull())
		.addColumn('change_id', 'integer')
		.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute()
	await db.schema.createIndex('roadmap_snapshots_roadmap').on('roadmap_snapshots').columns(['roadmap_id', 'id']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('roadmap_snapshots').execute()
}
