import { type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { ErrorList } from '#app/components/ui/forms.tsx'
import { TableWrap } from '#app/components/ui/table-wrap.tsx'
import { auditFiltersFrom, detailsText, listAudit } from '#app/features/audit/audit.server.ts'
import { actorLabel, AUDIT_ACTIONS } from '#app/features/audit/audit.ts'
import { requireAuditLog } from '#app/utils/access.server.ts'
import { db } from '#app/utils/db.server.ts'
import { formatDateTime } from '#app/utils/format.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

const PAGE = 200

/** The audit log, for staff: newest first, filtered by action, actor, cohort and dates. */
export async function loader({ request }: LoaderFunctionArgs) {
	const { viewer } = await requireAuditLog(request)
	const t = await getT(await getLanguage(request, viewer.language))
	const url = new URL(request.url)
	const { filters, errors } = auditFiltersFrom(url)
	const [entries, cohorts] = await Promise.all([
		listAudit(filters, PAGE),
		db.selectFrom('cohorts').select(['id', 'name']).orderBy('start_date', 'desc').execute(),
	])
	return {
		title: `${t('audit.title')} · ${t('app.name')}`,
		filters,
		errors,
		cohorts,
		csvHref: `/audit.csv${url.search}`,
		full: entries.length === PAGE,
		entries: entries.map((entry) => ({ ...entry, detailsText: detailsText(entry.details) })),
	}
}

export default function AuditLog() {
	const { filters, errors, cohorts, csvHref, full, entries } = useLoaderData<typeof loader>()
	const { t } = useTexts()
	const language = useLanguage()
	const cohortNames = new Map(cohorts.map((cohort) => [cohort.id, cohort.name]))
	const filtered = Object.values(filters).some(Boolean)
	const field = (name: keyof typeof errors) => ({
		'aria-invalid': errors[name] ? true : undefined,
		'aria-describedby': errors[name] ? `audit-${name}-error` : undefined,
	})
	return (
		<div className="page page--wide">
			<h1>{t('audit.title')}</h1>
			<p className="lead">{t('audit.intro')}</p>
			<Form method="get" className="filters" aria-label={t('audit.filter')}>
				<div className="field">
					<label htmlFor="audit-action">{t('audit.action')}</label>
					<select id="audit-action" name="action" defaultValue={filters.action ?? ''} {...field('action')}>
						<option value="">{t('audit.anyAction')}</option>
						{AUDIT_ACTIONS.map((action) => (
							<option key={action} value={action}>
								{t(`audit.actions.${action}`)}
							</option>
						))}
					</select>
					<ErrorList id="audit-action-error" errors={errors.action ? ['audit.errors.action'] : undefined} />
				</div>
				<div className="field">
					<label htmlFor="audit-actor">{t('audit.actor')}</label>
					<input id="audit-actor" name="actor" type="search" maxLength={200} defaultValue={filters.actor ?? ''} {...field('actor')} />
					<ErrorList id="audit-actor-error" errors={errors.actor ? ['audit.errors.actor'] : undefined} />
				</div>
				<div className="field">
					<label htmlFor="audit-cohort">{t('audit.cohort')}</label>
					<select id="audit-cohort" name="cohort" defaultValue={filters.cohort ?? ''} {...field('cohort')}>
						<option value="">{t('audit.anyCohort')}</option>
						{cohorts.map((cohort) => (
							<option key={cohort.id} value={cohort.id}>
								{cohort.name}
							</option>
						))}
					</select>
				</div>
				<div className="field">
					<label htmlFor="audit-from">{t('audit.from')}</label>
					<input id="audit-from" name="from" type="date" defaultValue={filters.from ?? ''} {...field('from')} />
					<ErrorList id="audit-from-error" errors={errors.from ? ['audit.errors.date'] : undefined} />
				</div>
				<div className="field">
					<label htmlFor="audit-to">{t('audit.to')}</label>
					<input id="audit-to" name="to" type="date" defaultValue={filters.to ?? ''} {...field('to')} />
					<ErrorList id="audit-to-error" errors={errors.to ? ['audit.errors.date'] : undefined} />
				</div>
				<button type="submit" className="button">
					{t('audit.apply')}
				</button>
			</Form>
			<p>
				<a href={csvHref} download>
					{t('audit.downloadCsv')}
				</a>
			</p>
			{entries.length ? (
				<>
					{full ? <p className="muted">{t('audit.newestOnly', { count: entries.length })}</p> : null}
					<TableWrap label={t('audit.title')}>
						<table>
							<thead>
								<tr>
									<th scope="col">{t('audit.at')}</th>
									<th scope="col">{t('audit.actor')}</th>
									<th scope="col">{t('audit.action')}</th>
									<th scope="col">{t('audit.target')}</th>
									<th scope="col">{t('audit.cohort')}</th>
									<th scope="col">{t('audit.address')}</th>
									<th scope="col">{t('audit.details')}</th>
								</tr>
							</thead>
							<tbody>
								{entries.map((entry) => (
									<tr key={entry.id}>
										<td>{formatDateTime(entry.at, language)}</td>
										<td>
											{entry.actorId ? (
												<Link to={`/people/${entry.actorId}`}>
													{entry.actorErased ? t('personalData.formerParticipant') : entry.actorName}
												</Link>
											) : (
												actorLabel(entry, t)
											)}
										</td>
										<td>{t(`audit.actions.${entry.action}`, { defaultValue: entry.action })}</td>
										<td>
											{entry.targetType === 'user' && entry.targetId ? (
												<Link to={`/people/${entry.targetId}`}>{t('audit.targets.user')}</Link>
											) : entry.targetType ? (
												`${t(`audit.targets.${entry.targetType}`, { defaultValue: entry.targetType })}${entry.targetId ? ` ${entry.targetId}` : ''}`
											) : null}
										</td>
										<td>{entry.cohortId ? (cohortNames.get(entry.cohortId) ?? entry.cohortId) : null}</td>
										<td>{entry.ip}</td>
										<td className="small">{entry.detailsText}</td>
									</tr>
								))}
							</tbody>
						</table>
					</TableWrap>
				</>
			) : (
				<p role="status">{filtered ? t('audit.emptyFiltered') : t('audit.empty')}</p>
			)}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
