import { type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useEffect, useMemo, useState } from 'react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import type { SearchResults, Searcher, Segment } from '#app/features/search/search.ts'
import { SearchForm } from '#app/features/search/search-form.tsx'
import { getSearchIndex } from '#app/features/search/search-index.server.ts'
import { requireCurriculum } from '#app/utils/access.server.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { slugify } from '#app/utils/slugify.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request }: LoaderFunctionArgs) {
	// The lessons' own access rule: whoever may read the curriculum may search it.
	const { viewer } = await requireCurriculum(request, 'view')
	const language = await getLanguage(request, viewer.language)
	const t = await getT(language)
	const index = await getSearchIndex(language)
	const results = index.searcher.search(new URL(request.url).searchParams.get('q') ?? '')
	return {
		title: results.query
			? `${t('search.titleFor', { query: results.query })} · ${t('app.name')}`
			: `${t('search.title')} · ${t('app.name')}`,
		indexUrl: index.url,
		results,
	}
}

/**
 * With JavaScript, the page fetches its language's index (a separate, cached file, with the search
 * code in a chunk of its own) and from then on searches in the browser as the reader types: it
 * keeps answering when the connection drops.
 */
function useBrowserSearcher(url: string) {
	const [searcher, setSearcher] = useState<Searcher | null>(null)
	useEffect(() => {
		let current = true
		import('#app/features/search/search.ts')
			.then(({ loadSearcher }) => loadSearcher(url))
			.then((loaded) => current && setSearcher(loaded))
			// Without the index the page still searches through the server, as it does without JavaScript.
			.catch(() => {})
		return () => {
			current = false
		}
	}, [url])
	return searcher
}

/** The text of the results count, announced (politely) once the reader pauses. */
function useCountText(results: SearchResults) {
	const { t } = useTexts()
	if (!results.query) return ''
	if (results.total === 0) return t('search.none', { query: results.query })
	const count = t('search.count', { count: results.total, query: results.query })
	return results.shown < results.total ? `${count} ${t('search.showingFirst', { count: results.shown })}` : count
}

function useDebounced<T>(value: T, ms: number) {
	const [debounced, setDebounced] = useState(value)
	useEffect(() => {
		const timer = setTimeout(() => setDebounced(value), ms)
		return () => clearTimeout(timer)
	}, [value, ms])
	return debounced
}

function Marked({ segments }: { segments: Segment[] }) {
	return (
		<>
			{segments.map((segment, index) => (segment.mark ? <mark key={index}>{segment.text}</mark> : <span key={index}>{segment.text}</span>))}
		</>
	)
}

export default function SearchPage() {
	const data = useLoaderData<typeof loader>()
	const { t } = useTexts()
	const searcher = useBrowserSearcher(data.indexUrl)
	const [query, setQuery] = useState(data.results.query)
	// A new query from the server (a plain form submission, back and forward) replaces the typed one.
	useEffect(() => setQuery(data.results.query), [data.results.query])
	const results = useMemo(() => (searcher ? searcher.search(query) : data.results), [searcher, query, data.results])
	const countText = useCountText(results)
	const announced = useDebounced(countText, 600)

	// In the browser the address follows the query (to reload or share it) without asking the server.
	useEffect(() => {
		if (!searcher) return
		const timer = setTimeout(() => {
			const search = results.query ? `?${new URLSearchParams({ q: results.query })}` : ''
			if (window.location.search !== search) {
				window.history.replaceState(window.history.state, '', `${window.location.pathname}${search}`)
			}
		}, 400)
		return () => clearTimeout(timer)
	}, [searcher, results.query])

	return (
		<div className="page search-page">
			<h1>{t('search.title')}</h1>
			<p className="lead">{t('search.intro')}</p>
			{/* The heading says what the field is for; its label is there for screen readers. */}
			<SearchForm
				hiddenLabel
				query={query}
				onChange={setQuery}
				onSubmit={(event) => {
					// Searched in the browser already: nothing to send.
					if (searcher) event.preventDefault()
				}}
				data-ready={searcher ? 'true' : undefined}
			/>
			{/* Announced once the reader pauses typing; shown as it changes. */}
			<p className="search-count" aria-hidden="true">
				{countText}
			</p>
			<p className="visually-hidden" aria-live="polite" aria-atomic="true">
				{announced}
			</p>
			{/* Result links find their route when followed (discover="none"), not as results render:
			    typing with no connection asks nothing of the server. */}
			{results.groups.length ? (
				<div className="search-results">
					{results.groups.map((group) => (
						<section key={group.page} className="search-group" aria-labelledby={`search-group-${slugify(group.page)}`}>
							{group.kind === 'lesson' ? <p className="eyebrow">{group.module}</p> : null}
							<h2 id={`search-group-${slugify(group.page)}`}>
								<Link to={group.href} discover="none">
									{group.kind === 'glossary' ? t('glossary.title') : group.title}
									{group.kind === 'module' ? ` · ${t('learn.overview')}` : null}
								</Link>
							</h2>
							<ul className="search-hits" lang={group.lang}>
								{group.hits.map((hit, index) => (
									<li key={`${hit.href}-${index}`}>
										<Link to={hit.href} className="search-hit__heading" discover="none">
											<Marked segments={hit.heading} />
										</Link>
										<p>
											<Marked segments={hit.text} />
										</p>
									</li>
								))}
							</ul>
						</section>
					))}
				</div>
			) : null}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
