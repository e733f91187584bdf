import { type Kysely, sql } from 'kysely'
import { autoId, epoch } from './dialect.ts'

// Frozen in time: this migration never imports application code.

export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createTable('users')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('email', 'text', (c) => c.notNull().unique())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('password_hash', 'text', (c) => c.notNull())
		.addColumn('is_staff', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('language', 'text', (c) => c.check(sql`language in ('en', 'es')`))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('last_login_at', 'text')
		.execute()

	await db.schema
		.createTable('sessions')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('expires_at', epoch(db), (c) => c.notNull())
		.addColumn('created_at', epoch(db), (c) => c.notNull())
		.execute()
	await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute()

	await db.schema
		.createTable('cohorts')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('name', 'text', (c) => c.notNull())
		.addColumn('host_city', 'text', (c) => c.notNull())
		.addColumn('host_country', 'text', (c) => c.notNull())
		.addColumn('venue', 'text')
		.addColumn('start_date', 'text', (c) => c.notNull())
		.addColumn('end_date', 'text', (c) => c.notNull())
		.addColumn('prework_due_date', 'text')
		.addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('planned', 'open', 'in_convening', 'closed')`))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('updated_at', 'text', (c) => c.notNull())
		.execute()

	await db.schema
		.createTable('cohort_facilitators')
		.addColumn('cohort_id', 'text', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('cohort_facilitators_pk', ['cohort_id', 'user_id'])
		.execute()
	await db.schema.createIndex('cohort_facilitators_user_id').on('cohort_facilitators').column('user_id').execute()

	await db.schema
		.createTable('delegations')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('cohort_id', 'text', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
		.addColumn('country_code', 'text', (c) => c.notNull())
		.addColumn('nap_status', 'text', (c) =>
			c
				.notNull()
				.defaultTo('no_plan')
				.check(sql`nap_status in ('no_plan', 'drafting', 'adopted', 'implementing')`),
		)
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addUniqueConstraint('delegations_cohort_country', ['cohort_id', 'country_code'])
		.execute()

	await db.schema
		.createTable('delegation_members')
		.addColumn('delegation_id', 'text', (c) => c.notNull().references('delegations.id').onDelete('cascade'))
		.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
		.addColumn('sector', 'text', (c) =>
			c.notNull().check(sql`sector in ('government', 'civil_society', 'academia', 'international_organisation')`),
		)
		.addColumn('organisation', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('position', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('is_lead', 'integer', (c) => c.notNull().defaultTo(0))
		.addColumn('joined_at', 'text', (c) => c.notNull())
		.addPrimaryKeyConstraint('delegation_members_pk', ['delegation_id', 'user_id'])
		.execute()
	await db.schema.createIndex('delegation_members_user_id').on('delegation_members').column('user_id').execute()

	await db.schema
		.createTable('invitations')
		.addColumn('id', 'text', (c) => c.primaryKey())
		.addColumn('token_hash', 'text', (c) => c.notNull().unique())
		.addColumn('cohort_id', 'text', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
		.addColumn('delegation_id', 'text', (c) => c.references('delegations.id').onDelete('cascade'))
		.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('delegate', 'facilitator')`))
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
		.addColumn('sector', 'text')
		.addColumn('organisation', 'text')
		.addColumn('position', 'text')
		.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('created_at', 'text', (c) => c.notNull())
		.addColumn('expires_at', 'text', (c) => c.notNull())
		.addColumn('accepted_at', 'text')
		.addColumn('accepted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
		.addColumn('revoked_at', 'text')
		.execute()
	await db.schema.createIndex('invitations_cohort_id').on('invitations').column('cohort_id').execute()

	await db.schema
		.createTable('login_attempts')
		.addColumn('id', ...autoId(db))
		.addColumn('email', 'text', (c) => c.notNull())
		.addColumn('ip', 'text', (c) => c.notNull())
		.addColumn('created_at', epoch(db), (c) => c.notNull())
		.execute()
	await db.schema.createIndex('login_attempts_email_created').on('login_attempts').columns(['email', 'created_at']).execute()
}

export async function down(db: Kysely<any>): Promise<void> {
	for (const table of [
		'login_attempts',
		'invitations',
		'delegation_members',
		'delegations',
		'cohort_facilitators',
		'cohorts',
		'sessions',
		'users',
	]) {
		await db.schema.dropTable(table).execute()
	}
}
