import { vitePlugin as remix } from '@remix-run/dev'
import { REMIX_FUTURE } from './scripts/remix-future.ts'
import { routeTexts } from './scripts/route-texts.ts'
import { defineConfig } from 'vitest/config'

declare module '@remix-run/node' {
	interface Future {
		v3_singleFetch: true
	}
}

export default defineConfig({
	server: { port: 3000 },
	build: { target: 'es2022' },
	// Server-only native modules: never pre-bundled for the browser by the dev server.
	optimizeDeps: { exclude: ['@node-rs/argon2', 'better-sqlite3'] },
	plugins: [
		!process.env.VITEST && remix({ future: REMIX_FUTURE }),
		// Each route's interface texts (decision record 0024); after Remix, which it reads the routes from.
		routeTexts(),
	],
	test: {
		include: [
			'app/**/*.test.{ts,tsx}',
			'tests/integration/**/*.test.ts',
			'tests/authorization/**/*.test.ts',
			'tests/unit/**/*.test.ts',
			// Tests of PostgreSQL itself, in the PostgreSQL leg of npm test (TEST_ENGINE=postgres).
			...(process.env.TEST_ENGINE === 'postgres' ? ['tests/postgres/**/*.test.ts'] : []),
		],
		globalSetup: ['./tests/global-setup.ts'],
		setupFiles: ['./tests/setup-db.ts'],
		pool: 'forks',
		testTimeout: 30_000,
		hookTimeout: 60_000,
	},
})
