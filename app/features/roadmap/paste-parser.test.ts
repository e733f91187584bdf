import { beforeAll, describe, expect, test } from 'vitest'
import { type PasteResult, type PasteVocabulary, rowToActionData } from '#app/features/roadmap/paste.ts'
import { normalisePeriod, parsePaste } from '#app/features/roadmap/paste-parser.server.ts'
import { pasteVocabulary } from '#app/features/roadmap/paste.server.ts'

let vocabulary: PasteVocabulary
beforeAll(async () => {
	vocabulary = await pasteVocabulary()
})
const read = (text: string, currency = 'USD') => parsePaste(text, { currency, vocabulary })
const problemsOf = (result: PasteResult) => [
	...result.problems,
	...result.rows.flatMap((row) => row.problems.map((p) => ({ ...p, values: p.values }))),
]

const tsv = (...rows: string[][]) => rows.map((cells) => cells.join('\t')).join('\n')
const ROW_A = [
	'Train 200 police officers',
	'Ministry of Security',
	'UN Women, Red de Mujeres',
	'2026-Q1',
	'2026-Q4',
	'12,500',
	'National budget',
]
const ROW_B = ['Open two shelters', 'Ministry of Women', '', '2026-03', '2027-06', '80000.50', 'international_cooperation', 'In progress']

describe('reading pasted rows', () => {
	test('cells copied from a spreadsheet (tabs): seven columns, or eight with the status', () => {
		const result = read(tsv(ROW_A, ROW_B))
		expect(result.ok).toBe(true)
		expect(result.hasHeader).toBe(false)
		expect(result.rows.map((r) => r.number)).toEqual([1, 2])
		expect(result.rows[0]!.action).toEqual({
			description: 'Train 200 police officers',
			lead: 'Ministry of Security',
			partners: 'UN Women, Red de Mujeres',
			start: '2026-Q1',
			end: '2026-Q4',
			cost: 1_250_000,
			source: 'national_budget',
			status: null,
		})
		expect(result.rows[1]!.action).toMatchObject({
			partners: '',
			cost: 8_000_050,
			source: 'international_cooperation',
			status: 'in_progress',
		})
		expect(rowToActionData(result.rows[1]!.action!)).toEqual({
			description: 'Open two shelters',
			lead: 'Ministry of Women',
			partners: '',
			start: '2026-03',
			end: '2027-06',
			status: 'in_progress',
			// The cost and its source are the action's first cost line.
			costs: [{ amount: 8_000_050, source: 'international_cooperation', committed: false }],
		})
	})

	test('CSV with quotes around cells that hold commas, quotes and line breaks', () => {
		const text = [
			'"Train officers, judges and prosecutors","Ministry of Security","UN Women, UNDP",2026-Q1,2026-Q4,"12,500",national_budget',
			'"A ""safe cities"" programme,',
			'in two municipalities",Municipality of Colón,,2026-Q2,2027-Q1,5000,civil_society',
		].join('\n')
		const result = read(text)
		expect(result.ok).toBe(true)
		expect(result.rows.map((r) => r.action!.description)).toEqual([
			'Train officers, judges and prosecutors',
			'A "safe cities" programme,\nin two municipalities',
		])
		expect(result.rows[0]!.action!.partners).toBe('UN Women, UNDP')
		expect(result.rows[0]!.action!.cost).toBe(1_250_000)
		// The second row started on the pasted block's second row; the line break inside it is not a row.
		expect(result.rows[1]!.number).toBe(2)
	})

	test('semicolons (a CSV saved with a Spanish or European locale), decimal commas kept in one cell', () => {
		const text = 'Capacitar a 200 policías;Ministerio de Seguridad;ONU Mujeres;2026-Q1;2026-Q4;12.500,50;Presupuesto nacional'
		const result = read(text)
		expect(result.ok).toBe(true)
		expect(result.rows[0]!.action).toMatchObject({ description: 'Capacitar a 200 policías', cost: 1_250_050, source: 'national_budget' })
	})

	test('a header in another order maps the columns, and is not a row', () => {
		const text = tsv(
			['Funding source', 'Cost (USD)', 'Description', 'Lead institution', 'End', 'Start'],
			['Civil society', '$ 3,000.00', 'Community dialogues', 'Women’s network', '2026-Q4', '2026-Q1'],
		)
		const result = read(text)
		expect(result.hasHeader).toBe(true)
		expect(result.columns).toEqual(['source', 'cost', 'description', 'lead', 'end', 'start'])
		expect(result.ok).toBe(true)
		expect(result.rows).toHaveLength(1)
		expect(result.rows[0]!.number).toBe(2)
		expect(result.rows[0]!.action).toEqual({
			description: 'Community dialogues',
			lead: 'Women’s network',
			partners: '',
			start: '2026-Q1',
			end: '2026-Q4',
			cost: 300_000,
			source: 'civil_society',
			status: null,
		})
	})

	test('a Spanish header, in any case and without accents, with Spanish option labels', () => {
		const text = tsv(
			['DESCRIPCION', 'institucion responsable', 'Socios', 'Inicio', 'Fin', 'Costo', 'Fuente de financiación', 'Estado'],
			[
				'Campaña nacional',
				'Inamu',
				'Sociedad civil organizada',
				'2026 T1',
				'q4 2026',
				'1.250.000',
				'cooperacion internacional',
				'planificada',
			],
		)
		const result = read(text, 'CRC')
		expect(result.hasHeader).toBe(true)
		expect(result.ok).toBe(true)
		expect(result.rows[0]!.action).toMatchObject({
			description: 'Campaña nacional',
			lead: 'Inamu',
			start: '2026-Q1',
			end: '2026-Q4',
			cost: 125_000_000,
			source: 'international_cooperation',
			status: 'planned',
		})
	})

	test('blank lines, trailing empty cells and Windows line endings are not rows', () => {
		const text = `${tsv([...ROW_A, '', ''])}\r\n\r\n${tsv(ROW_B)}\r\n\t\t\t\r\n\r\n`
		const result = read(text)
		expect(result.ok).toBe(true)
		expect(result.rows.map((r) => r.number)).toEqual([1, 3])
		expect(result.rows.map((r) => r.action!.description)).toEqual(['Train 200 police officers', 'Open two shelters'])
		expect(result.rows[1]!.action!.status).toBe('in_progress')
	})

	test('periods as people type them are read in the form’s notation', () => {
		expect(normalisePeriod(' 2026-q3 ')).toBe('2026-Q3')
		expect(normalisePeriod('Q2 2027')).toBe('2027-Q2')
		expect(normalisePeriod('2026T4')).toBe('2026-Q4')
		expect(normalisePeriod('2026/7')).toBe('2026-07')
		expect(normalisePeriod('07/2026')).toBe('2026-07')
		expect(normalisePeriod('July 2026')).toBe('JULY 2026')
	})
})

describe('what a paste refuses, row by row and cell by cell', () => {
	test('nothing pasted, or only blank lines', () => {
		expect(read('').problems).toEqual([{ row: null, column: null, key: 'roadmap.paste.errors.empty' }])
		expect(read('\n \n\t\n').problems.map((p) => p.key)).toEqual(['roadmap.paste.errors.empty'])
		expect(read('').ok).toBe(false)
	})

	test('a row with the wrong number of cells', () => {
		const result = read(tsv(ROW_A, ['Only a description', 'Ministry']))
		expect(result.ok).toBe(false)
		expect(result.rows[0]!.problems).toEqual([])
		expect(result.rows[1]!.problems).toEqual([
			{ row: 2, column: null, key: 'roadmap.paste.errors.columnCount', values: { count: 2, expected: 7 } },
		])
		// With a header, a row has the header's columns.
		const withHeader = read(tsv(['Description', 'Lead'], ['A', 'B', 'C']))
		expect(withHeader.rows[0]!.problems).toEqual([
			{ row: 2, column: null, key: 'roadmap.paste.errors.columnCountHeader', values: { count: 3, expected: 2 } },
		])
	})

	test('a missing description', () => {
		const row = ['', 'Ministry of Security', '', '2026-Q1', '2026-Q4', '', '']
		expect(read(tsv(ROW_A, row)).rows[1]!.problems).toEqual([{ row: 2, column: 'description', key: 'roadmap.paste.errors.noDescription' }])
	})

	test('a text over its field’s limit says the limit and the length, and is not cut', () => {
		const long = 'x'.repeat(1003)
		const result = read(tsv([long, 'L'.repeat(201), '', '', '', '', '']))
		expect(result.rows[0]!.problems).toEqual([
			{ row: 1, column: 'description', key: 'roadmap.paste.errors.tooLong', values: { max: 1000, length: 1003 } },
			{ row: 1, column: 'lead', key: 'roadmap.paste.errors.tooLong', values: { max: 200, length: 201 } },
		])
		expect(result.rows[0]!.values.description).toBe(long)
		expect(result.rows[0]!.action).toBeNull()
	})

	test('an unknown funding source or status, while the options’ codes and English and Spanish labels are accepted', () => {
		const row = (source: string, status = '') => [...ROW_A.slice(0, 6), source, status]
		for (const source of [
			'national_budget',
			'NATIONAL BUDGET',
			'Presupuesto nacional',
			'partida de un ministerio',
			'Aún no identificada',
			'aun no identificada',
		]) {
			expect(read(tsv(row(source))).ok, source).toBe(true)
		}
		const result = read(tsv(row('Lottery', 'Half done')))
		expect(result.rows[0]!.problems).toEqual([
			{ row: 1, column: 'source', key: 'roadmap.paste.errors.unknown.source', values: { value: 'Lottery' } },
			{ row: 1, column: 'status', key: 'roadmap.paste.errors.unknown.status', values: { value: 'Half done' } },
		])
		// The cells that were read still show as understood.
		expect(result.rows[0]!.values).toMatchObject({ cost: 1_250_000, start: '2026-Q1', source: 'Lottery', status: 'Half done' })
	})

	test('a negative or non-numeric cost', () => {
		const row = (cost: string) => [...ROW_A.slice(0, 5), cost, '']
		const result = read(tsv(row('-500'), row('about ten thousand'), row('12.345')))
		expect(result.rows.map((r) => r.problems.map((p) => [p.column, p.key]))).toEqual([
			[['cost', 'roadmap.errors.negative']],
			[['cost', 'roadmap.errors.money']],
			[],
		])
		expect(result.rows[1]!.values.cost).toBe('about ten thousand')
		// In a currency without decimals, 12.345 is twelve thousand three hundred and forty-five.
		expect(read(tsv(row('12.345')), 'CLP').rows[0]!.action!.cost).toBe(12_345)
	})

	test('a bad period, and an end before its start', () => {
		const row = (start: string, end: string) => [ROW_A[0]!, '', '', start, end, '', '']
		const result = read(tsv(row('2026-Q5', ''), row('2027-Q1', '2026-Q4'), row('2026-Q2', '2026-13')))
		expect(result.rows.map((r) => r.problems.map((p) => [p.column, p.key]))).toEqual([
			[['start', 'roadmap.errors.period']],
			[['end', 'roadmap.errors.endBeforeStart']],
			[['end', 'roadmap.errors.period']],
		])
	})

	test('more than 200 rows', () => {
		const rows = Array.from({ length: 201 }, (_, i) => [`Action ${i + 1}`, '', '', '', '', '', ''])
		const result = read(tsv(...rows))
		expect(result.ok).toBe(false)
		expect(result.rows).toEqual([])
		expect(result.problems).toEqual([
			{ row: null, column: null, key: 'roadmap.paste.errors.tooManyRows', values: { count: 201, max: 200 } },
		])
		expect(read(tsv(...rows.slice(0, 200))).ok).toBe(true)
	})

	test('a header that names an unknown column, a column twice, or no description; a header with no rows', () => {
		expect(problemsOf(read(tsv(['Description', 'Lead', 'Notes'], ['A', 'B', 'C'])))).toEqual([
			{ row: 1, column: null, key: 'roadmap.paste.errors.unknownHeader', values: { name: 'Notes' } },
		])
		expect(problemsOf(read(tsv(['Description', 'Cost', 'Costo'], ['A', '1', '2'])))).toEqual([
			{ row: 1, column: 'cost', key: 'roadmap.paste.errors.duplicateHeader' },
		])
		expect(problemsOf(read(tsv(['Lead', 'Partners'], ['A', 'B'])))).toEqual([
			{ row: 1, column: 'description', key: 'roadmap.paste.errors.noDescriptionColumn' },
		])
		expect(problemsOf(read(tsv(['Description', 'Lead'])))).toEqual([{ row: null, column: null, key: 'roadmap.paste.errors.noRows' }])
	})

	test('a quote that is never closed', () => {
		const result = read('"Train officers,Ministry,,,,,\nOpen shelters,Ministry,,,,,')
		expect(result.ok).toBe(false)
		expect(result.problems).toEqual([{ row: null, column: null, key: 'roadmap.paste.errors.quoteNotClosed', values: { line: 2 } }])
	})
})
