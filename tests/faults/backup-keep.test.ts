import { spawn } from 'node:child_process'
import { once } from 'node:events'
import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import { expect, test } from 'vitest'
import { checkFile, ROOT, startServer, tempDir } from './server.ts'
import { createDemoDatabase } from '#db/seed.ts'

/** `tsx scripts/backup.ts` as `npm run db:backup` runs it, with these settings. */
async function backup(database: string, env: Record<string, string>, args: string[] = []) {
	const childEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_PATH: database, DATABASE_URL: '', ...env }
	for (const key of Object.keys(childEnv)) if (key.startsWith('VITEST')) delete childEnv[key]
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', ...args], {
		cwd: ROOT,
		env: childEnv,
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	let output = ''
	child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
	const [code] = (await once(child, 'exit')) as [number | null]
	if (code !== 0) throw new Error(`backup failed (exit ${code}):\n${output}`)
	return output.trim()
}

const backupsIn = (dir: string) =>
	fs.existsSync(dir)
		? fs
				.readdirSync(dir)
				.filter((name) => /^academy-.*\.db$/.test(name))
				.sort()
		: []
const mode = (file: string) => fs.statSync(file).mode & 0o777

test('npm run db:backup keeps the newest BACKUP_KEEP copies, each readable by its owner only, each a whole database', async () => {
	const dir = tempDir('backup-keep')
	const file = path.join(dir, 'academy.db')
	await createDemoDatabase(file)
	const backups = path.join(dir, 'backups')
	const made: string[] = []
	for (let i = 0; i < 4; i++) {
		await backup(file, { BACKUP_DIR: backups, BACKUP_KEEP: '2' })
		made.push(backupsIn(backups).at(-1)!)
		await new Promise((resolve) => setTimeout(resolve, 5))
	}
	expect(backupsIn(backups)).toEqual(made.slice(-2))
	for (const name of backupsIn(backups)) {
		expect(mode(path.join(backups, name))).toBe(0o600)
		expect(checkFile(path.join(backups, name))).toEqual({ integrity: ['ok'], foreignKeys: [] })
	}
	// A copy restores: the users are all there.
	const restored = new SQLite(path.join(backups, made.at(-1)!), { readonly: true })
	const source = new SQLite(file, { readonly: true })
	expect(restored.prepare('select count(*) as n from users').get()).toEqual(source.prepare('select count(*) as n from users').get())
	restored.close()
	source.close()
	// An explicit --to copy is kept whatever BACKUP_KEEP says, and is 0600 too.
	const explicit = path.join(dir, 'elsewhere', 'before-upgrade.db')
	await backup(file, { BACKUP_DIR: backups, BACKUP_KEEP: '1' }, ['--to', explicit])
	expect(mode(explicit)).toBe(0o600)
	expect(backupsIn(backups)).toHaveLength(2)
	fs.rmSync(dir, { recursive: true, force: true })
})

test('a scheduled backup runs once per period however many processes try, and the server schedules it (BACKUP_EVERY_HOURS)', async () => {
	const dir = tempDir('backup-schedule')
	const file = path.join(dir, 'academy.db')
	await createDemoDatabase(file)
	const backups = path.join(dir, 'backups')
	const settings = { BACKUP_DIR: backups, BACKUP_KEEP: '5', BACKUP_EVERY_HOURS: '1' }
	// Three workers (or app servers) at the same moment: one backs up.
	await Promise.all([1, 2, 3].map(() => backup(file, settings, ['--scheduled'])))
	expect(backupsIn(backups)).toHaveLength(1)
	await backup(file, settings, ['--scheduled'])
	expect(backupsIn(backups)).toHaveLength(1)

	// The production server with two workers, backing up every 3.6 s and keeping 2.
	const served = path.join(dir, 'served')
	const server = await startServer(file, undefined, {
		WEB_CONCURRENCY: '2',
		BACKUP_DIR: served,
		BACKUP_KEEP: '2',
		BACKUP_EVERY_HOURS: '0.001',
		APP_SECRET_FILE: path.join(dir, 'app-secret'),
	})
	try {
		const deadline = Date.now() + 40_000
		const seen = new Set<string>()
		while (Date.now() < deadline && seen.size < 3) {
			for (const name of backupsIn(served)) seen.add(name)
			await new Promise((resolve) => setTimeout(resolve, 250))
		}
		expect(seen.size, server.output()).toBeGreaterThanOrEqual(3)
		await new Promise((resolve) => setTimeout(resolve, 1000))
		expect(backupsIn(served).length).toBeLessThanOrEqual(2)
		for (const name of backupsIn(served)) expect(mode(path.join(served, name))).toBe(0o600)
		const sqlite = new SQLite(file, { readonly: true })
		const job = sqlite.prepare(`select outcome from scheduled_jobs where name = 'backup'`).get() as { outcome: string | null }
		sqlite.close()
		expect(job.outcome === null || job.outcome.startsWith(served)).toBe(true)
	} finally {
		await server.stop()
	}
	fs.rmSync(dir, { recursive: true, force: true })
})
