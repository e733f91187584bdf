import { type Kysely, sql } from 'kysely'
import { autoId, isPostgres } from './dialect.ts'

/**
 * The audit log, and the state of a person's account:
 *
 * - `audit_log`: one row per sensitive event (who, when, from which address, what). Append-only:
 *   database triggers refuse every UPDATE and DELETE, with two exceptions written into the triggers
 *   themselves (see docs/decisions/0021-audit-log.md):
 *   - DELETE of a row at least 365 days old (the floor of AUDIT_RETENTION_DAYS) — and, on
 *     PostgreSQL, only inside a transaction that set `academy.audit_prune` to `on` (the pruning
 *     function does, with `set_config(…, true)`, local to its transaction);
 *   - UPDATE of `actor_name` alone, to the current name of an actor whose account is erased (the
 *     erasure replaces the name there too); every other column must stay as it was.
 *   PostgreSQL also refuses TRUNCATE.
 * - `users.deactivated_at`: staff deactivated the account (no sign-in; history kept).
 * - `users.erased_at`: staff erased the person (name replaced, email removed, private data deleted).
 *
 * Times are ISO 8601 strings in UTC with milliseconds (`2026-12-09T10:00:00.000Z`), compared as text.
 * Frozen in time: this migration never imports application code.
 */
const FLOOR_DAYS = 365

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('users').addColumn('deactivated_at', 'text').execute()
	await db.schema.alterTable('users').addColumn('erased_at', 'text').execute()

	await db.schema
		.createTable('audit_log')
		.addColumn('id', ...autoId(db))
		.addColumn('at', 'text', (c) => c.notNull())
		// No foreign key: the log outlives what it is about (an erased person's row stays, a deleted item goes).
		.addColumn('actor_id', 'text')
		.addColumn('actor_name', 'text')
		.addColumn('action', 'text', (c) => c.notNull())
		.addColumn('target_type', 'text')
		.addColumn('target_id', 'text')
		.addColumn('cohort_id', 'text')
		.addColumn('ip', 'text')
		.addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
		.execute()
	await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute()
	await db.schema.createIndex('audit_log_action_at').on('audit_log').columns(['action', 'at']).execute()
	await db.schema.createIndex('audit_log_actor_at').on('audit_log').columns(['actor_id', 'at']).execute()
	await db.schema.createIndex('audit_log_cohort_at').on('audit_log').columns(['cohort_id', 'at']).execute()

	if (isPostgres(db)) {
		await sql
			.raw(
				`CREATE FUNCTION audit_log_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'DELETE' THEN
		IF current_setting('academy.audit_prune', true) = 'on'
			AND OLD.at < to_char((now() AT TIME ZONE 'UTC') - interval '${FLOOR_DAYS} days', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') THEN
			RETURN OLD;
		END IF;
		RAISE EXCEPTION 'audit_log is append-only: only the retention pruning deletes rows, and only rows older than ${FLOOR_DAYS} days';
	END IF;
	IF NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.action = OLD.action AND NEW.details = OLD.details
		AND NEW.actor_id IS NOT DISTINCT FROM OLD.actor_id AND NEW.target_type IS NOT DISTINCT FROM OLD.target_type
		AND NEW.target_id IS NOT DISTINCT FROM OLD.target_id AND NEW.cohort_id IS NOT DISTINCT FROM OLD.cohort_id
		AND NEW.ip IS NOT DISTINCT FROM OLD.ip
		AND EXISTS (SELECT 1 FROM users u WHERE u.id = OLD.actor_id AND u.erased_at IS NOT NULL AND u.name = NEW.actor_name) THEN
		RETURN NEW;
	END IF;
	RAISE EXCEPTION 'audit_log is append-only: only an erased actor''s name may be replaced';
END
$$`,
			)
			.execute(db)
		await sql
			.raw(`CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_guard()`)
			.execute(db)
		await sql
			.raw(
				`CREATE FUNCTION audit_log_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'audit_log is append-only: TRUNCATE is refused';
END
$$`,
			)
			.execute(db)
		await sql
			.raw(`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_no_truncate()`)
			.execute(db)
	} else {
		await sql
			.raw(
				`CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
WHEN old.at >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-${FLOOR_DAYS} days')
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only: only the retention pruning deletes rows, and only rows older than ${FLOOR_DAYS} days');
END`,
			)
			.execute(db)
		await sql
			.raw(
				`CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (new.id IS old.id AND new.at IS old.at AND new.action IS old.action AND new.details IS old.details
	AND new.actor_id IS old.actor_id AND new.target_type IS old.target_type AND new.target_id IS old.target_id
	AND new.cohort_id IS old.cohort_id AND new.ip IS old.ip
	AND EXISTS (SELECT 1 FROM users u WHERE u.id = old.actor_id AND u.erased_at IS NOT NULL AND u.name IS new.actor_name))
BEGIN
	SELECT RAISE(ABORT, 'audit_log is append-only: only an erased actor''s name may be replaced');
END`,
			)
			.execute(db)
	}
}

export async function down(db: Kysely<any>): Promise<void> {
	if (isPostgres(db)) {
		await sql.raw('DROP TABLE audit_log').execute(db)
		await sql.raw('DROP FUNCTION audit_log_guard()').execute(db)
		await sql.raw('DROP FUNCTION audit_log_no_truncate()').execute(db)
	} else {
		await db.schema.dropTable('audit_log').execute()
	}
	await db.schema.alterTable('users').dropColumn('erased_at').execute()
	await db.schema.alterTable('users').dropColumn('deactivated_at').execute()
}
