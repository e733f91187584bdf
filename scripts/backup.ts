/**
 * A consistent online backup of the database (SQLite's backup API), safe while the server writes:
 *   npm run db:backup [-- --to backups/academy-2026-01-01.db]
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { databasePath, openSqlite } from '#db/connection.ts'

const ALL_PAGES = 0x7fffffff

const { values } = parseArgs({ options: { to: { type: 'string' } } })
const stamp = new Date().toISOString().replace(/[:.]/g, '-')
const target = path.resolve(values.to ?? `backups/academy-${stamp}.db`)
fs.mkdirSync(path.dirname(target), { recursive: true })
const sqlite = openSqlite()
// All pages in one step, inside one read transaction. In steps (better-sqlite3's default is 100
// pages), every write the server commits between two steps restarts the copy from the first page: on
// a busy Academy a large file takes many times longer to back up, or never finishes. In WAL mode the
// reader blocks no writer, and the copy is the database as of that one snapshot.
await sqlite.backup(target, { progress: () => ALL_PAGES })
sqlite.close()
console.log(`Backed up ${databasePath()} to ${target}`)
