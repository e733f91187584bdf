import { defineConfig, devices } from '@playwright/test'
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './tests/chromium.ts'

const PORT = Number(process.env.E2E_PORT ?? 3210)

/**
 * Browser tests run against the production build (`npm run build` first), on a fresh migrated and
 * seeded database, in Debian's Chromium (Playwright's own browser download is not available here).
 */
export default defineConfig({
	testDir: './tests/e2e',
	timeout: 60_000,
	expect: { timeout: 10_000 },
	fullyParallel: true,
	workers: process.env.CI ? 2 : 2,
	// On CI one retry absorbs timing noise on a loaded machine; a retried test is reported as flaky.
	retries: process.env.CI ? 1 : 0,
	reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
	use: {
		baseURL: `http://localhost:${PORT}`,
		locale: 'en-US',
		trace: 'off',
		// Each test's fresh context would install the service worker and fetch the whole build for it;
		// tests/e2e/offline.spec.ts allows it, the others do without.
		serviceWorkers: 'block',
		launchOptions: {
			executablePath: CHROMIUM_PATH,
			args: CHROMIUM_FLAGS,
		},
	},
	projects: [{ name: 'chromium', use: { ...devices['Pixel 7'], browserName: 'chromium' } }],
	webServer: {
		command: 'npx tsx tests/e2e/start-server.ts',
		url: `http://localhost:${PORT}/healthz`,
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'ignore',
		stderr: 'pipe',
		env: { E2E_PORT: String(PORT) },
	},
})
