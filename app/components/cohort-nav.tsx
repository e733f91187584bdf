import { NavLink } from '@remix-run/react'
import { useTranslation } from 'react-i18next'

/** The tabs of a cohort for the people who run it. */
export function CohortNav({ cohortId, isStaff }: { cohortId: string; isStaff: boolean }) {
	const { t } = useTranslation()
	const base = `/cohorts/${cohortId}`
	return (
		<nav aria-label={t('cohortNav.label')} className="tabs">
			<NavLink to={base} end>
				{t('cohortNav.overview')}
			</NavLink>
			<NavLink to={`${base}/dashboard`}>{t('cohortNav.dashboard')}</NavLink>
			<NavLink to={`${base}/reflections`}>{t('cohortNav.reflections')}</NavLink>
			<NavLink to={`${base}/checks`}>{t('cohortNav.checks')}</NavLink>
			{isStaff ? <NavLink to={`${base}/edit`}>{t('cohortNav.edit')}</NavLink> : null}
		</nav>
	)
}
