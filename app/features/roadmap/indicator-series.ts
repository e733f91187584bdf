import { FREQUENCIES, type ItemData } from '#app/features/roadmap/kinds.ts'

/**
 * Indicators over time: the values alumni report for an indicator (one `implementation_updates` row
 * of kind `indicator_value` each), as a series against its baseline and target, and whether a report
 * is due for its frequency. Pure, shared by the server and the page.
 *
 * Months are counted from year 0 (`year * 12 + month - 1`), so comparing periods is comparing numbers.
 */

export type Frequency = (typeof FREQUENCIES)[number]

/** One reported value, as `implementation_updates` keeps it. */
export type IndicatorReportRow = { id: number; period: string | null; value: string | null; dated: string; source: string | null }

/** A reported period: a year ("2026"), a half ("2026-H1", or "2026-S1" for semestre), a quarter ("2026-Q3") or a month ("2026-07"). */
const REPORT_PERIOD = /^(\d{4})(?:-(?:(Q[1-4])|([HS][12])|(0[1-9]|1[0-2])))?$/i

/** The first and last month a reported period covers; null when it is not one of the forms above. */
export function reportPeriodMonths(value: string): { first: number; last: number } | null {
	const match = REPORT_PERIOD.exec(value.trim())
	if (!match) return null
	const base = Number(match[1]) * 12
	if (match[2]) {
		const quarter = Number(match[2].slice(1))
		return { first: base + (quarter - 1) * 3, last: base + quarter * 3 - 1 }
	}
	if (match[3]) {
		const half = Number(match[3].slice(1))
		return { first: base + (half - 1) * 6, last: base + half * 6 - 1 }
	}
	if (match[4]) {
		const month = Number(match[4]) - 1
		return { first: base + month, last: base + month }
	}
	return { first: base, last: base + 11 }
}

/** The month of an ISO date. */
function monthOf(date: string) {
	return Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1
}

/**
 * A value typed by a person as a number: "42", "42,5", "42.5", "1,200", "1 200", "30%". Null when it
 * is not a number (a measure in words, or nothing).
 */
export function parseIndicatorNumber(input: string | number | boolean | null | undefined): number | null {
	if (typeof input === 'number') return Number.isFinite(input) ? input : null
	if (typeof input !== 'string') return null
	const value = input.replace(/[\s\u00a0\u202f%]/g, '')
	if (!value) return null
	let normalised: string
	if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(value)) normalised = value.replace(/,/g, '')
	else if (/^-?\d{1,3}(\.\d{3})+(,\d+)?$/.test(value)) normalised = value.replace(/\./g, '').replace(',', '.')
	else if (/^-?\d+([.,]\d+)?$/.test(value)) normalised = value.replace(',', '.')
	else return null
	const number = Number(normalised)
	return Number.isFinite(number) ? number : null
}

export type SeriesPoint = {
	period: string
	value: string
	/** The value as a number, null when it is not one. */
	number: number | null
	dated: string
	source: string
}

export type IndicatorSeries = {
	measure: 'number' | 'percent' | 'text' | null
	unit: string
	baseline: { value: string; number: number | null; year: number | null }
	target: { value: string; number: number | null; year: number | null }
	/** One point per period, oldest first: a second report for a period corrects the first. */
	points: SeriesPoint[]
	/** Whether it can be drawn: a measure in numbers (or none said) and every point a number. */
	chartable: boolean
}

/**
 * An indicator's series: its reports ordered by the period they are about (a period that is not
 * one of the known forms is placed at the date the value is about), the latest report for a period
 * replacing earlier ones, with its baseline and target read as numbers where they are.
 */
export function indicatorSeries(data: ItemData, reports: readonly IndicatorReportRow[]): IndicatorSeries {
	const measure = data.measure === 'number' || data.measure === 'percent' || data.measure === 'text' ? data.measure : null
	const byPeriod = new Map<string, IndicatorReportRow & { at: number }>()
	const ordered = [...reports].sort((a, b) => a.dated.localeCompare(b.dated) || a.id - b.id)
	for (const report of ordered) {
		const period = (report.period ?? '').trim()
		const months = reportPeriodMonths(period)
		const at = months ? months.last : monthOf(report.dated)
		const key = months ? `${months.first}-${months.last}` : period.toLowerCase()
		byPeriod.delete(key)
		byPeriod.set(key, { ...report, period, at })
	}
	const points = [...byPeriod.values()]
		.sort((a, b) => a.at - b.at || a.dated.localeCompare(b.dated) || a.id - b.id)
		.map((report) => {
			const value = (report.value ?? '').trim()
			return {
				period: report.period ?? '',
				value,
				number: measure === 'text' ? null : parseIndicatorNumber(value),
				dated: report.dated,
				source: report.source ?? '',
			}
		})
	const reference = (value: ItemData[string] | undefined, year: ItemData[string] | undefined) => ({
		value: typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '',
		number: measure === 'text' ? null : parseIndicatorNumber(value as string | number | null),
		year: typeof year === 'number' ? year : null,
	})
	return {
		measure,
		unit: typeof data.unit === 'string' ? data.unit : '',
		baseline: reference(data.baselineValue, data.baselineYear),
		target: reference(data.targetValue, data.targetYear),
		points,
		chartable: measure !== 'text' && points.length > 0 && points.every((p) => p.number !== null),
	}
}

// -------------------------------------------------------------------------------------------------
// Reports due

/** A period of a frequency: its year and its part (the month 1–12, the quarter 1–4, the half 1–2; 1 for a year). */
export type DuePeriod = { frequency: Frequency; year: number; part: number; first: number; last: number }

/** The period written the way the report form asks for it: "2026-07", "2026-Q3", "2026-H1", "2026". */
export function duePeriodCode(period: DuePeriod) {
	switch (period.frequency) {
		case 'monthly':
			return `${period.year}-${String(period.part).padStart(2, '0')}`
		case 'quarterly':
			return `${period.year}-Q${period.part}`
		case 'biannual':
			return `${period.year}-H${period.part}`
		case 'annual':
			return String(period.year)
	}
}

const MONTHS_PER_PERIOD: Record<Frequency, number> = { monthly: 1, quarterly: 3, biannual: 6, annual: 12 }

export function isFrequency(value: unknown): value is Frequency {
	return typeof value === 'string' && (FREQUENCIES as readonly string[]).includes(value)
}

/** The last period of this frequency that has ended by `today` (an ISO date): in November 2026, a quarter's is 2026-Q3. */
export function lastEndedPeriod(frequency: Frequency, today: string): DuePeriod {
	const size = MONTHS_PER_PERIOD[frequency]
	const month = monthOf(today)
	// The period `today` is in starts at a multiple of its size (periods are aligned on the year); the one before it ended.
	const first = Math.floor(month / size) * size - size
	const year = Math.floor(first / 12)
	return { frequency, year, part: (first - year * 12) / size + 1, first, last: first + size - 1 }
}

/**
 * The report an indicator lacks: the last period of its frequency that has ended, when no report
 * covers it (a report covers it when the period it is about ends no earlier — "2026-Q3", "2026-09"
 * or "2026" all cover 2026-Q3). Nothing is due for an indicator without a frequency, nor for a period
 * that ended before `since` (the end of the convening, when the plan started to be implemented).
 */
export function missingReport(
	frequency: unknown,
	reports: readonly Pick<IndicatorReportRow, 'period' | 'dated'>[],
	today: string,
	since: string | null = null,
): DuePeriod | null {
	if (!isFrequency(frequency)) return null
	const due = lastEndedPeriod(frequency, today)
	if (since && due.last <= monthOf(since)) return null
	const covered = reports.some((report) => (reportPeriodMonths(report.period ?? '')?.last ?? monthOf(report.dated)) >= due.last)
	return covered ? null : due
}
