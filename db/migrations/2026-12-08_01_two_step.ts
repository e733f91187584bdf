import { type Kysely } from 'kysely'
import { epoch } from './dialect.ts'

/**
 * Two-step sign-in (TOTP, RFC 6238).
 *
 * - `two_step`: one row per person who has started or finished enrolment. The TOTP secret is kept
 *   encrypted (AES-256-GCM, key outside the database); `confirmed_at` is null until a code from the
 *   person's app confirmed it. `last_step` is the newest 30-second time step whose code was
 *   accepted: a code is never accepted twice.
 * - `two_step_recovery_codes`: ten single-use codes, only their SHA-256 kept; `used_at` once used.
 * - `two_step_pending`: a sign-in whose password was right, waiting for its second step. Only the
 *   SHA-256 of the browser's token is kept; it expires in minutes and counts wrong codes.
 *
 * Frozen in time: this migration never imports application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('two_step')
		.addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
		.addColumn('secret', 'text', (c) => c.notNull())
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('confirmed_at', 'text')
		.addColumn('last_step', epoch(db))
		.execute()
	await db.schema
		.createTable('two_step_recovery_codes')
		.addColumn('code_hash', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('used_at', 'text')
		.execute()
	await db.schema.createIndex('two_step_recovery_codes_user').on('two_step_recovery_codes').column('user_id').execute()
	await db.schema
		.createTable('two_step_pending')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('redirect_to', 'text', (c) => c.notNull())
		.addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
		/** Unix milliseconds. */
		.addColumn('created_at', epoch(db), (c) => c.notNull())
		.addColumn('expires_at', epoch(db), (c) => c.notNull())
		.execute()
	await db.schema.createIndex('two_step_pending_user').on('two_step_pending').column('user_id').execute()
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropTable('two_step_pending').execute()
	await db.schema.dropTable('two_step_recovery_codes').execute()
	await db.schema.dropTable('two_step').execute()
}
