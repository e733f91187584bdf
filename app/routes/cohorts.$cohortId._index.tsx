import { type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { CohortNav } from '#app/features/cohorts/cohort-nav.tsx'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { StatusBadge } from '#app/components/ui/status-badge.tsx'
import { TableWrap } from '#app/components/ui/table-wrap.tsx'
import { getCohortRoster } from '#app/features/cohorts/cohorts.server.ts'
import { requireCohort } from '#app/utils/access.server.ts'
import { countryName, formatDate, formatDateRange } from '#app/utils/format.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.cohort.name }])

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, cohort, abilities } = await requireCohort(request, params.cohortId, 'view')
	const roster = await getCohortRoster(viewer, cohort.id)
	return {
		cohort,
		...roster,
		canManage: abilities.manage,
		canEdit: abilities.edit,
	}
}

export default function CohortPage() {
	const { cohort, delegations, facilitators, canManage, canEdit } = useLoaderData<typeof loader>()
	const { t } = useTexts()
	const language = useLanguage()
	return (
		<div className="page">
			<p className="eyebrow">{t('cohort.eyebrow')}</p>
			<h1>{cohort.name}</h1>
			{canManage ? <CohortNav cohortId={cohort.id} canEdit={canEdit} /> : null}
			<dl className="facts">
				<div>
					<dt>{t('cohort.where')}</dt>
					<dd>
						{cohort.venue ? `${cohort.venue}, ` : ''}
						{cohort.host_city}, {countryName(cohort.host_country, language)}
					</dd>
				</div>
				<div>
					<dt>{t('cohort.when')}</dt>
					<dd>{formatDateRange(cohort.start_date, cohort.end_date, language)}</dd>
				</div>
				{cohort.prework_due_date ? (
					<div>
						<dt>{t('cohort.preworkDue')}</dt>
						<dd>{formatDate(cohort.prework_due_date, language)}</dd>
					</div>
				) : null}
				<div>
					<dt>{t('cohort.status')}</dt>
					<dd>
						<StatusBadge status={cohort.status} />
					</dd>
				</div>
				<div>
					<dt>{t('cohort.facilitators')}</dt>
					<dd>{facilitators.map((f) => f.name).join(', ') || '—'}</dd>
				</div>
			</dl>

			<p className="actions">
				<a className="button" href={`/cohorts/${cohort.id}/calendar.ics`} download>
					{t('calendar.addConvening')}
				</a>
			</p>
			<p>
				<Link to={`/cohorts/${cohort.id}/roadmaps`}>{t('roadmap.peers.title')}</Link>
			</p>
			<h2>{t('cohort.delegations', { count: delegations.length })}</h2>
			{canManage ? (
				<p className="actions">
					<Link className="button button--primary" to={`/cohorts/${cohort.id}/delegations/new`}>
						{t('delegation.add')}
					</Link>{' '}
					<a className="button" href={`/cohorts/${cohort.id}/roster.csv`} download>
						{t('exports.roster')}
					</a>{' '}
					<a className="button" href={`/cohorts/${cohort.id}/invitations.csv`} download>
						{t('exports.invitations')}
					</a>
				</p>
			) : null}
			{delegations.length === 0 ? <p>{t('cohort.noDelegations')}</p> : null}
			{delegations.map((delegation) => (
				<section key={delegation.id} className="panel" aria-labelledby={`d-${delegation.id}`}>
					<h3 id={`d-${delegation.id}`}>
						{countryName(delegation.country_code, language)} <span className="muted">· {t(`napStatus.${delegation.nap_status}`)}</span>
					</h3>
					{canManage ? (
						<p>
							<Link to={`/roadmaps/${delegation.id}`}>{t('roadmap.of', { country: countryName(delegation.country_code, language) })}</Link>{' '}
							·{' '}
							<Link to={`/cohorts/${cohort.id}/delegations/${delegation.id}`}>
								{t('delegation.manage', { country: countryName(delegation.country_code, language) })}
							</Link>
						</p>
					) : null}
					{delegation.members.length === 0 ? (
						<p>{t('cohort.noMembers')}</p>
					) : (
						<TableWrap label={t('cohort.membersOf', { country: countryName(delegation.country_code, language) })}>
							<table>
								<caption className="visually-hidden">
									{t('cohort.membersOf', { country: countryName(delegation.country_code, language) })}
								</caption>
								<thead>
									<tr>
										<th scope="col">{t('cohort.name')}</th>
										<th scope="col">{t('cohort.sector')}</th>
										<th scope="col">{t('cohort.organisation')}</th>
										<th scope="col">{t('cohort.position')}</th>
									</tr>
								</thead>
								<tbody>
									{delegation.members.map((member) => (
										<tr key={member.userId}>
											<td>
												{member.name}
												{member.isLead ? <span className="badge badge--lead">{t('cohort.lead')}</span> : null}
												{member.email ? <div className="muted small">{member.email}</div> : null}
											</td>
											<td>{t(`sectors.${member.sector}`)}</td>
											<td>{member.organisation}</td>
											<td>{member.position}</td>
										</tr>
									))}
								</tbody>
							</table>
						</TableWrap>
					)}
				</section>
			))}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
