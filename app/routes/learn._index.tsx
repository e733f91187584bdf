import { type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { ProgressBar } from '#app/components/ui/progress-bar.tsx'
import { KeepForOffline } from '#app/features/offline/offline-ui.tsx'
import { SearchForm } from '#app/features/search/search-form.tsx'
import { getCatalogue, pickVersion } from '#app/features/curriculum/content.server.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { requireCurriculum } from '#app/utils/access.server.ts'
import { getProgressRows, summarize } from '#app/features/progress/progress.server.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request }: LoaderFunctionArgs) {
	const { viewer } = await requireCurriculum(request, 'view')
	const language = await getLanguage(request, viewer.language)
	const t = await getT(language)
	const summary = summarize(await getProgressRows(viewer.id), language)
	const catalogue = getCatalogue()
	return {
		title: `${t('learn.title')} · ${t('app.name')}`,
		summary,
		modules: summary.modules.map((module) => {
			const entry = catalogue.modules.find((m) => m.slug === module.slug)!
			const version = pickVersion(entry.versions, language)
			return { ...module, order: entry.order, summary: version.summary, minutes: version.minutes }
		}),
	}
}

export default function MyLearning() {
	const { summary, modules } = useLoaderData<typeof loader>()
	const { t } = useTexts()
	return (
		<div className="page">
			<h1>{t('learn.title')}</h1>
			<SearchForm />
			<ProgressBar done={summary.completed} total={summary.total} label={t('learn.overall')} />
			{summary.resume ? (
				<div className="panel resume">
					<p className="eyebrow">{summary.resume.started ? t('learn.resumeTitle') : t('learn.nextTitle')}</p>
					<p>
						<Link className="button button--primary" to={`/learn/${summary.resume.moduleSlug}/${summary.resume.slug}`}>
							{summary.resume.started
								? t('learn.resume', { title: summary.resume.title })
								: t('learn.start', { title: summary.resume.title })}
						</Link>
					</p>
					<p className="muted">{t('home.minutesLeft', { count: summary.minutesLeft })}</p>
				</div>
			) : (
				<p className="alert alert--success" role="status">
					{t('home.allDone')}
				</p>
			)}
			<ol className="card-list">
				{modules.map((module) => (
					<li key={module.slug} className="card">
						<p className="eyebrow">{t('learn.moduleNumber', { number: module.order })}</p>
						<h2>
							<Link to={`/learn/${module.slug}`}>{module.title}</Link>
						</h2>
						<p>{module.summary}</p>
						<ProgressBar done={module.completed} total={module.total} label={t('learn.moduleProgress', { title: module.title })} />
					</li>
				))}
			</ol>
			<KeepForOffline title={t('learn.overall')} />
			<p>
				<Link to="/glossary">{t('glossary.title')}</Link>
			</p>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
