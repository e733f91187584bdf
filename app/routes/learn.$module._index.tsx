import { type LoaderFunctionArgs } from '@remix-run/node'
import { type ClientLoaderFunctionArgs, Link, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { MdxContent } from '#app/features/curriculum/mdx-components.tsx'
import { ProgressBar } from '#app/components/ui/progress-bar.tsx'
import { KeepForOffline } from '#app/features/offline/offline-ui.tsx'
import { SearchForm } from '#app/features/search/search-form.tsx'
import { getCompiled, pickVersion } from '#app/features/curriculum/content.server.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { prepareMdx } from '#app/features/curriculum/mdx-modules.server.ts'
import { withCurriculumModule } from '#app/features/curriculum/mdx-modules.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { requireModule } from '#app/utils/access.server.ts'
import { getProgressRows, summarize } from '#app/features/progress/progress.server.ts'
import { COSTING_SHEET_MODULE, COSTING_SHEET_URL } from '#app/features/curriculum/costing-sheet.ts'

export const clientLoader = ({ serverLoader }: ClientLoaderFunctionArgs) => withCurriculumModule(serverLoader<typeof loader>())

export const meta = pageMeta<typeof loader>((data) => [{ title: `${data.title} · ${data.appName}` }])

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, module, abilities } = await requireModule(request, params.module, 'view')
	const language = await getLanguage(request, viewer.language)
	const t = await getT(language)
	const version = pickVersion(module.versions, language)
	const compiled = await getCompiled(version.file)
	const summary = summarize(await getProgressRows(viewer.id), language)
	const progress = summary.modules.find((m) => m.slug === module.slug)!
	const nextLesson = progress.lessons.find((lesson) => !lesson.completed) ?? null
	return {
		appName: t('app.name'),
		slug: module.slug,
		order: module.order,
		title: version.title,
		summary: version.summary,
		objectives: version.objectives,
		fallback: version.fallback,
		contentLanguage: version.language,
		contentHash: prepareMdx(compiled),
		progress,
		nextLesson,
		/** Whether to link the module's facilitator guide: it has one and the viewer may read it. */
		guide: abilities.guide,
	}
}

export default function ModulePage() {
	const module = useLoaderData<typeof loader>()
	const { t } = useTexts()
	const started = module.progress.completed > 0
	return (
		<article className="page">
			<nav aria-label={t('learn.breadcrumb')} className="breadcrumb">
				<Link to="/learn">{t('nav.learn')}</Link>
			</nav>
			<p className="eyebrow">{t('learn.moduleNumber', { number: module.order })}</p>
			<h1>{module.title}</h1>
			<p className="lead">{module.summary}</p>
			{module.fallback ? (
				<p className="alert" role="note">
					{t('learn.fallbackNote')}
				</p>
			) : null}
			<ProgressBar
				done={module.progress.completed}
				total={module.progress.total}
				label={t('learn.moduleProgress', { title: module.title })}
			/>
			{module.nextLesson ? (
				<p>
					<Link className="button button--primary" to={`/learn/${module.slug}/${module.nextLesson.slug}`}>
						{started ? t('learn.continueWith', { title: module.nextLesson.title }) : t('learn.start', { title: module.nextLesson.title })}
					</Link>
				</p>
			) : (
				<p className="alert alert--success" role="status">
					{t('learn.moduleDone')}
				</p>
			)}

			<SearchForm />

			<KeepForOffline module={module.slug} title={module.title} />

			<section aria-labelledby="lessons-heading">
				<h2 id="lessons-heading">{t('learn.lessons')}</h2>
				<ol className="lesson-list">
					{module.progress.lessons.map((lesson) => (
						<li key={lesson.key} className={lesson.completed ? 'is-done' : undefined}>
							<Link to={`/learn/${module.slug}/${lesson.slug}`}>{lesson.title}</Link>{' '}
							<span className="muted small">
								{t('learn.minutes', { count: lesson.minutes })} · {lesson.completed ? `✓ ${t('learn.completed')}` : t('learn.notCompleted')}
							</span>
						</li>
					))}
				</ol>
			</section>

			{module.guide ? (
				<p className="panel">
					<Link to={`/learn/${module.slug}/guide`}>{t('guide.link')}</Link> <span className="muted small">{t('guide.linkHelp')}</span>
				</p>
			) : null}

			{module.slug === COSTING_SHEET_MODULE ? (
				<p className="panel">
					<a href={COSTING_SHEET_URL} download>
						{t('costingSheet.download')}
					</a>{' '}
					<span className="muted small">{t('costingSheet.help')}</span>
				</p>
			) : null}

			<section aria-labelledby="overview-heading">
				<h2 id="overview-heading">{t('learn.overview')}</h2>
				<MdxContent hash={module.contentHash} lang={module.contentLanguage} />
			</section>
		</article>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
