import path from 'node:path'

/** The database file the e2e server uses (fresh for every run). */
export const E2E_DATABASE = path.resolve('tests/.tmp/e2e.db')
