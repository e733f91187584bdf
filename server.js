// The Academy's HTTP server: Express in front of Remix, for development (Vite middleware) and
// production (the built app). Kept in plain JavaScript so `node server.js` needs no build step.
import { createRequestHandler } from '@remix-run/express'
import compression from 'compression'
import express from 'express'

const production = process.env.NODE_ENV === 'production'
const port = Number(process.env.PORT || 3000)
const host = process.env.HOST || '0.0.0.0'

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

const build = viteDevServer
	? () => viteDevServer.ssrLoadModule('virtual:remix/server-build')
	: await import('./build/server/index.js')

app.all('*', createRequestHandler({ build, mode: production ? 'production' : 'development' }))

const server = app.listen(port, host, () => {
	console.log(`NAP Academy listening on http://localhost:${port}`)
})

function shutdown() {
	server.close(() => process.exit(0))
	setTimeout(() => process.exit(0), 5000).unref()
}
process.on('SIGTERM', shutdown)
process.on('SIGINT', shutdown)
