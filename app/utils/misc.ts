/** Only same-site paths are allowed as redirect targets (never `//evil.example` or a full URL). */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/home') {
	if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) {
		return fallback
	}
	// The path as the URL parser writes it: non-ASCII and control characters percent-encoded, so it
	// is a valid Location header ("/ñ" would make the redirect itself throw), and still same-site.
	const base = 'http://same-site.invalid'
	const url = URL.canParse(to, base) ? new URL(to, base) : null
	if (!url || url.origin !== base) return fallback
	return `${url.pathname}${url.search}${url.hash}`
}

export function nowIso() {
	return new Date().toISOString()
}
