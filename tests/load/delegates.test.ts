import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { expect, test } from 'vitest'
import { addDelegates, checkFile, startServer, tempDir } from '#tests/faults/server.ts'
import { Ledger, startDelegates, verifyAcknowledged } from '#tests/faults/workload.ts'
import { createDatabase, dropDatabases, withDatabase } from '#db/postgres-admin.ts'
import { createDemoDatabase } from '#db/seed.ts'
import { TEST_DATABASE_URL, TEST_ENGINE } from '#tests/engine.ts'

const SECONDS = Number(process.env.LOAD_SECONDS || 30)
const DELEGATES = Number(process.env.LOAD_DELEGATES || 100)
/** Ten delegations: ten people on each roadmap, editing one shared pathway among other things. */
const COUNTRIES = ['CO', 'MX', 'GT', 'HN', 'SV', 'DO', 'PE', 'CL', 'AR', 'UY']
/** SQLite by default; TEST_ENGINE=postgres runs it on a database of its own on TEST_DATABASE_URL's server. */
const ENGINE = TEST_ENGINE === 'postgres' ? 'PostgreSQL' : 'SQLite'
const WORKERS = process.env.WEB_CONCURRENCY || '2'

test(
	`${DELEGATES} delegates edit their roadmaps and complete lessons for ${SECONDS} s on ${ENGINE} with ${WORKERS} workers: no 5xx, no lost write`,
	async () => {
		const dir = tempDir('load')
		const postgresName = `academy_test_load_${process.pid}_${Date.now().toString(36)}`
		const file = ENGINE === 'PostgreSQL' ? withDatabase(TEST_DATABASE_URL, postgresName) : path.join(dir, 'academy.db')
		if (ENGINE === 'PostgreSQL') await createDatabase(TEST_DATABASE_URL, postgresName)
		await createDemoDatabase(file)
		const delegates = (await addDelegates(file, COUNTRIES, Math.ceil(DELEGATES / COUNTRIES.length)))
			.sort((a, b) => a.userId.localeCompare(b.userId, 'en', { numeric: true }))
			.slice(0, DELEGATES)
		const server = await startServer(file, undefined, { WEB_CONCURRENCY: WORKERS })
		const ledger = new Ledger()
		let passed = false
		try {
			const sessions = await startDelegates(server.url, ledger, delegates, file)
			const setupRequests = ledger.requests
			const started = performance.now()
			const deadline = started + SECONDS * 1000
			await Promise.all(sessions.map((session) => session.run(() => performance.now() >= deadline)))
			const seconds = (performance.now() - started) / 1000
			await server.stop()

			const { verified, problems } = await verifyAcknowledged(file, ledger.acks, { exact: true })
			console.log(
				`load (${ENGINE}, ${WORKERS} workers): ${DELEGATES} delegates in ${new Set(delegates.map((d) => d.delegationId)).size} delegations, ${seconds.toFixed(1)} s ` +
					`(${((ledger.requests - setupRequests) / seconds).toFixed(0)} requests/s after sign-in) · ${ledger.summary()} · ` +
					`verified in the database: ${Object.entries(verified)
						.map(([k, n]) => `${k}=${n}`)
						.join(' ')}`,
			)
			expect(ledger.serverErrors).toEqual([])
			expect(ledger.networkErrors).toEqual([])
			expect(ledger.unexpected).toEqual([])
			expect(problems).toEqual([])
			// Every kind of write happened, and every acknowledged one was found.
			const acknowledged = (type: string) => ledger.acks.filter((ack) => ack.type === type).length
			for (const type of ['create', 'update', 'answer', 'complete'] as const) {
				expect(acknowledged(type), type).toBeGreaterThan(DELEGATES / 10)
				expect(verified[type], type).toBe(acknowledged(type))
			}
			if (ENGINE === 'SQLite') expect(checkFile(file)).toEqual({ integrity: ['ok'], foreignKeys: [] })
			passed = true
		} finally {
			await server.stop()
			if (ENGINE === 'PostgreSQL') await dropDatabases(TEST_DATABASE_URL, [postgresName])
			if (passed) fs.rmSync(dir, { recursive: true, force: true })
			else console.log(`load: database kept in ${dir}\n${server.output().slice(-3000)}`)
		}
	},
	(SECONDS + 240) * 1000,
)
