import { createKysely, createMigrator, databasePath, openSqlite } from '#db/connection.ts'

const direction = process.argv[2] === 'down' ? 'down' : 'up'
const sqlite = openSqlite()
const db = createKysely(sqlite)
const migrator = createMigrator(db)
const { error, results } = direction === 'down' ? await migrator.migrateDown() : await migrator.migrateToLatest()
for (const result of results ?? []) {
	console.log(`${result.status === 'Success' ? 'ok  ' : 'FAIL'} ${result.direction} ${result.migrationName}`)
}
if (error) {
	console.error(`Migration failed on ${databasePath()}:`, error)
	process.exit(1)
}
if (!results?.length) console.log(`Database ${databasePath()} is up to date.`)
await db.destroy()
