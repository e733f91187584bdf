import { type Kysely, sql } from 'kysely'
import { autoId, epoch } from './dialect.ts'

/**
 * Mail, for real:
 *
 * - `mail_outbox`: the transactional outbox. A message is rendered (subject, text, HTML, in the
 *   recipient's language) and inserted in the same transaction as the change that causes it; the
 *   sender claims due messages (`claimed_by` / `claimed_until`), sends them and marks them sent, or
 *   schedules a retry (`next_attempt_at`), or marks them failed (a permanent SMTP refusal). Without
 *   an SMTP server a message is `kept`: it is read in the app ("Sent mail").
 * - `password_resets`: single-use reset links; only the SHA-256 of the token is stored.
 * - `password_reset_requests`: every "Forgot your password?" request (whether or not the address
 *   has an account), for throttling per address and per client.
 *
 * Times are ISO 8601 strings (compared as text), except the throttle's Unix milliseconds.
 * Frozen in time: this migration never imports application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('mail_outbox')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('to_address', 'text', (c) => c.notNull())
		.addColumn('to_user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('language', 'text', (c) => c.notNull().check(sql`language in ('en', 'es')`))
		.addColumn('category', 'text', (c) => c.notNull())
		.addColumn('template', 'text', (c) => c.notNull())
		.addColumn('subject', 'text', (c) => c.notNull())
		.addColumn('text', 'text', (c) => c.notNull())
		.addColumn('html', 'text', (c) => c.notNull())
		.addColumn('attachments', 'text')
		.addColumn('headers', 'text', (c) => c.notNull().defaultTo('{}'))
		.addColumn('status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('queued')
				.check(sql`status in ('queued', 'sending', 'sent', 'failed', 'kept')`),
		)
		.addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('next_attempt_at', 'text', (c) => c.notNull())
		.addColumn('last_error', 'text')
		.addColumn('caused_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('about', 'text')
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('sent_at', 'text')
		.addColumn('claimed_by', 'text')
		.addColumn('claimed_until', 'text')
		.execute()
	await db.schema.createIndex('mail_outbox_due').on('mail_outbox').columns(['status', 'next_attempt_at']).execute()
	await db.schema.createIndex('mail_outbox_to').on('mail_outbox').columns(['to_address', 'created_at']).execute()
	await db.schema.createIndex('mail_outbox_to_user').on('mail_outbox').columns(['to_user_id', 'created_at']).execute()
	await db.schema.createIndex('mail_outbox_about').on('mail_outbox').column('about').execute()

	await db.schema
		.createTable('password_resets')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('used_at', 'text')
		.execute()
	await db.schema.createIndex('password_resets_user').on('password_resets').column('user_id').execute()

	await db.schema
		.createTable('password_reset_requests')
		.addColumn('id', ...autoId(db))
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('ip', 'text', (c) => c.notNull())
		.addColumn('created_at', epoch(db), (c) => c.notNull())
		.execute()
	await db.schema.createIndex('password_reset_requests_email').on('password_reset_requests').columns(['email', 'created_at']).execute()
	await db.schema.createIndex('password_reset_requests_ip').on('password_reset_requests').columns(['ip', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('password_reset_requests').execute()
	await db.schema.dropTable('password_resets').execute()
	await db.schema.dropTable('mail_outbox').execute()
}
