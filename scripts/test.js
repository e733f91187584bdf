// `npm test`: typecheck and lint, then every test — unit and integration (vitest, real SQLite, then
// PostgreSQL when one answers), then the pages' JavaScript budgets on the production build
// (size-limit), then the fault tests (a backup and a SIGKILL under write load, against the
// production build in a child server), then the browser tests (Playwright against the production build in Debian's Chromium) —
// and one closing line with the totals: "N passed, N failed". The long load test is apart:
// `npm run test:load`, which .ci/run runs after this.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'

const REPORTS = '.cache/test-reports'
fs.rmSync(REPORTS, { recursive: true, force: true })
fs.mkdirSync(REPORTS, { recursive: true })

function run(command, args, env = {}) {
	const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
	return result.status ?? 1
}

const tools = run('node', ['scripts/ensure-test-tools.js'])
if (tools !== 0) process.exit(tools)

// The code must typecheck and lint clean before anything else runs.
for (const script of ['typecheck', 'lint']) {
	const status = run('npm', ['run', script])
	if (status !== 0) {
		console.log(`\n0 passed, 1 failed`)
		process.exit(status)
	}
}

// Unit, integration and authorization tests on SQLite, then again on PostgreSQL when a server
// answers at TEST_DATABASE_URL (a maintenance connection; each run creates and drops its own
// databases). Without one, one line says so and how to start it — unless REQUIRE_POSTGRES=1 (CI).
const vitest = (report, env = {}) =>
	run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${REPORTS}/${report}`], env)
const engines = ['sqlite']
let unitStatus = vitest('vitest.json')
const postgresUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test'
const postgres = spawnSync('npx', ['tsx', 'scripts/postgres-answers.ts', postgresUrl], { stdio: 'ignore' })
if (postgres.status === 0) {
	engines.push('postgres')
	unitStatus = vitest('vitest-postgres.json', { TEST_ENGINE: 'postgres', TEST_DATABASE_URL: postgresUrl }) || unitStatus
} else if (process.env.REQUIRE_POSTGRES === '1') {
	console.error(`PostgreSQL does not answer at ${postgresUrl}, and REQUIRE_POSTGRES=1: the PostgreSQL leg cannot run.`)
	unitStatus = 1
} else {
	console.log(
		`\nPostgreSQL does not answer at ${postgresUrl}: its leg is left out (start one, e.g. \`pg_ctlcluster 15 main start\`, or set TEST_DATABASE_URL).`,
	)
}
const buildStatus = run('npm', ['run', 'build'])
// The pages' JavaScript budgets (.size-limit.mjs), weighed on the build just made: sizes, not times,
// so they may fail the tests.
const budgets = []
if (buildStatus === 0) {
	const sizes = spawnSync('npx', ['size-limit', '--json'], { encoding: 'utf8' })
	try {
		budgets.push(...JSON.parse(sizes.stdout))
	} catch {
		console.error(`size-limit gave no results:\n${sizes.stdout}${sizes.stderr}`)
	}
	console.log('\nJavaScript budgets (gzip):')
	for (const budget of budgets) {
		const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`
		console.log(`  ${budget.passed ? '✓' : '✘'} ${budget.name}: ${kb(budget.size)} of ${kb(budget.sizeLimit)}`)
	}
}
const budgetStatus = budgets.length > 0 && budgets.every((budget) => budget.passed) ? 0 : 1
const faults = (report, env = {}) =>
	run(
		'npx',
		['vitest', 'run', '--config', 'vitest.faults.config.ts', '--reporter=default', '--reporter=json', `--outputFile=${REPORTS}/${report}`],
		env,
	)
let faultsStatus = buildStatus === 0 ? faults('faults.json') : 1
if (buildStatus === 0 && engines.includes('postgres')) {
	faultsStatus = faults('faults-postgres.json', { TEST_ENGINE: 'postgres', TEST_DATABASE_URL: postgresUrl }) || faultsStatus
}
const e2eStatus = buildStatus === 0 ? run('npx', ['playwright', 'test'], { PLAYWRIGHT_JSON_OUTPUT_NAME: `${REPORTS}/playwright.json` }) : 1

let passed = 0
let failed = 0
for (const [report, name] of [
	['vitest.json', 'unit and integration'],
	...(engines.includes('postgres') ? [['vitest-postgres.json', 'PostgreSQL unit and integration']] : []),
	['faults.json', 'fault'],
	...(engines.includes('postgres') ? [['faults-postgres.json', 'PostgreSQL fault']] : []),
]) {
	try {
		const vitest = JSON.parse(fs.readFileSync(`${REPORTS}/${report}`, 'utf8'))
		passed += vitest.numPassedTests
		failed += vitest.numFailedTests
	} catch {
		failed += 1
		console.error(`No ${name} test report was written.`)
	}
}
passed += budgets.filter((budget) => budget.passed).length
failed += budgets.filter((budget) => !budget.passed).length + (budgets.length === 0 ? 1 : 0)
try {
	const playwright = JSON.parse(fs.readFileSync(`${REPORTS}/playwright.json`, 'utf8'))
	passed += playwright.stats.expected + playwright.stats.flaky
	failed += playwright.stats.unexpected
} catch {
	failed += 1
	console.error('No Playwright report was written.')
}
const ok = unitStatus === 0 && buildStatus === 0 && budgetStatus === 0 && faultsStatus === 0 && e2eStatus === 0 && failed === 0
console.log(`\nengines: ${engines.join(', ')}`)
console.log(`${passed} passed, ${failed} failed`)
process.exit(ok ? 0 : 1)
