import { Link, NavLink } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useRootData } from '#app/root.tsx'
import { countryName } from '#app/utils/format.ts'
import { DEFAULT_LANGUAGE } from '#app/utils/i18n.ts'
import { SECTIONS } from '#app/features/roadmap/kinds.ts'

/** The roadmap's title and its sections as tabs. */
export function RoadmapHeader({
	delegation,
	roadmap,
	section,
}: {
	delegation: { id: string; country_code: string; cohortName: string; cohort_id: string }
	roadmap: { status: string; shared_with_cohort: number }
	section?: string
}) {
	const { t } = useTranslation()
	const language = useRootData()?.language ?? DEFAULT_LANGUAGE
	const base = `/roadmaps/${delegation.id}`
	return (
		<header className="roadmap-header">
			<nav aria-label={t('learn.breadcrumb')} className="breadcrumb">
				<Link to={`/cohorts/${delegation.cohort_id}`}>{delegation.cohortName}</Link>
				{section ? (
					<>
						{' '}
						› <Link to={base}>{t('roadmap.title')}</Link>
					</>
				) : null}
			</nav>
			<p className="eyebrow">
				{t('roadmap.title')} · <span className={`badge badge--${roadmap.status}`}>{t(`roadmap.status.${roadmap.status}`)}</span>
				{roadmap.shared_with_cohort ? <> · {t('roadmap.sharedBadge')}</> : null}
			</p>
			<h1>{t('roadmap.of', { country: countryName(delegation.country_code, language) })}</h1>
			<p className="roadmap-header__print no-print">
				<Link to={`${base}/print`}>{t('roadmap.printLink')}</Link>
			</p>
			<nav aria-label={t('roadmap.sectionsLabel')} className="tabs">
				<NavLink to={base} end>
					{t('roadmap.overview')}
				</NavLink>
				{SECTIONS.map((s, index) => (
					<NavLink key={s} to={`${base}/${s}`}>
						{index + 1}. {t(`roadmap.sections.${s}.short`)}
					</NavLink>
				))}
				<NavLink to={`${base}/implementation`}>{t('implementation.title')}</NavLink>
				<NavLink to={`${base}/assistance`}>{t('assistance.short')}</NavLink>
			</nav>
		</header>
	)
}
