import { type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { StatusBadge } from '#app/components/ui/status-badge.tsx'
import { useRootData } from '#app/root.tsx'
import { listPublicCohorts } from '#app/features/cohorts/cohorts.server.ts'
import { getCatalogue, pickVersion } from '#app/features/curriculum/content.server.ts'
import { countryName, formatDateRange } from '#app/utils/format.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { DEFAULT_LANGUAGE } from '#app/utils/i18n.ts'
import { pageMeta } from '#app/utils/meta.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }, { name: 'description', content: data.description }])

export async function loader({ request }: LoaderFunctionArgs) {
	const language = await getLanguage(request)
	const t = await getT(language)
	return {
		title: t('app.name'),
		description: t('public.tagline'),
		cohorts: await listPublicCohorts(),
		modules: getCatalogue().modules.map((module) => ({
			slug: module.slug,
			title: pickVersion(module.versions, language).title,
			summary: pickVersion(module.versions, language).summary,
		})),
	}
}

export default function PublicHome() {
	const { cohorts, modules } = useLoaderData<typeof loader>()
	const { t } = useTexts()
	const rootData = useRootData()
	const language = rootData?.language ?? DEFAULT_LANGUAGE
	return (
		<div className="page">
			<section className="hero">
				<p className="eyebrow">{t('public.eyebrow')}</p>
				<h1>{t('public.title')}</h1>
				<p className="lead">{t('public.tagline')}</p>
				<p>{t('public.about')}</p>
				<p className="actions">
					{rootData?.viewer ? (
						<Link className="button button--primary" to="/home">
							{t('public.goHome')}
						</Link>
					) : (
						<Link className="button button--primary" to="/login">
							{t('nav.signIn')}
						</Link>
					)}
				</p>
			</section>

			<section aria-labelledby="how-heading">
				<h2 id="how-heading">{t('public.howTitle')}</h2>
				<ol className="steps">
					<li>
						<strong>{t('public.stepBefore')}</strong> {t('public.stepBeforeText')}
					</li>
					<li>
						<strong>{t('public.stepDuring')}</strong> {t('public.stepDuringText')}
					</li>
					<li>
						<strong>{t('public.stepAfter')}</strong> {t('public.stepAfterText')}
					</li>
				</ol>
			</section>

			<section aria-labelledby="modules-heading">
				<h2 id="modules-heading">{t('public.modulesTitle')}</h2>
				<ol className="card-list">
					{modules.map((module) => (
						<li key={module.slug} className="card">
							<h3>{module.title}</h3>
							<p>{module.summary}</p>
						</li>
					))}
				</ol>
			</section>

			<section aria-labelledby="convenings-heading">
				<h2 id="convenings-heading">{t('public.conveningsTitle')}</h2>
				{cohorts.length === 0 ? (
					<p>{t('public.noConvenings')}</p>
				) : (
					<ul className="card-list">
						{cohorts.map((cohort) => (
							<li key={cohort.id} className="card">
								<h3>{cohort.name}</h3>
								<p>
									{cohort.host_city}, {countryName(cohort.host_country, language)} ·{' '}
									{formatDateRange(cohort.start_date, cohort.end_date, language)}
								</p>
								<p>
									<StatusBadge status={cohort.status} />
								</p>
								{cohort.countries.length ? (
									<p>
										{t('public.delegationsFrom')} {cohort.countries.map((code) => countryName(code, language)).join(', ')}
									</p>
								) : null}
							</li>
						))}
					</ul>
				)}
			</section>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
