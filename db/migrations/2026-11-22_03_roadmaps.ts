import { type Kysely, sql } from 'kysely'
import { autoId } from './dialect.ts'

// Frozen in time: this migration never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('roadmaps')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('delegation_id', 'text', (c) => c.notNull().unique().references('delegations.id').onDelete('cascade'))
		.addColumn('currency', 'text', (c) => c.notNull().defaultTo('USD'))
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('draft')
				.check(sql`status in ('draft', 'review', 'final')`),
		)
		.addColumn('shared_with_cohort', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute()

	// Every piece of a roadmap is an item of a kind, with its fields as validated JSON and a version
	// number that each save must carry (so that two people never silently overwrite each other).
	await db.schema
		.createTable('roadmap_items')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('roadmap_id', 'text', (c) => c.notNull().references('roadmaps.id').onDelete('cascade'))
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('parent_id', 'text')
		.addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('data', 'text', (c) => c.notNull())
		.addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.execute()
	await db.schema.createIndex('roadmap_items_roadmap').on('roadmap_items').columns(['roadmap_id', 'kind', 'position']).execute()

	// The history: every change with who, when, which item, and the item before and after.
	await db.schema
		.createTable('roadmap_changes')
		.addColumn('id', ...autoId(db))
		.addColumn('roadmap_id', 'text', (c) => c.notNull().references('roadmaps.id').onDelete('cascade'))
		.addColumn('item_id', 'text')
		.addColumn('kind', 'text', (c) => c.notNull())
		.addColumn('change', 'text', (c) => c.notNull())
		.addColumn('before', 'text')
		.addColumn('after', 'text')
		.addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.execute()
	await db.schema.createIndex('roadmap_changes_roadmap').on('roadmap_changes').columns(['roadmap_id', 'id']).execute()

	await db.schema
		.createTable('roadmap_comments')
		.addColumn('id', ...autoId(db))
		.addColumn('roadmap_id', 'text', (c) => c.notNull().references('roadmaps.id').onDelete('cascade'))
		.addColumn('section', 'text', (c) => c.notNull())
		.addColumn('item_id', 'text')
		.addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('body', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('resolved_at', 'text')
		.addColumn('resolved_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.execute()
	await db.schema.createIndex('roadmap_comments_roadmap').on('roadmap_comments').columns(['roadmap_id', 'section']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('roadmap_comments').execute()
	await db.schema.dropTable('roadmap_changes').execute()
	await db.schema.dropTable('roadmap_items').execute()
	await db.schema.dropTable('roadmaps').execute()
}
