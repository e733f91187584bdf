import { stringify } from 'csv-stringify/sync'

/**
 * A CSV download: UTF-8 with a byte-order mark so spreadsheet programs show accents right, headers in
 * the reader's language.
 */
export function csvResponse(filename: string, header: string[], rows: Array<Array<string | number | null>>) {
	const body = stringify([header, ...rows.map((row) => row.map((cell) => cell ?? ''))], { bom: true })
	return new Response(body, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': `attachment; filename="${filename}"`,
			'Cache-Control': 'no-store',
		},
	})
}
