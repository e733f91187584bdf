import fs from 'node:fs'
import path from 'node:path'
import { createDatabase, DEFAULT_TEST_DATABASE_URL, withDatabase } from '#db/postgres-admin.ts'

/**
 * Which engine a vitest run uses: SQLite unless TEST_ENGINE=postgres (npm test runs both when a
 * PostgreSQL server answers at TEST_DATABASE_URL, a maintenance connection).
 */
export const TEST_ENGINE: 'sqlite' | 'postgres' = process.env.TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite'
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL

export const TMP_DIR = path.resolve('tests/.tmp')
export const TEMPLATE_DB = path.join(TMP_DIR, 'template.db')
const POSTGRES_RUN = path.join(TMP_DIR, 'postgres-run.json')

/** The PostgreSQL databases of this run: a migrated, seeded template and the per-file copies' prefix. */
export type PostgresRun = { template: string; prefix: string }

export function writePostgresRun(run: PostgresRun) {
	fs.writeFileSync(POSTGRES_RUN, JSON.stringify(run))
}

export function readPostgresRun(): PostgresRun {
	return JSON.parse(fs.readFileSync(POSTGRES_RUN, 'utf8')) as PostgresRun
}

/** A new, empty PostgreSQL database of this run (dropped with the run's others), by URL. */
export async function newPostgresDatabase(label: string) {
	const name = `${readPostgresRun().prefix}_${label}_${Math.random().toString(36).slice(2, 8)}`
	await createDatabase(TEST_DATABASE_URL, name)
	return withDatabase(TEST_DATABASE_URL, name)
}
