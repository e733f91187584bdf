import { type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { TableWrap } from '#app/components/ui/table-wrap.tsx'
import { getCohort } from '#app/features/cohorts/cohorts.server.ts'
import { db } from '#app/utils/db.server.ts'
import { countryName, formatPercent } from '#app/utils/format.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { can, invariantResponse, requirePermission, requireViewer } from '#app/utils/permissions.server.ts'
import { budgetTotals, buildTree, roadmapItems } from '#app/features/roadmap/roadmap.server.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

/** Peer learning: the roadmaps of a cohort side by side — those shared, plus the viewer's own. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const viewer = await requireViewer(request)
	const cohort = await getCohort(params.cohortId ?? '')
	invariantResponse(cohort)
	requirePermission(viewer, 'view', { type: 'cohort', cohortId: cohort.id })
	const t = await getT(await getLanguage(request, viewer.language))
	const rows = await db
		.selectFrom('roadmaps as r')
		.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
		.select(['r.id', 'r.status', 'r.currency', 'r.shared_with_cohort', 'd.id as delegationId', 'd.country_code'])
		.where('d.cohort_id', '=', cohort.id)
		.orderBy('d.country_code')
		.execute()
	const visible = rows.filter((row) =>
		can(viewer, 'view', {
			type: 'roadmap',
			delegationId: row.delegationId,
			cohortId: cohort.id,
			sharedWithCohort: row.shared_with_cohort === 1,
		}),
	)
	const roadmaps = await Promise.all(
		visible.map(async (row) => {
			const tree = buildTree(await roadmapItems(row.id))
			return {
				...row,
				pillars: tree.pillars.map((p) => String(p.data.name ?? '')),
				objectives: tree.objectives.length,
				actions: tree.actions.length,
				indicators: tree.indicators.length,
				fundedShare: budgetTotals(tree).fundedShare,
			}
		}),
	)
	return { title: `${t('roadmap.peers.title')} · ${cohort.name}`, cohort, roadmaps }
}

export default function CohortRoadmaps() {
	const { cohort, roadmaps } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	const language = useLanguage()
	return (
		<div className="page page--wide">
			<nav aria-label={t('learn.breadcrumb')} className="breadcrumb">
				<Link to={`/cohorts/${cohort.id}`}>{cohort.name}</Link>
			</nav>
			<h1>{t('roadmap.peers.title')}</h1>
			<p className="lead">{t('roadmap.peers.intro')}</p>
			{roadmaps.length === 0 ? <p>{t('roadmap.peers.none')}</p> : null}
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
									<td>{r.objectives}</td>
									<td>{r.actions}</td>
									<td>{r.indicators}</td>
									<td>{formatPercent(r.fundedShare, language)}</td>
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
