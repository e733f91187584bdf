import fs from 'node:fs'
import path from 'node:path'
import { expect, test } from 'vitest'
import { addDelegates, checkFile, historyDisagreements, type Server, startServer, tempDir } from './server.ts'
import { Ledger, startDelegates, verifyAcknowledged } from './workload.ts'
import { createDemoDatabase } from '#db/seed.ts'

const ROUNDS = 2
const LOAD_MS = 3000

test('a server killed with SIGKILL under write load restarts on an intact database holding every acknowledged write', async () => {
	const dir = tempDir('crash')
	const file = path.join(dir, 'academy.db')
	await createDemoDatabase(file)
	const delegates = await addDelegates(file, ['CO', 'MX', 'GT'], 6)
	let server: Server = await startServer(file)
	const ledger = new Ledger()
	let passed = false
	try {
		const sessions = await startDelegates(server.url, ledger, delegates, file)
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
			server = await startServer(file, server.port)
			expect(checkFile(file)).toEqual({ integrity: ['ok'], foreignKeys: [] })
			expect(historyDisagreements(file)).toEqual([])
			const { verified, problems } = verifyAcknowledged(file, ledger.acks, { exact: false })
			expect(problems).toEqual([])
			console.log(
				`crash round ${round}: SIGKILL after ${LOAD_MS} ms of writes by ${sessions.length} delegates; ` +
					`${acked} writes acknowledged this round, ${ledger.unanswered - unansweredBefore} in flight and unanswered; ` +
					`after restart integrity ok, all ${ledger.acks.length} acknowledged writes so far found ` +
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
		expect(checkFile(file)).toEqual({ integrity: ['ok'], foreignKeys: [] })
		expect(verifyAcknowledged(file, ledger.acks, { exact: false }).problems).toEqual([])
		expect(ledger.serverErrors).toEqual([])
		expect(ledger.unexpected).toEqual([])
		console.log(`crash: ${ledger.summary()}`)
		passed = true
	} finally {
		await server.stop()
		if (passed) fs.rmSync(dir, { recursive: true, force: true })
		else console.log(`crash: database kept in ${dir}\n${server.output().slice(-3000)}`)
	}
})
