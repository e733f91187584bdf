/**
 * Lines of action pasted from a spreadsheet: cells copied from Excel, Google Sheets or LibreOffice
 * (tab-separated) or CSV text (comma- or semicolon-separated, with quotes), read into rows that are
 * checked with the same rules as the action form (`validateItemForm`). This module is what the
 * server and the browser share: the columns, the limits and the shape of a preview. The reading is
 * in paste-parser.server.ts (`parsePaste`); the section's `pastePreview` intent shows what it read,
 * and its `paste` intent reads the text again and creates the rows only when all of them are valid
 * (paste.server.ts).
 *
 * The columns, in order when there is no header: description, lead institution, partners, start,
 * end, cost, funding source, and optionally status as an 8th column. A first row whose cells name
 * the columns (in English or Spanish, any case, with or without accents, "Cost (USD)" counting as
 * "Cost") is a header: it is skipped and its order is used, so a sheet with the columns in another
 * order, or with only some of them, still works.
 */
import { type ACTION_STATUSES, type FUNDING_SOURCES, type FundingSource, type ItemData } from '#app/features/roadmap/kinds.ts'

export const PASTE_COLUMNS = ['description', 'lead', 'partners', 'start', 'end', 'cost', 'source', 'status'] as const
export type PasteColumn = (typeof PASTE_COLUMNS)[number]
/** Without a header a row has the first seven columns, or all eight (with status). */
export const PASTE_REQUIRED_COLUMNS = 7
export const PASTE_MAX_ROWS = 200
/** The most text the textarea takes: 200 rows of long cells fit well within it. */
export const PASTE_MAX_CHARS = 500_000

/** The names people may use for each column and for each option, in every language the app speaks. */
export type PasteVocabulary = {
	columns: Record<PasteColumn, readonly string[]>
	source: Record<(typeof FUNDING_SOURCES)[number], readonly string[]>
	status: Record<(typeof ACTION_STATUSES)[number], readonly string[]>
}

/** A problem of the paste (`row` null: the whole text) or of one row's cell (`column` null: the whole row). */
export type PasteProblem = { row: number | null; column: PasteColumn | null; key: string; values?: Record<string, string | number> }

/** A line of action as read from a valid row, in today's action fields (see `rowToActionData`). */
export type PastedAction = {
	description: string
	lead: string
	partners: string
	start: string | null
	end: string | null
	cost: number | null
	source: string | null
	status: string | null
}

export type PastedRow = {
	/** The row of the pasted block it came from (1 is the first, header included), as a spreadsheet counts them. */
	number: number
	/** Each column as understood: the clean value of a cell that was read, or what was typed where it was not. */
	values: Record<PasteColumn, string | number | null>
	problems: PasteProblem[]
	/** The line of action, when the row has no problem. */
	action: PastedAction | null
}

export type PasteResult = {
	/** The columns in the order they were read: the header's, or the usual order. */
	columns: PasteColumn[]
	hasHeader: boolean
	rows: PastedRow[]
	/** Problems of the whole text (empty, unreadable, too many rows, a header cell that names no column). */
	problems: PasteProblem[]
	/** Every row is valid and there is at least one. */
	ok: boolean
}

/**
 * What a pasted row stores on the action. The one place that knows the action's cost fields: when
 * actions hold a list of cost lines, only this function changes.
 */
export function rowToActionData(row: PastedAction): ItemData {
	return {
		description: row.description,
		lead: row.lead,
		partners: row.partners,
		start: row.start,
		end: row.end,
		status: row.status,
		// The cost and its source are the action's first cost line, not yet committed.
		costs: row.cost !== null || row.source ? [{ amount: row.cost ?? 0, source: row.source as FundingSource | null, committed: false }] : [],
	}
}

/** What the section's action answers to a paste form (the `pastePreview` and `paste` intents). */
export type PasteAnswer = {
	result?: { error?: Record<string, string[] | null | undefined> }
	feedback?: { formKey?: string; message?: string }
	paste?: { parentId: string; text: string; preview: PasteResult | null }
}
