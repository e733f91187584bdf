import SQLite from 'better-sqlite3'
import { sql } from 'kysely'
import { expect, test } from 'vitest'
import { createKysely } from '#db/connection.ts'

test('queries reuse prepared statements and still see schema changes and new data', async () => {
	const sqlite = new SQLite(':memory:')
	let prepared = 0
	const prepare = sqlite.prepare.bind(sqlite)
	sqlite.prepare = ((source: string) => {
		prepared++
		return prepare(source)
	}) as typeof sqlite.prepare
	const db = createKysely(sqlite)
	await sql`create table notes (id integer primary key, body text not null)`.execute(db)
	const count = () => sql<{ n: number }>`select count(*) as n from notes where body <> ${''}`.execute(db)

	prepared = 0
	for (let i = 0; i < 5; i++) {
		await sql`insert into notes (body) values (${`note ${i}`})`.execute(db)
		expect((await count()).rows[0]!.n).toBe(i + 1)
	}
	expect(prepared).toBe(2)

	const latest = () => sql<{ body: string; author?: string | null }>`select * from notes order by id desc limit 1`.execute(db)
	expect((await latest()).rows[0]).toEqual({ id: 5, body: 'note 4' })
	await sql`alter table notes add column author text`.execute(db)
	await sql`insert into notes (body, author) values (${'signed'}, ${'Ana'})`.execute(db)
	// The same statement, prepared before the migration, returns the new column.
	expect((await latest()).rows[0]).toEqual({ id: 6, body: 'signed', author: 'Ana' })
	expect((await count()).rows[0]!.n).toBe(6)
	await db.destroy()
})
