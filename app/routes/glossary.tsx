import { type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { SearchForm } from '#app/features/search/search-form.tsx'
import { getGlossary, getLesson, pickVersion } from '#app/features/curriculum/content.server.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { requireCurriculum } from '#app/utils/access.server.ts'
import { slugify } from '#app/utils/slugify.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request }: LoaderFunctionArgs) {
	const { viewer } = await requireCurriculum(request, 'view')
	const language = await getLanguage(request, viewer.language)
	const t = await getT(language)
	const terms = await getGlossary(language)
	return {
		title: `${t('glossary.title')} · ${t('app.name')}`,
		language,
		terms: terms.map((term) => ({
			...term,
			anchor: `term-${slugify(term.name)}`,
			lessons: term.lessons.map((key) => {
				const [moduleSlug = '', slug = ''] = key.split('/')
				const lesson = getLesson(moduleSlug, slug)!
				return { href: `/learn/${key}`, title: pickVersion(lesson.versions, language).title }
			}),
		})),
	}
}

export default function Glossary() {
	const { terms, language } = useLoaderData<typeof loader>()
	const { t } = useTexts()
	return (
		<div className="page">
			<h1>{t('glossary.title')}</h1>
			<p className="lead">{t('glossary.intro', { count: terms.length })}</p>
			<SearchForm />
			<dl className="glossary" lang={language}>
				{terms.map((term) => (
					<div key={term.anchor} id={term.anchor} className="glossary__entry">
						<dt>{term.name}</dt>
						<dd>
							<p>{term.definition}</p>
							<p className="muted small">
								{t('glossary.usedIn')}{' '}
								{term.lessons.map((lesson, index) => (
									<span key={lesson.href}>
										{index > 0 ? ', ' : ''}
										<Link to={lesson.href}>{lesson.title}</Link>
									</span>
								))}
							</p>
						</dd>
					</div>
				))}
			</dl>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
