import fs from 'node:fs'
import path from 'node:path'

// Runs before each test file: a private copy of the migrated, seeded template database.
const template = path.resolve('tests/.tmp/template.db')
const copy = path.resolve(
	`tests/.tmp/test-${process.env.VITEST_POOL_ID ?? '0'}-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.db`,
)
fs.copyFileSync(template, copy)
process.env.DATABASE_PATH = copy
process.env.CONTENT_CACHE_DIR = path.resolve('tests/.tmp/content-cache')
