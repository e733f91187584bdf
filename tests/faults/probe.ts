import SQLite from 'better-sqlite3'
import pg from 'pg'
import { isPostgresUrl } from '#db/connection.ts'

/**
 * The fault and load tests look into the database behind a server — a SQLite file or a PostgreSQL
 * URL — with plain SQL written once (`?` placeholders; numbered for PostgreSQL here).
 */
export type Probe = {
	all<T>(query: string, ...params: unknown[]): Promise<T[]>
	get<T>(query: string, ...params: unknown[]): Promise<T | undefined>
	run(query: string, ...params: unknown[]): Promise<void>
	close(): Promise<void>
}

export async function openProbe(database: string, { readonly = false } = {}): Promise<Probe> {
	if (isPostgresUrl(database)) {
		const client = new pg.Client({ connectionString: database })
		await client.connect()
		const numbered = (query: string) => {
			let n = 0
			return query.replace(/\?/g, () => `$${++n}`)
		}
		const all = async <T>(query: string, ...params: unknown[]) => (await client.query(numbered(query), params)).rows as T[]
		return {
			all,
			get: async <T>(query: string, ...params: unknown[]) => (await all<T>(query, ...params))[0],
			run: async (query, ...params) => {
				await client.query(numbered(query), params)
			},
			close: () => client.end(),
		}
	}
	const sqlite = new SQLite(database, { readonly })
	return {
		all: async <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).all(...params) as T[],
		get: async <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).get(...params) as T | undefined,
		run: async (query, ...params) => {
			sqlite.prepare(query).run(...params)
		},
		close: async () => {
			sqlite.close()
		},
	}
}
