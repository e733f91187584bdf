import { defineConfig } from 'vitest/config'

/**
 * The load test (`npm run test:load`): 100 delegates for LOAD_SECONDS (default 30) against the
 * production server, so it needs `npm run build` first. `.ci/run` runs it after `npm test`.
 */
export default defineConfig({
	test: {
		include: ['tests/load/**/*.test.ts'],
		pool: 'forks',
		fileParallelism: false,
		testTimeout: 600_000,
		hookTimeout: 60_000,
	},
})
