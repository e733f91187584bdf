// The Academy's HTTP server: Express in front of Remix, for development (Vite middleware) and
// production (the built app). Kept in plain JavaScript so `node server.js` needs no build step.
//
// In production it runs one worker per core (node:cluster; WEB_CONCURRENCY sets the number, 1 runs
// the server in this process). Workers hold no state of their own that another must see: sessions,
// sign-in throttling and everything else live in the database (docs/decisions/0008-every-core.md).
import { spawn } from 'node:child_process'
import cluster from 'node:cluster'
import crypto from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRequestHandler } from '@remix-run/express'
import compression from 'compression'
import express from 'express'

const production = process.env.NODE_ENV === 'production'
const port = Number(process.env.PORT || 3000)
const host = process.env.HOST || '0.0.0.0'

const ALLOWED_METHODS = ['GET', 'HEAD', 'POST']
const SESSION_COOKIE = 'academy_session'

/**
 * What the app answers a signed-in person (a request with the session cookie, or a response that
 * sets one) is never kept by a browser or a proxy: `Cache-Control: no-store` on every page, data
 * request, resource route and download — a convening's shared computers keep nothing of the last
 * person's. The only exception is a content-hashed file the route marks `immutable` (a curriculum
 * module, a search index): its URL names its content and it holds nothing of the person. Public
 * pages (no session cookie) keep whatever caching they set. Static assets are served before this.
 */
const SESSION_COOKIE_PATTERN = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=`)
/** Whether the request names a session (valid or not): such a request is never answered from a cache. */
function hasSessionCookie(req) {
	return SESSION_COOKIE_PATTERN.test(req.headers.cookie ?? '')
}

function privateResponses(req, res, next) {
	const signedIn = hasSessionCookie(req)
	const writeHead = res.writeHead
	res.writeHead = function (...args) {
		const setCookie = [res.getHeader('set-cookie') ?? []].flat().map(String)
		if (signedIn || setCookie.some((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`))) {
			const current = String(res.getHeader('cache-control') ?? '')
			if (!/\bimmutable\b/.test(current)) {
				// `no-transform` stays: the compression middleware reads it (the live stream must not be buffered).
				res.setHeader('Cache-Control', /\bno-transform\b/.test(current) ? 'no-store, no-transform' : 'no-store')
			}
		}
		return writeHead.apply(this, args)
	}
	next()
}

/**
 * Anonymous public pages (the home page, sign-in, forgot password) from memory: a page rendered for a
 * visitor without a session is kept for PUBLIC_PAGE_SECONDS (default 30; 0 turns it off) per address,
 * per language inputs (the `lng` cookie and Accept-Language, as sent — two requests that send the
 * same get the same language) and per Sec-Fetch-Site (whether the stylesheet is inline), with an
 * ETag; a browser that has it gets a 304. Never a signed-in page: a request with the session cookie, or a response that sets a cookie, is not kept. Each
 * response still gets its own CSP nonce: the kept page holds a marker where the nonce was. The
 * cache is per process (each worker renders a page once per period): the public home lists cohorts,
 * which may show up to that period late (docs/decisions/0008-every-core.md).
 */
const PUBLIC_PATHS = new Set(['/', '/login', '/forgot-password'])
const NONCE_SLOT = '\u0000academy-nonce\u0000'
const KEPT_HEADERS = ['content-type', 'cache-control', 'x-robots-tag']
function publicPageCache() {
	const seconds = Number(process.env.PUBLIC_PAGE_SECONDS ?? 30)
	if (!Number.isFinite(seconds) || seconds < 0) {
		console.error(`PUBLIC_PAGE_SECONDS must be a number of seconds, 0 or more (it is "${process.env.PUBLIC_PAGE_SECONDS}").`)
		process.exit(1)
	}
	/** @type {Map<string, { body: string; etag: string; headers: Record<string, string>; until: number }>} */
	const pages = new Map()
	const MAX_PAGES = 200
	return (req, res, next) => {
		if (seconds === 0 || req.method !== 'GET' || !PUBLIC_PATHS.has(req.path)) return next()
		if (hasSessionCookie(req)) return next()
		const language = /(?:^|;\s*)lng=([^;]*)/.exec(req.headers.cookie ?? '')?.[1] ?? ''
		// The page differs by the language inputs and by whether it carries the stylesheet inline (a page
		// opened from outside the site does: Sec-Fetch-Site, as sent).
		const key = `${req.originalUrl}\n${language}\n${req.headers['accept-language'] ?? ''}\n${req.headers['sec-fetch-site'] ?? ''}`
		const kept = pages.get(key)
		if (kept && kept.until > Date.now()) {
			res.set(kept.headers)
			res.set('ETag', kept.etag)
			if (req.headers['if-none-match'] === kept.etag) {
				// The browser keeps the page it has, and with it that page's policy: a 304 must not bring
				// a policy with another nonce (the kept headers would be updated, the kept page not).
				res.removeHeader('Content-Security-Policy')
				return res.status(304).end()
			}
			return res.status(200).send(kept.body.split(NONCE_SLOT).join(res.locals.cspNonce))
		}
		// Not kept (or too old): the app renders it, and what it wrote is kept on the way out.
		const chunks = []
		const write = res.write
		const end = res.end
		res.write = function (chunk, ...rest) {
			if (chunk) chunks.push(Buffer.from(chunk))
			return write.call(this, chunk, ...rest)
		}
		res.end = function (chunk, ...rest) {
			if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk))
			const html = String(res.getHeader('content-type') ?? '').startsWith('text/html')
			if (res.statusCode === 200 && html && !res.getHeader('set-cookie')) {
				const body = Buffer.concat(chunks).toString('utf8').split(res.locals.cspNonce).join(NONCE_SLOT)
				const headers = {}
				for (const name of KEPT_HEADERS) if (res.getHeader(name) !== undefined) headers[name] = String(res.getHeader(name))
				const etag = `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`
				if (pages.size >= MAX_PAGES) pages.delete(pages.keys().next().value)
				pages.set(key, { body, etag, headers, until: Date.now() + seconds * 1000 })
			}
			return end.call(this, chunk, ...rest)
		}
		next()
	}
}

function workerCount() {
	const raw = process.env.WEB_CONCURRENCY
	if (!production) return 1
	if (raw === undefined || raw === '') return os.availableParallelism()
	const count = Number(raw)
	if (!Number.isInteger(count) || count < 1) {
		console.error(`WEB_CONCURRENCY must be a whole number of workers, 1 or more (it is "${raw}").`)
		process.exit(1)
	}
	return count
}

/**
 * What a request may carry (app/utils/form-data.server.ts has the per-form limits). A body announced
 * larger than the largest form limit (the 10 MB of a roster or roadmap upload) is refused here, before
 * anything reads it; headers are bounded by Node's maxHeaderSize (431). Slow clients: the headers must
 * arrive within 20 s and the whole request within 2 minutes (a 10 MB upload on slow Wi-Fi).
 */
const LIMITS = {
	largestBodyBytes: 10 * 1024 * 1024,
	maxHeaderSize: 16 * 1024,
	headersTimeoutMs: 20_000,
	requestTimeoutMs: 120_000,
	keepAliveTimeoutMs: 5_000,
}

/** The page for a request refused before the app sees it, in both languages (its headers may be unreadable). */
function refusalPage(key) {
	const text = ['en', 'es'].map((language) => {
		const messages = JSON.parse(fs.readFileSync(new URL(`./app/locales/${language}/common.json`, import.meta.url), 'utf8'))
		return { language, title: messages.limits[key].title, body: messages.limits[key].body }
	})
	const sections = text.map(({ language, title, body }) => `<section lang="${language}"><h1>${title}</h1><p>${body}</p></section>`)
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${text[0].title}</title></head><body style="font:1.1rem/1.5 system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem">${sections.join('')}<p><a href="/">NAP Academy</a></p></body></html>`
}

const workers = workerCount()
if (cluster.isPrimary) scheduleBackups()
if (workers > 1 && cluster.isPrimary) await superviseWorkers(workers)
else await serve()

/**
 * BACKUP_EVERY_HOURS: this process (the cluster's primary, or the only process) runs
 * `scripts/backup.ts --scheduled` in a child process now and then; the script backs up only when
 * its lock row says this period's backup is not done yet, so with several app servers one does it.
 * Copies go to BACKUP_DIR, the newest BACKUP_KEEP are kept (scripts/backup.ts).
 */
function scheduleBackups() {
	const raw = process.env.BACKUP_EVERY_HOURS
	if (raw === undefined || raw === '' || Number(raw) === 0) return
	const hours = Number(raw)
	if (!Number.isFinite(hours) || hours < 0) {
		console.error(`BACKUP_EVERY_HOURS must be a number of hours, 0 for none (it is "${raw}").`)
		process.exit(1)
	}
	const checkMs = Math.min(hours * 3600 * 1000, 10 * 60 * 1000)
	let running = false
	const check = () => {
		setTimeout(check, checkMs).unref()
		if (running) return
		running = true
		const script = spawn(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', '--scheduled'], {
			cwd: new URL('.', import.meta.url),
			stdio: ['ignore', 'inherit', 'inherit'],
		})
		script.on('exit', (code) => {
			running = false
			if (code !== 0) console.error(`The scheduled backup failed (exit ${code}); it is tried again in ${Math.round(checkMs / 60000)} min.`)
		})
	}
	setTimeout(check, Math.min(checkMs, 60 * 1000)).unref()
}

/**
 * The cluster's primary: starts the workers, replaces one that dies (after a short pause if they
 * keep dying at start-up, e.g. while the database is unreachable), and passes SIGTERM/SIGINT on.
 */
async function superviseWorkers(count) {
	let stopping = false
	const started = new Map()
	// A replacement worker is told so: it starts even while the database is briefly unavailable.
	const fork = (restart = false) => started.set(cluster.fork(restart ? { ACADEMY_WORKER_RESTART: '1' } : {}).id, Date.now())
	for (let i = 0; i < count; i++) fork()
	cluster.on('exit', (worker, code, signal) => {
		if (stopping) {
			if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0)
			return
		}
		const lived = Date.now() - (started.get(worker.id) ?? 0)
		started.delete(worker.id)
		console.error(`Worker ${worker.process.pid} ended (${signal ?? `exit ${code}`}); starting another.`)
		setTimeout(() => fork(true), lived < 2000 ? 1000 : 0)
	})
	let listening = 0
	cluster.on('listening', () => {
		if (++listening === count) console.log(`NAP Academy listening on http://localhost:${port} (${count} workers)`)
	})
	const stop = () => {
		stopping = true
		for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM')
		setTimeout(() => process.exit(0), 6000).unref()
	}
	process.on('SIGTERM', stop)
	process.on('SIGINT', stop)
}

async function serve() {
	const viteDevServer = production
		? undefined
		: await import('vite').then((vite) => vite.createServer({ server: { middlewareMode: true } }))

	const app = express()
	app.disable('x-powered-by')
	app.use(compression())

	/**
	 * CSRF stance: session cookies are SameSite=Lax, and every request that can change something
	 * (anything but GET/HEAD/OPTIONS) must come from this site: a browser's Sec-Fetch-Site must be
	 * same-origin, and an Origin header, when sent, must match this site.
	 */
	function sameOrigin(req) {
		if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return true
		const fetchSite = req.get('sec-fetch-site')
		if (fetchSite && fetchSite !== 'same-origin' && fetchSite !== 'none') return false
		const origin = req.get('origin')
		if (!origin || origin === 'null') return origin !== 'null'
		const expected = process.env.APP_ORIGIN || `${req.protocol}://${req.get('host')}`
		try {
			return new URL(origin).host === new URL(expected).host
		} catch {
			return false
		}
	}
	/**
	 * Security headers on every response. Scripts run only from this site or with the per-response
	 * nonce that Remix puts on its own inline scripts: no 'unsafe-inline', no 'unsafe-eval' (the
	 * curriculum's compiled MDX is served as a same-site module, not evaluated from a string).
	 * No page may be framed. Development adds what Vite's hot reload needs.
	 */
	function contentSecurityPolicy(nonce) {
		return [
			"default-src 'self'",
			`script-src 'self' 'nonce-${nonce}'`,
			// A page opened from outside the site carries the stylesheet inline, with the nonce
			// (docs/decisions/0027-inline-stylesheet.md); Vite's development server injects <style> elements.
			production ? `style-src 'self' 'nonce-${nonce}'` : "style-src 'self' 'unsafe-inline'",
			"img-src 'self' data:",
			"font-src 'self'",
			production ? "connect-src 'self'" : "connect-src 'self' ws: wss:",
			"form-action 'self'",
			"frame-ancestors 'none'",
			"base-uri 'none'",
			"object-src 'none'",
		].join('; ')
	}
	app.use((req, res, next) => {
		const nonce = crypto.randomBytes(16).toString('base64')
		res.locals.cspNonce = nonce
		res.set({
			'Content-Security-Policy': contentSecurityPolicy(nonce),
			'Referrer-Policy': 'same-origin',
			'X-Content-Type-Options': 'nosniff',
			'X-Frame-Options': 'DENY',
			'Cross-Origin-Opener-Policy': 'same-origin',
			'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=()',
		})
		if (production) res.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
		next()
	})

	// The app answers GET, HEAD and POST. Any other method (OPTIONS, TRACE, PUT, a made-up one) is a
	// quiet 405 that says which it takes: no stack trace, no warning in the log.
	app.use((req, res, next) => {
		if (ALLOWED_METHODS.includes(req.method)) return next()
		res.status(405).set('Allow', ALLOWED_METHODS.join(', ')).type('text/plain').send('Method not allowed.')
	})
	const bodyTooLarge = refusalPage('bodyTooLarge')
	app.use((req, res, next) => {
		if (Number(req.get('content-length') ?? 0) <= LIMITS.largestBodyBytes) return next()
		res.status(413).set('Connection', 'close')
		if (req.accepts(['html', 'text']) === 'html') res.type('html').send(bodyTooLarge)
		else res.type('text/plain').send('This request is larger than the Academy accepts.')
	})

	app.use((req, res, next) => {
		if (sameOrigin(req)) return next()
		res.status(403).type('text/plain').send('Cross-origin request refused.')
	})

	// The client's address reaches the app in a header it can trust (never one the client sent), and
	// each request a random id its loaders share what they read once by (app/utils/request-scope.server.ts).
	app.use((req, _res, next) => {
		req.headers['x-remote-address'] = req.socket.remoteAddress ?? 'unknown'
		req.headers['x-academy-request'] = crypto.randomUUID()
		next()
	})

	if (viteDevServer) {
		app.use(viteDevServer.middlewares)
	} else {
		app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
		app.use(
			express.static('build/client', {
				maxAge: '1h',
				// The service worker is checked for a new build on every visit; the manifest names no build.
				setHeaders: (res, file) => {
					if (file.endsWith(`${path.sep}sw.js`)) res.setHeader('Cache-Control', 'no-cache')
				},
			}),
		)
	}

	// The bench's framework floor (scripts/bench/floor/): a bare Remix app of one route behind the same
	// middleware, answered only when `npm run bench` names its build. Never set in a real deployment.
	if (production && process.env.BENCH_FLOOR_BUILD) {
		const floor = await import(pathToFileURL(path.resolve(process.env.BENCH_FLOOR_BUILD, 'server/index.js')).href)
		app.all(['/bench-floor', '/bench-floor/*'], createRequestHandler({ build: floor, mode: 'production' }))
	}

	app.use(privateResponses)
	if (production) app.use(publicPageCache())

	// Importing the built app connects to the database and checks its migrations: a database that
	// cannot be used stops the server with one line saying what to do.
	const build = viteDevServer
		? () => viteDevServer.ssrLoadModule('virtual:remix/server-build')
		: await import('./build/server/index.js').catch((error) => {
				console.error(error instanceof Error ? error.message : error)
				process.exit(1)
			})

	app.all(
		'*',
		createRequestHandler({
			build,
			mode: production ? 'production' : 'development',
			getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce }),
		}),
	)

	const server = http.createServer({ maxHeaderSize: LIMITS.maxHeaderSize }, app)
	server.headersTimeout = LIMITS.headersTimeoutMs
	server.requestTimeout = LIMITS.requestTimeoutMs
	server.keepAliveTimeout = LIMITS.keepAliveTimeoutMs
	// Headers past maxHeaderSize: a 431 with a page that says so (Node's own answer has no body).
	const headersTooLarge = refusalPage('headersTooLarge')
	server.on('clientError', (error, socket) => {
		if (!socket.writable) return socket.destroy()
		const overflow = error.code === 'HPE_HEADER_OVERFLOW'
		const status = overflow
			? '431 Request Header Fields Too Large'
			: error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
				? '408 Request Timeout'
				: '400 Bad Request'
		const body = overflow ? headersTooLarge : ''
		const type = overflow ? 'text/html; charset=utf-8' : 'text/plain'
		socket.end(
			`HTTP/1.1 ${status}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
		)
	})
	server.listen(port, host, () => {
		if (cluster.isPrimary) console.log(`NAP Academy listening on http://localhost:${port}`)
	})
	// A worker whose primary is gone (killed) stops too, instead of serving on unsupervised.
	if (cluster.isWorker) process.on('disconnect', () => process.exit(1))

	function shutdown() {
		server.close(() => process.exit(0))
		setTimeout(() => process.exit(0), 5000).unref()
	}
	process.on('SIGTERM', shutdown)
	process.on('SIGINT', shutdown)
}
