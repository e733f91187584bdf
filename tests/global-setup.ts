import fs from 'node:fs'
import path from 'node:path'
import { createDemoDatabase } from '#db/seed.ts'

export const TEMPLATE_DB = path.resolve('tests/.tmp/template.db')

/** Migrates and seeds one template database per test run; each test file works on a copy. */
export default async function setup() {
	fs.rmSync(path.dirname(TEMPLATE_DB), { recursive: true, force: true })
	await createDemoDatabase(TEMPLATE_DB)
}
