import { type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { type ReactNode } from 'react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { TableWrap } from '#app/components/ui/table-wrap.tsx'
import { peerRoadmaps } from '#app/features/cohorts/cohorts.server.ts'
import { formatMoney } from '#app/features/roadmap/item-values.tsx'
import { requireCohort } from '#app/utils/access.server.ts'
import { countryName, formatNumber, formatPercent } from '#app/utils/format.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

/**
 * Peer learning: the cohort's roadmaps in one table, a column per country, the same measures for
 * each. It holds exactly the roadmaps of the cohort's list (`peerRoadmaps`): those shared with the
 * cohort, plus the viewer's own delegation's; those who run the cohort read them all.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, cohort } = await requireCohort(request, params.cohortId, 'view')
	const t = await getT(await getLanguage(request, viewer.language))
	const roadmaps = await peerRoadmaps(viewer, cohort.id)
	return {
		title: `${t('peerComparison.title')} · ${cohort.name}`,
		cohort: { id: cohort.id, name: cohort.name },
		roadmaps: roadmaps.map(({ id, delegationId, country_code, currency, status, shared_with_cohort, own, metrics }) => ({
			id,
			delegationId,
			countryCode: country_code,
			currency,
			status,
			shared: shared_with_cohort === 1,
			own,
			metrics,
		})),
	}
}

type Column = ReturnType<typeof useLoaderData<typeof loader>>['roadmaps'][number]

export default function CompareRoadmaps() {
	const { cohort, roadmaps } = useLoaderData<typeof loader>()
	const { t } = useTexts()
	const language = useLanguage()
	const number = (value: number) => formatNumber(value, language)
	const share = (value: number | null) => (value === null ? '—' : formatPercent(value, language))
	const part = (value: { count: number; of: number; share: number | null }) =>
		value.of ? t('peerComparison.part', { n: number(value.count), of: number(value.of), share: share(value.share) }) : '—'
	type Row = { key: string; label: string; cell: (r: Column) => ReactNode }
	const groups: Array<{ key: string; rows: Row[] }> = [
		{
			key: 'overall',
			rows: [
				{ key: 'status', label: t('roadmap.statusTitle'), cell: (r) => t(`roadmap.status.${r.status}`) },
				{ key: 'gaps', label: t('peerComparison.gaps'), cell: (r) => number(r.metrics.gaps) },
			],
		},
		{
			key: 'design',
			rows: [
				{
					key: 'pillars',
					label: t('peerComparison.pillars'),
					cell: (r) =>
						r.metrics.pillars.of ? (
							<>
								{t('peerComparison.outOf', { n: number(r.metrics.pillars.count), of: number(r.metrics.pillars.of) })}
								{r.metrics.pillars.covered.length ? <span className="compare__detail">{r.metrics.pillars.covered.join(', ')}</span> : null}
							</>
						) : (
							'—'
						),
				},
				{ key: 'objectives', label: t('roadmap.kinds.objective.plural'), cell: (r) => number(r.metrics.objectives) },
				{ key: 'actions', label: t('roadmap.kinds.action.plural'), cell: (r) => number(r.metrics.actions) },
			],
		},
		{
			key: 'budget',
			rows: [
				{ key: 'costed', label: t('peerComparison.costed'), cell: (r) => part(r.metrics.costed) },
				{ key: 'funded', label: t('peerComparison.funded'), cell: (r) => part(r.metrics.funded) },
				{
					key: 'budget',
					label: t('peerComparison.budget'),
					cell: (r) =>
						r.metrics.budget.total ? (
							<>
								{formatMoney(r.metrics.budget.total, r.currency, language)}
								<span className="compare__detail">{t('peerComparison.fundedShare', { share: share(r.metrics.budget.share) })}</span>
							</>
						) : (
							'—'
						),
				},
			],
		},
		{
			key: 'monitoring',
			rows: [
				{ key: 'indicators', label: t('roadmap.kinds.indicator.plural'), cell: (r) => number(r.metrics.indicators) },
				{
					key: 'withBaselineAndTarget',
					label: t('peerComparison.withBaselineAndTarget'),
					cell: (r) => part(r.metrics.withBaselineAndTarget),
				},
			],
		},
		{
			key: 'localization',
			rows: [
				{
					key: 'localActions',
					label: t('peerComparison.localActions'),
					cell: (r) => (
						<>
							{part(r.metrics.localActions)}
							{r.metrics.localActions.count ? (
								<span className="compare__detail">
									{Object.entries(r.metrics.byLevel)
										.filter(([, count]) => count)
										.map(([level, count]) => `${t(`roadmap.options.level.${level}`)}: ${number(count)}`)
										.join(', ')}
								</span>
							) : null}
						</>
					),
				},
				{ key: 'localPartners', label: t('peerComparison.localPartners'), cell: (r) => number(r.metrics.localPartners) },
			],
		},
	]
	return (
		<div className="page page--wide">
			<nav aria-label={t('learn.breadcrumb')} className="breadcrumb">
				<Link to={`/cohorts/${cohort.id}`}>{cohort.name}</Link> /{' '}
				<Link to={`/cohorts/${cohort.id}/roadmaps`}>{t('roadmap.peers.title')}</Link>
			</nav>
			<h1>{t('peerComparison.title')}</h1>
			<p className="lead">{t('peerComparison.intro')}</p>
			{roadmaps.length === 0 ? <p>{t('roadmap.peers.none')}</p> : null}
			{roadmaps.length ? (
				<TableWrap label={t('peerComparison.title')}>
					<table className="compare">
						<caption className="visually-hidden">{t('peerComparison.caption')}</caption>
						<thead>
							<tr>
								<th scope="col">{t('peerComparison.measure')}</th>
								{roadmaps.map((r) => (
									<th key={r.id} scope="col">
										<Link to={`/roadmaps/${r.delegationId}`}>{countryName(r.countryCode, language)}</Link>
										<span className="compare__detail">
											{r.shared ? t('roadmap.sharedBadge') : r.own ? t('peerComparison.ownNotShared') : t('peerComparison.notShared')}
										</span>
									</th>
								))}
							</tr>
						</thead>
						{groups.map((group) => (
							<tbody key={group.key}>
								<tr className="compare__group">
									<th scope="rowgroup" colSpan={roadmaps.length + 1}>
										{t(`peerComparison.groups.${group.key}`)}
									</th>
								</tr>
								{group.rows.map((row) => (
									<tr key={row.key}>
										<th scope="row">{row.label}</th>
										{roadmaps.map((r) => (
											<td key={r.id} data-country={r.countryCode}>
												{row.cell(r)}
											</td>
										))}
									</tr>
								))}
							</tbody>
						))}
					</table>
				</TableWrap>
			) : null}
			<p className="muted small">{t('peerComparison.note')}</p>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
