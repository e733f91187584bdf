import { createMigrator, databaseConfig, describeDatabase, explainConnectionError, openDatabase } from '#db/connection.ts'

// `npm run db:migrate` (or `… -- down` for one step back), on SQLite or PostgreSQL (DATABASE_URL).
const direction = process.argv[2] === 'down' ? 'down' : 'up'
const config = databaseConfig()
const connection = openDatabase(config)
const migrator = createMigrator(connection.db)
const { error, results } = direction === 'down' ? await migrator.migrateDown() : await migrator.migrateToLatest()
for (const result of results ?? []) {
	console.log(`${result.status === 'Success' ? 'ok  ' : 'FAIL'} ${result.direction} ${result.migrationName}`)
}
if (error) {
	const code = (error as { code?: string }).code
	console.error(
		code && !results?.length ? explainConnectionError(error, config) : `Migration failed on ${describeDatabase(config)}: ${String(error)}`,
	)
	await connection.db.destroy()
	process.exit(1)
}
if (!results?.length) console.log(`Database ${describeDatabase(config)} is up to date.`)
await connection.db.destroy()
