/**
 * The Academy's service worker (decision record 0023). `npm run build` writes it to
 * build/client/sw.js (scripts/build-service-worker.ts), filling in the build's hashed assets.
 *
 * - Hashed assets (the app's JavaScript and CSS, the interface texts) are kept at install, one cache
 *   per build; older builds' caches go when a new worker takes over.
 * - Pages and data always come from the network first. When the network fails (or a saved page
 *   takes longer than a few seconds on a poor connection), a page the delegate kept for offline
 *   reading (cache `academy-saved`, filled by the page: app/features/offline/offline-store.ts) is
 *   answered from the phone; any other page is answered with the offline page, which lists what
 *   is saved.
 * - A saved page fetched again online is kept fresh: the server's copy replaces the phone's.
 * - Signing out (a POST to /logout) empties the saved cache: nothing stays for the next person.
 */
const PRECACHE = self.__ACADEMY_PRECACHE__
const ASSET_CACHE = `academy-assets-${PRECACHE.version}`
const SAVED_CACHE = 'academy-saved'
const OFFLINE_PAGE = '/offline'
/** How long a saved page waits for the network before the phone's copy is shown. */
const SAVED_PAGE_PATIENCE_MS = 4000

self.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(ASSET_CACHE)
			await cache.addAll(PRECACHE.assets)
			// The offline page as anyone would get it (no account's name in it), in the browser's language;
			// a delegate who saves lessons keeps their own copy in the saved cache.
			const offline = await fetch(OFFLINE_PAGE, { credentials: 'omit' })
			if (offline.ok) await cache.put(OFFLINE_PAGE, offline)
			await self.skipWaiting()
		})(),
	)
})

self.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const name of await caches.keys()) {
				if (name.startsWith('academy-assets-') && name !== ASSET_CACHE) await caches.delete(name)
			}
			await self.clients.claim()
		})(),
	)
})

self.addEventListener('fetch', (event) => {
	const request = event.request
	const url = new URL(request.url)
	if (url.origin !== self.location.origin) return
	if (request.method === 'POST' && url.pathname === '/logout') {
		event.waitUntil(caches.delete(SAVED_CACHE))
		return
	}
	if (request.method !== 'GET') return
	if (url.pathname.startsWith('/assets/')) {
		event.respondWith(cacheFirst(request))
		return
	}
	if (url.pathname === '/__manifest') {
		event.respondWith(routeManifest(request))
		return
	}
	const isPage = request.mode === 'navigate'
	const isSavable = isPage || url.pathname.endsWith('.data') || url.pathname.startsWith('/mdx/')
	if (isSavable) event.respondWith(networkThenSaved(request, isPage))
})

async function cacheFirst(request) {
	const cached = await caches.match(request, { cacheName: ASSET_CACHE, ignoreVary: true })
	return cached ?? fetch(request)
}

/** The phone's copy of a saved page or its data (a `.data` address is saved without its query). */
async function savedCopy(request) {
	// caches.match, not caches.open: looking must not make the saved cache (signing out removed it).
	const match = (key) => caches.match(key, { cacheName: SAVED_CACHE, ignoreVary: true })
	const url = new URL(request.url)
	const key = url.pathname.endsWith('.data') ? url.pathname : url.pathname + url.search
	// Saved by address alone: the page's request headers (and the response's Vary) do not matter.
	return (await match(key)) ?? (url.search ? await match(url.pathname) : undefined)
}

async function networkThenSaved(request, isPage) {
	const saved = await savedCopy(request)
	const controller = new AbortController()
	const timer = saved ? setTimeout(() => controller.abort(), SAVED_PAGE_PATIENCE_MS) : undefined
	try {
		const response = await fetch(request, { signal: controller.signal })
		clearTimeout(timer)
		if (saved && response.ok) await refresh(request, response.clone())
		return response
	} catch (error) {
		clearTimeout(timer)
		if (saved) return saved
		if (!isPage) throw error
		const url = new URL(request.url)
		if (url.pathname === OFFLINE_PAGE) return offlinePage()
		// Another page's HTML at this address would not hydrate: go to the offline page, saying where
		// the person wanted to go.
		return Response.redirect(`${OFFLINE_PAGE}?${new URLSearchParams({ from: url.pathname + url.search })}`, 303)
	}
}

async function offlinePage() {
	const offline =
		(await caches.match(OFFLINE_PAGE, { cacheName: SAVED_CACHE, ignoreVary: true })) ??
		(await caches.match(OFFLINE_PAGE, { cacheName: ASSET_CACHE, ignoreVary: true }))
	return offline ?? new Response('You are offline.', { status: 503, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
}

/**
 * Remix asks `/__manifest` about the routes of links on the page. Offline, the answer is Remix's own
 * "load the whole document" (204 with X-Remix-Reload-Document): a click then makes a page request,
 * which this worker answers from the phone or with the offline page.
 */
async function routeManifest(request) {
	try {
		return await fetch(request)
	} catch {
		return new Response(null, { status: 204, headers: { 'X-Remix-Reload-Document': 'yes' } })
	}
}

/** Keeps the server's newer copy of a saved page (not a `.data` answer for only some of its routes). */
async function refresh(request, response) {
	const url = new URL(request.url)
	if (url.pathname.endsWith('.data') && url.search) return
	const cache = await caches.open(SAVED_CACHE)
	await cache.put(url.pathname + url.search, response)
}
