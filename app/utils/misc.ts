/** Only same-site paths are allowed as redirect targets (never `//evil.example` or a full URL). */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = '/home') {
	if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || to.startsWith('/\\')) {
		return fallback
	}
	return to
}

export function nowIso() {
	return new Date().toISOString()
}
