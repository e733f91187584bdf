// Exits 0 when a PostgreSQL server answers at the URL given (or TEST_DATABASE_URL), 1 otherwise.
import { DEFAULT_TEST_DATABASE_URL, postgresAnswers } from '#db/postgres-admin.ts'

process.exit((await postgresAnswers(process.argv[2] || process.env.TEST_DATABASE_URL || DEFAULT_TEST_DATABASE_URL)) ? 0 : 1)
