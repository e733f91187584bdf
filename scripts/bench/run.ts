/**
 * `npm run bench`: seeds the large data set into its own database on each engine, starts the
 * production server on it with one and with two workers, and drives it with autocannon (flat out)
 * and a paced sender of its own (at a rate); prints the figures side by side and writes
 * tests/bench/results/latest.{json,md}. Run after `npm run build` (the npm script does both). The figures are measurements, not tests: the script fails only when a page
 * does not answer as expected (so it can never time an error page).
 *
 *   BENCH_CONFIGS=sqlite:1,sqlite:2,postgres:1,postgres:2   (engine:workers, run in this order)
 *   BENCH_DATABASE_URL=postgres://…   a maintenance connection to the PostgreSQL server; the bench makes
 *                                     (and replaces) its own database `nap_academy_bench` there.
 *                                     Default postgres://postgres@127.0.0.1:5432/test; when nothing
 *                                     answers there and BENCH_DATABASE_URL is unset, SQLite only.
 *   BENCH_DURATION=10 (seconds per target)  BENCH_CONNECTIONS=50  BENCH_PORT=4117
 *   BENCH_SERVER_NODE_OPTIONS (NODE_OPTIONS for the server only; by default the heap limit `npm start` sets)
 */
import { type ChildProcess, type ExecFileSyncOptions, execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import autocannon, { type Result } from 'autocannon'
import { readEvents } from '#tests/sse.ts'
import { DEFAULT_TEST_DATABASE_URL, createDatabase, dropDatabases, postgresAnswers, withDatabase } from '#db/postgres-admin.ts'
import {
	BENCH_ACCOUNTS,
	BENCH_LESSON,
	BENCH_PASSWORD,
	benchDelegate,
	generator,
	DEFAULT_BENCH_DB,
	LARGEST_COHORT_ID,
	type SeedSummary,
} from './seed-large.ts'

const DURATION = positive('BENCH_DURATION', 10)
const CONNECTIONS = positive('BENCH_CONNECTIONS', 50)
const PORT = positive('BENCH_PORT', 4117)
const WARMUP_SECONDS = 2
const LESSON_RATE = positive('BENCH_LESSON_RATE', 50)
const DASHBOARD_RATE = positive('BENCH_DASHBOARD_RATE', 5)
const ORIGIN = `http://127.0.0.1:${PORT}`
const RESULTS_DIR = path.resolve('tests/bench/results')
/** The static baseline, written into the client build of the server being measured. */
const baselineFile = (dir: string) => path.join(dir, 'build/client/bench-baseline.html')
let baselineWritten: string | null = null

/** The V8 options `npm start` gives the server, read from a checkout's package.json so the two cannot drift. */
function startNodeOptions(dir = '.') {
	const start =
		(JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? ''
	return start.match(/--max-old-space-size=\d+/g)?.join(' ') ?? ''
}
const START_NODE_OPTIONS = startNodeOptions()

const BENCH_POSTGRES_DATABASE = 'nap_academy_bench'

/**
 * The build the bench measures side by side with this one (BENCH_BEFORE, a git ref; "none" skips it):
 * by default the commit issue 17 ("fast on a cheap phone") measured its figures against, the last one
 * before that work. BENCH_BEFORE_CONFIGS says on which engines and worker counts (default both worker
 * counts on SQLite, the issue's own table).
 */
const BEFORE_REF = process.env.BENCH_BEFORE || '560c107'
const BEFORE_CONFIGS = process.env.BENCH_BEFORE_CONFIGS || 'sqlite:1,sqlite:2'

/** Which build a configuration ran: this checkout's, or the one of BENCH_BEFORE. */
type Build = {
	name: 'now' | 'before'
	label: string
	dir: string
	/** The framework floor of this build: the server's settings for it and the lesson title on its page. */
	floor: { env: Record<string, string>; title: string } | null
}

type Engine = 'sqlite' | 'postgres'
type BenchConfig = { engine: Engine; workers: number }

/** BENCH_CONFIGS, e.g. "sqlite:1,sqlite:2,postgres:1,postgres:2" (the default). */
function benchConfigs(raw = process.env.BENCH_CONFIGS || 'sqlite:1,sqlite:2,postgres:1,postgres:2', name = 'BENCH_CONFIGS'): BenchConfig[] {
	return raw.split(',').map((entry) => {
		const match = /^(sqlite|postgres):([1-9]\d*)$/.exec(entry.trim())
		if (!match) throw new Error(`${name}: "${entry}" is not engine:workers (sqlite:1, postgres:2 …)`)
		return { engine: match[1] as Engine, workers: Number(match[2]) }
	})
}

/** The throughput two workers must reach, as a multiple of one worker's, on a 2-core machine. */
const TWO_WORKER_SPEED_UP = 1.7

/** Issue 17's goals, per request on one worker unless said (its "today" column is the BENCH_BEFORE build). */
const ISSUE_17 = {
	lessonCpuMs: 3,
	homeCpuMs: 2,
	dashboardCpuMs: 12,
	roadmapCpuMs: 12,
	taQueueCpuMs: 6,
	timeouts: 0,
	lessonToStaticTwoWorkers: 0.25,
}

const TARGETS = {
	lessonP99Ms: 50,
	dashboardP50Ms: 100,
	errors: 0,
	peakMemoryMb: 300,
	startToHealthyMs: 2000,
	lessonJsKbGzip: 100,
	/** The roadmap workspace, for Mexico's 4/10/16/23 plan (issue 13). */
	documentCpuMs: 15,
	documentHtmlKb: 60,
	matrixCpuMs: 20,
	saveCpuMs: 5,
	/** Live roadmaps (issue 14): from a save to the others' screens, 20 screens on one roadmap, one save a second. */
	liveP95Ms: 1000,
}

function positive(name: string, fallback: number) {
	const value = Number(process.env[name] ?? fallback)
	if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`)
	return value
}

// -------------------------------------------------------------------------------------------------
// The server, its start-up time and its memory

type Server = { child: ChildProcess; startToHealthyMs: number }

/** The server's output, shown when something goes wrong. */
const serverLog: string[] = []

async function startServer(
	database: { DATABASE_PATH: string } | { DATABASE_URL: string },
	workers: number,
	build: Build,
	extraEnv: Record<string, string> = {},
): Promise<Server> {
	const started = performance.now()
	// node itself, not npm: the child's pid is the server's, for /proc/<pid>/status.
	const child = spawn(process.execPath, ['server.js'], {
		cwd: build.dir,
		env: {
			...process.env,
			...extraEnv,
			NODE_ENV: 'production',
			DATABASE_URL: '',
			...database,
			PORT: String(PORT),
			HOST: '127.0.0.1',
			WEB_CONCURRENCY: String(workers),
			// The once-a-minute scheduled work (digests, reminders over the bench's 4 000 delegates) would
			// land in whichever page is being measured at the time: off, on both builds.
			SCHEDULED_WORK_SECONDS: '0',
			// The same heap limit as `npm start` (package.json), unless told otherwise.
			NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS ?? startNodeOptions(build.dir),
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	const keep = (chunk: Buffer) => serverLog.push(...chunk.toString().split('\n').filter(Boolean))
	child.stdout!.on('data', keep)
	child.stderr!.on('data', keep)
	running = child
	while (performance.now() - started < 30_000) {
		if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode}`)
		const ok = await fetch(`${ORIGIN}/healthz`, { signal: AbortSignal.timeout(1000) })
			.then((response) => response.status === 200)
			.catch(() => false)
		if (ok) return { child, startToHealthyMs: performance.now() - started }
		await new Promise((resolve) => setTimeout(resolve, 10))
	}
	throw new Error('No 200 from /healthz within 30 s')
}

/** The pids of /proc whose file `file` passes `test` (a process may end, or not be ours to read, meanwhile). */
function processesWhere(file: 'stat' | 'cmdline', test: (text: string) => boolean) {
	const pids: number[] = []
	for (const entry of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(entry)) continue
		try {
			if (test(fs.readFileSync(`/proc/${entry}/${file}`, 'utf8'))) pids.push(Number(entry))
		} catch {
			// Gone, or not ours to read.
		}
	}
	return pids
}

/** The server's processes: the one started and, with several workers, its cluster's workers. */
function serverProcesses(pid: number) {
	const parentOf = (stat: string) => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
	return [pid, ...processesWhere('stat', (stat) => parentOf(stat) === pid)]
}

/** PostgreSQL's server processes for the bench database (their title names it: "postgres: user db …"). */
function databaseProcesses(engine: Engine) {
	if (engine !== 'postgres') return []
	return processesWhere('cmdline', (title) => title.startsWith('postgres:') && title.includes(` ${BENCH_POSTGRES_DATABASE} `))
}

let running: ChildProcess | null = null

/** SIGTERM (the server closes its keep-alive connections within 5 s), then SIGKILL. */
async function stopServer() {
	const child = running
	running = null
	if (!child || child.exitCode !== null || child.signalCode !== null) return
	const exited = new Promise((resolve) => child.once('exit', resolve))
	child.kill('SIGTERM')
	const timer = setTimeout(() => child.kill('SIGKILL'), 6000)
	await exited
	clearTimeout(timer)
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		running?.kill('SIGKILL')
		if (baselineWritten) fs.rmSync(baselineWritten, { force: true })
		process.exit(130)
	})
}
process.on('exit', () => running?.kill('SIGKILL'))

/** A field of /proc/<pid>/status in MB (VmHWM: the peak resident set size since the process started). */
function procStatusMb(pid: number, field: 'VmHWM' | 'VmRSS') {
	let status: string
	try {
		status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
	} catch {
		return 0 // the process has ended
	}
	const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
	if (!match) throw new Error(`No ${field} in /proc/${pid}/status`)
	return Number(match[1]) / 1024
}

// -------------------------------------------------------------------------------------------------
// Signing in and checking pages

async function signIn(email: string) {
	const response = await fetch(`${ORIGIN}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { Origin: ORIGIN, 'Content-Type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password: BENCH_PASSWORD, redirectTo: '/home' }),
	})
	const cookies = response.headers.getSetCookie().map((cookie) => cookie.split(';')[0]!)
	if (response.status !== 302 || !cookies.length) {
		throw new Error(`Signing in as ${email} answered ${response.status} without a session cookie`)
	}
	// Sessions are Secure in production; over plain HTTP the benchmark sends the header itself.
	return cookies.join('; ')
}

type Target = {
	name: string
	path: string
	cookie?: string
	/**
	 * One session per connection, in turn (many delegates reading at once, as at a convening), instead
	 * of every connection sharing `cookie`: a lesson view records the viewer's progress, and 50
	 * connections of one person would queue on one row — a load no convening makes.
	 */
	cookies?: string[]
	method?: 'GET' | 'POST'
	body?: string
	/** Statuses that count as success; anything else is an error. */
	ok: number[]
	/**
	 * Requests per second, sent at random moments whether or not the earlier ones are answered
	 * (`paced`). Without it each of autocannon's connections sends its next request as soon as the
	 * last is answered (saturation: latency ≈ connections × server time per request); with it, latency
	 * is what a person waits at that traffic.
	 */
	rate?: number
	/** Checked once before the run: the page answers with this status and contains every text. */
	expect: { status: number; texts: string[]; location?: string }
}

async function verify(target: Target) {
	const response = await fetch(`${ORIGIN}${target.path}`, {
		method: target.method ?? 'GET',
		redirect: 'manual',
		headers: {
			...(target.cookie ? { Cookie: target.cookie } : {}),
			...(target.body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}),
		},
		body: target.body,
	})
	const body = await response.text()
	const problems = []
	if (response.status !== target.expect.status) problems.push(`status ${response.status}, expected ${target.expect.status}`)
	for (const text of target.expect.texts) if (!body.includes(text)) problems.push(`no "${text}" in the page`)
	const location = response.headers.get('location') ?? ''
	if (target.expect.location && !location.includes(target.expect.location)) problems.push(`redirected to "${location}"`)
	if (problems.length) throw new Error(`${target.name} (${target.method ?? 'GET'} ${target.path}): ${problems.join('; ')}`)
	return body
}

// -------------------------------------------------------------------------------------------------
// Load

type Row = {
	name: string
	method: string
	path: string
	requests: number
	requestsPerSecond: number
	p50Ms: number
	p99Ms: number
	maxMs: number
	/**
	 * The app server's CPU time per request, all its processes together: steadier than latency on a
	 * shared machine, and with one Node process at saturation, latency ≈ connections × this (Little's law).
	 */
	serverCpuMsPerRequest: number
	/** PostgreSQL's CPU time per request (its processes serving the bench database); 0 on SQLite, in-process. */
	databaseCpuMsPerRequest: number
	/** The largest peak resident memory (VmHWM) of one server process so far, read after this target's run. */
	peakMemoryMbAfter: number
	errors: number
	/** Requests the client gave up on (no answer within autocannon's 10 s), counted in `errors` too. */
	timeouts: number
	statusCodes: Record<string, number>
	/** Requests per second relative to the static baseline (1 = as fast as serving a file). */
	ratioToBaseline: number | null
	/** App CPU per request relative to the framework floor's (1 = no more than a bare Remix route). */
	cpuToFloor: number | null
}

/** User + system CPU time of a process so far, in milliseconds (/proc/<pid>/stat fields 14 and 15). */
function cpuMs(pid: number) {
	let stat: string
	try {
		stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
	} catch {
		return 0 // the process has ended
	}
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ') // after "pid (comm) "
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS
}
const CLOCK_TICKS = (() => {
	try {
		return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
	} catch {
		return 100
	}
})()

/** Gives each new connection the target's headers with the next session of the list. */
function eachConnection(cookies: string[], headers: Record<string, string>) {
	let next = 0
	return (client: { setHeaders(headers: Record<string, string>): void }) =>
		client.setHeaders({ ...headers, cookie: cookies[next++ % cookies.length]! })
}

const totalCpuMs = (pids: number[]) => pids.reduce((sum, pid) => sum + cpuMs(pid), 0)

/** What one run of a target measured, from autocannon (flat out) or the paced sender (at a rate). */
type Measured = {
	statusCodes: Record<string, number>
	/** Requests with no answer: time-outs and connection errors. */
	errors: number
	timeouts: number
	p50Ms: number
	p99Ms: number
	maxMs: number
	seconds: number
}

async function flatOut(options: Parameters<typeof autocannon>[0], seconds: number): Promise<Measured> {
	const result: Result = await autocannon({ ...options, duration: seconds })
	return {
		statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, stats]) => [code, stats.count])),
		errors: result.errors,
		timeouts: result.timeouts,
		p50Ms: result.latency.p50,
		p99Ms: result.latency.p99,
		maxMs: result.latency.max,
		seconds: result.duration,
	}
}

/** The value below which a share `q` of the values lie, rounded to whole milliseconds (0 when there are none). */
function quantile(values: number[], q: number) {
	if (!values.length) return 0
	return Math.round([...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))]!)
}

/**
 * Sends `rate` requests a second for `seconds`, each at its own moment, whether or not the earlier
 * ones are answered (open loop): arrivals at random (exponential gaps, as people who click
 * independently of each other), from a fixed seed. Each latency runs from the moment the request was
 * due, so a late sender or a full connection pool counts against the server, never hides it.
 * autocannon's own rate limit sends each connection's share in one burst at the start of every
 * second — at 50 req/s, 50 requests at once, and a p99 that only measures how long the burst takes.
 */
async function paced(target: Target, headers: Record<string, string>, rate: number, seconds: number): Promise<Measured> {
	const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS })
	// A fixed seed: every run sends on the same schedule.
	const random = generator(17).next
	const statusCodes: Record<string, number> = {}
	const latencies: number[] = []
	let errors = 0
	let timeouts = 0
	let next = 0
	const send = (due: number) =>
		new Promise<void>((resolve) => {
			let settled = false
			/** Once per request: an answer read to its end, or none (a time-out, an error, a cut-off answer). */
			const settle = (statusCode?: number) => {
				if (settled) return
				settled = true
				if (statusCode === undefined) errors++
				else {
					statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1
					latencies.push(performance.now() - due)
				}
				resolve()
			}
			const cookie = target.cookies?.length ? target.cookies[next++ % target.cookies.length]! : headers.cookie
			const request = http.request(
				`${ORIGIN}${target.path}`,
				{ method: target.method ?? 'GET', agent, headers: { ...headers, ...(cookie ? { cookie } : {}) }, timeout: 10_000 },
				(response) => {
					response.resume()
					response.on('end', () => settle(response.statusCode!))
					response.on('close', () => settle())
				},
			)
			request.on('timeout', () => {
				timeouts++
				request.destroy(new Error('timed out'))
			})
			request.on('error', () => settle())
			request.end(target.body)
		})
	const start = performance.now()
	const end = start + seconds * 1000
	const sent: Array<Promise<void>> = []
	for (let due = start - Math.log(1 - random()) * (1000 / rate); due < end; due -= Math.log(1 - random()) * (1000 / rate)) {
		const wait = due - performance.now()
		if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait))
		sent.push(send(due))
	}
	await Promise.all(sent)
	agent.destroy()
	return {
		statusCodes,
		errors,
		timeouts,
		p50Ms: quantile(latencies, 0.5),
		p99Ms: quantile(latencies, 0.99),
		maxMs: quantile(latencies, 1),
		seconds,
	}
}

async function load(
	target: Target,
	server: { pid: number; engine: Engine },
): Promise<Omit<Row, 'ratioToBaseline' | 'cpuToFloor' | 'peakMemoryMbAfter'>> {
	const headers: Record<string, string> = {
		...(target.cookie ? { cookie: target.cookie } : {}),
		...(target.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
	}
	const options = {
		url: `${ORIGIN}${target.path}`,
		connections: CONNECTIONS,
		method: target.method ?? 'GET',
		headers,
		body: target.body,
		...(target.cookies?.length ? { setupClient: eachConnection(target.cookies, headers) } : {}),
	}
	const run = (seconds: number) => (target.rate ? paced(target, headers, target.rate, seconds) : flatOut(options, seconds))
	await run(WARMUP_SECONDS)
	const appPids = serverProcesses(server.pid)
	const databasePids = databaseProcesses(server.engine)
	const cpuBefore = totalCpuMs(appPids)
	const databaseCpuBefore = totalCpuMs(databasePids)
	const result = await run(DURATION)
	const cpu = totalCpuMs(appPids) - cpuBefore
	const databaseCpu = totalCpuMs(databasePids) - databaseCpuBefore
	// Requests that timed out on the client may still be in the server's queue: let it drain first.
	await fetch(`${ORIGIN}/healthz`, { signal: AbortSignal.timeout(60_000) })
	const { statusCodes } = result
	const unexpected = Object.entries(statusCodes)
		.filter(([code]) => !target.ok.includes(Number(code)))
		.reduce((sum, [, count]) => sum + count, 0)
	const requests = Object.values(statusCodes).reduce((sum, count) => sum + count, 0)
	return {
		name: target.name,
		method: target.method ?? 'GET',
		path: target.path,
		requests,
		requestsPerSecond: requests / result.seconds,
		p50Ms: result.p50Ms,
		p99Ms: result.p99Ms,
		maxMs: result.maxMs,
		serverCpuMsPerRequest: requests ? cpu / requests : 0,
		databaseCpuMsPerRequest: requests ? databaseCpu / requests : 0,
		// Time-outs and connection errors, with the answers of an unexpected status.
		errors: unexpected + result.errors,
		timeouts: result.timeouts,
		statusCodes,
	}
}

// -------------------------------------------------------------------------------------------------
// The lesson page's JavaScript

/**
 * Every script a page loads, gzipped: its module preloads and imports, and its inline scripts, which
 * carry the page's interface texts (decision record 0024) with Remix's context.
 */
async function lessonJavaScript(html: string, cookie: string) {
	const urls = new Set<string>()
	for (const match of html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)) urls.add(match[1]!)
	for (const match of html.matchAll(/import(?:\s+\*\s+as\s+\w+\s+from)?\s*"([^"]+\.js)"/g)) urls.add(match[1]!)
	const entry = /"entry":\s*\{\s*"module":\s*"([^"]+\.js)"/.exec(html)
	if (!entry) throw new Error('No entry module in the lesson page')
	urls.add(entry[1]!)
	const files: Array<{ url: string; bytes: number; gzipBytes: number }> = []
	// With the page's session: a lesson's compiled content (/mdx/…) is for signed-in people only, and
	// without it the sign-in page would be counted in its place.
	const fetchScript = async (url: string) => {
		const response = await fetch(new URL(url, ORIGIN), { headers: { Cookie: cookie }, redirect: 'manual' })
		const type = response.headers.get('content-type') ?? ''
		if (response.status !== 200 || !/^(text|application)\/javascript/.test(type))
			throw new Error(`${url} answered ${response.status} (${type})`)
		const bytes = Buffer.from(await response.arrayBuffer())
		files.push({ url, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length })
		return bytes.toString('utf8')
	}
	for (const url of urls) await fetchScript(url)
	// Inline scripts: Remix's context, route module imports, the page's texts and the loader data,
	// which carries the lesson's compiled MDX (JavaScript run by getMDXComponent).
	const inline = [...html.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((match) => match[1]!).join('\n')
	const inlineBytes = Buffer.from(inline)
	const kb = (bytes: number) => bytes / 1024
	const filesGzip = files.reduce((sum, file) => sum + file.gzipBytes, 0)
	const inlineGzip = gzipSync(inlineBytes, { level: 9 }).length
	return {
		files: files.sort((a, b) => b.gzipBytes - a.gzipBytes),
		filesKb: kb(files.reduce((sum, file) => sum + file.bytes, 0)),
		filesKbGzip: kb(filesGzip),
		inlineKb: kb(inlineBytes.length),
		inlineKbGzip: kb(inlineGzip),
		totalKbGzip: kb(filesGzip + inlineGzip),
	}
}

// -------------------------------------------------------------------------------------------------
// One configuration: an engine and a number of workers

type ConfigReport = Awaited<ReturnType<typeof measureConfig>>

const describeConfig = (config: BenchConfig) =>
	`${config.engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ${config.workers} worker${config.workers === 1 ? '' : 's'}`
const describeReport = (report: ConfigReport) =>
	`${report.build.name === 'before' ? `before (${report.build.label}), ` : ''}${describeConfig({ engine: report.engine, workers: report.webConcurrency })}`

/** The framework floor's page (scripts/bench/floor/): the bench lesson's title is on it. */
const FLOOR_PATH = '/bench-floor/'
const FLOOR_NAME = 'framework floor (bare Remix route)'

/**
 * The framework floor, on a server of its own with the same configuration (its app in memory beside
 * the Academy's would count in the Academy's memory figures): started, measured, stopped.
 */
async function measureFloor(config: BenchConfig, database: { DATABASE_PATH: string } | { DATABASE_URL: string }, build: Build) {
	const server = await startServer(database, config.workers, build, build.floor!.env)
	try {
		const floor: Target = { name: FLOOR_NAME, path: FLOOR_PATH, ok: [200], expect: { status: 200, texts: [build.floor!.title] } }
		await verify(floor)
		process.stdout.write(`  ${floor.name} (a server of its own) … `)
		const measured = await load(floor, { pid: server.child.pid!, engine: config.engine })
		console.log(
			`${fixed(measured.requestsPerSecond)} req/s, p50 ${measured.p50Ms} ms, app CPU ${fixed(measured.serverCpuMsPerRequest, 1)} ms/request`,
		)
		return measured
	} finally {
		await stopServer()
	}
}

async function measureConfig(
	config: BenchConfig,
	seed: SeedSummary,
	database: { DATABASE_PATH: string } | { DATABASE_URL: string },
	build: Build,
) {
	console.log(
		`\n${build.name === 'before' ? `Before (${build.label}): ` : ''}${describeConfig(config)} (WEB_CONCURRENCY=${config.workers})`,
	)
	const floorMeasured = build.floor ? await measureFloor(config, database, build) : null
	const server = await startServer(database, config.workers, build)
	const pid = server.child.pid!
	console.log(`Server pid ${pid}: first 200 from /healthz ${fixed(server.startToHealthyMs)} ms after spawn.`)
	try {
		const [delegate, facilitator, staff] = await Promise.all([
			signIn(BENCH_ACCOUNTS.delegate),
			signIn(BENCH_ACCOUNTS.facilitator),
			signIn(BENCH_ACCOUNTS.staff),
		])
		// One delegate per connection for the lesson page (delegate 1 is `delegate`).
		const delegates = [delegate]
		for (let n = 2; n <= CONNECTIONS; n++) delegates.push(await signIn(benchDelegate(n)))
		// Every worker is up and has served a page before the first figure is taken.
		const idleRssMb = serverProcesses(pid).reduce((sum, p) => sum + procStatusMb(p, 'VmRSS'), 0)
		const lessonPath = `/learn/${BENCH_LESSON.module}/${BENCH_LESSON.lesson}`
		const roadmap = `/roadmaps/${seed.roadmapDelegationId}`
		const page = (expected: string[]) => ({ ok: [200], expect: { status: 200, texts: expected } })
		const lessonTarget: Target = {
			name: 'lesson page',
			path: lessonPath,
			cookie: delegate,
			cookies: delegates,
			...page(['check-toc-or-logframe', 'lesson-complete']),
		}
		const lessonHtml = await verify(lessonTarget)
		const dashboardTarget: Target = {
			name: 'dashboard (400 delegates)',
			path: `/cohorts/${LARGEST_COHORT_ID}/dashboard`,
			cookie: facilitator,
			...page(seed.largestCohort.delegationIds.map((id) => `delegation=${id}`)),
		}
		// The baseline: a static file of the lesson page's size, served by express.static.
		const prefix = '<!DOCTYPE html><p>'
		baselineWritten = baselineFile(build.dir)
		fs.writeFileSync(baselineWritten, prefix + 'x'.repeat(Math.max(0, Buffer.byteLength(lessonHtml) - prefix.length)))
		const baseline: Target = { name: 'baseline (static file)', path: '/bench-baseline.html', ...page([]) }
		const targets: Target[] = [
			baseline,
			{ name: 'public home', path: '/', ...page(['Large cohort']) },
			lessonTarget,
			// The same page at a convening's pace: 250 delegates each opening a page every 5 s.
			{ ...lessonTarget, name: `lesson page at ${LESSON_RATE} req/s`, rate: LESSON_RATE },
			dashboardTarget,
			// Every facilitator and staff member of the cohort refreshing the dashboard every 2 s.
			{ ...dashboardTarget, name: `dashboard at ${DASHBOARD_RATE} req/s`, rate: DASHBOARD_RATE },
			{
				name: 'roadmap page',
				path: `${roadmap}/strategic-design`,
				cookie: delegate,
				...page(['Strategic objective 10', 'Line of action 16']),
			},
			{ name: 'results matrix', path: `${roadmap}/matrix`, cookie: delegate, ...page(['Line of action 1', 'Line of action 16']) },
			{ name: 'roadmap print', path: `${roadmap}/print`, cookie: delegate, ...page(['Line of action 16', 'Indicator 23']) },
			{ name: 'TA queue (200 requests, 50 a page)', path: '/assistance', cookie: staff, ...page(['200 solicitudes', 'Página 1 de 4']) },
			{
				name: 'mark lesson complete',
				path: lessonPath,
				// The bench delegate, who has answered the lesson's checks (others may not have: their
				// "complete" is refused until they do).
				cookie: delegate,
				method: 'POST',
				body: 'intent=complete',
				// A plain form post answers with a redirect back to the lesson.
				ok: [200, 302, 303],
				expect: { status: 302, texts: [], location: '#lesson-complete' },
			},
		]
		const peakMemory = () => Math.max(...serverProcesses(pid).map((p) => procStatusMb(p, 'VmHWM')))
		const rows: Row[] = []
		for (const target of targets) {
			const verified = await verify(target)
			if (target === baseline && Buffer.byteLength(verified) !== Buffer.byteLength(lessonHtml))
				throw new Error('The baseline file is not the lesson page’s size')
			process.stdout.write(`  ${target.name} … `)
			const measured = await load(target, { pid, engine: config.engine })
			const ratio = rows[0] ? measured.requestsPerSecond / rows[0].requestsPerSecond : 1
			// At a fixed rate, req/s is the rate asked for: no ratio to compare.
			rows.push({
				...measured,
				ratioToBaseline: target === baseline || target.rate ? null : ratio,
				cpuToFloor:
					floorMeasured && target !== baseline && floorMeasured.serverCpuMsPerRequest > 0
						? measured.serverCpuMsPerRequest / floorMeasured.serverCpuMsPerRequest
						: null,
				peakMemoryMbAfter: peakMemory(),
			})
			console.log(
				`${fixed(measured.requestsPerSecond)} req/s, p50 ${measured.p50Ms} ms, p99 ${measured.p99Ms} ms, ${measured.errors} errors, ` +
					`app CPU ${fixed(measured.serverCpuMsPerRequest, 1)} ms/request` +
					(config.engine === 'postgres' ? `, PostgreSQL CPU ${fixed(measured.databaseCpuMsPerRequest, 1)} ms/request` : '') +
					`, peak memory of a process so far ${fixed(rows.at(-1)!.peakMemoryMbAfter)} MB`,
			)
			// The floor's row (measured before this server started) beside the static file's.
			if (target === baseline && floorMeasured)
				rows.push({
					...floorMeasured,
					ratioToBaseline: floorMeasured.requestsPerSecond / rows[0]!.requestsPerSecond,
					cpuToFloor: null,
					peakMemoryMbAfter: 0,
				})
		}

		const serverFigures = (peakMemoryMb: number) => ({
			startToHealthyMs: server.startToHealthyMs,
			processes: serverProcesses(pid).length,
			idleRssMbAllProcesses: idleRssMb,
			peakMemoryMbOneProcess: peakMemoryMb,
		})
		const buildFigures = { name: build.name, label: build.label }
		// The build before: its pages only, for the side-by-side (its workspace figures are in its own results).
		if (build.name === 'before') {
			return {
				build: buildFigures,
				engine: config.engine,
				webConcurrency: config.workers,
				server: serverFigures(peakMemory()),
				javascript: await lessonJavaScript(lessonHtml, delegate),
				rows,
				saves: null,
				live: null,
				weights: null,
				checks: [],
			}
		}

		// The roadmap workspace: saving one action, again and again, and what its pages weigh.
		process.stdout.write('  save one action … ')
		const saves = await saveActions(`${roadmap}/strategic-design`, delegate, seed.roadmapActionId, pid)
		console.log(`${saves.saves} saves, p50 ${saves.p50Ms} ms, app CPU ${fixed(saves.serverCpuMsPerSave, 1)} ms/save`)
		process.stdout.write('  live roadmap, 20 screens, one save a second … ')
		const members = [delegate]
		for (let n = 2; n <= 10; n++) members.push(await signIn(benchDelegate(n)))
		const live = await liveFanOut(roadmap, members, seed.roadmapActionId, pid)
		console.log(
			`${live.saves} saves to ${live.screens} screens: event p50 ${live.eventP50Ms} ms, p95 ${live.eventP95Ms} ms; ` +
				`on screen (event + the page's data read again) p50 ${live.screenP50Ms} ms, p95 ${live.screenP95Ms} ms; ` +
				`${fixed(live.memoryKbPerStream, 1)} KB per open stream (${live.memoryStreams} streams)`,
		)
		const weights = await roadmapWeights(roadmap, delegate, seed.roadmapActionId)
		for (const weight of weights) {
			console.log(
				`  ${weight.name}: HTML ${fixed(weight.htmlKb, 1)} KB (${fixed(weight.htmlKbGzip, 1)} KB gzip), JavaScript ${fixed(weight.jsKbGzip, 1)} KB gzip`,
			)
		}
		const javascript = await lessonJavaScript(lessonHtml, delegate)
		const peakMemoryMb = peakMemory()
		const byName = (name: string) => rows.find((row) => row.name === name)!
		const lesson = byName('lesson page')
		const dashboard = byName('dashboard (400 delegates)')
		const lessonAtRate = byName(`lesson page at ${LESSON_RATE} req/s`)
		const dashboardAtRate = byName(`dashboard at ${DASHBOARD_RATE} req/s`)
		const documentRow = byName('roadmap page')
		const matrixRow = byName('results matrix')
		const documentWeight = weights.find((w) => w.name === 'roadmap document')!
		const errors = rows.reduce((sum, row) => sum + row.errors, 0)
		const checks = [
			{
				name: `lesson page p99, ${CONNECTIONS} connections flat out`,
				value: lesson.p99Ms,
				target: TARGETS.lessonP99Ms,
				unit: 'ms',
				pass: lesson.p99Ms < TARGETS.lessonP99Ms,
			},
			{
				name: `lesson page p99, ${CONNECTIONS} connections at ${LESSON_RATE} req/s`,
				value: lessonAtRate.p99Ms,
				target: TARGETS.lessonP99Ms,
				unit: 'ms',
				pass: lessonAtRate.p99Ms < TARGETS.lessonP99Ms,
			},
			{
				name: `dashboard (400 delegates) p50, flat out`,
				value: dashboard.p50Ms,
				target: TARGETS.dashboardP50Ms,
				unit: 'ms',
				pass: dashboard.p50Ms < TARGETS.dashboardP50Ms,
			},
			{
				name: `dashboard (400 delegates) p50, at ${DASHBOARD_RATE} req/s`,
				value: dashboardAtRate.p50Ms,
				target: TARGETS.dashboardP50Ms,
				unit: 'ms',
				pass: dashboardAtRate.p50Ms < TARGETS.dashboardP50Ms,
			},
			{ name: 'errors (all targets)', value: errors, target: TARGETS.errors, unit: '', pass: errors === 0, equal: true },
			{
				name: 'live roadmap: save → the others’ screens (event + data), p95, 20 screens',
				value: live.screenP95Ms,
				target: TARGETS.liveP95Ms,
				unit: 'ms',
				pass: live.screenP95Ms <= TARGETS.liveP95Ms,
			},
			{
				name: 'peak memory of one server process (VmHWM)',
				value: peakMemoryMb,
				target: TARGETS.peakMemoryMb,
				unit: 'MB',
				pass: peakMemoryMb < TARGETS.peakMemoryMb,
			},
			{
				name: 'process start → first 200 /healthz',
				value: server.startToHealthyMs,
				target: TARGETS.startToHealthyMs,
				unit: 'ms',
				pass: server.startToHealthyMs < TARGETS.startToHealthyMs,
			},
			{
				name: 'roadmap document (strategic design): app CPU per request',
				value: documentRow.serverCpuMsPerRequest,
				target: TARGETS.documentCpuMs,
				unit: 'ms',
				pass: documentRow.serverCpuMsPerRequest <= TARGETS.documentCpuMs,
			},
			{
				name: 'roadmap document: HTML before compression',
				value: documentWeight.htmlKb,
				target: TARGETS.documentHtmlKb,
				unit: 'KB',
				pass: documentWeight.htmlKb <= TARGETS.documentHtmlKb,
			},
			{
				name: 'results matrix: app CPU per request',
				value: matrixRow.serverCpuMsPerRequest,
				target: TARGETS.matrixCpuMs,
				unit: 'ms',
				pass: matrixRow.serverCpuMsPerRequest <= TARGETS.matrixCpuMs,
			},
			{
				name: 'saving one action: app CPU per save',
				value: saves.serverCpuMsPerSave,
				target: TARGETS.saveCpuMs,
				unit: 'ms',
				pass: saves.serverCpuMsPerSave <= TARGETS.saveCpuMs,
			},
			{
				name: 'lesson page JavaScript, files (gzip)',
				value: javascript.filesKbGzip,
				target: TARGETS.lessonJsKbGzip,
				unit: 'KB',
				pass: javascript.filesKbGzip < TARGETS.lessonJsKbGzip,
			},
			{
				name: 'lesson page JavaScript, files + inline (gzip)',
				value: javascript.totalKbGzip,
				target: TARGETS.lessonJsKbGzip,
				unit: 'KB',
				pass: javascript.totalKbGzip < TARGETS.lessonJsKbGzip,
			},
		].map(formatCheck)
		return {
			build: buildFigures,
			engine: config.engine,
			webConcurrency: config.workers,
			server: serverFigures(peakMemoryMb),
			javascript,
			rows,
			saves,
			live,
			weights,
			checks,
		}
	} finally {
		if (baselineWritten) fs.rmSync(baselineWritten, { force: true })
		baselineWritten = null
		await stopServer()
	}
}

/**
 * Issue 17's table: each figure of the build before and of this one, measured in this run, against
 * the issue's goal (on the before configurations' engine; CPU on one worker, lesson ÷ static on two).
 */
function issue17(reports: ConfigReport[]) {
	const engine = reports.find((r) => r.build.name === 'before')?.engine
	if (!engine) return []
	const find = (name: Build['name'], workers: number) =>
		reports.find((r) => r.build.name === name && r.engine === engine && r.webConcurrency === workers)
	const row = (report: ConfigReport | undefined, name: string) => report?.rows.find((r) => r.name === name)
	const cpu = (report: ConfigReport | undefined, name: string) => {
		const found = row(report, name)
		return found ? found.serverCpuMsPerRequest + found.databaseCpuMsPerRequest : null
	}
	const timeouts = (report: ConfigReport | undefined) =>
		report ? report.rows.filter((r) => !r.name.includes(' at ')).reduce((sum, r) => sum + (r.timeouts ?? 0), 0) : null
	const lessonToStatic = (report: ConfigReport | undefined) => {
		const lesson = row(report, 'lesson page')
		const file = row(report, 'baseline (static file)')
		return lesson && file ? lesson.requestsPerSecond / file.requestsPerSecond : null
	}
	const lessonJs = (report: ConfigReport | undefined) => report?.javascript.totalKbGzip ?? null
	const engineName = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'
	const figures: Array<{
		name: string
		value: (report: ConfigReport | undefined) => number | null
		workers: number
		goal: number
		unit: string
		atLeast?: boolean
		digits?: number
	}> = [
		{
			name: `lesson page, server CPU per request (${engineName}, 1 worker)`,
			value: (r) => cpu(r, 'lesson page'),
			workers: 1,
			goal: ISSUE_17.lessonCpuMs,
			unit: 'ms',
			digits: 1,
		},
		{
			name: 'public home (anonymous), server CPU per request',
			value: (r) => cpu(r, 'public home'),
			workers: 1,
			goal: ISSUE_17.homeCpuMs,
			unit: 'ms',
			digits: 1,
		},
		{
			name: 'dashboard, 400 delegates',
			value: (r) => cpu(r, 'dashboard (400 delegates)'),
			workers: 1,
			goal: ISSUE_17.dashboardCpuMs,
			unit: 'ms',
			digits: 1,
		},
		{
			name: 'roadmap page 4/10/16/23',
			value: (r) => cpu(r, 'roadmap page'),
			workers: 1,
			goal: ISSUE_17.roadmapCpuMs,
			unit: 'ms',
			digits: 1,
		},
		{
			name: 'TA queue, 200 requests',
			value: (r) => cpu(r, 'TA queue (200 requests, 50 a page)'),
			workers: 1,
			goal: ISSUE_17.taQueueCpuMs,
			unit: 'ms',
			digits: 1,
		},
		{
			name: `client time-outs flat out, ${CONNECTIONS} connections (1 worker, every page)`,
			value: timeouts,
			workers: 1,
			goal: ISSUE_17.timeouts,
			unit: '',
		},
		{ name: 'client time-outs flat out (2 workers, every page)', value: timeouts, workers: 2, goal: ISSUE_17.timeouts, unit: '' },
		{
			name: 'lesson page req/s ÷ static file req/s, WEB_CONCURRENCY=2',
			value: lessonToStatic,
			workers: 2,
			goal: ISSUE_17.lessonToStaticTwoWorkers,
			unit: '',
			atLeast: true,
			digits: 3,
		},
		{ name: 'lesson page JavaScript, files + inline texts (gzip)', value: lessonJs, workers: 1, goal: 90, unit: 'KB', digits: 1 },
	]
	const shown = (value: number | null, unit: string, digits = 0) =>
		value === null ? '—' : `${fixed(value, digits)}${unit ? ` ${unit}` : ''}`
	return figures.map((figure) => {
		const then = figure.value(find('before', figure.workers))
		const value = figure.value(find('now', figure.workers))
		const pass = value !== null && (figure.atLeast ? value >= figure.goal : value <= figure.goal)
		return {
			name: figure.name,
			before: shown(then, figure.unit, figure.digits),
			now: shown(value, figure.unit, figure.digits),
			goal: `${figure.goal === 0 ? '' : figure.atLeast ? '≥ ' : '≤ '}${figure.goal}${figure.unit ? ` ${figure.unit}` : ''}`,
			verdict: value === null ? '—' : verdict(pass),
			beforeValue: then,
			nowValue: value,
		}
	})
}

type Check = { name: string; value: number; target: number; unit: string; pass: boolean; equal?: boolean; atLeast?: boolean }

/**
 * Saves the roadmap's first line of action `SAVES` times, one after another (each from the version the
 * last one left, its description changed each time, so every save writes and records its history),
 * and gives the app's CPU time per save and the median wait.
 */
async function saveActions(path: string, cookie: string, actionId: string, pid: number) {
	const SAVES = 200
	const form = await fetch(`${ORIGIN}${path}?edit=${actionId}`, { headers: { Cookie: cookie } }).then((r) => r.text())
	let version = Number(/name="version" value="(\d+)"/.exec(form)?.[1])
	if (!version) throw new Error(`No version in the form of action ${actionId}`)
	const pids = serverProcesses(pid)
	const cpuBefore = totalCpuMs(pids)
	const waits: number[] = []
	for (let n = 0; n < SAVES; n++) {
		const body = new URLSearchParams({
			intent: 'update',
			kind: 'action',
			formKey: `item-${actionId}`,
			id: actionId,
			version: String(version),
			description: `Line of action 1${n % 2 ? ' (revised)' : ''}`,
			lead: 'Sedena',
			partners: 'Semar, SSPC',
			start: '2021-Q1',
			end: '2024-Q4',
			status: 'planned',
			'costs[0].amount': String(100_000 + n),
			'costs[0].source': 'national_budget',
			level: 'national',
		})
		const started = performance.now()
		const response = await fetch(`${ORIGIN}${path}`, {
			method: 'POST',
			redirect: 'manual',
			headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
			body,
		})
		await response.arrayBuffer()
		waits.push(performance.now() - started)
		if (response.status !== 302) throw new Error(`Saving action ${actionId} answered ${response.status}`)
		version++
	}
	const cpu = totalCpuMs(pids) - cpuBefore
	waits.sort((a, b) => a - b)
	return { saves: SAVES, serverCpuMsPerSave: cpu / SAVES, p50Ms: Math.round(waits[Math.floor(SAVES / 2)]!) }
}

type Stream = { close: () => void; arrivals: Map<number, number>; screens: Map<number, number> }

/**
 * One live stream as a browser holds it: each change event's arrival time (by history row), and the
 * time the page's data has been read again after it (what a screen does on an event).
 */
async function openStream(roadmap: string, cookie: string, refetch: string | null): Promise<Stream> {
	const controller = new AbortController()
	const response = await fetch(`${ORIGIN}${roadmap}/live`, { headers: { Cookie: cookie }, signal: controller.signal })
	if (response.status !== 200 || !response.body) throw new Error(`The live stream answered ${response.status}`)
	const arrivals = new Map<number, number>()
	const screens = new Map<number, number>()
	let helloed: () => void = () => {}
	const hello = new Promise<void>((resolve) => (helloed = resolve))
	void readEvents(response.body, (event) => {
		if (event.event === 'hello') helloed()
		if (event.event !== 'change') return
		const at = performance.now()
		const data = event.data as Array<{ id: number }>
		for (const change of data) arrivals.set(change.id, at)
		if (!refetch) return
		void fetch(`${ORIGIN}${refetch}`, { headers: { Cookie: cookie } })
			.then((r) => r.arrayBuffer())
			.then(() => {
				for (const change of data) screens.set(change.id, performance.now())
			})
	})
	await hello
	return { close: () => controller.abort(), arrivals, screens }
}

/**
 * A delegation at the convening: its ten members with the roadmap open on two screens each (20
 * streams), one of them saving an action once a second. For each save, the time from sending it to
 * each other screen's event, and to that screen having read the page's data again (Remix's
 * `.data` request, as the page does on an event). Then the server's memory per open stream, from the
 * resident memory of its processes with 1 000 streams open against none.
 */
async function liveFanOut(roadmap: string, cookies: string[], actionId: string, pid: number) {
	const SAVE_EVERY_MS = 1000
	const saves = Math.max(10, DURATION)
	const path = `${roadmap}/strategic-design`
	const rss = () => serverProcesses(pid).reduce((sum, p) => sum + procStatusMb(p, 'VmRSS'), 0)
	const rssBefore = rss()
	const screens = await Promise.all(Array.from({ length: 20 }, (_, n) => openStream(roadmap, cookies[n % cookies.length]!, `${path}.data`)))
	const saver = cookies[0]!
	const form = await fetch(`${ORIGIN}${path}?edit=${actionId}`, { headers: { Cookie: saver } }).then((r) => r.text())
	let version = Number(/name="version" value="(\d+)"/.exec(form)?.[1])
	const sent = new Map<number, number>()
	for (let n = 0; n < saves; n++) {
		const started = performance.now()
		const response = await fetch(`${ORIGIN}${path}`, {
			method: 'POST',
			redirect: 'manual',
			headers: { Cookie: saver, 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				intent: 'update',
				kind: 'action',
				formKey: `item-${actionId}`,
				id: actionId,
				version: String(version),
				description: `Line of action 1 — live ${n}`,
				lead: 'Sedena',
				partners: 'Semar, SSPC',
				start: '2021-Q1',
				end: '2024-Q4',
				'costs[0].amount': '100000',
				'costs[0].source': 'national_budget',
				level: 'national',
			}),
		})
		await response.arrayBuffer()
		if (response.status !== 302) throw new Error(`A live save answered ${response.status}`)
		version++
		// The history row this save wrote: the newest one the saver's own stream has, once it is there.
		const mine = screens[0]!
		const until = performance.now() + 5000
		let id: number | undefined
		while (performance.now() < until) {
			id = [...mine.arrivals.keys()].find((key) => !sent.has(key))
			if (id !== undefined) break
			await new Promise((resolve) => setTimeout(resolve, 5))
		}
		if (id === undefined) throw new Error('A live save never reached the stream')
		sent.set(id, started)
		await new Promise((resolve) => setTimeout(resolve, Math.max(0, SAVE_EVERY_MS - (performance.now() - started))))
	}
	await new Promise((resolve) => setTimeout(resolve, 1500))
	const events: number[] = []
	const onScreen: number[] = []
	// The other 19 screens (the saver's own first screen is where the ids were read).
	for (const screen of screens.slice(1)) {
		for (const [id, started] of sent) {
			const arrived = screen.arrivals.get(id)
			const shown = screen.screens.get(id)
			if (arrived === undefined || shown === undefined) throw new Error(`Save ${id} never reached a screen`)
			events.push(arrived - started)
			onScreen.push(shown - started)
		}
	}
	const rssWith20 = rss()
	// Memory per stream from many more (a few KB each would drown in the garbage collector's noise
	// with 20): the median of three readings a second apart, with 1 000 streams open.
	const MEMORY_STREAMS = 1000
	const more = []
	for (let n = screens.length; n < MEMORY_STREAMS; n++) more.push(await openStream(roadmap, cookies[n % cookies.length]!, null))
	const readings = []
	for (let n = 0; n < 3; n++) {
		await new Promise((resolve) => setTimeout(resolve, 1000))
		readings.push(rss())
	}
	const rssWithMany = readings.sort((a, b) => a - b)[1]!
	for (const stream of [...screens, ...more]) stream.close()
	return {
		screens: screens.length,
		saves,
		eventP50Ms: quantile(events, 0.5),
		eventP95Ms: quantile(events, 0.95),
		screenP50Ms: quantile(onScreen, 0.5),
		screenP95Ms: quantile(onScreen, 0.95),
		rssMbBefore: rssBefore,
		rssMbWith20: rssWith20,
		rssMbWithMany: rssWithMany,
		memoryStreams: MEMORY_STREAMS,
		memoryKbPerStream: ((rssWithMany - rssBefore) * 1024) / MEMORY_STREAMS,
	}
}

/** What the roadmap's document, its results matrix and an open action form weigh: HTML and JavaScript, gzip. */
async function roadmapWeights(roadmap: string, cookie: string, actionId: string) {
	const pages = [
		{ name: 'roadmap document', path: `${roadmap}/strategic-design` },
		{ name: 'results matrix', path: `${roadmap}/matrix` },
		{ name: 'action edit form', path: `${roadmap}/strategic-design?edit=${actionId}` },
	]
	const weights = []
	for (const page of pages) {
		// As a page opened within the workspace (the stylesheet linked, not inline: decision 0027).
		const html = await fetch(`${ORIGIN}${page.path}`, { headers: { Cookie: cookie, 'Sec-Fetch-Site': 'same-origin' } }).then((r) =>
			r.text(),
		)
		const bytes = Buffer.from(html)
		const javascript = await lessonJavaScript(html, cookie)
		weights.push({
			...page,
			htmlKb: bytes.length / 1024,
			htmlKbGzip: gzipSync(bytes, { level: 9 }).length / 1024,
			jsKbGzip: javascript.totalKbGzip,
		})
	}
	return weights
}

function formatCheck(check: Check) {
	return {
		name: check.name,
		value: check.value,
		measured: `${fixed(check.value, check.unit === 'KB' || check.unit === '×' ? 1 : 0)}${check.unit ? ` ${check.unit}` : ''}`,
		target: `${check.equal ? '' : check.atLeast ? '≥ ' : '< '}${check.target}${check.unit ? ` ${check.unit}` : ''}`,
		verdict: verdict(check.pass),
	}
}

// -------------------------------------------------------------------------------------------------
// Output

const fixed = (value: number, digits = 0) => value.toFixed(digits)
const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS')

/** The rows the issue compares across engines and worker counts. */
const SIDE_BY_SIDE = [
	FLOOR_NAME,
	'lesson page',
	'dashboard (400 delegates)',
	'roadmap page',
	'mark lesson complete',
	'public home',
	'TA queue (200 requests, 50 a page)',
]

function sideBySide(configs: ConfigReport[]) {
	const header = `| target | ${configs.map(describeReport).join(' | ')} |`
	const rule = `|---|${configs.map(() => '---:').join('|')}|`
	const cell = (row: Row | undefined, engine: Engine) =>
		row
			? `${fixed(row.requestsPerSecond)} req/s · p50 ${row.p50Ms} ms · ${fixed(row.serverCpuMsPerRequest, 1)}${engine === 'postgres' ? ` + ${fixed(row.databaseCpuMsPerRequest, 1)}` : ''} ms CPU` +
				(row.cpuToFloor === null ? '' : ` (${fixed(row.cpuToFloor, 1)} × floor)`)
			: '—'
	return [
		header,
		rule,
		...SIDE_BY_SIDE.map(
			(name) =>
				`| ${name} | ${configs
					.map((config) =>
						cell(
							config.rows.find((row) => row.name === name),
							config.engine,
						),
					)
					.join(' | ')} |`,
		),
	]
}

function markdown(report: Report) {
	const lines = [
		`# Benchmark: ${report.date}`,
		'',
		`${report.machine.cpu} (${report.machine.cores} cores), ${fixed(report.machine.memoryGb, 1)} GB, Node ${report.machine.node}, ` +
			`load average ${report.machine.loadAverageAtStart.map((n) => fixed(n, 2)).join(' ')} at start. ` +
			`${report.settings.connections} connections, ${report.settings.durationSeconds} s per target after a ${report.settings.warmupSeconds} s warm-up; ` +
			`server started with \`${report.settings.serverNodeOptions || 'no Node options'}\` (as \`npm start\`). ` +
			'Rows without a rate run flat out (each connection sends again as soon as it is answered); rows “at N req/s” send that many per second in all.',
		'',
		`Data set: ${report.seed.rows.cohorts} cohorts, ${report.seed.rows.delegations} delegations, ${report.seed.rows.delegation_members} delegates ` +
			`(${report.seed.rows.lesson_progress} lesson progress rows), largest cohort ${report.seed.largestCohort.delegations} delegations / ` +
			`${report.seed.largestCohort.delegates} delegates each with a ${Object.values(report.seed.roadmapShape).join('/')} roadmap, ` +
			`${report.seed.rows.assistance_requests} TA requests; seeded in ${report.seeds.map((s) => `${fixed(s.seconds, 1)} s (${s.engine})`).join(', ')}.`,
		'',
		'## Side by side',
		'',
		'Each cell: requests per second flat out, median latency, and CPU per request of the app server’s processes (+ PostgreSQL’s, on PostgreSQL).',
		'',
		...sideBySide(report.configs),
		'',
		...(report.beforeAndNow.length
			? [
					`## Issue 17: before (${report.before?.label}) and now, in this run`,
					'',
					'| figure | before | now | goal | now |',
					'|---|---:|---:|---:|---|',
					...report.beforeAndNow.map((f) => `| ${f.name} | ${f.before} | ${f.now} | ${f.goal} | ${f.verdict} |`),
					'',
				]
			: []),
		...(report.speedUps.length
			? [
					'| figure | measured | target | |',
					'|---|---:|---:|---|',
					...report.speedUps.map((check) => `| ${check.name} | ${check.measured} | ${check.target} | ${check.verdict} |`),
					'',
				]
			: []),
	]
	for (const config of report.configs) {
		lines.push(
			`## ${describeReport(config)} (\`WEB_CONCURRENCY=${config.webConcurrency}\`, ${config.server.processes} process${config.server.processes === 1 ? '' : 'es'})`,
			'',
			'| target | req/s | p50 ms | p99 ms | errors (time-outs) | ratio to baseline | app CPU ms/req | CPU ÷ floor | PostgreSQL CPU ms/req |',
			'|---|---:|---:|---:|---:|---:|---:|---:|---:|',
			...config.rows.map(
				(row) =>
					`| ${row.name} (\`${row.method} ${row.path}\`) | ${fixed(row.requestsPerSecond)} | ${row.p50Ms} | ${row.p99Ms} | ${row.errors} (${row.timeouts ?? 0}) | ${row.ratioToBaseline === null ? '—' : fixed(row.ratioToBaseline, 3)} | ${fixed(row.serverCpuMsPerRequest, 1)} | ${row.cpuToFloor === null ? '—' : fixed(row.cpuToFloor, 1)} | ${config.engine === 'postgres' ? fixed(row.databaseCpuMsPerRequest, 1) : '—'} |`,
			),
			'',
		)
		if (!config.live) {
			lines.push(
				`Lesson page JavaScript (files + inline, gzip): ${fixed(config.javascript.totalKbGzip, 1)} KB. The workspace figures of this build are in its own bench results.`,
				'',
			)
			continue
		}
		lines.push(
			'| figure | measured | target | |',
			'|---|---:|---:|---|',
			...config.checks.map((check) => `| ${check.name} | ${check.measured} | ${check.target} | ${check.verdict} |`),
			'',
			`Live roadmap: ${config.live.screens} screens (ten members, two each), one save a second (${config.live.saves} saves): ` +
				`save → event p50 ${config.live.eventP50Ms} ms, p95 ${config.live.eventP95Ms} ms; save → the page's data read again p50 ` +
				`${config.live.screenP50Ms} ms, p95 ${config.live.screenP95Ms} ms; ${fixed(config.live.memoryKbPerStream, 1)} KB of resident memory per open stream ` +
				`(${config.live.memoryStreams} streams: ${fixed(config.live.rssMbBefore)} → ${fixed(config.live.rssMbWithMany)} MB over the server's processes).`,
			'',
		)
	}
	lines.push(
		'Ratio to baseline: the target’s requests per second divided by the baseline’s (a static file of the lesson page’s size served by the same server). ' +
			'CPU ÷ floor: the target’s app CPU per request divided by the framework floor’s (the same server answering a bare Remix route that renders the lesson’s compiled content from memory: no database, no session, no i18n; scripts/bench/floor/). ' +
			'Time-outs: requests autocannon gave up on after 10 s (counted in errors too). ' +
			'App CPU ms/req: the user + system CPU time of every server process (the cluster’s primary and its workers) during the run divided by the requests answered; ' +
			'PostgreSQL CPU ms/req: the same for the PostgreSQL processes serving the bench database. ' +
			'With one Node process at saturation, p50 ≈ connections × app CPU per request, whatever the machine’s load.',
		'',
	)
	return lines.join('\n')
}

/** Seeds the large data set in a child process (the app's modules bind to one database per process). */
function seedInChild(database: string): SeedSummary {
	const summaryFile = path.resolve('.cache/bench/seed-summary.json')
	fs.mkdirSync(path.dirname(summaryFile), { recursive: true })
	execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bench/seed-large.ts', database, '--summary', summaryFile], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, NODE_ENV: 'production' },
	})
	return JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as SeedSummary
}

type Report = Awaited<ReturnType<typeof main>>

/** This checkout's build, with the framework floor built beside it (scripts/bench/floor/). */
function prepareNow(): Build {
	const floorBuild = path.resolve('.cache/bench/floor-build')
	const floorLesson = path.resolve('.cache/bench/floor-lesson.json')
	console.log('Building the framework floor (scripts/bench/floor/) …')
	fs.rmSync(floorBuild, { recursive: true, force: true })
	execFileSync('npx', ['remix', 'vite:build', '--config', 'scripts/bench/floor/vite.config.ts'], { stdio: ['ignore', 'ignore', 'inherit'] })
	execFileSync(process.execPath, ['--import', 'tsx', 'scripts/bench/floor/write-lesson.ts', floorLesson], {
		stdio: ['ignore', 'ignore', 'inherit'],
		env: { ...process.env, NODE_ENV: 'production' },
	})
	return {
		name: 'now',
		label: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(),
		dir: process.cwd(),
		floor: {
			env: { BENCH_FLOOR_BUILD: floorBuild, BENCH_FLOOR_LESSON: floorLesson },
			title: (JSON.parse(fs.readFileSync(floorLesson, 'utf8')) as { title: string }).title,
		},
	}
}

/**
 * The BENCH_BEFORE build: its files from git (git archive, no work tree to keep), its own
 * dependencies (npm ci: its own patches or none) and its own production build, kept in
 * .cache/bench/before-<commit>/ for the next run.
 */
function prepareBefore(): Build | null {
	if (BEFORE_REF === 'none') return null
	let sha: string
	try {
		sha = execFileSync('git', ['rev-parse', '--verify', `${BEFORE_REF}^{commit}`], {
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}).trim()
	} catch {
		throw new Error(`BENCH_BEFORE: "${BEFORE_REF}" is not a commit of this repository (BENCH_BEFORE=none skips the comparison)`)
	}
	const label = sha.slice(0, 7)
	const dir = path.resolve(`.cache/bench/before-${label}`)
	if (!fs.existsSync(path.join(dir, 'build/server/index.js'))) {
		console.log(`Building the build before (${label}) in ${path.relative(process.cwd(), dir)} …`)
		fs.rmSync(dir, { recursive: true, force: true })
		fs.mkdirSync(dir, { recursive: true })
		execFileSync('sh', ['-c', `git archive --format=tar ${sha} | tar -x -C "${dir}"`], { stdio: 'inherit' })
		const quiet: ExecFileSyncOptions = {
			cwd: dir,
			stdio: ['ignore', 'ignore', 'inherit'],
			env: { ...process.env, NODE_ENV: 'development' },
		}
		execFileSync('npm', ['ci', '--no-audit', '--no-fund'], quiet)
		execFileSync('npm', ['run', 'build'], quiet)
	}
	return { name: 'before', label, dir, floor: null }
}

async function main() {
	if (!fs.existsSync('build/server/index.js')) throw new Error('No production build: run `npm run build` first (`npm run bench` does).')
	const loadAverageAtStart = os.loadavg()
	let configs = benchConfigs()
	const maintenanceUrl = process.env.BENCH_DATABASE_URL || DEFAULT_TEST_DATABASE_URL
	if (configs.some((config) => config.engine === 'postgres') && !(await postgresAnswers(maintenanceUrl))) {
		if (process.env.BENCH_DATABASE_URL) throw new Error(`BENCH_DATABASE_URL: no PostgreSQL server answers at ${maintenanceUrl}`)
		console.log(`No PostgreSQL server answers at ${maintenanceUrl}: SQLite only (set BENCH_DATABASE_URL to measure PostgreSQL).`)
		configs = configs.filter((config) => config.engine === 'sqlite')
	}
	const postgresUrl = withDatabase(maintenanceUrl, BENCH_POSTGRES_DATABASE)
	const now = prepareNow()
	const before = prepareBefore()
	const beforeConfigs = before
		? benchConfigs(BEFORE_CONFIGS, 'BENCH_BEFORE_CONFIGS').filter((config) => configs.some((c) => c.engine === config.engine))
		: []
	const seeds: SeedSummary[] = []
	const reports: ConfigReport[] = []
	for (const engine of ['sqlite', 'postgres'] as const) {
		const mine = configs.filter((config) => config.engine === engine)
		if (!mine.length) continue
		if (engine === 'postgres') {
			await dropDatabases(maintenanceUrl, [BENCH_POSTGRES_DATABASE])
			await createDatabase(maintenanceUrl, BENCH_POSTGRES_DATABASE)
		}
		const target = engine === 'sqlite' ? DEFAULT_BENCH_DB : postgresUrl
		console.log(`Seeding the large data set into ${engine === 'sqlite' ? path.relative(process.cwd(), DEFAULT_BENCH_DB) : postgresUrl} …`)
		const seed = seedInChild(target)
		seeds.push(seed)
		console.log(
			`Seeded in ${fixed(seed.seconds, 1)} s: ${seed.rows.cohorts} cohorts, ${seed.rows.delegations} delegations, ${seed.rows.delegation_members} delegates, ` +
				`${seed.rows.lesson_progress} progress rows, ${seed.rows.check_attempts} check answers, ${seed.rows.roadmaps} roadmaps ` +
				`(${Object.values(seed.roadmapShape).join('/')}), ${seed.rows.assistance_requests} TA requests.`,
		)
		const database = engine === 'sqlite' ? { DATABASE_PATH: DEFAULT_BENCH_DB } : { DATABASE_URL: postgresUrl }
		// The build before and this one in turn, on the same data (the schema has not changed since).
		for (const config of mine) {
			if (before && beforeConfigs.some((c) => c.engine === engine && c.workers === config.workers))
				reports.push(await measureConfig(config, seed, database, before))
			reports.push(await measureConfig(config, seed, database, now))
		}
	}
	const nowReports = reports.filter((report) => report.build.name === 'now')
	// Two workers against one, per engine, in this run.
	const speedUps = (['sqlite', 'postgres'] as const).flatMap((engine) => {
		const one = nowReports.find((r) => r.engine === engine && r.webConcurrency === 1)
		const two = nowReports.find((r) => r.engine === engine && r.webConcurrency === 2)
		if (!one || !two) return []
		const rps = (report: ConfigReport) => report.rows.find((row) => row.name === 'lesson page')!.requestsPerSecond
		const value = rps(two) / rps(one)
		return [
			formatCheck({
				name: `lesson page throughput, 2 workers ÷ 1 worker (${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'})`,
				value,
				target: TWO_WORKER_SPEED_UP,
				unit: '×',
				pass: value >= TWO_WORKER_SPEED_UP,
				atLeast: true,
			}),
		]
	})
	return {
		date: new Date().toISOString(),
		now: { label: now.label },
		before: before ? { ref: BEFORE_REF, label: before.label } : null,
		beforeAndNow: issue17(reports),
		machine: {
			cpu: os.cpus()[0]?.model ?? 'unknown',
			cores: os.cpus().length,
			memoryGb: os.totalmem() / 1024 ** 3,
			node: process.version,
			platform: `${os.platform()} ${os.release()}`,
			loadAverageAtStart,
			loadAverageAtEnd: os.loadavg(),
		},
		settings: {
			connections: CONNECTIONS,
			durationSeconds: DURATION,
			warmupSeconds: WARMUP_SECONDS,
			serverNodeOptions: process.env.BENCH_SERVER_NODE_OPTIONS ?? START_NODE_OPTIONS,
			configs: configs.map(describeConfig),
		},
		seed: seeds[0]!,
		seeds: seeds.map((seed) => ({ engine: seed.engine, database: seed.database, seconds: seed.seconds })),
		configs: reports,
		speedUps,
		targets: { ...TARGETS, twoWorkerSpeedUp: TWO_WORKER_SPEED_UP, issue17: ISSUE_17 },
	}
}

try {
	const report = await main()
	console.log('')
	for (const config of report.configs) {
		console.log(`${describeReport(config)}:`)
		console.table(
			Object.fromEntries(
				config.rows.map((row) => [
					row.name,
					{
						'req/s': Math.round(row.requestsPerSecond),
						'p50 ms': row.p50Ms,
						'p99 ms': row.p99Ms,
						errors: row.errors,
						'time-outs': row.timeouts,
						'ratio to baseline': row.ratioToBaseline === null ? '—' : Number(row.ratioToBaseline.toFixed(3)),
						'CPU ÷ floor': row.cpuToFloor === null ? '—' : Number(row.cpuToFloor.toFixed(1)),
						'app CPU ms/req': Number(row.serverCpuMsPerRequest.toFixed(1)),
						...(config.engine === 'postgres' ? { 'PostgreSQL CPU ms/req': Number(row.databaseCpuMsPerRequest.toFixed(1)) } : {}),
					},
				]),
			),
		)
		if (config.checks.length)
			console.table(
				Object.fromEntries(
					config.checks.map((check) => [check.name, { measured: check.measured, target: check.target, '': check.verdict }]),
				),
			)
	}
	console.log(sideBySide(report.configs).join('\n'))
	if (report.beforeAndNow.length)
		console.table(
			Object.fromEntries(report.beforeAndNow.map((f) => [f.name, { before: f.before, now: f.now, goal: f.goal, '': f.verdict }])),
		)
	if (report.speedUps.length)
		console.table(
			Object.fromEntries(
				report.speedUps.map((check) => [check.name, { measured: check.measured, target: check.target, '': check.verdict }]),
			),
		)
	console.log(
		'Ratio to baseline = the target’s req/s ÷ the static file’s req/s. App CPU ms/req = the server processes’ CPU time during the run ÷ requests answered.',
	)
	fs.mkdirSync(RESULTS_DIR, { recursive: true })
	fs.writeFileSync(path.join(RESULTS_DIR, 'latest.json'), `${JSON.stringify(report, null, '\t')}\n`)
	fs.writeFileSync(path.join(RESULTS_DIR, 'latest.md'), markdown(report))
	console.log(`Wrote ${path.relative(process.cwd(), RESULTS_DIR)}/latest.json and latest.md.`)
} catch (error) {
	await stopServer()
	console.error(error instanceof Error ? error.message : error)
	if (serverLog.length) console.error(`Server output (last lines):\n${serverLog.slice(-30).join('\n')}`)
	process.exitCode = 1
}
