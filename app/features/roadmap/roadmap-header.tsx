import { Link, NavLink, useLocation } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { useRootData } from '#app/root.tsx'
import { countryName } from '#app/utils/format.ts'
import { DEFAULT_LANGUAGE } from '#app/utils/i18n.ts'
import { SECTIONS } from '#app/features/roadmap/kinds.ts'
import { LivePresenceBar } from '#app/features/roadmap/live.tsx'

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
	const { t } = useTexts()
	const language = useRootData()?.language ?? DEFAULT_LANGUAGE
	const base = `/roadmaps/${delegation.id}`
	const links = [
		{ to: base, label: t('roadmap.overview'), end: true },
		...SECTIONS.map((s, index) => ({ to: `${base}/${s}`, label: `${index + 1}. ${t(`roadmap.sections.${s}.short`)}`, end: false })),
		{ to: `${base}/matrix`, label: t('roadmap.matrix.tab'), end: false },
		{ to: `${base}/implementation`, label: t('implementation.title'), end: false },
		{ to: `${base}/assistance`, label: t('assistance.short'), end: false },
	]
	const { pathname } = useLocation()
	const current = links.find((link) => pathname === link.to || (!link.end && pathname.startsWith(`${link.to}/`)))
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
			<LivePresenceBar />
			<p className="roadmap-header__print no-print">
				<Link to={`${base}/print`}>{t('roadmap.printLink')}</Link>
			</p>
			<nav aria-label={t('roadmap.sectionsLabel')} className="tabs">
				{links.map((link) => (
					<NavLink key={link.to} to={link.to} end={link.end}>
						{link.label}
					</NavLink>
				))}
			</nav>
			{/* On a phone the same links are one menu, which opens without JavaScript too. */}
			<details className="tabs-menu">
				<summary>
					{t('roadmap.sectionsMenu')}: {current?.label ?? t('roadmap.overview')}
				</summary>
				<nav aria-label={t('roadmap.sectionsLabel')}>
					<ul>
						{links.map((link) => (
							<li key={link.to}>
								<NavLink to={link.to} end={link.end}>
									{link.label}
								</NavLink>
							</li>
						))}
					</ul>
				</nav>
			</details>
		</header>
	)
}
