import { defineConfig } from 'vitest/config'

/**
 * Fault tests (`npm run test:faults`): a backup under write load, and a SIGKILL under write load.
 * They start the production server as a child process, so they need `npm run build` first; `npm test`
 * runs them after the build. Files run one after the other: each one loads both cores on its own.
 */
export default defineConfig({
	test: {
		// The SQLite fault tests; with TEST_ENGINE=postgres (npm test's PostgreSQL leg), the PostgreSQL ones.
		include: process.env.TEST_ENGINE === 'postgres' ? ['tests/faults/postgres/**/*.test.ts'] : ['tests/faults/*.test.ts'],
		pool: 'forks',
		fileParallelism: false,
		testTimeout: 180_000,
		hookTimeout: 60_000,
	},
})
