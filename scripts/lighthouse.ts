/**
 * `npm run lighthouse`: Lighthouse (mobile profile, Debian's Chromium) on the public home, a lesson
 * and a roadmap page of a freshly seeded demo Academy served by the production build. Prints the
 * four scores against the targets, lists what cost points, then loads the lesson cold on a venue's
 * slow link (400 kbps, 400 ms round trip, 4× CPU slowdown) and prints its first paint and load; writes
 * tests/bench/results/lighthouse.json, and exits non-zero if a target is missed.
 *
 * Each page is audited LIGHTHOUSE_RUNS times (default 3) and the median is what counts, as
 * Lighthouse's own guidance on variability advises: its mobile score simulates the slow network from
 * one fast, unthrottled load (Lantern), and whether the scripts happened to run before the first paint
 * on that load moves the same build's score by several points. The slow link is emulated instead
 * (DevTools throttling: the page really loads through 400 kbps and 400 ms round trips, with
 * Lighthouse's own factors for emulated latency and throughput), since a simulation of that link
 * gave the same build a first paint of 2.4 s in one run and 7 s in the next.
 *
 * Needs `npm run build` first (the npm script does it).
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import { createDemoDatabase, DEMO_PASSWORD } from '#db/seed.ts'
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '#tests/chromium.ts'

const PORT = Number(process.env.LIGHTHOUSE_PORT ?? 4310)
const ORIGIN = `http://localhost:${PORT}`
const WORK = path.resolve('.cache/lighthouse')
const DATABASE = path.join(WORK, 'academy.db')
const RESULTS = path.resolve('tests/bench/results/lighthouse.json')

const PAGES = [
	{ name: 'Public home', path: '/', as: null },
	{ name: 'Lesson (delegate)', path: '/learn/theory-of-change/why-a-theory-of-change', as: 'delegate.pa@example.org' },
	{ name: 'Roadmap: strategic design (delegate)', path: '/roadmaps/panama-2025-pa/strategic-design', as: 'delegate.pa@example.org' },
] as const

const TARGETS: Record<string, number> = { performance: 98, accessibility: 100, 'best-practices': 95 }
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const

async function startServer() {
	if (!fs.existsSync('build/server/index.js')) throw new Error('No production build: run `npm run build` first.')
	const server = spawn(process.execPath, ['server.js'], {
		env: { ...process.env, NODE_ENV: 'production', PORT: String(PORT), DATABASE_PATH: DATABASE, WEB_CONCURRENCY: '1' },
		stdio: ['ignore', 'ignore', 'inherit'],
	})
	const deadline = Date.now() + 30_000
	while (Date.now() < deadline) {
		const healthy = await fetch(`${ORIGIN}/healthz`).then(
			(r) => r.ok,
			() => false,
		)
		if (healthy) return server
		await new Promise((resolve) => setTimeout(resolve, 100))
	}
	server.kill()
	throw new Error('The server did not become healthy within 30 s.')
}

async function signIn(email: string) {
	const response = await fetch(`${ORIGIN}/login`, {
		method: 'POST',
		body: new URLSearchParams({ email, password: DEMO_PASSWORD }),
		redirect: 'manual',
	})
	const cookie = response.headers.get('set-cookie')?.split(';')[0]
	if (response.status !== 302 || !cookie) throw new Error(`Could not sign in as ${email} (${response.status}).`)
	return cookie
}

/**
 * One Lighthouse run. Headless Chrome sometimes fails to record the trace (NO_NAVSTART, and
 * Lighthouse itself says to run again): such a run is repeated, up to three times in all.
 */
async function audit(url: string, port: number, headers: Record<string, string> | undefined, throttling?: typeof EMULATED_SLOW_LINK) {
	for (let attempt = 1; ; attempt++) {
		const runner = await lighthouse(url, {
			port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: throttling ? ['performance'] : [...CATEGORIES],
			formFactor: 'mobile',
			extraHeaders: headers,
			...(throttling ? { throttlingMethod: 'devtools' as const, throttling } : {}),
		})
		if (!runner) throw new Error(`Lighthouse returned nothing for ${url}`)
		const { lhr } = runner
		if (!lhr.runtimeError) return lhr
		if (attempt === 3) throw new Error(`${url}: ${lhr.runtimeError.message}`)
		console.log(`${url}: ${lhr.runtimeError.code}; running it again.`)
	}
}

/** A venue's Wi-Fi shared by a room (issue 17): 400 kbps both ways, 400 ms round trip, a cheap phone's CPU. */
const SLOW_LINK = { rttMs: 400, throughputKbps: 400, cpuSlowdownMultiplier: 4 }
/**
 * The same link as DevTools emulates it. DevTools adds latency per request (no connection set-up of
 * its own) and counts throughput at another layer, so Lighthouse scales both for its emulated
 * profiles (its mobileSlow4G: 150 ms → 562.5 ms, 1.6 Mbps × 0.9); the same factors here.
 */
const EMULATED_SLOW_LINK = {
	requestLatencyMs: SLOW_LINK.rttMs * 3.75,
	downloadThroughputKbps: SLOW_LINK.throughputKbps * 0.9,
	uploadThroughputKbps: SLOW_LINK.throughputKbps * 0.9,
	cpuSlowdownMultiplier: SLOW_LINK.cpuSlowdownMultiplier,
}
const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 3)
if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('LIGHTHOUSE_RUNS must be a whole number of at least 1')

/** The middle value (the lower of the two middle ones for an even count). */
function median(values: number[]) {
	const sorted = [...values].sort((a, b) => a - b)
	return sorted[Math.floor((sorted.length - 1) / 2)]!
}

type Audit = { id: string; title: string; score: number | null; scoreDisplayMode: string; displayValue?: string }

async function main() {
	await createDemoDatabase(DATABASE)
	const server = await startServer()
	const chrome = await chromeLauncher.launch({
		chromePath: CHROMIUM_PATH,
		chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS],
	})
	const results: Array<{
		name: string
		url: string
		scores: Record<string, number>
		runs: Array<Record<string, number>>
		lost: Record<string, string[]>
	}> = []
	let slow: Record<string, unknown> = {}
	try {
		for (const page of PAGES) {
			const url = `${ORIGIN}${page.path}`
			const headers = page.as ? { Cookie: await signIn(page.as) } : undefined
			const runs: Array<{ scores: Record<string, number>; lhr: Awaited<ReturnType<typeof audit>> }> = []
			for (let run = 0; run < RUNS; run++) {
				const lhr = await audit(url, chrome.port, headers)
				const finalUrl = lhr.finalDisplayedUrl
				if (new URL(finalUrl).pathname !== page.path) throw new Error(`${url} ended at ${finalUrl}: not the page meant to be measured.`)
				const scores: Record<string, number> = {}
				for (const category of CATEGORIES) scores[category] = Math.round((lhr.categories[category]!.score ?? 0) * 100)
				runs.push({ scores, lhr })
			}
			const scores = Object.fromEntries(CATEGORIES.map((category) => [category, median(runs.map((run) => run.scores[category]!))]))
			// What cost points, from the run whose performance score is the median.
			const { lhr } = runs.find((run) => run.scores.performance === scores.performance)!
			const lost: Record<string, string[]> = {}
			for (const category of CATEGORIES) {
				lost[category] = lhr.categories[category]!.auditRefs.map((ref) => lhr.audits[ref.id] as Audit)
					.filter(
						(audit) =>
							audit.scoreDisplayMode !== 'notApplicable' && audit.scoreDisplayMode !== 'informative' && audit.scoreDisplayMode !== 'manual',
					)
					.filter((audit) => audit.score !== null && audit.score < 0.9)
					.map((audit) => `${audit.title}${audit.displayValue ? ` (${audit.displayValue})` : ''}`)
			}
			const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift'].map(
				(id) => `${lhr.audits[id]?.title}: ${lhr.audits[id]?.displayValue}`,
			)
			const consoleErrors =
				(
					lhr.audits['errors-in-console']?.details as
						{ items?: Array<{ description?: string; sourceLocation?: { url?: string } }> } | undefined
				)?.items ?? []
			for (const item of consoleErrors)
				lost['best-practices']!.push(`console: ${item.description ?? ''} ${item.sourceLocation?.url ?? ''}`.trim())
			results.push({ name: page.name, url: page.path, scores, runs: runs.map((run) => run.scores), lost })
			console.log(
				`\n${page.name} — ${page.path}\n  performance in ${RUNS} runs: ${runs.map((run) => run.scores.performance).join(', ')}` +
					`\n  the median run: ${metrics.join(' · ')}`,
			)
		}
		// The lesson, cold, on the slow link: what a delegate on venue Wi-Fi waits for.
		const lesson = PAGES[1]
		const cookie = await signIn(lesson.as)
		const slowRuns: Array<{ firstContentfulPaintS: number; largestContentfulPaintS: number; interactiveS: number; transferredKb: number }> =
			[]
		for (let run = 0; run < RUNS; run++) {
			const lhr = await audit(`${ORIGIN}${lesson.path}`, chrome.port, { Cookie: cookie }, EMULATED_SLOW_LINK)
			const seconds = (id: string) => Math.round(lhr.audits[id]!.numericValue! / 100) / 10
			slowRuns.push({
				firstContentfulPaintS: seconds('first-contentful-paint'),
				largestContentfulPaintS: seconds('largest-contentful-paint'),
				interactiveS: seconds('interactive'),
				transferredKb: Math.round(lhr.audits['total-byte-weight']!.numericValue! / 102.4) / 10,
			})
		}
		const middle = (key: keyof (typeof slowRuns)[number]) => median(slowRuns.map((run) => run[key]))
		slow = {
			page: lesson.path,
			link: SLOW_LINK,
			emulatedAs: EMULATED_SLOW_LINK,
			firstContentfulPaintS: middle('firstContentfulPaintS'),
			largestContentfulPaintS: middle('largestContentfulPaintS'),
			interactiveS: middle('interactiveS'),
			transferredKb: middle('transferredKb'),
			runs: slowRuns,
		}
		console.log(
			`\nLesson, cold, on ${SLOW_LINK.throughputKbps} kbps with ${SLOW_LINK.rttMs} ms round trips and ${SLOW_LINK.cpuSlowdownMultiplier}× CPU slowdown` +
				` (emulated; median of ${RUNS}): first contentful paint ${slow.firstContentfulPaintS} s, largest ${slow.largestContentfulPaintS} s,` +
				` loaded and interactive ${slow.interactiveS} s, ${slow.transferredKb} KB transferred`,
		)
	} finally {
		await chrome.kill()
		server.kill()
	}

	const header = `| Page | ${CATEGORIES.join(' | ')} |\n|---|${CATEGORIES.map(() => '---:').join('|')}|`
	const rows = results.map((r) => `| ${r.name} | ${CATEGORIES.map((c) => r.scores[c]).join(' | ')} |`)
	const targets = `| Target | ${CATEGORIES.map((c) => (TARGETS[c] ? `≥ ${TARGETS[c]}` : '—')).join(' | ')} |`
	console.log(`\n${[header, ...rows, targets].join('\n')}\n`)
	let missed = false
	for (const result of results) {
		for (const category of CATEGORIES) {
			const target = TARGETS[category]
			const score = result.scores[category]!
			if (target && score < target) {
				missed = true
				console.log(`MISS ${result.name}: ${category} ${score} < ${target}`)
			}
			if (score < 100 && result.lost[category]!.length) {
				console.log(`  ${result.name} · ${category}: ${result.lost[category]!.join('; ')}`)
			}
		}
	}
	fs.mkdirSync(path.dirname(RESULTS), { recursive: true })
	fs.writeFileSync(
		RESULTS,
		`${JSON.stringify({ date: new Date().toISOString(), chromium: CHROMIUM_PATH, profile: `mobile (Lighthouse default: simulated slow 4G, 4× CPU slowdown); median of ${RUNS} runs`, results, slowLink: slow }, null, '\t')}\n`,
	)
	console.log(missed ? 'Some Lighthouse targets were missed.' : 'All Lighthouse targets met.')
	process.exit(missed ? 1 : 0)
}

await main()
