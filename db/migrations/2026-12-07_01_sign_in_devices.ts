import { type Kysely } from 'kysely'

/**
 * Sign-in throttling that an attacker cannot turn against the real user
 * (docs/decisions/0005-sign-in-throttling-keys.md). Each row of `login_attempts` is a failed or
 * in-flight password check; `device` is the nonce of the signed device cookie the browser presented
 * for that account (null: an untrusted browser). A failure from a known device counts against that
 * device only, so a guesser elsewhere cannot lock the person out of the browser they always use.
 * The index serves the per-address limit across accounts.
 *
 * Frozen in time: this migration never imports application code.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('login_attempts').addColumn('device', 'text').execute()
	await db.schema.createIndex('login_attempts_ip_created').on('login_attempts').columns(['ip', 'created_at']).execute()
	await db.schema.createIndex('login_attempts_device_created').on('login_attempts').columns(['device', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('login_attempts_device_created').execute()
	await db.schema.dropIndex('login_attempts_ip_created').execute()
	await db.schema.alterTable('login_attempts').dropColumn('device').execute()
}
