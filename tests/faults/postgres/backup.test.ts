import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { afterAll, expect, test } from 'vitest'
import { createDatabase, dropDatabases, withDatabase } from '#db/postgres-admin.ts'
import { createDemoDatabase } from '#db/seed.ts'
import { TEST_DATABASE_URL } from '#tests/engine.ts'
import { TABLES, tableChecksum } from '../../../scripts/db-copy.ts'
import { openProbe } from '../probe.ts'
import { addDelegates, historyDisagreements, runBackupScript, type Server, startServer, tempDir } from '../server.ts'
import { expectRestoredRoadmaps, Ledger, startDelegates, verifyAcknowledged } from '../workload.ts'

const prefix = `academy_test_backup_${process.pid}_${Date.now().toString(36)}`
const names = { source: `${prefix}_source`, during: `${prefix}_during`, final: `${prefix}_final` }
afterAll(() => dropDatabases(TEST_DATABASE_URL, Object.values(names)))

async function tableSums(url: string) {
	const probe = await openProbe(url)
	try {
		const sums: Record<string, string> = {}
		for (const table of TABLES) sums[table] = `${tableChecksum(await probe.all(`select * from ${table}`))}`
		return sums
	} finally {
		await probe.close()
	}
}

function restore(dump: string, url: string) {
	execFileSync('pg_restore', ['--no-owner', `--dbname=${url}`, dump], { stdio: 'pipe' })
}

test('on PostgreSQL, npm run db:backup (pg_dump) copies a consistent database while delegates write, and pg_restore brings it back equal', async () => {
	const dir = tempDir('backup-postgres')
	const url = (name: string) => withDatabase(TEST_DATABASE_URL, name)
	await createDatabase(TEST_DATABASE_URL, names.source)
	await createDemoDatabase(url(names.source))
	const delegates = await addDelegates(url(names.source), ['CO', 'MX', 'GT'], 4)
	const server = await startServer(url(names.source))
	let restored: Server | null = null
	const ledger = new Ledger()
	try {
		const sessions = await startDelegates(server.url, ledger, delegates, url(names.source))
		let writing = true
		const running = sessions.map((session) => session.run(() => !writing))
		await new Promise((resolve) => setTimeout(resolve, 1500))

		// (a) A backup taken while the delegates keep writing, restored into a new database.
		const duringDump = path.join(dir, 'during.dump')
		const started = performance.now()
		const acksBefore = ledger.acksBefore(started)
		await runBackupScript(url(names.source), duringDump)
		const backupMs = performance.now() - started
		const acksDuring = ledger.acks.length - acksBefore.length
		await new Promise((resolve) => setTimeout(resolve, 500))
		writing = false
		await Promise.all(running)
		expect(acksBefore.length, 'writes acknowledged before the backup').toBeGreaterThan(20)
		await createDatabase(TEST_DATABASE_URL, names.during)
		restore(duringDump, url(names.during))
		expect(await historyDisagreements(url(names.during))).toEqual([])
		const during = await verifyAcknowledged(url(names.during), acksBefore, { exact: false })
		expect(during.problems).toEqual([])

		// (b) With the writes done: back up again, restore, and compare every table with the source.
		const finalDump = path.join(dir, 'final.dump')
		await runBackupScript(url(names.source), finalDump)
		await server.stop()
		await createDatabase(TEST_DATABASE_URL, names.final)
		restore(finalDump, url(names.final))
		expect(await tableSums(url(names.final))).toEqual(await tableSums(url(names.source)))
		expect((await verifyAcknowledged(url(names.final), ledger.acks, { exact: true })).problems).toEqual([])

		// A delegate signs in on a server started on the restored database and sees their roadmap as it was.
		restored = await startServer(url(names.final))
		await expectRestoredRoadmaps(restored.url, ledger, sessions)
		expect(ledger.serverErrors).toEqual([])
		expect(ledger.unexpected).toEqual([])
		console.log(
			`backup (PostgreSQL): pg_dump in ${backupMs.toFixed(0)} ms while ${sessions.length} delegates wrote (${acksDuring} writes acknowledged meanwhile); ` +
				`all ${acksBefore.length} writes acknowledged before it are in the restored copy; the final copy equals the source in all ${TABLES.length} tables; ${ledger.summary()}`,
		)
		fs.rmSync(dir, { recursive: true, force: true })
	} finally {
		await server.stop()
		await restored?.stop()
	}
}, 180_000)
