/**
 * The official draft of a National Action Plan as a Word document (.docx): what a ministry takes from
 * the delegation's roadmap and adopts. It reads the same tree, numbering, matrix rows, budget totals
 * and reporting calendar as the print view and the results matrix, so the three agree figure by figure.
 *
 * Word features, so the file behaves like a document a ministry wrote: the built-in Title and
 * Heading 1–3 styles (Word's navigation pane and table of contents read them), a table-of-contents
 * field that Word offers to update when the file opens (written with its entries already in it, so
 * LibreOffice and readers that do not compute fields show the contents too), page numbers in the
 * footer, table header rows that repeat on every page, and landscape sections for the two wide tables.
 */
import {
	AlignmentType,
	BorderStyle,
	Document,
	Footer,
	HeadingLevel,
	type ISectionOptions,
	Packer,
	PageNumber,
	PageOrientation,
	Paragraph,
	ShadingType,
	Table,
	TableCell,
	TableLayoutType,
	TableOfContents,
	TableRow,
	TextRun,
	WidthType,
} from 'docx'
import { type TFunction } from 'i18next'
import { delegationMembers } from '#app/features/cohorts/delegations.server.ts'
import { getCohort } from '#app/features/cohorts/cohorts.server.ts'
import { formatMoney } from '#app/features/roadmap/item-values.tsx'
import { type CostLine, costLinesOf, type ItemData, LEVELS } from '#app/features/roadmap/kinds.ts'
import { matrixRows, matrixTotals } from '#app/features/roadmap/matrix.ts'
import { planNumbers } from '#app/features/roadmap/numbering.ts'
import { budgetTotals, reportingCalendar, type Tree } from '#app/features/roadmap/roadmap.server.ts'
import { loadTree } from '#app/features/roadmap/transfer.server.ts'
import { countryName, formatDate, formatDateRange, formatMonthName, formatPercent } from '#app/utils/format.ts'
import type { Language } from '#app/utils/i18n.ts'
import { getT } from '#app/utils/i18n.server.ts'
import { nowIso } from '#app/utils/misc.ts'
import type { Cohort, Roadmap } from '#db/schema.ts'

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

/** Everything the draft is made from, read beforehand: building the document itself reads nothing. */
export type DraftInput = {
	language: Language
	countryCode: string
	roadmap: Pick<Roadmap, 'currency' | 'status' | 'version' | 'updated_at'>
	cohort: Pick<Cohort, 'name' | 'host_city' | 'host_country' | 'venue' | 'start_date' | 'end_date'>
	members: Array<{ name: string; organisation: string; position: string; sector: string; isLead: boolean }>
	tree: Tree
	/** When the draft is made (an ISO instant): its date on the cover and the year of its reporting calendar. */
	now: string
}

// -------------------------------------------------------------------------------------------------
// Page geometry, in twentieths of a point. The page is Letter (the region's paper, "carta"); the text
// is as wide as on A4 with one-inch margins, so every table also fits when a ministry prints on A4.

const PAGE = { width: 12240, height: 15840 }
const MARGIN = { top: 1440, bottom: 1440, left: 1607, right: 1607, header: 708, footer: 708 }
/** Width of the text on a portrait page (A4's 11906 less two inches, the narrower of the two papers). */
const PORTRAIT_WIDTH = 9026
/** Width of the text on a landscape page: Letter's 15840 less two inches (A4 landscape is wider). */
const LANDSCAPE_WIDTH = 12960

const FONT = 'Calibri'
const GREY = 'E7E6E6'
const LIGHT = 'F2F2F2'

const s = (value: unknown) => (value === null || value === undefined ? '' : String(value))
/** A value as printed: an empty one is a dash, never a blank cell. */
const dash = (value: string) => value || '—'
/** A value with its unit when it is a number ("11 %"); a value in words stands alone (as the print view shows it). */
const withUnit = (value: unknown, unit: unknown) => (/^-?\d+([.,]\d+)?$/.test(s(value)) ? [s(value), s(unit)] : [s(value)])

// -------------------------------------------------------------------------------------------------
// Building blocks

function heading(text: string, level: 1 | 2 | 3, options: { pageBreakBefore?: boolean } = {}) {
	const headingLevel = level === 1 ? HeadingLevel.HEADING_1 : level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3
	return new Paragraph({ heading: headingLevel, text, keepNext: true, pageBreakBefore: options.pageBreakBefore })
}

function para(text: string, options: { italic?: boolean; bold?: boolean; size?: number; spacingAfter?: number } = {}) {
	// Line breaks typed in a long text stay line breaks.
	const lines = text.split(/\r?\n/)
	return new Paragraph({
		spacing: { after: options.spacingAfter ?? 120 },
		children: lines.map(
			(line, index) => new TextRun({ text: line, break: index ? 1 : 0, italics: options.italic, bold: options.bold, size: options.size }),
		),
	})
}

/** "Label: value", the label in bold. */
function labelled(label: string, value: string) {
	return new Paragraph({ spacing: { after: 80 }, children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] })
}

/** "Label: value" pairs, a line each, in one paragraph. */
function labelledLines(pairs: Array<[string, string]>) {
	return new Paragraph({
		spacing: { after: 120 },
		children: pairs.flatMap(([label, value], index) => [
			new TextRun({ text: `${label}: `, bold: true, break: index ? 1 : 0 }),
			new TextRun(value),
		]),
	})
}

/** What a part of the plan says when it has nothing yet: in words, never a gap in the page. */
function empty(text: string) {
	return para(text, { italic: true })
}

function bullet(children: TextRun[] | string) {
	return new Paragraph({
		bullet: { level: 0 },
		spacing: { after: 60 },
		children: typeof children === 'string' ? [new TextRun(children)] : children,
	})
}

type Cell = string | { text: string | string[]; bold?: boolean; span?: number; shade?: string; align?: 'right' }

/** The paragraph styles of table text: Word lists them as "Table text" and "Table text (small)". */
const CELL_STYLE = { 18: 'DraftTableText', 16: 'DraftTableTextSmall' } as const

function cell(value: Cell, size: 16 | 18, width: number, header = false) {
	const spec = typeof value === 'string' ? { text: value } : value
	const lines = Array.isArray(spec.text) ? spec.text : [spec.text]
	const bold = header || spec.bold
	return new TableCell({
		columnSpan: spec.span,
		width: { size: width, type: WidthType.DXA },
		shading: header || spec.shade ? { type: ShadingType.CLEAR, color: 'auto', fill: spec.shade ?? GREY } : undefined,
		// The text's size and spacing come from the style, so a cell of a long table is one plain run.
		children: lines.map(
			(line) =>
				new Paragraph({
					style: CELL_STYLE[size],
					alignment: spec.align === 'right' ? AlignmentType.RIGHT : undefined,
					children: [bold ? new TextRun({ text: line, bold: true }) : new TextRun(line)],
				}),
		),
	})
}

/**
 * A table as wide as the text, with fixed column widths (shares of `width`), a header row repeated on
 * every page, and rows that never split across two pages.
 */
function table(columns: Array<{ header: string; share: number }>, rows: Cell[][], options: { width: number; size?: 16 | 18 }) {
	const size = options.size ?? 18
	const total = columns.reduce((sum, c) => sum + c.share, 0)
	const widths = columns.map((c) => Math.floor((options.width * c.share) / total))
	const spanWidth = (from: number, span = 1) => widths.slice(from, from + span).reduce((sum, w) => sum + w, 0)
	const row = (cells: Cell[], header = false) => {
		let column = 0
		return new TableRow({
			tableHeader: header,
			cantSplit: true,
			children: cells.map((value) => {
				const span = typeof value === 'string' ? 1 : (value.span ?? 1)
				const made = cell(value, size, spanWidth(column, span), header)
				column += span
				return made
			}),
		})
	}
	const border = { style: BorderStyle.SINGLE, size: 4, color: 'A6A6A6' }
	return new Table({
		width: { size: options.width, type: WidthType.DXA },
		columnWidths: widths,
		layout: TableLayoutType.FIXED,
		margins: { top: 40, bottom: 40, left: 80, right: 80 },
		borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
		rows: [
			row(
				columns.map((c) => c.header),
				true,
			),
			...rows.map((cells) => row(cells)),
		],
	})
}

/** Space after a table, so the next paragraph does not touch it. */
const gap = () => new Paragraph({ spacing: { after: 160 }, children: [] })

// -------------------------------------------------------------------------------------------------
// The document

/** The draft as a Word document, from what `draftInput` read. Reads nothing, writes nothing. */
export async function draftDocument(input: DraftInput): Promise<Buffer> {
	const t = await getT(input.language)
	const document = new Document({
		creator: t('app.name'),
		title: `${t('draft.title')} — ${countryName(input.countryCode, input.language)}`,
		description: t('draft.kind'),
		// Word asks, when the file opens, to update its fields: the table of contents gets its page numbers.
		features: { updateFields: true },
		styles: {
			default: {
				document: { run: { font: FONT, size: 22 }, paragraph: { spacing: { after: 120, line: 264 } } },
				title: { run: { font: FONT, size: 52, bold: true, color: '1F3864' }, paragraph: { spacing: { after: 240 } } },
				heading1: {
					run: { font: FONT, size: 32, bold: true, color: '1F3864' },
					paragraph: { spacing: { before: 360, after: 160 }, outlineLevel: 0 },
				},
				heading2: {
					run: { font: FONT, size: 26, bold: true, color: '2F5496' },
					paragraph: { spacing: { before: 240, after: 120 }, outlineLevel: 1 },
				},
				heading3: {
					run: { font: FONT, size: 23, bold: true, color: '404040' },
					paragraph: { spacing: { before: 200, after: 80 }, outlineLevel: 2 },
				},
			},
			paragraphStyles: [
				{
					id: CELL_STYLE[18],
					name: 'Table text',
					basedOn: 'Normal',
					quickFormat: true,
					run: { size: 18 },
					paragraph: { spacing: { before: 0, after: 0, line: 240 } },
				},
				{
					id: CELL_STYLE[16],
					name: 'Table text (small)',
					basedOn: CELL_STYLE[18],
					quickFormat: true,
					run: { size: 16 },
				},
			],
		},
		sections: draftSections(input, t),
	})
	return Packer.toBuffer(document)
}

function draftSections(input: DraftInput, t: TFunction): ISectionOptions[] {
	const { language, tree } = input
	const currency = input.roadmap.currency
	const money = (value: number) => formatMoney(value, currency, language)
	const option = (field: string, value: unknown) => (value ? t(`roadmap.options.${field}.${s(value)}`) : '')
	const numbers = planNumbers(tree)
	const country = countryName(input.countryCode, language)
	const totals = budgetTotals(tree)
	const rows = matrixRows(tree)
	const rowOf = new Map(rows.map((row) => [row.id, row]))

	const pageOf = t('draft.pageOf', { page: '%PAGE%', pages: '%PAGES%' }).split(/(%PAGE%|%PAGES%)/)
	const footer = new Footer({
		children: [
			new Paragraph({
				alignment: AlignmentType.CENTER,
				children: [
					new TextRun({ text: `${t('draft.footer', { country })} · `, size: 18, color: '595959' }),
					...pageOf.map(
						(part) =>
							new TextRun({
								children: [part === '%PAGE%' ? PageNumber.CURRENT : part === '%PAGES%' ? PageNumber.TOTAL_PAGES : part],
								size: 18,
								color: '595959',
							}),
					),
				],
			}),
		],
	})
	const portrait = (children: ISectionOptions['children'], titlePage = false): ISectionOptions => ({
		properties: {
			titlePage,
			page: { size: { ...PAGE, orientation: PageOrientation.PORTRAIT }, margin: MARGIN },
		},
		// The cover (a title page) has no footer; every other page is numbered.
		footers: titlePage ? { default: footer, first: new Footer({ children: [] }) } : { default: footer },
		children,
	})
	const landscape = (children: ISectionOptions['children']): ISectionOptions => ({
		properties: {
			// The width and height of the portrait page, turned: docx swaps them for a landscape section.
			page: { size: { ...PAGE, orientation: PageOrientation.LANDSCAPE }, margin: { ...MARGIN, left: 1440, right: 1440 } },
		},
		footers: { default: footer },
		children,
	})

	/** "USD 40,000.00 · National budget ✓ committed", as the print view writes a cost line. */
	const lineText = (line: CostLine) =>
		`${money(line.amount)} · ${line.source ? t(`roadmap.options.source.${line.source}`) : t('roadmap.budget.noSource')}${
			line.committed ? ` ✓ ${t('roadmap.doc.committed')}` : ''
		}`
	const period = (data: ItemData) => [s(data.start), s(data.end)].filter(Boolean).join(' – ')
	const measured = (value: unknown, unit: unknown, year: unknown) =>
		s(value) ? [...withUnit(value, unit), year ? `(${s(year)})` : ''].filter(Boolean).join(' ') : '—'

	// --- Cover -----------------------------------------------------------------------------------
	const cover = [
		new Paragraph({ spacing: { before: 1200, after: 240 }, children: [new TextRun({ text: t('app.name'), size: 24, color: '595959' })] }),
		new Paragraph({ heading: HeadingLevel.TITLE, text: t('draft.title') }),
		new Paragraph({ spacing: { after: 240 }, children: [new TextRun({ text: country, size: 40, bold: true, color: '2F5496' })] }),
		para(t('draft.kind'), { size: 26 }),
		gap(),
		labelled(t('draft.facts.status'), t(`roadmap.status.${input.roadmap.status}`)),
		labelled(t('draft.facts.date'), formatDate(input.now, language)),
		labelled(t('draft.facts.convening'), input.cohort.name),
		labelled(t('roadmap.budget.currency'), currency),
		new Paragraph({
			spacing: { before: 360, after: 120 },
			children: [new TextRun({ text: t('roadmap.doc.members'), bold: true, size: 26 })],
		}),
		...(input.members.length
			? [
					table(
						[
							{ header: t('draft.members.name'), share: 3 },
							{ header: t('draft.members.institution'), share: 4 },
							{ header: t('draft.members.position'), share: 3 },
							{ header: t('draft.members.sector'), share: 2 },
						],
						input.members.map((m) => [
							m.isLead ? `${m.name} (${t('roadmap.doc.lead')})` : m.name,
							dash(m.organisation),
							dash(m.position),
							t(`sectors.${m.sector}`),
						]),
						{ width: PORTRAIT_WIDTH },
					),
				]
			: [empty(t('roadmap.doc.noMembers'))]),
	]

	// --- Contents --------------------------------------------------------------------------------
	const contents = [
		new Paragraph({
			pageBreakBefore: true,
			spacing: { after: 200 },
			children: [new TextRun({ text: t('draft.contents'), bold: true, size: 32, color: '1F3864' })],
		}),
		new TableOfContents(t('draft.contents'), { hyperlink: true, headingStyleRange: '1-2' }),
		para(t('draft.contentsHint'), { italic: true, size: 18 }),
	]

	// --- 1. Theory of change ---------------------------------------------------------------------
	const theory = [
		heading(`1. ${t('roadmap.sections.theory-of-change.title')}`, 1, { pageBreakBefore: true }),
		heading(t('roadmap.fields.toc.problem'), 2),
		s(tree.toc?.data.problem) ? para(s(tree.toc?.data.problem)) : empty(t('draft.empty.problem')),
		heading(t('roadmap.fields.toc.change'), 2),
		s(tree.toc?.data.change) ? para(s(tree.toc?.data.change)) : empty(t('draft.empty.change')),
		heading(t('roadmap.kinds.pathway.plural'), 2),
		...(tree.pathways.length
			? tree.pathways.map(
					(p, index) =>
						new Paragraph({
							spacing: { after: 100 },
							children: [
								new TextRun({ text: `${index + 1}. ` }),
								new TextRun({ text: `${t('roadmap.fields.pathway.if')} `, bold: true }),
								new TextRun(`${s(p.data.if)} `),
								new TextRun({ text: `${t('roadmap.fields.pathway.then')} `, bold: true }),
								new TextRun(s(p.data.then)),
								...(p.data.because
									? [new TextRun({ text: ` ${t('roadmap.fields.pathway.because')} `, bold: true }), new TextRun(s(p.data.because))]
									: []),
							],
						}),
				)
			: [empty(t('draft.empty.pathways'))]),
		heading(t('roadmap.kinds.assumption.plural'), 2),
		...(tree.assumptions.length ? tree.assumptions.map((a) => bullet(s(a.data.text))) : [empty(t('draft.empty.assumptions'))]),
		heading(t('roadmap.kinds.risk.plural'), 2),
		...(tree.risks.length
			? tree.risks.map((r) =>
					bullet([
						new TextRun(s(r.data.risk)),
						...(r.data.mitigation
							? [new TextRun({ text: ` — ${t('roadmap.fields.risk.mitigation')}: `, bold: true }), new TextRun(s(r.data.mitigation))]
							: []),
					]),
				)
			: [empty(t('draft.empty.risks'))]),
	]

	// --- 2. Strategic framework, then its results matrix (landscape) -------------------------------
	const strategy = [
		heading(`2. ${t('roadmap.sections.strategic-design.title')}`, 1, { pageBreakBefore: true }),
		para(t('draft.strategyIntro')),
		...(tree.pillars.length ? [] : [empty(t('roadmap.doc.noPillar'))]),
		...tree.pillars.flatMap((pillar) => [
			heading(`${t('roadmap.kinds.pillar.one')} ${numbers.get(pillar.id)}: ${s(pillar.data.name)}`, 2),
			...(pillar.objectives.length ? [] : [empty(t('draft.empty.objectives'))]),
			...pillar.objectives.flatMap((objective) => [
				heading(`${t('roadmap.kinds.objective.one')} ${numbers.get(objective.id)}: ${s(objective.data.statement)}`, 3),
				...(objective.actions.length ? [] : [empty(t('draft.empty.actions'))]),
				...objective.actions.flatMap((action) => {
					const lines = costLinesOf(action.data)
					const row = rowOf.get(action.id)!
					return [
						new Paragraph({
							keepNext: true,
							spacing: { before: 120, after: 60 },
							children: [new TextRun({ text: `${numbers.get(action.id)} ${s(action.data.description)}`, bold: true })],
						}),
						// One paragraph, a line per fact: a plan of hundreds of actions stays quick to build and to open.
						labelledLines([
							[t('roadmap.fields.action.lead'), dash(s(action.data.lead))],
							[t('roadmap.fields.action.partners'), dash(s(action.data.partners))],
							[t('roadmap.doc.period'), dash(period(action.data))],
							[t('roadmap.fields.action.status'), dash(option('status', action.data.status))],
							[
								t('roadmap.budget.actionTotal'),
								lines.length
									? `${money(row.total)} — ${t('roadmap.matrix.committed', { amount: money(row.committed), share: formatPercent(row.funded ?? 0, language) })}`
									: t('draft.empty.cost'),
							],
							[
								t('roadmap.fields.action.level'),
								dash([option('level', action.data.level), s(action.data.places)].filter(Boolean).join(': ')),
							],
						]),
					]
				}),
				new Paragraph({
					spacing: { before: 120, after: 60 },
					children: [new TextRun({ text: `${t('roadmap.kinds.indicator.plural')}:`, bold: true })],
				}),
				...([...objective.indicators, ...objective.actions.flatMap((a) => a.indicators)].map((i) =>
					bullet(`${numbers.get(i.id)} ${s(i.data.statement)}`),
				) as Paragraph[]),
				...(objective.indicators.length + objective.actions.reduce((n, a) => n + a.indicators.length, 0)
					? []
					: [empty(t('draft.empty.indicators'))]),
			]),
		]),
	]

	const matrixTotal = matrixTotals(rows)
	const matrixColumns = [
		{ header: t('roadmap.matrix.columns.number'), share: 6 },
		{ header: t('roadmap.matrix.columns.description'), share: 20 },
		{ header: t('roadmap.matrix.columns.lead'), share: 11 },
		{ header: t('roadmap.matrix.columns.partners'), share: 11 },
		{ header: t('roadmap.doc.period'), share: 9 },
		{ header: t('roadmap.matrix.columns.status'), share: 7 },
		{ header: t('roadmap.matrix.columns.costs'), share: 13 },
		{ header: t('roadmap.matrix.columns.funded'), share: 6 },
		{ header: t('roadmap.matrix.columns.level'), share: 7 },
		{ header: t('roadmap.matrix.columns.indicators'), share: 14 },
	]
	const span = matrixColumns.length
	const matrixBody: Cell[][] = tree.pillars.flatMap((pillar) => [
		[{ text: `${t('roadmap.kinds.pillar.one')} ${numbers.get(pillar.id)}: ${s(pillar.data.name)}`, bold: true, span, shade: GREY }],
		...(pillar.objectives.length ? [] : [[{ text: t('draft.empty.objectives'), span }]]),
		...pillar.objectives.flatMap((objective) => [
			[
				{
					text: `${t('roadmap.kinds.objective.one')} ${numbers.get(objective.id)}: ${s(objective.data.statement)}`,
					bold: true,
					span,
					shade: LIGHT,
				},
			],
			...(objective.actions.length ? [] : [[{ text: t('draft.empty.actions'), span }]]),
			...objective.actions
				.map((action) => rowOf.get(action.id)!)
				.map((row): Cell[] => [
					row.number,
					row.description,
					dash(row.lead),
					dash(row.partners),
					dash([row.start, row.end].filter(Boolean).join(' – ')),
					dash(option('status', row.status)),
					row.costs.length
						? { text: row.costs.length === 1 ? [lineText(row.costs[0]!)] : [money(row.total), ...row.costs.map(lineText)] }
						: '—',
					row.funded === null ? '—' : formatPercent(row.funded, language),
					dash(option('level', row.level)),
					row.indicators.length
						? {
								text: row.indicators.map(
									(i) =>
										`${i.number} ${i.statement}${i.target ? ` (${t('roadmap.doc.target')}: ${[i.target, i.unit].filter(Boolean).join(' ')})` : ''}`,
								),
							}
						: '—',
				]),
		]),
	])
	const matrix = [
		heading(t('roadmap.matrix.title'), 2),
		para(t('roadmap.matrix.intro')),
		...(rows.length
			? [
					table(
						matrixColumns,
						[
							...matrixBody,
							[
								{ text: t('roadmap.budget.total'), bold: true, span: 6 },
								{ text: money(matrixTotal.total), bold: true },
								{ text: matrixTotal.funded === null ? '—' : formatPercent(matrixTotal.funded, language), bold: true },
								{ text: '', span: 2 },
							],
						],
						{ width: LANDSCAPE_WIDTH, size: 16 },
					),
				]
			: [empty(t('draft.empty.matrix'))]),
	]

	// --- 3. Gender budgeting: per pillar, per source, the funded share and the gaps ---------------------
	const withoutCost = tree.actions.filter((a) => !costLinesOf(a.data).length)
	const budget = [
		heading(`3. ${t('roadmap.sections.gender-budgeting.title')}`, 1),
		...(totals.total
			? [
					para(
						t('roadmap.budget.summary', {
							total: money(totals.total),
							funded: money(totals.funded),
							share: formatPercent(totals.fundedShare, language),
						}),
					),
					labelled(t('draft.budget.gap'), money(totals.gap)),
				]
			: [empty(t('roadmap.doc.noCost'))]),
		heading(t('roadmap.budget.byPillar'), 2),
		...(tree.pillars.length
			? [
					table(
						[
							{ header: t('roadmap.kinds.pillar.one'), share: 5 },
							{ header: t('roadmap.budget.total'), share: 3 },
							{ header: t('roadmap.budget.committed'), share: 3 },
							{ header: t('roadmap.budget.fundedShare'), share: 2 },
							{ header: t('draft.budget.gap'), share: 3 },
						],
						[
							...totals.byPillar.map((p, index): Cell[] => [
								`${index + 1}. ${p.name}`,
								{ text: money(p.total), align: 'right' },
								{ text: money(p.funded), align: 'right' },
								{ text: p.total ? formatPercent(p.funded / p.total, language) : '—', align: 'right' },
								{ text: money(p.total - p.funded), align: 'right' },
							]),
							[
								{ text: t('roadmap.budget.total'), bold: true },
								{ text: money(totals.total), bold: true, align: 'right' },
								{ text: money(totals.funded), bold: true, align: 'right' },
								{ text: totals.total ? formatPercent(totals.fundedShare, language) : '—', bold: true, align: 'right' },
								{ text: money(totals.gap), bold: true, align: 'right' },
							],
						],
						{ width: PORTRAIT_WIDTH },
					),
					gap(),
				]
			: [empty(t('roadmap.doc.noPillar'))]),
		heading(t('roadmap.budget.bySource'), 2),
		table(
			[
				{ header: t('roadmap.costLines.source'), share: 6 },
				{ header: t('roadmap.budget.total'), share: 3 },
				{ header: t('roadmap.budget.committed'), share: 3 },
				{ header: t('roadmap.budget.fundedShare'), share: 2 },
			],
			[
				...totals.bySource.map((x): Cell[] => [
					t(`roadmap.options.source.${x.source}`),
					{ text: money(x.total), align: 'right' },
					{ text: money(x.funded), align: 'right' },
					{ text: x.total ? formatPercent(x.funded / x.total, language) : '—', align: 'right' },
				]),
				...(totals.unassigned
					? [[t('roadmap.budget.noSource'), { text: money(totals.unassigned), align: 'right' }, '—', '—'] satisfies Cell[]]
					: []),
				[
					{ text: t('roadmap.budget.total'), bold: true },
					{ text: money(totals.total), bold: true, align: 'right' },
					{ text: money(totals.funded), bold: true, align: 'right' },
					{ text: totals.total ? formatPercent(totals.fundedShare, language) : '—', bold: true, align: 'right' },
				],
			],
			{ width: PORTRAIT_WIDTH },
		),
		gap(),
		heading(t('draft.budget.gapsTitle'), 2),
		para(t('draft.budget.gapsIntro')),
		...(withoutCost.length
			? [
					para(t('roadmap.gaps.actionWithoutCost'), { bold: true }),
					...withoutCost.map((a) => bullet(`${numbers.get(a.id)} ${s(a.data.description)}`)),
				]
			: [empty(t('draft.budget.allCosted'))]),
		...(totals.unassigned ? [labelled(t('roadmap.budget.noSource'), money(totals.unassigned))] : []),
	]

	// --- 4. Institutional coordination -----------------------------------------------------------
	const mechanismFields = (['name', 'lead', 'frequency', 'decisions', 'civilSociety'] as const).filter((field) =>
		s(tree.mechanism?.data[field]),
	)
	const coordination = [
		heading(`4. ${t('roadmap.sections.coordination.title')}`, 1, { pageBreakBefore: true }),
		heading(t('roadmap.kinds.mechanism.one'), 2),
		...(mechanismFields.length
			? mechanismFields.map((field) =>
					labelled(
						t(`roadmap.fields.mechanism.${field}`),
						field === 'frequency' ? option('frequency', tree.mechanism?.data[field]) : s(tree.mechanism?.data[field]),
					),
				)
			: [empty(t('draft.empty.mechanism'))]),
		heading(t('roadmap.kinds.member.plural'), 2),
		...(tree.members.length
			? tree.members.map((m) => bullet(`${s(m.data.institution)}${m.data.role ? ` — ${s(m.data.role)}` : ''}`))
			: [empty(t('draft.empty.members'))]),
		heading(t('roadmap.kinds.milestone.plural'), 2),
		...(tree.milestones.length
			? [
					table(
						[
							{ header: t('roadmap.fields.milestone.step'), share: 4 },
							{ header: t('roadmap.fields.milestone.lead'), share: 3 },
							{ header: t('roadmap.doc.period'), share: 2 },
							{ header: t('roadmap.fields.milestone.output'), share: 4 },
						],
						tree.milestones.map((m) => [s(m.data.step), dash(s(m.data.lead)), dash(period(m.data)), dash(s(m.data.output))]),
						{ width: PORTRAIT_WIDTH },
					),
					gap(),
				]
			: [empty(t('draft.empty.milestones'))]),
	]

	// --- 5. Localization ---------------------------------------------------------------------------
	const atLevel = (level: string | null) => tree.actions.filter((a) => (level ? a.data.level === level : !a.data.level))
	const localization = [
		heading(`5. ${t('roadmap.sections.localization.title')}`, 1),
		heading(t('draft.localization.byLevel'), 2),
		...(tree.actions.length
			? [
					...LEVELS.flatMap((level) => {
						const actions = atLevel(level)
						return actions.length
							? [
									para(t(`roadmap.options.level.${level}`), { bold: true, spacingAfter: 60 }),
									...actions.map((a) =>
										bullet(`${numbers.get(a.id)} ${s(a.data.description)}${a.data.places ? ` — ${s(a.data.places)}` : ''}`),
									),
								]
							: []
					}),
					...(atLevel(null).length
						? [
								para(t('draft.localization.noLevel'), { bold: true, spacingAfter: 60 }),
								...atLevel(null).map((a) => bullet(`${numbers.get(a.id)} ${s(a.data.description)}`)),
							]
						: []),
				]
			: [empty(t('draft.empty.actionsAnywhere'))]),
		heading(t('roadmap.kinds.partner.plural'), 2),
		...(tree.partners.length
			? tree.partners.map((p) =>
					bullet(
						`${s(p.data.name)}${p.data.level ? ` (${option('level', p.data.level)}${p.data.place ? `, ${s(p.data.place)}` : ''})` : ''}${
							p.data.role ? ` — ${s(p.data.role)}` : ''
						}`,
					),
				)
			: [empty(t('draft.empty.partners'))]),
	]

	// --- 6. Monitoring and evaluation (landscape): the indicators and the reporting calendar ---------
	const indicatorRows = tree.pillars.flatMap((p) =>
		p.objectives.flatMap((o) => [
			...o.indicators.map((i) => ({ i, on: `${numbers.get(o.id)} ${s(o.data.statement)}` })),
			...o.actions.flatMap((a) => a.indicators.map((i) => ({ i, on: `${numbers.get(a.id)} ${s(a.data.description)}` }))),
		]),
	)
	const year = new Date(input.now).getUTCFullYear()
	const calendar = reportingCalendar(tree, year)
	const monthName = (month: number) => formatMonthName(month, language)
	const monitoring = [
		heading(`6. ${t('roadmap.sections.monitoring.title')}`, 1),
		heading(t('draft.monitoring.framework'), 2),
		...(indicatorRows.length
			? [
					table(
						[
							{ header: t('roadmap.doc.number'), share: 6 },
							{ header: t('roadmap.fields.indicator.statement'), share: 18 },
							{ header: t('roadmap.attachedTo'), share: 15 },
							{ header: t('roadmap.fields.indicator.type'), share: 7 },
							{ header: t('roadmap.doc.baseline'), share: 9 },
							{ header: t('roadmap.doc.target'), share: 9 },
							{ header: t('roadmap.fields.indicator.means'), share: 14 },
							{ header: t('roadmap.fields.indicator.frequency'), share: 9 },
							{ header: t('roadmap.fields.indicator.reporter'), share: 13 },
						],
						indicatorRows.map(({ i, on }) => [
							numbers.get(i.id) ?? '',
							s(i.data.statement),
							on,
							dash(option('type', i.data.type)),
							measured(i.data.baselineValue, i.data.unit, i.data.baselineYear),
							measured(i.data.targetValue, i.data.unit, i.data.targetYear),
							dash(s(i.data.means)),
							dash(option('frequency', i.data.frequency)),
							dash(s(i.data.reporter)),
						]),
						{ width: LANDSCAPE_WIDTH, size: 16 },
					),
					gap(),
				]
			: [empty(t('draft.empty.indicatorsAnywhere'))]),
		heading(t('roadmap.calendar.title', { year }), 2),
		...(calendar.months.length
			? [
					para(t('draft.monitoring.calendarIntro')),
					table(
						[
							{ header: t('draft.monitoring.month'), share: 2 },
							{ header: t('draft.monitoring.due'), share: 9 },
							{ header: t('draft.monitoring.count'), share: 1 },
						],
						calendar.months.map((month): Cell[] => [
							{ text: monthName(month.month), bold: true },
							{
								text: month.indicators.map(
									(indicator) =>
										`${numbers.get(indicator.id)} ${indicator.statement}${indicator.reporter ? ` — ${indicator.reporter}` : ''}`,
								),
							},
							{ text: String(month.indicators.length), align: 'right' },
						]),
						{ width: LANDSCAPE_WIDTH, size: 18 },
					),
				]
			: [empty(t('roadmap.calendar.empty'))]),
	]

	// --- How this draft was made --------------------------------------------------------------------
	const cohort = input.cohort
	const about = [
		heading(t('draft.about.title'), 1),
		para(
			t('draft.about.convening', {
				country,
				cohort: cohort.name,
				city: cohort.host_city,
				hostCountry: countryName(cohort.host_country, language),
				dates: formatDateRange(cohort.start_date, cohort.end_date, language),
			}),
		),
		...(cohort.venue ? [labelled(t('draft.about.venue'), cohort.venue)] : []),
		para(t('draft.about.generated', { date: formatDate(input.now, language), updated: formatDate(input.roadmap.updated_at, language) })),
		labelled(t('roadmap.statusTitle'), t(`roadmap.status.${input.roadmap.status}`)),
		labelled(t('draft.about.version'), String(input.roadmap.version)),
		table(
			[
				{ header: t('draft.about.part'), share: 3 },
				{ header: t('draft.about.count'), share: 1 },
			],
			[
				[t('roadmap.kinds.pillar.plural'), { text: String(tree.pillars.length), align: 'right' }],
				[t('roadmap.kinds.objective.plural'), { text: String(tree.objectives.length), align: 'right' }],
				[t('roadmap.kinds.action.plural'), { text: String(tree.actions.length), align: 'right' }],
				[t('roadmap.kinds.indicator.plural'), { text: String(tree.indicators.length), align: 'right' }],
			],
			{ width: Math.round(PORTRAIT_WIDTH / 2) },
		),
		gap(),
		para(t('draft.about.figures', { currency })),
		para(t('draft.about.adopt')),
	]

	return [
		portrait([...cover, ...contents, ...theory, ...strategy], true),
		landscape(matrix),
		// A new section starts on a new page.
		portrait([...budget, ...coordination, ...localization]),
		landscape(monitoring),
		portrait(about),
	]
}

// -------------------------------------------------------------------------------------------------
// Reading what the draft is made from

/** What the draft of this delegation's roadmap is made from, read in one go. */
export async function draftInput(
	delegation: { id: string; country_code: string; cohort_id: string },
	roadmap: Roadmap,
	language: Language,
): Promise<DraftInput> {
	const [tree, members, cohort] = await Promise.all([
		loadTree(roadmap.id),
		delegationMembers(delegation.id),
		getCohort(delegation.cohort_id),
	])
	if (!cohort) throw new Error(`delegation ${delegation.id}: no cohort ${delegation.cohort_id}`)
	return {
		language,
		countryCode: delegation.country_code,
		roadmap,
		cohort,
		// Names and institutions only: no e-mail addresses in a document that travels.
		members: members.map((m) => ({ name: m.name, organisation: m.organisation, position: m.position, sector: m.sector, isLead: m.isLead })),
		tree,
		now: nowIso(),
	}
}

/** ASCII letters and digits, words joined by hyphens, case kept: "Panamá" → "Panama". */
const fileWords = (value: string) =>
	value
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^A-Za-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '')

/** The file's name: the plan, the country and the date, in the draft's language ("Borrador-PAN-Panama-2026-03-02.docx"). */
export async function draftFilename(input: Pick<DraftInput, 'language' | 'countryCode' | 'now'>) {
	const t = await getT(input.language)
	return `${fileWords(`${t('draft.filename')} ${countryName(input.countryCode, input.language)}`)}-${input.now.slice(0, 10)}.docx`
}
