import { expect } from 'vitest'
import { isPostgresUrl } from '#db/connection.ts'
import { addDelegates, checkFile, historyDisagreements, type Server, startServer } from './server.ts'
import { Ledger, startDelegates, verifyAcknowledged } from './workload.ts'

const ROUNDS = 2
const LOAD_MS = 3000

/**
 * SIGKILL under write load, twice, on a migrated and seeded database (a SQLite file or a PostgreSQL
 * URL): after each restart every acknowledged write is there, each item agrees with its history, and
 * (SQLite) the file passes its integrity and foreign-key checks. `label` names the engine in the log.
 */
export async function sigkillUnderLoad(database: string, label: string, onPass: () => void = () => {}) {
	const sqliteFile = isPostgresUrl(database) ? null : database
	const checkIntegrity = () => {
		if (sqliteFile) expect(checkFile(sqliteFile)).toEqual({ integrity: ['ok'], foreignKeys: [] })
	}
	const delegates = await addDelegates(database, ['CO', 'MX', 'GT'], 6)
	let server: Server = await startServer(database)
	const ledger = new Ledger()
	let passed = false
	try {
		const sessions = await startDelegates(server.url, ledger, delegates, database)
		for (let round = 1; round <= ROUNDS; round++) {
			const acksBefore = ledger.acks.length
			const unansweredBefore = ledger.unanswered
			// 18 delegates write until the server is gone; kill it while they are at it.
			const running = sessions.map((session) => session.run(() => false))
			await new Promise((resolve) => setTimeout(resolve, LOAD_MS))
			await server.kill()
			await Promise.all(running)
			const acked = ledger.acks.length - acksBefore
			expect(acked, 'writes acknowledged before the kill').toBeGreaterThan(20)

			// Restart on the same file and port, as a process supervisor would.
			server = await startServer(database, server.port)
			checkIntegrity()
			expect(await historyDisagreements(database)).toEqual([])
			const { verified, problems } = await verifyAcknowledged(database, ledger.acks, { exact: false })
			expect(problems).toEqual([])
			console.log(
				`crash (${label}) round ${round}: SIGKILL after ${LOAD_MS} ms of writes by ${sessions.length} delegates; ` +
					`${acked} writes acknowledged this round, ${ledger.unanswered - unansweredBefore} in flight and unanswered; ` +
					`after restart ${sqliteFile ? 'integrity ok, ' : ''}all ${ledger.acks.length} acknowledged writes so far found ` +
					`(${Object.entries(verified)
						.map(([k, n]) => `${k}=${n}`)
						.join(' ')})`,
			)
			// People reload their pages and carry on against the restarted server.
			for (const session of sessions) await session.reload()
		}
		// The restarted server takes writes again; a clean stop keeps them too.
		const acksBefore = ledger.acks.length
		await Promise.all(sessions.map((session) => session.step()))
		await server.stop()
		expect(ledger.acks.length).toBeGreaterThan(acksBefore)
		checkIntegrity()
		expect((await verifyAcknowledged(database, ledger.acks, { exact: false })).problems).toEqual([])
		expect(ledger.serverErrors).toEqual([])
		expect(ledger.unexpected).toEqual([])
		console.log(`crash (${label}): ${ledger.summary()}`)
		onPass()
		passed = true
	} finally {
		await server.stop()
		if (!passed) console.log(`crash (${label}): the server's last output\n${server.output().slice(-3000)}`)
	}
}
