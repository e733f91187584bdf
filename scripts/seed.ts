import { assertDatabaseReady, describeDatabase, openDatabase } from '#db/connection.ts'
import { seed } from '#db/seed.ts'

// `npm run db:seed`: the demo Academy, on SQLite or PostgreSQL (DATABASE_URL). Idempotent.
const connection = openDatabase()
try {
	await assertDatabaseReady(connection)
} catch (error) {
	console.error((error as Error).message)
	await connection.db.destroy()
	process.exit(1)
}
const counts = await seed(connection.db)
console.log(
	`Seeded ${describeDatabase(connection.config)}: added ${counts.cohorts} cohorts, ${counts.delegations} delegations, ` +
		`${counts.users} users, ${counts.members} delegation members (existing rows were kept).`,
)
await connection.db.destroy()
