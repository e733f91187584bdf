// The Academy's HTTP server: Express in front of Remix, for development (Vite middleware) and
// production (the built app). Kept in plain JavaScript so `node server.js` needs no build step.
import crypto from 'node:crypto'
import { createRequestHandler } from '@remix-run/express'
import compression from 'compression'
import express from 'express'

const production = process.env.NODE_ENV === 'production'
const port = Number(process.env.PORT || 3000)
const host = process.env.HOST || '0.0.0.0'

const viteDevServer = production ? undefined : await import('vite').then((vite) => vite.createServer({ server: { middlewareMode: true } }))

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
		// Vite's development server injects styles as <style> elements.
		production ? "style-src 'self'" : "style-src 'self' 'unsafe-inline'",
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

app.use((req, res, next) => {
	if (sameOrigin(req)) return next()
	res.status(403).type('text/plain').send('Cross-origin request refused.')
})

// The client's address reaches the app in a header it can trust (never one the client sent).
app.use((req, _res, next) => {
	req.headers['x-remote-address'] = req.socket.remoteAddress ?? 'unknown'
	next()
})

if (viteDevServer) {
	app.use(viteDevServer.middlewares)
} else {
	app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
	app.use(express.static('build/client', { maxAge: '1h' }))
}

const build = viteDevServer ? () => viteDevServer.ssrLoadModule('virtual:remix/server-build') : await import('./build/server/index.js')

app.all(
	'*',
	createRequestHandler({
		build,
		mode: production ? 'production' : 'development',
		getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce }),
	}),
)

const server = app.listen(port, host, () => {
	console.log(`NAP Academy listening on http://localhost:${port}`)
})

function shutdown() {
	server.close(() => process.exit(0))
	setTimeout(() => process.exit(0), 5000).unref()
}
process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
