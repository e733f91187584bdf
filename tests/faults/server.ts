/**
 * What the fault and load tests run against: a fresh migrated and seeded database (a SQLite file or
 * a PostgreSQL database), and the
 * production server (`node server.js`, built app) as a real child process on a port of 4200–4299.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { createRoadmap } from '#app/features/roadmap/items.server.ts'
import { configFor, isPostgresUrl, openDatabase } from '#db/connection.ts'
import { openProbe } from './probe.ts'

export const ROOT = path.resolve(import.meta.dirname, '../..')

export function requireBuild() {
	if (!fs.existsSync(path.join(ROOT, 'build/server/index.js'))) {
		throw new Error('No production build: run `npm run build` first.')
	}
}

/** A private temporary folder, removed by `cleanup` (kept when a test failed, to look at). */
export function tempDir(name: string) {
	return fs.mkdtempSync(path.join(os.tmpdir(), `academy-${name}-`))
}

export type Delegate = { userId: string; email: string; delegationId: string }

/**
 * Adds delegations to the 2025 Panama City cohort (which is in convening, so its delegates learn
 * and edit) with `size` delegates each, all with the demo password (one argon2 hash, copied from a
 * seeded account), the way the seed inserts them — each delegation with its roadmap, made as the
 * app makes it when a facilitator adds a delegation.
 */
export async function addDelegates(database: string, countries: string[], size: number): Promise<Delegate[]> {
	const probe = await openProbe(database)
	const now = new Date().toISOString()
	const seeded = await probe.get<{ password_hash: string }>(`select password_hash from users where id = 'user-delegate-pa'`)
	const delegates: Delegate[] = []
	await probe.run('begin')
	for (const country of countries) {
		const delegationId = `panama-2025-${country.toLowerCase()}`
		await probe.run(
			`insert into delegations (id, cohort_id, country_code, nap_status, created_at) values (?, 'panama-2025', ?, 'drafting', ?) on conflict do nothing`,
			delegationId,
			country,
			now,
		)
		for (let n = 1; n <= size; n++) {
			const email = `load.${country.toLowerCase()}${n}@example.org`
			const userId = `user-load-${country.toLowerCase()}${n}`
			await probe.run(
				`insert into users (id, email, name, password_hash, is_staff, language, created_at) values (?, ?, ?, ?, 0, 'en', ?)`,
				userId,
				email,
				`Load Delegate ${country} ${n}`,
				seeded!.password_hash,
				now,
			)
			await probe.run(
				`insert into delegation_members (delegation_id, user_id, sector, organisation, position, is_lead, joined_at) values (?, ?, 'government', 'A ministry', 'Officer', ?, ?)`,
				delegationId,
				userId,
				n === 1 ? 1 : 0,
				now,
			)
			delegates.push({ userId, email, delegationId })
		}
	}
	await probe.run('commit')
	await probe.close()
	const connection = openDatabase(configFor(database, { poolSize: 1 }))
	for (const country of countries) {
		await createRoadmap(connection.db, { delegationId: `panama-2025-${country.toLowerCase()}`, language: 'es', userId: 'user-facilitator' })
	}
	await connection.db.destroy()
	return delegates
}

async function canListen(port: number) {
	const probe = net.createServer()
	try {
		probe.listen(port, '127.0.0.1')
		await once(probe, 'listening')
		return true
	} catch {
		return false
	} finally {
		probe.close()
	}
}

/** A free port in 4200–4299 (the range this machine gives these tests). */
export async function freePort() {
	const offset = Math.floor(Math.random() * 100)
	for (let i = 0; i < 100; i++) {
		const port = 4200 + ((offset + i) % 100)
		if (await canListen(port)) return port
	}
	throw new Error('No free port in 4200–4299')
}

export type Server = {
	url: string
	port: number
	child: ChildProcess
	/** What the server printed, for a failing test's message. */
	output: () => string
	/** SIGTERM, and wait until it has exited. */
	stop: () => Promise<void>
	/** SIGKILL: no shutdown, no checkpoint, in-flight requests cut. */
	kill: () => Promise<void>
}

/**
 * Starts `node server.js` (production) on the database — a SQLite file, or a PostgreSQL URL — on
 * `port` when given (a restart), else a free one, and waits until /healthz answers.
 */
export async function startServer(database: string, port?: number, extraEnv: Record<string, string> = {}): Promise<Server> {
	requireBuild()
	port ??= await freePort()
	const url = `http://127.0.0.1:${port}`
	const postgres = isPostgresUrl(database)
	const env: NodeJS.ProcessEnv = {
		...process.env,
		NODE_ENV: 'production',
		...(postgres ? { DATABASE_URL: database } : { DATABASE_PATH: database, DATABASE_URL: '' }),
		PORT: String(port),
		HOST: '127.0.0.1',
		...extraEnv,
	}
	for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key]
	const child = spawn(process.execPath, ['server.js'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
	let output = ''
	const keep = (chunk: Buffer) => {
		output = (output + chunk.toString()).slice(-20_000)
	}
	child.stdout!.on('data', keep)
	child.stderr!.on('data', keep)
	const exited = once(child, 'exit')
	const ended = () => child.exitCode !== null || child.signalCode !== null
	const stopWith = async (signal: NodeJS.Signals) => {
		if (!ended()) {
			child.kill(signal)
			await exited
		}
	}
	const server: Server = { url, port, child, output: () => output, stop: () => stopWith('SIGTERM'), kill: () => stopWith('SIGKILL') }
	const deadline = Date.now() + 30_000
	while (Date.now() < deadline) {
		if (ended()) throw new Error(`The server exited during start-up:\n${output}`)
		try {
			const response = await fetch(`${url}/healthz`)
			if (response.ok) return server
		} catch {}
		await new Promise((resolve) => setTimeout(resolve, 100))
	}
	await server.kill()
	throw new Error(`The server did not answer /healthz within 30 s:\n${output}`)
}

/** Runs `npm run db:backup -- --to <target>` against the database (file or URL), as an operator would. */
export async function runBackupScript(database: string, target: string) {
	const env: NodeJS.ProcessEnv = {
		...process.env,
		...(isPostgresUrl(database) ? { DATABASE_URL: database } : { DATABASE_PATH: database, DATABASE_URL: '' }),
	}
	for (const key of Object.keys(env)) if (key.startsWith('VITEST')) delete env[key]
	const child = spawn('npm', ['run', '--silent', 'db:backup', '--', '--to', target], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
	let output = ''
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
	const timer = setTimeout(() => child.kill('SIGKILL'), 90_000)
	const [code] = (await once(child, 'exit')) as [number | null]
	clearTimeout(timer)
	if (code !== 0) throw new Error(`npm run db:backup failed (exit ${code}):\n${output}`)
	return output.trim()
}

/** `PRAGMA integrity_check` and `PRAGMA foreign_key_check` of a database file. */
export function checkFile(file: string) {
	const sqlite = new SQLite(file)
	try {
		const integrity = (sqlite.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check)
		const foreignKeys = sqlite.pragma('foreign_key_check') as unknown[]
		return { integrity, foreignKeys }
	} finally {
		sqlite.close()
	}
}

/** Every table's schema and rows, in a stable order, to compare two database files. */
export function dumpTables(file: string) {
	const sqlite = new SQLite(file)
	try {
		const tables = sqlite
			.prepare(`select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`)
			.all() as Array<{ name: string; sql: string }>
		return tables.map((table) => {
			const columns = (sqlite.pragma(`table_info("${table.name}")`) as unknown[]).length
			const order = Array.from({ length: columns }, (_, i) => i + 1).join(', ')
			const rows = sqlite.prepare(`select * from "${table.name}" order by ${order}`).all()
			return { name: table.name, sql: table.sql, rows }
		})
	} finally {
		sqlite.close()
	}
}

/**
 * An item and its history are written in one transaction, so in any consistent copy of the database
 * each item's data equals the data its latest history row recorded. Returns the items where not.
 */
export async function historyDisagreements(database: string) {
	const probe = await openProbe(database)
	try {
		const rows = await probe.all<{ id: string; data: string; after: string }>(
			`select i.id, i.data, c.after from roadmap_items i
			 join roadmap_changes c on c.id = (select max(id) from roadmap_changes where item_id = i.id and after is not null)`,
		)
		const missing = await probe.all<{ id: string }>(
			`select id from roadmap_items i where not exists (select 1 from roadmap_changes where item_id = i.id)`,
		)
		const differ = rows.filter(
			(row) => JSON.stringify(JSON.parse(row.data)) !== JSON.stringify((JSON.parse(row.after) as { data: unknown }).data),
		)
		return [...differ.map((row) => `${row.id}: item and history differ`), ...missing.map((row) => `${row.id}: no history`)]
	} finally {
		await probe.close()
	}
}
