import { type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CohortPageHeader } from '#app/features/cohorts/cohort-nav.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { requireCohort } from '#app/utils/access.server.ts'
import { getCatalogue, pickVersion } from '#app/features/curriculum/content.server.ts'
import { sharedReflections } from '#app/features/progress/dashboard.server.ts'
import { db } from '#app/utils/db.server.ts'
import { countryName, formatDateTime } from '#app/utils/format.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, cohort, abilities } = await requireCohort(request, params.cohortId, 'manage')
	const language = await getLanguage(request, viewer.language)
	const t = await getT(language)
	const url = new URL(request.url)
	const modules = getCatalogue().modules.map((m) => ({ slug: m.slug, title: pickVersion(m.versions, language).title }))
	const delegations = await db
		.selectFrom('delegations')
		.select(['id', 'country_code'])
		.where('cohort_id', '=', cohort.id)
		.orderBy('country_code')
		.execute()
	// Unknown filter values are ignored rather than matching nothing by accident.
	const module = modules.find((m) => m.slug === url.searchParams.get('module'))?.slug
	const delegation = delegations.find((d) => d.id === url.searchParams.get('delegation'))?.id
	return {
		title: `${t('reflections.title')} · ${cohort.name}`,
		cohort,
		canEdit: abilities.edit,
		modules,
		delegations,
		filters: { module: module ?? '', delegation: delegation ?? '' },
		reflections: await sharedReflections(cohort.id, { module, delegation }, language),
	}
}

export default function Reflections() {
	const { cohort, canEdit, modules, delegations, filters, reflections } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	const language = useLanguage()
	return (
		<div className="page">
			<CohortPageHeader cohort={cohort} canEdit={canEdit} eyebrow={t('reflections.title')} />
			<Form method="get" className="filters">
				<div className="field">
					<label htmlFor="filter-module">{t('reflections.module')}</label>
					<select id="filter-module" name="module" defaultValue={filters.module}>
						<option value="">{t('reflections.all')}</option>
						{modules.map((m) => (
							<option key={m.slug} value={m.slug}>
								{m.title}
							</option>
						))}
					</select>
				</div>
				<div className="field">
					<label htmlFor="filter-delegation">{t('dashboard.delegation')}</label>
					<select id="filter-delegation" name="delegation" defaultValue={filters.delegation}>
						<option value="">{t('reflections.all')}</option>
						{delegations.map((d) => (
							<option key={d.id} value={d.id}>
								{countryName(d.country_code, language)}
							</option>
						))}
					</select>
				</div>
				<button type="submit" className="button">
					{t('reflections.filter')}
				</button>
			</Form>
			<p role="status">{t('reflections.count', { count: reflections.length })}</p>
			{reflections.map((r) => (
				<article key={`${r.name}-${r.lesson_key}-${r.reflection_id}`} className="card">
					<p className="muted small">
						{r.name} · {countryName(r.country_code, language)} · {r.lessonTitle} · {formatDateTime(r.updated_at, language)}
					</p>
					{r.prompt ? (
						<p className="small">
							<em>{r.prompt}</em>
						</p>
					) : null}
					<blockquote className="reflection-quote">
						<p>{r.body}</p>
					</blockquote>
				</article>
			))}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
