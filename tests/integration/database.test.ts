import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test, vi } from 'vitest'
import { createKysely, migrateToLatest, openSqlite, pendingMigrations } from '#db/connection.ts'
import { migrations } from '#db/migrations/index.ts'

const MIGRATION_COUNT = Object.keys(migrations).length

function tempDatabase() {
	return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'academy-db-')), 'academy.db')
}

test('the database is opened in WAL mode with foreign keys on', async () => {
	const { sqlite } = await import('#app/utils/db.server.ts')
	expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal')
	expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1)
})

test('the app refuses to start on an unmigrated database and says what to run', async () => {
	const previous = process.env.DATABASE_PATH
	process.env.DATABASE_PATH = tempDatabase()
	vi.resetModules()
	await expect(import('#app/utils/db.server.ts')).rejects.toThrow(
		new RegExp(`missing ${MIGRATION_COUNT} migration\\(s\\).*npm run db:migrate`),
	)
	process.env.DATABASE_PATH = previous
	vi.resetModules()
})

test('migrations bring an empty file up to date, and down again', async () => {
	const sqlite = openSqlite(tempDatabase())
	const db = createKysely(sqlite)
	expect(pendingMigrations(sqlite)).toHaveLength(MIGRATION_COUNT)
	await migrateToLatest(db)
	expect(pendingMigrations(sqlite)).toEqual([])
	const { createMigrator } = await import('#db/connection.ts')
	const { NO_MIGRATIONS } = await import('kysely')
	const { error } = await createMigrator(db).migrateTo(NO_MIGRATIONS)
	expect(error).toBeUndefined()
	const tables = sqlite.prepare(`select name from sqlite_master where type = 'table' and name = 'users'`).all()
	expect(tables).toEqual([])
	await db.destroy()
})

test('npm run user:create-staff creates a staff account that can sign in', async () => {
	const file = tempDatabase()
	const sqlite = openSqlite(file)
	const db = createKysely(sqlite)
	await migrateToLatest(db)
	const output = execFileSync(
		'npx',
		['tsx', 'scripts/create-staff.ts', '--email', 'First.Admin@Example.org', '--name', 'First Admin', '--password', 'a-strong-password'],
		{ env: { ...process.env, DATABASE_PATH: file }, encoding: 'utf8' },
	)
	expect(output).toContain('Created staff account first.admin@example.org')
	const user = await db.selectFrom('users').selectAll().where('email', '=', 'first.admin@example.org').executeTakeFirstOrThrow()
	expect(user.is_staff).toBe(1)
	const { verify } = await import('@node-rs/argon2')
	expect(await verify(user.password_hash, 'a-strong-password')).toBe(true)
	await db.destroy()
})
