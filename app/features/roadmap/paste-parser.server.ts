/**
 * Reads pasted text into lines of action (see paste.ts for the columns and the header rule), with
 * csv-parse for the quoting rules of CSV and of cells copied from a spreadsheet, and the action
 * form's own rules (`validateItemForm`) for each row. Writes nothing.
 */
import { parse } from 'csv-parse/sync'
import { costLinesOf, type FieldSpec, type ItemData, KINDS } from '#app/features/roadmap/kinds.ts'
import {
	PASTE_COLUMNS,
	PASTE_MAX_ROWS,
	PASTE_REQUIRED_COLUMNS,
	type PasteColumn,
	type PastedAction,
	type PastedRow,
	type PasteProblem,
	type PasteResult,
	type PasteVocabulary,
} from '#app/features/roadmap/paste.ts'
import { validateItemForm } from '#app/features/roadmap/schemas.ts'

const ACTION_SPECS = KINDS.action.fields as readonly FieldSpec[]
/** The action's fields a paste fills: its columns, the cost and its source being the action's first cost line. */
const FORM_FIELDS: readonly string[] = [...PASTE_COLUMNS.filter((c) => c !== 'cost' && c !== 'source'), 'costs']
/** The column of a field the form refused (`costs[0].amount` is the cost column). */
function columnOf(name: string): PasteColumn {
	if (name === 'costs' || name.endsWith('.amount')) return 'cost'
	if (name.endsWith('.source')) return 'source'
	return name as PasteColumn
}

/** Lower case, no accents, no "(…)" notes or trailing "*"/":", single spaces: how names are compared. */
export function normaliseName(value: string) {
	return value
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/\([^)]*\)/g, ' ')
		.replace(/[*:]+\s*$/, '')
		.replace(/[\s\u00a0]+/g, ' ')
		.trim()
}

function lookup<K extends string>(names: Record<K, readonly string[]>): Map<string, K> {
	const map = new Map<string, K>()
	for (const [code, list] of Object.entries(names) as Array<[K, readonly string[]]>) {
		for (const name of [code, ...list]) {
			const key = normaliseName(name)
			if (key && !map.has(key)) map.set(key, code)
		}
	}
	return map
}

/**
 * A period as people type it in a sheet, in the form's notation: "2026 q1", "Q1 2026", "2026T1"
 * (trimestre) → "2026-Q1"; "2026/7", "07/2026" → "2026-07". Anything else is left as typed (upper
 * case) for the form's rules to refuse.
 */
export function normalisePeriod(value: string) {
	const typed = value.trim().toUpperCase()
	let match = /^(\d{4})\s*[-/. ]?\s*[QT]([1-4])$/.exec(typed)
	if (match) return `${match[1]}-Q${match[2]}`
	match = /^[QT]([1-4])\s*[-/. ]?\s*(\d{4})$/.exec(typed)
	if (match) return `${match[2]}-Q${match[1]}`
	match = /^(\d{4})[-/.](\d{1,2})$/.exec(typed)
	if (match) return `${match[1]}-${match[2]!.padStart(2, '0')}`
	match = /^(\d{1,2})[-/.](\d{4})$/.exec(typed)
	if (match) return `${match[2]}-${match[1]!.padStart(2, '0')}`
	return typed
}

/** An amount as copied from a formatted cell ("$ 12,500.00", "12 500 USD"): without the currency's sign or code. */
function costAsTyped(value: string, currency: string) {
	return value
		.replace(/\p{Sc}/gu, '')
		.replace(new RegExp(`^\\s*${currency}\\b|\\b${currency}\\s*$`, 'i'), '')
		.trim()
}

type Records = { records: string[][]; problem?: PasteProblem }

function readRecords(text: string, delimiter: string): Records {
	try {
		const records = parse(text, {
			delimiter,
			bom: true,
			relax_column_count: true,
			// A quote inside a cell that does not start with one is part of the text ("5" screens").
			relax_quotes: true,
			skip_empty_lines: false,
		}) as string[][]
		return { records }
	} catch (error) {
		const line = typeof (error as { lines?: unknown }).lines === 'number' ? (error as { lines: number }).lines : 1
		const code = (error as { code?: unknown }).code
		const key = code === 'CSV_QUOTE_NOT_CLOSED' ? 'roadmap.paste.errors.quoteNotClosed' : 'roadmap.paste.errors.unreadable'
		return { records: [], problem: { row: null, column: null, key, values: { line } } }
	}
}

/**
 * Tabs when there are any (what copying cells gives); otherwise comma or semicolon, whichever splits
 * the first row into more cells (a comma wins a tie: "12,500" in a semicolon CSV stays one cell).
 */
function splitRecords(text: string): Records {
	if (text.includes('\t')) return readRecords(text, '\t')
	const comma = readRecords(text, ',')
	const semicolon = readRecords(text, ';')
	if (semicolon.problem) return comma
	if (comma.problem) return semicolon
	const cells = (records: string[][]) => records.find((r) => r.some((cell) => cell.trim()))?.length ?? 0
	return cells(semicolon.records) > cells(comma.records) ? semicolon : comma
}

const blank = (record: string[]) => record.every((cell) => !cell.trim())

/** Reads a pasted block into rows and checks each one; amounts in minor units of `currency`. */
export function parsePaste(text: string, options: { currency: string; vocabulary: PasteVocabulary }): PasteResult {
	const columnNames = lookup(options.vocabulary.columns)
	const sourceNames = lookup(options.vocabulary.source)
	const statusNames = lookup(options.vocabulary.status)
	const result = (partial: Partial<PasteResult>): PasteResult => {
		const out = { columns: [...PASTE_COLUMNS], hasHeader: false, rows: [], problems: [], ...partial }
		return { ...out, ok: !out.problems.length && out.rows.length > 0 && out.rows.every((r) => !r.problems.length) }
	}

	if (!text.trim()) return result({ problems: [{ row: null, column: null, key: 'roadmap.paste.errors.empty' }] })
	const { records, problem } = splitRecords(text)
	if (problem) return result({ problems: [problem] })

	// Rows are numbered as the block's rows, blank ones included, so "row 4" is the fourth row pasted.
	const numbered = records.map((cells, index) => ({ number: index + 1, cells })).filter((r) => !blank(r.cells))
	if (!numbered.length) return result({ problems: [{ row: null, column: null, key: 'roadmap.paste.errors.empty' }] })

	// A header: the first row names at least two columns (or names all its cells).
	const first = numbered[0]!
	const named = first.cells.map((cell) => (cell.trim() ? (columnNames.get(normaliseName(cell)) ?? null) : null))
	const filled = first.cells.filter((cell) => cell.trim()).length
	const matches = named.filter(Boolean).length
	const hasHeader = matches >= 2 || (matches > 0 && matches === filled)
	const problems: PasteProblem[] = []
	let columns: Array<PasteColumn | null> = [...PASTE_COLUMNS]
	if (hasHeader) {
		columns = named
		first.cells.forEach((cell, index) => {
			if (cell.trim() && !named[index])
				problems.push({ row: first.number, column: null, key: 'roadmap.paste.errors.unknownHeader', values: { name: cell.trim() } })
		})
		for (const column of PASTE_COLUMNS) {
			if (named.filter((name) => name === column).length > 1)
				problems.push({ row: first.number, column, key: 'roadmap.paste.errors.duplicateHeader' })
		}
		if (!named.includes('description'))
			problems.push({ row: first.number, column: 'description', key: 'roadmap.paste.errors.noDescriptionColumn' })
	}
	const dataRows = hasHeader ? numbered.slice(1) : numbered
	const used = columns.filter((c): c is PasteColumn => c !== null)
	const base = { columns: hasHeader ? used.filter((c, i) => used.indexOf(c) === i) : [...PASTE_COLUMNS], hasHeader }
	if (!dataRows.length) return result({ ...base, problems: [...problems, { row: null, column: null, key: 'roadmap.paste.errors.noRows' }] })
	if (dataRows.length > PASTE_MAX_ROWS) {
		return result({
			...base,
			problems: [
				...problems,
				{ row: null, column: null, key: 'roadmap.paste.errors.tooManyRows', values: { count: dataRows.length, max: PASTE_MAX_ROWS } },
			],
		})
	}
	if (problems.length) return result({ ...base, problems })

	const rows = dataRows.map(({ number, cells }) => readRow(number, cells))
	return result({ ...base, rows })

	function readRow(number: number, cells: string[]): PastedRow {
		const values = Object.fromEntries(PASTE_COLUMNS.map((c) => [c, null])) as PastedRow['values']
		const typed = Object.fromEntries(PASTE_COLUMNS.map((c) => [c, ''])) as Record<PasteColumn, string>
		const rowProblems: PasteProblem[] = []
		// Trailing empty cells carry nothing: a row may have them beyond its columns.
		let count = cells.length
		while (count > columns.length && !cells[count - 1]!.trim()) count--
		const fits = hasHeader ? count === columns.length : count === PASTE_REQUIRED_COLUMNS || count === PASTE_COLUMNS.length
		if (!fits) {
			rowProblems.push({
				row: number,
				column: null,
				key: hasHeader ? 'roadmap.paste.errors.columnCountHeader' : 'roadmap.paste.errors.columnCount',
				values: { count, expected: hasHeader ? columns.length : PASTE_REQUIRED_COLUMNS },
			})
		}
		cells.slice(0, columns.length).forEach((cell, index) => {
			const column = columns[index]
			if (column) typed[column] = cell.trim()
		})
		for (const column of PASTE_COLUMNS) values[column] = typed[column] || null
		if (!fits) return { number, values, problems: rowProblems, action: null }

		// Options by code or by their English or Spanish label; an unknown one is said as such.
		const option = (column: 'source' | 'status', names: Map<string, string>) => {
			if (!typed[column]) return ''
			const code = names.get(normaliseName(typed[column]))
			if (!code) rowProblems.push({ row: number, column, key: `roadmap.paste.errors.unknown.${column}`, values: { value: typed[column] } })
			return code ?? ''
		}
		const form = {
			description: typed.description,
			lead: typed.lead,
			partners: typed.partners,
			start: normalisePeriod(typed.start),
			end: normalisePeriod(typed.end),
			'costs[0].amount': costAsTyped(typed.cost, options.currency),
			'costs[0].source': option('source', sourceNames),
			status: option('status', statusNames),
		}
		const validated = validateItemForm('action', form, { currency: options.currency, fields: FORM_FIELDS })
		if (!validated.ok) {
			for (const [name, messages] of Object.entries(validated.errors)) {
				const column = columnOf(name)
				for (const message of messages) rowProblems.push(cellProblem(number, column, message, typed[column]))
			}
		}
		// The cells that were read show their clean value even when another cell of the row was refused.
		const failed = new Set(rowProblems.map((p) => p.column))
		const clean = validated.ok
			? validated
			: validateItemForm('action', form, {
					currency: options.currency,
					fields: FORM_FIELDS.filter((name) => !failed.has(columnOf(name))),
				})
		const line = clean.ok ? costLinesOf(clean.data)[0] : undefined
		const data: ItemData = clean.ok ? { ...clean.data, cost: line?.amount ?? null, source: line?.source ?? null } : {}
		for (const column of PASTE_COLUMNS) {
			if (!failed.has(column) && column in data) values[column] = data[column] === '' ? null : (data[column] as string | number | null)
		}
		if (rowProblems.length || !validated.ok) return { number, values, problems: rowProblems, action: null }
		const action: PastedAction = {
			description: String(data.description),
			lead: String(data.lead ?? ''),
			partners: String(data.partners ?? ''),
			start: (data.start as string | null) ?? null,
			end: (data.end as string | null) ?? null,
			cost: (data.cost as number | null) ?? null,
			source: (data.source as string | null) ?? null,
			status: (data.status as string | null) ?? null,
		}
		return { number, values, problems: [], action }
	}
}

/** The form's message for a cell, with what a paste needs to say more: the limit and the length of a long text. */
function cellProblem(row: number, column: PasteColumn, message: string, typed: string): PasteProblem {
	if (message === 'roadmap.errors.tooLong') {
		const max = ACTION_SPECS.find((s) => s.name === column)?.max ?? 0
		return { row, column, key: 'roadmap.paste.errors.tooLong', values: { max, length: typed.length } }
	}
	if (message === 'roadmap.errors.required') return { row, column, key: 'roadmap.paste.errors.noDescription' }
	return { row, column, key: message }
}
