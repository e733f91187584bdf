import { stringify } from 'csv-stringify/sync'

/**
 * Every CSV the Academy produces goes through this module (docs/decisions/0019-csv-for-spreadsheets.md):
 *
 * - UTF-8 with a byte-order mark, so spreadsheet programs show accents right; headers in the reader's
 *   language.
 * - A text cell that a spreadsheet would run as a formula (it begins with `=`, `+`, `-`, `@`, a tab or
 *   a carriage return) gets a leading `'`, which spreadsheets read as "this is text": a delegate named
 *   `=HYPERLINK(…)` stays a name. Numbers are written as numbers and are not touched.
 * - Timestamps as `2026-12-01 14:05` in UTC (`csvTimestamp`; the column's header says UTC), a form
 *   LibreOffice and Excel read as a date and time in every locale.
 * - Amounts as whole numbers without separators (`csvAmount`), which every locale reads as the same
 *   number.
 */
export type CsvCell = string | number | null | undefined

const FORMULA_START = /^[=+\-@\t\r]/

/** A cell as written: formula-looking text neutralised with a leading `'`, numbers as they are. */
export function csvCell(cell: CsvCell): string | number {
	if (cell === null || cell === undefined) return ''
	if (typeof cell === 'number') return Number.isFinite(cell) ? cell : ''
	return FORMULA_START.test(cell) ? `'${cell}` : cell
}

/** The CSV text of a header row and its rows, through `csvCell`. */
export function csvText(header: string[], rows: CsvCell[][]) {
	return stringify(
		[header, ...rows].map((row) => row.map(csvCell)),
		{ bom: true },
	)
}

/** A CSV download (private: never kept by a shared computer's browser). */
export function csvResponse(filename: string, header: string[], rows: CsvCell[][]) {
	return new Response(csvText(header, rows), {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${filename}"`,
			'Cache-Control': 'no-store',
		},
	})
}

/** A stored instant (ISO 8601) as `YYYY-MM-DD HH:MM` in UTC, or empty. */
export function csvTimestamp(value: string | null | undefined) {
	if (!value) return ''
	const date = new Date(value)
	if (Number.isNaN(date.getTime())) return ''
	return date.toISOString().slice(0, 16).replace('T', ' ')
}

/** An amount in minor units of a currency with `digits` decimals, as a whole number of major units. */
export function csvAmount(minorUnits: number, digits: number) {
	return Math.round(minorUnits / 10 ** digits)
}

/** A number typed as text (an indicator's baseline): a number cell when it is one, else the text. */
export function csvNumberOrText(value: unknown) {
	const text = String(value ?? '').trim()
	if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text)
	return text
}
