import { parse } from 'csv-parse/sync'
import { describe, expect, test } from 'vitest'
import { BLANK_ROWS, EXAMPLE_LINES } from '#app/features/curriculum/costing-sheet.server.ts'
import { requestAs, routeArgs, run } from '#tests/helpers.ts'

/** The costing sheet of the gender-budgeting module, downloaded as a spreadsheet would open it. */
async function download(email: string | null, language: 'en' | 'es') {
	const { loader } = await import('#app/routes/worksheets.costing-sheet[.]csv.tsx')
	const result = await run(async () => loader(routeArgs(await requestAs(email, `/worksheets/costing-sheet.csv?lng=${language}`))))
	const response = result.response!
	const bytes = new Uint8Array(await response.clone().arrayBuffer())
	return { status: result.status, response, bytes, rows: parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, '')) as string[][] }
}

const sum = (rows: string[][], column: number) => rows.reduce((total, row) => total + Number(row[column] || 0), 0)

describe('the costing sheet (CSV)', () => {
	test('downloads in English with the columns of a costing row, Valmira’s 3.1.1 lines and blank rows', async () => {
		const { status, response, bytes, rows } = await download('delegate.bo@example.org', 'en')
		expect(status).toBe(200)
		expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
		expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="costing-sheet.csv"')
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
		expect(rows[0]).toEqual([
			'Activity / cost item',
			'Responsible institution',
			'Cost category',
			'Unit',
			'Unit cost',
			'Quantity',
			'Years',
			'Total',
			'Funding source',
			'Budget programme code',
			'Status',
			'Gap',
		])
		const lines = rows.slice(1, 1 + EXAMPLE_LINES.length)
		expect(rows).toHaveLength(1 + EXAMPLE_LINES.length + BLANK_ROWS)
		expect(rows.slice(1 + EXAMPLE_LINES.length).every((row) => row.length === 12 && row.every((cell) => cell === ''))).toBe(true)
		expect(lines[0]).toEqual([
			'3.1.1 Open 26 municipal GBV attention centres · Psychologist, one per centre',
			'Ministry of Women and Equality (MME)',
			'Personnel',
			'staff-month',
			'750',
			'1200',
			'2026–2030',
			'900000',
			'Existing institutional budget',
			'MME 03',
			'Committed',
			'0',
		])
		// Every total is unit cost × quantity; the lines add up to the lesson's figures.
		for (const line of lines) expect(Number(line[7])).toBe(Number(line[4]) * Number(line[5]))
		expect(sum(lines, 7)).toBe(2_600_000)
		expect(
			sum(
				lines.filter((line) => line[10] === 'Committed'),
				7,
			),
		).toBe(1_300_000)
		expect(sum(lines, 11)).toBe(1_300_000)
		expect(lines.filter((line) => line[10] === 'Gap').map((line) => [line[1], line[8], line[9]])).toEqual(
			Array(4).fill(['Municipal governments', 'Subnational budget', '']),
		)
	})

	test('downloads in Spanish, headers and cells in Spanish', async () => {
		const { response, rows } = await download('facilitator@example.org', 'es')
		expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="matriz-de-costeo.csv"')
		expect(rows[0]).toEqual([
			'Actividad / rubro',
			'Institución responsable',
			'Categoría de costo',
			'Unidad',
			'Costo unitario',
			'Cantidad',
			'Años',
			'Total',
			'Fuente de financiamiento',
			'Código del programa presupuestario',
			'Estado',
			'Brecha',
		])
		expect(rows[1]!.slice(0, 4)).toEqual([
			'3.1.1 Apertura de 26 centros municipales de atención de la VBG · Psicóloga o psicólogo, uno por centro',
			'Ministerio de la Mujer y la Equidad (MME)',
			'Personal',
			'mes-persona',
		])
		expect(
			rows
				.slice(1)
				.map((row) => row[10])
				.filter(Boolean),
		).toEqual([...Array(5).fill('Comprometido'), ...Array(4).fill('Brecha')])
		expect(sum(rows.slice(1), 7)).toBe(2_600_000)
	})

	test('is for people signed in', async () => {
		const { status, response } = await download(null, 'en')
		expect(status).toBe(302)
		expect(response.headers.get('Location')).toMatch(/^\/login\?redirectTo=/)
	})
})
