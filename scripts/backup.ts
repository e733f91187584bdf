/**
 * A consistent online backup of the database (SQLite's backup API), safe while the server writes:
 *   npm run db:backup [-- --to backups/academy-2026-01-01.db]
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { databasePath, openSqlite } from '#db/connection.ts'

const { values } = parseArgs({ options: { to: { type: 'string' } } })
const stamp = new Date().toISOString().replace(/[:.]/g, '-')
const target = path.resolve(values.to ?? `backups/academy-${stamp}.db`)
fs.mkdirSync(path.dirname(target), { recursive: true })
const sqlite = openSqlite()
await sqlite.backup(target)
sqlite.close()
console.log(`Backed up ${databasePath()} to ${target}`)
