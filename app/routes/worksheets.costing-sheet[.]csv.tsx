import { type LoaderFunctionArgs } from '@remix-run/node'
import { costingSheetCsv } from '#app/features/curriculum/costing-sheet.server.ts'
import { requireCurriculum } from '#app/utils/access.server.ts'
import { getLanguage } from '#app/utils/i18n.server.ts'
import { recordExport } from '#app/features/audit/audit.server.ts'

/** The gender-budgeting module's costing sheet as CSV, in the reader's language, with Valmira's 3.1.1 as example rows. */
export async function loader({ request }: LoaderFunctionArgs) {
	const { viewer } = await requireCurriculum(request, 'view')
	await recordExport(request, viewer, { name: 'costing-sheet.csv' })
	return costingSheetCsv(await getLanguage(request, viewer.language))
}
