import { type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { CohortPageHeader } from '#app/features/cohorts/cohort-nav.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { TableWrap } from '#app/components/ui/table-wrap.tsx'
import { requireCohort } from '#app/utils/access.server.ts'
import { checkResults } from '#app/features/progress/dashboard.server.ts'
import { formatPercent } from '#app/utils/format.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, cohort, abilities } = await requireCohort(request, params.cohortId, 'manage')
	const language = await getLanguage(request, viewer.language)
	const t = await getT(language)
	return {
		title: `${t('checks.title')} · ${cohort.name}`,
		cohort,
		canEdit: abilities.edit,
		results: await checkResults(cohort.id, language),
	}
}

export default function CheckResults() {
	const { cohort, canEdit, results } = useLoaderData<typeof loader>()
	const { t } = useTexts()
	const language = useLanguage()
	return (
		<div className="page">
			<CohortPageHeader cohort={cohort} canEdit={canEdit} eyebrow={t('checks.title')} />
			<p>{t('checks.intro')}</p>
			<TableWrap label={t('checks.title')}>
				<table>
					<thead>
						<tr>
							<th scope="col">{t('checks.question')}</th>
							<th scope="col">{t('checks.answered')}</th>
							<th scope="col">{t('checks.missed')}</th>
						</tr>
					</thead>
					<tbody>
						{results.map((r) => (
							<tr key={`${r.lessonKey}#${r.checkId}`}>
								<td>
									{r.question}
									<div className="muted small">
										{r.moduleTitle} · <Link to={`/learn/${r.lessonKey}#check-${r.checkId}`}>{r.lessonTitle}</Link>
									</div>
								</td>
								<td>{r.answered}</td>
								<td>
									{r.missRate === null ? '—' : `${formatPercent(r.missRate, language)} (${r.answered - r.rightFirstTime}/${r.answered})`}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</TableWrap>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
