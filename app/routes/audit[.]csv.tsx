import { type LoaderFunctionArgs } from '@remix-run/node'
import { AUDIT_CSV_LIMIT, auditFiltersFrom, detailsText, escapeFormula, listAudit, recordExport } from '#app/features/audit/audit.server.ts'
import { actorLabel } from '#app/features/audit/audit.ts'
import { requireAuditLog } from '#app/utils/access.server.ts'
import { csvResponse } from '#app/utils/csv.server.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'

/** The audit log as CSV, with the page's filters (newest first); downloading it is itself recorded. */
export async function loader({ request }: LoaderFunctionArgs) {
	const { viewer } = await requireAuditLog(request)
	const t = await getT(await getLanguage(request, viewer.language))
	const { filters } = auditFiltersFrom(new URL(request.url))
	const entries = await listAudit(filters, AUDIT_CSV_LIMIT)
	await recordExport(request, viewer, { name: 'audit.csv', targetType: 'audit_log' })
	return csvResponse(
		'audit-log.csv',
		[
			t('audit.at'),
			t('audit.actorId'),
			t('audit.actor'),
			t('audit.action'),
			t('audit.target'),
			t('audit.targetId'),
			t('audit.cohort'),
			t('audit.address'),
			t('audit.details'),
		],
		entries.map((entry) =>
			[
				entry.at,
				entry.actorId ?? '',
				actorLabel(entry, t),
				entry.action,
				entry.targetType ?? '',
				entry.targetId ?? '',
				entry.cohortId ?? '',
				entry.ip ?? '',
				detailsText(entry.details),
			].map(escapeFormula),
		),
	)
}
