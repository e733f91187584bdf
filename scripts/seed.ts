import { createKysely, databasePath, openSqlite, pendingMigrations } from '#db/connection.ts'
import { seed } from '#db/seed.ts'

const sqlite = openSqlite()
const pending = pendingMigrations(sqlite)
if (pending.length) {
	console.error(`The database at ${databasePath()} is not migrated. Run \`npm run db:migrate\` first.`)
	process.exit(1)
}
const db = createKysely(sqlite)
const counts = await seed(db)
console.log(
	`Seeded ${databasePath()}: added ${counts.cohorts} cohorts, ${counts.delegations} delegations, ` +
		`${counts.users} users, ${counts.members} delegation members (existing rows were kept).`,
)
await db.destroy()
