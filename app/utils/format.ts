import type { Language } from '#app/utils/i18n.ts'

/**
 * Intl formatters are slow to construct (a fraction of a millisecond each, which a table of 400 rows
 * multiplies) and immutable once built, so each language/options pair is built once per process.
 */
const formatters = new Map<string, unknown>()
function cached<T>(key: string, create: () => T): T {
	let formatter = formatters.get(key) as T | undefined
	if (formatter === undefined) {
		formatter = create()
		formatters.set(key, formatter)
	}
	return formatter
}

const dateFormat = (language: string, options: Intl.DateTimeFormatOptions) =>
	cached(`date:${language}:${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(language, options))
/** A number formatter for a language and options, built once (for formats this module does not name). */
export const numberFormat = (language: string, options: Intl.NumberFormatOptions = {}) =>
	cached(`number:${language}:${JSON.stringify(options)}`, () => new Intl.NumberFormat(language, options))

/**
 * Node's and the browser's ICU disagree on spacing (a thin or narrow no-break space in one, a plain
 * space in the other, e.g. in "June 24 – 26, 2025" or "3:45 PM"), and text rendered on the server
 * must match what the browser renders when it hydrates. Every formatted string uses plain spaces.
 */
export function plain(text: string) {
	return text.replace(/\s/gu, ' ')
}

/** Dates in the database are ISO dates (YYYY-MM-DD) or instants; shown in the reader's language. */
function toDate(value: string) {
	return new Date(value.length === 10 ? `${value}T00:00:00Z` : value)
}

export function formatDate(value: string, language: Language, style: 'long' | 'medium' = 'long') {
	return plain(dateFormat(language, { dateStyle: style, timeZone: 'UTC' }).format(toDate(value)))
}

export function formatDateTime(value: string, language: Language) {
	return plain(dateFormat(language, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(toDate(value)))
}

/** A time of day in the device's own time zone: only for what the browser alone shows (a live "saved at"). */
export function formatTime(value: string, language: string) {
	return plain(dateFormat(language, { timeStyle: 'short' }).format(toDate(value)))
}

/** A month's name alone (0 = January), as a reporting calendar lists it. */
export function formatMonthName(month: number, language: string) {
	return plain(dateFormat(language, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month, 1))))
}

/** "a, b and c" in the language's own words. */
export function formatList(parts: string[], language: string) {
	return cached(`list:${language}`, () => new Intl.ListFormat(language, { type: 'conjunction' })).format(parts)
}

export function formatDateRange(start: string, end: string, language: Language) {
	return plain(dateFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).formatRange(toDate(start), toDate(end)))
}

export function countryName(code: string, language: Language) {
	// A name never changes for a language, and there are only so many codes: each is looked up once.
	const key = `${language}:${code}`
	let name = countryNames.get(key)
	if (name === undefined) {
		try {
			const names = cached(`region:${language}`, () => new Intl.DisplayNames([language], { type: 'region' }))
			name = names.of(code.toUpperCase()) ?? code
		} catch {
			name = code
		}
		// Codes come from the database (validated on the way in); the cap keeps a bad row from growing it.
		if (countryNames.size < 2000) countryNames.set(key, name)
	}
	return name
}
const countryNames = new Map<string, string>()

export function formatNumber(value: number, language: Language) {
	return plain(numberFormat(language).format(value))
}

export function formatPercent(fraction: number, language: Language) {
	return percentFormat(language)(fraction)
}

/**
 * `formatPercent` for one language, looked up once: for a table that formats hundreds of shares
 * (the dashboard's matrix), where finding the formatter again for every cell was a cost of its own.
 */
export function percentFormat(language: Language): (fraction: number) => string {
	return cached(`percent:${language}`, () => {
		const format = new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 })
		return (fraction: number) => plain(format.format(fraction))
	})
}

/** Whole days from today (UTC) until an ISO date; negative when it has passed. */
export function daysUntil(date: string, now = new Date()) {
	const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
	return Math.round((toDate(date).getTime() - today) / 86_400_000)
}

/** An indicator's value: a number as the reader writes it, or a percentage ("42%", "42 %") for a measure in percent. */
export function formatMeasure(value: number, language: Language, percent = false) {
	return plain(
		numberFormat(language, percent ? { style: 'percent', maximumFractionDigits: 2 } : { maximumFractionDigits: 2 }).format(
			percent ? value / 100 : value,
		),
	)
}

/** A month ("July 2026", "julio de 2026") from its year and number (1–12). */
export function formatMonth(year: number, month: number, language: Language) {
	return plain(dateFormat(language, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, 1))))
}
