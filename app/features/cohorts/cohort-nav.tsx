import { Link, NavLink } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'

/** The tabs of a cohort for the people who run it. */
export function CohortNav({ cohortId, canEdit }: { cohortId: string; canEdit: boolean }) {
	const { t } = useTexts()
	const base = `/cohorts/${cohortId}`
	return (
		<nav aria-label={t('cohortNav.label')} className="tabs">
			<NavLink to={base} end>
				{t('cohortNav.overview')}
			</NavLink>
			<NavLink to={`${base}/dashboard`}>{t('cohortNav.dashboard')}</NavLink>
			<NavLink to={`${base}/reflections`}>{t('cohortNav.reflections')}</NavLink>
			<NavLink to={`${base}/checks`}>{t('cohortNav.checks')}</NavLink>
			{canEdit ? <NavLink to={`${base}/edit`}>{t('cohortNav.edit')}</NavLink> : null}
		</nav>
	)
}

/** The top of a page for running a cohort: back to the cohorts, what the page is, the tabs. */
export function CohortPageHeader({
	cohort,
	canEdit,
	eyebrow,
}: {
	cohort: { id: string; name: string }
	canEdit: boolean
	eyebrow: string
}) {
	const { t } = useTexts()
	return (
		<>
			<nav aria-label={t('learn.breadcrumb')} className="breadcrumb">
				<Link to="/cohorts">{t('cohorts.title')}</Link>
			</nav>
			<p className="eyebrow">{eyebrow}</p>
			<h1>{cohort.name}</h1>
			<CohortNav cohortId={cohort.id} canEdit={canEdit} />
		</>
	)
}
