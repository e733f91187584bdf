import { csvResponse } from '#app/utils/csv.server.ts'
import type { Language } from '#app/utils/i18n.ts'
import { getT } from '#app/utils/i18n.server.ts'
import { COSTING_COLUMNS, type CostCategory, type CostingSource, type FundingStatus } from '#app/features/curriculum/costing-sheet.ts'

type Line = {
	item: Record<Language, string>
	institution: 'mme' | 'municipalities'
	category: CostCategory
	unit: Record<Language, string>
	unitCost: number
	quantity: number
	years: string
	source: CostingSource
	programmeCode: string
	status: FundingStatus
}

const ACTION: Record<Language, string> = {
	en: '3.1.1 Open 26 municipal GBV attention centres',
	es: '3.1.1 Apertura de 26 centros municipales de atención de la VBG',
}
const INSTITUTIONS: Record<Line['institution'], Record<Language, string>> = {
	mme: { en: 'Ministry of Women and Equality (MME)', es: 'Ministerio de la Mujer y la Equidad (MME)' },
	municipalities: { en: 'Municipal governments', es: 'Gobiernos municipales' },
}
const staffMonth = { en: 'staff-month', es: 'mes-persona' }
const centre = { en: 'centre', es: 'centro' }
const centreYear = { en: 'centre-year', es: 'año-centro' }
const national = { source: 'existing_budget', programmeCode: 'MME 03', status: 'committed', institution: 'mme' } as const
const municipal = { source: 'subnational_budget', programmeCode: '', status: 'gap', institution: 'municipalities' } as const

/**
 * Valmira's action 3.1.1, costed line by line as lesson 2 of the gender-budgeting module does
 * (content/02-gender-budgeting/02-costing-a-nap.<lang>.mdx): a national half of USD 1,300,000
 * committed in the MME's programme "MME 03", and a municipal half of USD 1,300,000 still a gap.
 */
export const EXAMPLE_LINES: Line[] = [
	{
		...national,
		item: { en: 'Psychologist, one per centre', es: 'Psicóloga o psicólogo, uno por centro' },
		category: 'personnel',
		unit: staffMonth,
		unitCost: 750,
		quantity: 1200,
		years: '2026–2030',
	},
	{
		...national,
		item: { en: 'Equipment and furniture', es: 'Equipos y mobiliario' },
		category: 'materials',
		unit: centre,
		unitCost: 8000,
		quantity: 26,
		years: '2026–2028',
	},
	{
		...national,
		item: { en: 'Initial staff course, 40 hours', es: 'Curso inicial del personal, 40 horas' },
		category: 'training',
		unit: { en: 'person', es: 'persona' },
		unitCost: 1500,
		quantity: 52,
		years: '2026–2028',
	},
	{
		...national,
		item: { en: 'Supervision and case-review visits', es: 'Visitas de supervisión y revisión de casos' },
		category: 'travel',
		unit: { en: 'visit', es: 'visita' },
		unitCost: 300,
		quantity: 180,
		years: '2026–2030',
	},
	{
		...national,
		item: { en: 'Service registry and annual review', es: 'Registro de atenciones y revisión anual' },
		category: 'monitoring_and_evaluation',
		unit: { en: 'review', es: 'revisión' },
		unitCost: 12000,
		quantity: 5,
		years: '2026–2030',
	},
	{
		...municipal,
		item: { en: 'Lawyer, one per centre', es: 'Abogada o abogado, uno por centro' },
		category: 'personnel',
		unit: staffMonth,
		unitCost: 750,
		quantity: 1200,
		years: '2026–2030',
	},
	{
		...municipal,
		item: { en: 'Running costs (utilities, supplies)', es: 'Gastos de operación (servicios básicos, insumos)' },
		category: 'materials',
		unit: centreYear,
		unitCost: 3000,
		quantity: 100,
		years: '2026–2030',
	},
	{
		...municipal,
		item: { en: 'Transport to accompany survivors', es: 'Transporte para acompañar a las sobrevivientes' },
		category: 'travel',
		unit: centreYear,
		unitCost: 480,
		quantity: 100,
		years: '2026–2030',
	},
	{
		...municipal,
		item: { en: 'Local outreach in Spanish and Indigenous languages', es: 'Difusión local en castellano y en lenguas indígenas' },
		category: 'communications',
		unit: centre,
		unitCost: 2000,
		quantity: 26,
		years: '2026–2028',
	},
]

/** Empty rows after the example, for a delegation's own actions. */
export const BLANK_ROWS = 10

/**
 * The costing sheet as CSV in a language: the columns of a costing row, Valmira's 3.1.1 as example
 * rows (total = unit cost × quantity; the gap is the total of what is not secured or committed), and
 * blank rows. Amounts are plain numbers in US dollars, so that a spreadsheet reads them as numbers.
 */
export async function costingSheetCsv(language: Language) {
	const t = await getT(language)
	const rows = EXAMPLE_LINES.map((line) => {
		const total = line.unitCost * line.quantity
		const funded = line.status === 'secured' || line.status === 'committed'
		return [
			`${ACTION[language]} · ${line.item[language]}`,
			INSTITUTIONS[line.institution][language],
			t(`costingSheet.categories.${line.category}`),
			line.unit[language],
			line.unitCost,
			line.quantity,
			line.years,
			total,
			t(`costingSheet.sources.${line.source}`),
			line.programmeCode,
			t(`costingSheet.statuses.${line.status}`),
			funded ? 0 : total,
		]
	})
	const blank = Array.from({ length: BLANK_ROWS }, () => COSTING_COLUMNS.map(() => ''))
	return csvResponse(
		t('costingSheet.filename'),
		COSTING_COLUMNS.map((column) => t(`costingSheet.columns.${column}`)),
		[...rows, ...blank],
	)
}
