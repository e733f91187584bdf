/**
 * The one check for every redirect target the app takes from a request (`redirectTo`, `returnTo`):
 * only a path on this site, never `//evil.example` or a full URL. The target is first normalised
 * the way a browser would read it — resolved against this site (dot segments, backslashes, tabs
 * and newlines), and once more after percent-decoding — and only then checked, so `/.//evil`,
 * `/\evil`, `/%2F/evil` or `/\t/evil` cannot turn into another host.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/home') {
	if (typeof to !== 'string') return fallback
	// Browsers drop tabs and newlines anywhere in a URL and spaces/control characters around it.
	const cleaned = to.replace(/[\t\n\r]/g, '').trim()
	if (!cleaned.startsWith('/')) return fallback
	const resolved = sameSitePath(cleaned)
	if (!resolved) return fallback
	// A path whose decoded form would start a new host (`/%2F%2Fevil`, `/%5Cevil`) is refused too.
	let decoded: string
	try {
		decoded = decodeURIComponent(resolved.pathname)
	} catch {
		return fallback
	}
	if (startsAnotherHost(decoded) || !sameSitePath(decoded.replace(/[\t\n\r]/g, ''))) return fallback
	// The path as the URL parser writes it: non-ASCII and control characters percent-encoded, so it
	// is a valid Location header ("/ñ" would make the redirect itself throw), and still same-site.
	return `${resolved.pathname}${resolved.search}${resolved.hash}`
}

const BASE = 'http://same-site.invalid'

function startsAnotherHost(path: string) {
	return /^[/\\][/\\]/.test(path) || /^[/\\]\s*[/\\]/.test(path)
}

/** The URL a browser would make of `to` on this site, or null when it leaves it or starts a new host. */
function sameSitePath(to: string) {
	if (!URL.canParse(to, BASE)) return null
	const url = new URL(to, BASE)
	if (url.origin !== BASE || startsAnotherHost(url.pathname)) return null
	return url
}

export function nowIso() {
	return new Date().toISOString()
}
