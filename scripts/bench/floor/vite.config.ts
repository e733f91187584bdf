/**
 * The bench's framework floor (issue 17): a bare Remix app of one route, built by `npm run bench`
 * and answered by the same server.js as the Academy (at /bench-floor, only when BENCH_FLOOR_BUILD
 * names its build). It renders the bench lesson's compiled content from memory — no database, no
 * session, no i18n — so the bench can show what the Academy adds on top of Remix, React and express.
 */
import path from 'node:path'
import { vitePlugin as remix } from '@remix-run/dev'
import { defineConfig } from 'vite'
import { REMIX_FUTURE } from '../../remix-future.ts'

const here = path.dirname(new URL(import.meta.url).pathname)

export default defineConfig({
	publicDir: false,
	logLevel: 'warn',
	build: { target: 'es2022' },
	plugins: [
		remix({
			appDirectory: path.join(here, 'app'),
			buildDirectory: path.resolve('.cache/bench/floor-build'),
			basename: '/bench-floor/',
			// Its one route is found in app/routes/, with no routes.ts of its own.
			future: { ...REMIX_FUTURE, v3_routeConfig: false },
		}),
	],
})
