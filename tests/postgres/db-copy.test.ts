import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'
import { createKysely, openDatabase, openSqlite, postgresConfig } from '#db/connection.ts'
import { createDemoDatabase } from '#db/seed.ts'
import { newPostgresDatabase } from '#tests/engine.ts'
import { copySqliteToPostgres, TABLES, tableChecksum } from '../../scripts/db-copy.ts'

// PostgreSQL only (npm test runs this folder in its PostgreSQL leg).

async function demoSqlite() {
	const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'academy-copy-')), 'academy.db')
	await createDemoDatabase(file)
	const db = createKysely(openSqlite(file))
	// Rows with auto-numbered ids and 64-bit epochs, as a running Academy has them.
	for (let i = 0; i < 3; i++)
		await db
			.insertInto('login_attempts')
			.values({ email: `x${i}@example.org`, ip: '10.0.0.1', created_at: Date.now() })
			.execute()
	await db
		.insertInto('check_attempts')
		.values({
			user_id: 'user-delegate-pa',
			lesson_key: 'theory-of-change/why',
			check_id: 'c1',
			answer: '["b"]',
			correct: 1,
			created_at: '2026-12-01T00:00:00.000Z',
		})
		.execute()
	await db.destroy()
	return file
}

test('db:copy moves a SQLite Academy into an empty PostgreSQL database and verifies every table', async () => {
	const file = await demoSqlite()
	const target = await newPostgresDatabase('copy')
	const report = await copySqliteToPostgres(file, target)
	expect(report.map((r) => r.table)).toEqual([...TABLES])
	const sqlite = openSqlite(file)
	for (const { table, rows, checksum } of report) {
		const source = sqlite.prepare(`select * from "${table}"`).all() as Array<Record<string, unknown>>
		expect(rows, table).toBe(source.length)
		expect(checksum, table).toBe(tableChecksum(source))
	}
	sqlite.close()
	expect(report.find((r) => r.table === 'users')!.rows).toBeGreaterThan(30)

	// The copy is a working Academy: the next auto-numbered row follows the copied ones.
	const copy = openDatabase(postgresConfig(target, { poolSize: 1 }))
	const next = await copy.db
		.insertInto('login_attempts')
		.values({ email: 'next@example.org', ip: '10.0.0.2', created_at: Date.now() })
		.returning('id')
		.executeTakeFirstOrThrow()
	expect(next.id).toBe(4)
	const staff = await copy.db.selectFrom('users').select('is_staff').where('email', '=', 'staff@example.org').executeTakeFirstOrThrow()
	expect(staff.is_staff).toBe(1)
	await copy.db.destroy()
})

test('db:copy refuses a target that is not empty, and a missing source, and says why', async () => {
	const file = await demoSqlite()
	const target = await newPostgresDatabase('copy')
	await copySqliteToPostgres(file, target)
	await expect(copySqliteToPostgres(file, target)).rejects.toThrow(/is not empty .*Copy into a new, empty database/)
	await expect(copySqliteToPostgres('/nonexistent/academy.db', await newPostgresDatabase('copy'))).rejects.toThrow(/No SQLite database at/)
	// As an operator runs it: the command line says the same and exits non-zero.
	let failure: { status: number; stderr: string } | null = null
	try {
		execFileSync('npx', ['tsx', 'scripts/db-copy.ts', '--from', file, '--to', target], { encoding: 'utf8', stdio: 'pipe' })
	} catch (error) {
		failure = error as { status: number; stderr: string }
	}
	expect(failure?.status).toBe(1)
	expect(failure?.stderr).toMatch(/is not empty/)
})

test('the checksum tells apart tables that differ in one value, and not in row order', () => {
	const rows = [
		{ id: 1, name: 'Ana' },
		{ id: 2, name: 'Bruno' },
	]
	expect(tableChecksum([...rows].reverse())).toBe(tableChecksum(rows))
	expect(tableChecksum([rows[0]!, { id: 2, name: 'Bruna' }])).not.toBe(tableChecksum(rows))
	expect(tableChecksum([rows[0]!, { id: 2, name: 2 }])).not.toBe(tableChecksum([rows[0]!, { id: 2, name: '2' }]))
})
