/**
 * The costing sheet of the gender-budgeting module (lesson 2, "Costing a NAP"): its columns and the
 * vocabularies of its cells, as UN Women's costing handbook and the lessons name them. Texts are in
 * the translations (`costingSheet.columns.<column>`, `costingSheet.categories.<value>`…).
 */

export const COSTING_COLUMNS = [
	'activity',
	'institution',
	'category',
	'unit',
	'unitCost',
	'quantity',
	'years',
	'total',
	'source',
	'programmeCode',
	'status',
	'gap',
] as const

export const COST_CATEGORIES = [
	'personnel',
	'training',
	'travel',
	'materials',
	'consultancy',
	'research_and_data',
	'communications',
	'monitoring_and_evaluation',
] as const
export type CostCategory = (typeof COST_CATEGORIES)[number]

/** Where a cost's money comes from: the five sources of lesson 3, and subnational budgets, the sixth. */
export const COSTING_SOURCES = [
	'existing_budget',
	'new_allocation',
	'international_cooperation',
	'civil_society',
	'in_kind',
	'subnational_budget',
] as const
export type CostingSource = (typeof COSTING_SOURCES)[number]

/** How firm a cost's money is. */
export const FUNDING_STATUSES = ['secured', 'committed', 'pipeline', 'gap'] as const
export type FundingStatus = (typeof FUNDING_STATUSES)[number]

/** The sheet's address; the gender-budgeting module and the roadmap's budget section link to it. */
export const COSTING_SHEET_URL = '/worksheets/costing-sheet.csv'
export const COSTING_SHEET_MODULE = 'gender-budgeting'
