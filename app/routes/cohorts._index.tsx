import { type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { StatusBadge } from '#app/components/ui/status-badge.tsx'
import { TableWrap } from '#app/components/ui/table-wrap.tsx'
import { cohortsRunBy } from '#app/features/cohorts/cohorts.server.ts'
import { requireAccount } from '#app/utils/access.server.ts'
import { countryName, formatDateRange } from '#app/utils/format.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request }: LoaderFunctionArgs) {
	const { viewer, abilities } = await requireAccount(request)
	const t = await getT(await getLanguage(request, viewer.language))
	const runs = await cohortsRunBy(viewer)
	const runIds = new Set(runs.map((c) => c.id))
	return {
		title: `${t('cohorts.title')} · ${t('app.name')}`,
		canCreate: abilities.manage,
		runs,
		// Cohorts the viewer belongs to as a delegate (or alumni) and does not run.
		memberOf: viewer.memberships
			.filter((m) => !runIds.has(m.cohortId))
			.map((m) => ({ id: m.cohortId, name: m.cohortName, status: m.cohortStatus, countryCode: m.countryCode })),
	}
}

export default function Cohorts() {
	const { runs, memberOf, canCreate } = useLoaderData<typeof loader>()
	const { t } = useTexts()
	const language = useLanguage()
	return (
		<div className="page">
			<h1>{t('cohorts.title')}</h1>
			{canCreate ? (
				<p>
					<Link to="/cohorts/new" className="button button--primary">
						{t('cohortForm.newTitle')}
					</Link>
				</p>
			) : null}
			{runs.length ? (
				<TableWrap label={t('cohorts.title')}>
					<table>
						<caption className="visually-hidden">{t('cohorts.title')}</caption>
						<thead>
							<tr>
								<th scope="col">{t('cohorts.cohort')}</th>
								<th scope="col">{t('cohort.where')}</th>
								<th scope="col">{t('cohort.when')}</th>
								<th scope="col">{t('cohort.status')}</th>
								<th scope="col">{t('cohorts.people')}</th>
							</tr>
						</thead>
						<tbody>
							{runs.map((cohort) => (
								<tr key={cohort.id}>
									<td>
										<Link to={`/cohorts/${cohort.id}`}>{cohort.name}</Link>
										<div className="small">
											<Link to={`/cohorts/${cohort.id}/dashboard`}>{t('cohortNav.dashboard')}</Link>
										</div>
									</td>
									<td>
										{cohort.host_city}, {countryName(cohort.host_country, language)}
									</td>
									<td>{formatDateRange(cohort.start_date, cohort.end_date, language)}</td>
									<td>
										<StatusBadge status={cohort.status} />
									</td>
									<td>{t('home.cohortCounts', { delegations: cohort.delegationCount, delegates: cohort.delegateCount })}</td>
								</tr>
							))}
						</tbody>
					</table>
				</TableWrap>
			) : null}
			{memberOf.length ? (
				<ul className="card-list">
					{memberOf.map((cohort) => (
						<li key={cohort.id} className="card">
							<h2>
								<Link to={`/cohorts/${cohort.id}`}>{cohort.name}</Link>
							</h2>
							<p>
								{t('home.delegationOf', { country: countryName(cohort.countryCode, language) })} · <StatusBadge status={cohort.status} />
							</p>
						</li>
					))}
				</ul>
			) : null}
			{!runs.length && !memberOf.length ? <p>{t('home.noRole')}</p> : null}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
