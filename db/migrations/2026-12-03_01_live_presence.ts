import { type Kysely, sql } from 'kysely'
import { isPostgres } from './dialect.ts'

/**
 * Live roadmaps: who has a roadmap open now (one row per open stream, refreshed while it lasts, and
 * what that person is editing), so that every app worker and server can show it. On PostgreSQL a
 * trigger also wakes every listening worker (`NOTIFY nap_live`) when a roadmap's history grows or its
 * presence changes; SQLite's workers read the same tables a few times a second instead.
 *
 * Frozen in time: this migration never imports application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('roadmap_presence')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('roadmap_id', 'text', (c) => c.notNull().references('roadmaps.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('editing', 'text')
		.addColumn('seen_at', 'text', (c) => c.notNull())
		.execute()
	await db.schema.createIndex('roadmap_presence_roadmap').on('roadmap_presence').columns(['roadmap_id', 'seen_at']).execute()
	if (isPostgres(db)) {
		await sql`
			create function nap_live_notify() returns trigger language plpgsql as $$
			begin
				perform pg_notify('nap_live', coalesce(new.roadmap_id, old.roadmap_id));
				return null;
			end $$`.execute(db)
		await sql`create trigger roadmap_changes_live after insert on roadmap_changes for each row execute function nap_live_notify()`.execute(
			db,
		)
		await sql`create trigger roadmap_presence_live after insert or delete or update of editing on roadmap_presence for each row execute function nap_live_notify()`.execute(
			db,
		)
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	if (isPostgres(db)) {
		await sql`drop trigger if exists roadmap_presence_live on roadmap_presence`.execute(db)
		await sql`drop trigger if exists roadmap_changes_live on roadmap_changes`.execute(db)
		await sql`drop function if exists nap_live_notify()`.execute(db)
	}
	await db.schema.dropTable('roadmap_presence').execute()
}
