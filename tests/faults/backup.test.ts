import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import SQLite from 'better-sqlite3'
import { expect, test } from 'vitest'
import { addDelegates, checkFile, dumpTables, historyDisagreements, runBackupScript, type Server, startServer, tempDir } from './server.ts'
import { expectRestoredRoadmaps, Ledger, startDelegates, verifyAcknowledged } from './workload.ts'
import { createDemoDatabase } from '#db/seed.ts'

/** A few years of roadmap history (≈ 10 MB), so that the copy is more than a handful of pages. */
function addHistory(file: string, megabytes: number) {
	const sqlite = new SQLite(file)
	const insert = sqlite.prepare(
		`insert into roadmap_changes (roadmap_id, item_id, kind, change, before, after, user_id, created_at)
		 values ('roadmap-port-of-spain-2024-tt', ?, 'risk', 'delete', ?, null, 'user-alumni-tt', '2024-06-01T12:00:00.000Z')`,
	)
	const before = JSON.stringify({
		kind: 'risk',
		parentId: null,
		position: 0,
		data: { risk: 'A risk that was dropped. '.repeat(40), mitigation: '' },
	})
	sqlite.transaction(() => {
		for (let n = 0; n < megabytes * 1000; n++) insert.run(`old-risk-${n}`, before)
	})()
	sqlite.pragma('wal_checkpoint(TRUNCATE)')
	sqlite.close()
}

test('npm run db:backup copies a consistent database while delegates write, and the restored copy equals the source', async () => {
	const dir = tempDir('backup')
	const file = path.join(dir, 'academy.db')
	await createDemoDatabase(file)
	addHistory(file, 10)
	const delegates = await addDelegates(file, ['CO', 'MX', 'GT'], 4)
	const server = await startServer(file)
	let restored: Server | null = null
	const ledger = new Ledger()
	let passed = false
	try {
		const sessions = await startDelegates(server.url, ledger, delegates, file)
		let writing = true
		const running = sessions.map((session) => session.run(() => !writing))
		await new Promise((resolve) => setTimeout(resolve, 1500))

		// (a) A backup taken while the delegates keep writing.
		const duringFile = path.join(dir, 'backups', 'during.db')
		const backupStarted = performance.now()
		const acksBefore = ledger.acksBefore(backupStarted)
		await runBackupScript(file, duringFile)
		const backupMs = performance.now() - backupStarted
		const acksDuring = ledger.acks.length - acksBefore.length
		await new Promise((resolve) => setTimeout(resolve, 500))
		writing = false
		await Promise.all(running)
		expect(acksBefore.length, 'writes acknowledged before the backup').toBeGreaterThan(20)
		expect(acksDuring, 'writes acknowledged while the backup ran').toBeGreaterThan(0)
		expect(checkFile(duringFile)).toEqual({ integrity: ['ok'], foreignKeys: [] })
		expect(await historyDisagreements(duringFile)).toEqual([])
		const during = await verifyAcknowledged(duringFile, acksBefore, { exact: false })
		expect(during.problems).toEqual([])

		// (b) With the writes done: back up again, restore the copy as a new database file, and compare.
		const finalFile = path.join(dir, 'backups', 'final.db')
		await runBackupScript(file, finalFile)
		await server.stop()
		const restoredFile = path.join(dir, 'restored', 'academy.db')
		fs.mkdirSync(path.dirname(restoredFile), { recursive: true })
		fs.copyFileSync(finalFile, restoredFile)
		const source = dumpTables(file)
		const copy = dumpTables(restoredFile)
		expect(copy.map((table) => table.name)).toEqual(source.map((table) => table.name))
		for (const [index, table] of source.entries()) {
			expect(copy[index]!.sql, table.name).toBe(table.sql)
			expect(copy[index]!.rows.length, table.name).toBe(table.rows.length)
			expect(copy[index]!.rows, table.name).toEqual(table.rows)
		}
		const all = await verifyAcknowledged(restoredFile, ledger.acks, { exact: true })
		expect(all.problems).toEqual([])

		// A delegate signs in on a server started on the restored file and sees their roadmap as it was.
		restored = await startServer(restoredFile)
		await expectRestoredRoadmaps(restored.url, ledger, sessions)
		await restored.stop()
		expect(ledger.serverErrors).toEqual([])
		expect(ledger.unexpected).toEqual([])
		expect(ledger.networkErrors).toEqual([])
		const tables = source.map((table) => `${table.name}=${table.rows.length}`).join(' ')
		console.log(
			`backup: ${(fs.statSync(duringFile).size / 1e6).toFixed(1)} MB copied in ${backupMs.toFixed(0)} ms (npm run db:backup) while ${sessions.length} delegates wrote ` +
				`(${acksDuring} writes acknowledged meanwhile); all ${acksBefore.length} writes acknowledged before it are in it ` +
				`(${Object.entries(during.verified)
					.map(([k, n]) => `${k}=${n}`)
					.join(' ')}); ` +
				`restored copy equals the source row for row (${tables}); ${ledger.summary()}`,
		)
		passed = true
	} finally {
		await server.stop()
		await restored?.stop()
		if (passed) fs.rmSync(dir, { recursive: true, force: true })
		else console.log(`backup: files kept in ${dir}\n${server.output().slice(-3000)}`)
	}
})
