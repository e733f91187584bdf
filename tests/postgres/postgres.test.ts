import { NO_MIGRATIONS, sql } from 'kysely'
import { describe, expect, test } from 'vitest'
import { assertDatabaseReady, createMigrator, databaseConfig, migrateToLatest, openDatabase } from '#db/connection.ts'
import { migrations } from '#db/migrations/index.ts'
import { withDatabase } from '#db/postgres-admin.ts'
import { newPostgresDatabase, readPostgresRun, TEST_DATABASE_URL } from '#tests/engine.ts'

// PostgreSQL only (npm test runs this folder in its PostgreSQL leg).
const run = readPostgresRun()

function configFor(url: string) {
	const previous = process.env.DATABASE_URL
	process.env.DATABASE_URL = url
	try {
		return databaseConfig()
	} finally {
		process.env.DATABASE_URL = previous
	}
}

describe('PostgreSQL as the second engine', () => {
	test('the same migrations bring an empty database up to date, and down again', async () => {
		const connection = openDatabase(configFor(await newPostgresDatabase('empty')))
		const results = await migrateToLatest(connection.db)
		expect(results.map((r) => r.migrationName)).toEqual(Object.keys(migrations))
		const tables = await sql<{
			name: string
		}>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(connection.db)
		expect(tables.rows.map((r) => r.name)).toEqual(expect.arrayContaining(['users', 'roadmap_items', 'assistance_requests']))
		// Auto-numbered ids and 64-bit epochs work as on SQLite.
		const attempt = await connection.db
			.insertInto('login_attempts')
			.values({ email: 'a@example.org', ip: '127.0.0.1', created_at: Date.now() })
			.returning(['id', 'created_at'])
			.executeTakeFirstOrThrow()
		expect(attempt.id).toBe(1)
		expect(typeof attempt.created_at).toBe('number')
		const { error } = await createMigrator(connection.db).migrateTo(NO_MIGRATIONS)
		expect(error).toBeUndefined()
		const left = await sql<{
			name: string
		}>`select table_name as name from information_schema.tables where table_schema = 'public' and table_name = 'users'`.execute(
			connection.db,
		)
		expect(left.rows).toEqual([])
		await connection.db.destroy()
	})

	test('start-up says what to do: missing migrations, unreachable server, unknown database, refused credentials', async () => {
		const check = async (url: string) => {
			const connection = openDatabase(configFor(url))
			try {
				await assertDatabaseReady(connection)
				return 'ready'
			} catch (error) {
				return (error as Error).message
			} finally {
				await connection.db.destroy()
			}
		}
		expect(await check(await newPostgresDatabase('empty'))).toMatch(
			new RegExp(`missing ${Object.keys(migrations).length} migration\\(s\\).*npm run db:migrate`),
		)
		expect(await check('postgres://postgres@127.0.0.1:1/academy')).toMatch(/connection was refused.*Is the server running/)
		expect(await check(withDatabase(TEST_DATABASE_URL, 'academy_no_such_database'))).toMatch(/does not exist\. Create it/)
		const stranger = new URL(TEST_DATABASE_URL)
		stranger.username = 'academy_no_such_role'
		expect(await check(stranger.toString())).toMatch(/refused the credentials.*Check the user and password in DATABASE_URL/)
		expect(await check(withDatabase(TEST_DATABASE_URL, run.template))).toBe('ready')
	})

	test('DATABASE_URL must be a PostgreSQL URL, and pool settings whole numbers', () => {
		expect(() => configFor('mysql://root@localhost/academy')).toThrow(/must be a PostgreSQL URL/)
		process.env.DATABASE_POOL_SIZE = 'many'
		try {
			expect(() => configFor(TEST_DATABASE_URL)).toThrow(/DATABASE_POOL_SIZE must be a whole number/)
		} finally {
			delete process.env.DATABASE_POOL_SIZE
		}
	})
})
