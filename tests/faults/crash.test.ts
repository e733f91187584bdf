import fs from 'node:fs'
import path from 'node:path'
import { test } from 'vitest'
import { createDemoDatabase } from '#db/seed.ts'
import { sigkillUnderLoad } from './crash-scenario.ts'
import { tempDir } from './server.ts'

test('a server killed with SIGKILL under write load restarts on an intact database holding every acknowledged write', async () => {
	const dir = tempDir('crash')
	const file = path.join(dir, 'academy.db')
	await createDemoDatabase(file)
	let passed = false
	try {
		await sigkillUnderLoad(file, 'SQLite', () => (passed = true))
	} finally {
		if (passed) fs.rmSync(dir, { recursive: true, force: true })
		else console.log(`crash: database kept in ${dir}`)
	}
})
