import { type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { TableWrap } from '#app/components/ui/table-wrap.tsx'
import { peerRoadmaps } from '#app/features/cohorts/cohorts.server.ts'
import { requireCohort } from '#app/utils/access.server.ts'
import { countryName, formatPercent } from '#app/utils/format.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

/** Peer learning: the roadmaps of a cohort side by side — those shared, plus the viewer's own. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, cohort } = await requireCohort(request, params.cohortId, 'view')
	const t = await getT(await getLanguage(request, viewer.language))
	const roadmaps = await peerRoadmaps(viewer, cohort.id)
	return { title: `${t('roadmap.peers.title')} · ${cohort.name}`, cohort, roadmaps }
}

export default function CohortRoadmaps() {
	const { cohort, roadmaps } = useLoaderData<typeof loader>()
	const { t } = useTexts()
	const language = useLanguage()
	return (
		<div className="page page--wide">
			<nav aria-label={t('learn.breadcrumb')} className="breadcrumb">
				<Link to={`/cohorts/${cohort.id}`}>{cohort.name}</Link>
			</nav>
			<h1>{t('roadmap.peers.title')}</h1>
			<p className="lead">{t('roadmap.peers.intro')}</p>
			<p>
				<Link to="/roadmap/example">{t('workedExample.link')}</Link> <span className="muted small">{t('workedExample.linkHelp')}</span>
			</p>
			{roadmaps.length === 0 ? <p>{t('roadmap.peers.none')}</p> : null}
			{roadmaps.length > 1 ? (
				<p>
					<Link className="button" to={`/cohorts/${cohort.id}/roadmaps/compare`}>
						{t('peerComparison.link')}
					</Link>
				</p>
			) : null}
			{roadmaps.length ? (
				<TableWrap label={t('roadmap.peers.title')}>
					<table>
						<thead>
							<tr>
								<th scope="col">{t('dashboard.delegation')}</th>
								<th scope="col">{t('roadmap.kinds.pillar.plural')}</th>
								<th scope="col">{t('roadmap.kinds.objective.plural')}</th>
								<th scope="col">{t('roadmap.kinds.action.plural')}</th>
								<th scope="col">{t('roadmap.kinds.indicator.plural')}</th>
								<th scope="col">{t('roadmap.budget.fundedShare')}</th>
								<th scope="col">{t('roadmap.statusTitle')}</th>
							</tr>
						</thead>
						<tbody>
							{roadmaps.map((r) => (
								<tr key={r.id}>
									<th scope="row">
										<Link to={`/roadmaps/${r.delegationId}`}>{countryName(r.country_code, language)}</Link>
										{r.shared_with_cohort ? <div className="small">{t('roadmap.sharedBadge')}</div> : null}
									</th>
									<td>{r.pillars.join(', ')}</td>
									<td>{r.metrics.objectives}</td>
									<td>{r.metrics.actions}</td>
									<td>{r.metrics.indicators}</td>
									<td>{r.metrics.budget.share === null ? '—' : formatPercent(r.metrics.budget.share, language)}</td>
									<td>{t(`roadmap.status.${r.status}`)}</td>
								</tr>
							))}
						</tbody>
					</table>
				</TableWrap>
			) : null}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
