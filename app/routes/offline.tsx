import { type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData, useLocation } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { useOnline, useQueuedAnswers, useSavedModules } from '#app/features/offline/offline-ui.tsx'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { getViewer } from '#app/utils/permissions.server.ts'
import { useHydrated } from '#app/utils/use-hydrated.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

/**
 * The page the service worker shows for a page that is not on the phone when there is no connection
 * (kept at install, and again in the reader's language each time lessons are saved): what is saved
 * here, and what waits to be sent. Anyone may open it; it reads nothing from the server.
 */
export async function loader({ request }: LoaderFunctionArgs) {
	const viewer = await getViewer(request)
	const t = await getT(await getLanguage(request, viewer?.language))
	return { title: `${t('offline.title')} · ${t('app.name')}` }
}

/** Where the person was going (a path of this site), when the service worker sent them here. */
function wantedPath(search: string) {
	const from = new URLSearchParams(search).get('from')
	return from && /^\/(?![/\\])/.test(from) && from !== '/offline' ? from : null
}

export default function OfflinePage() {
	useLoaderData<typeof loader>()
	const { t } = useTexts()
	const search = useLocation().search
	const hydrated = useHydrated()
	// After hydration only: the worker answers any address with the page as it was saved at /offline.
	const wanted = hydrated ? wantedPath(search) : null
	const online = useOnline()
	const saved = useSavedModules()
	const waiting = useQueuedAnswers()
	return (
		<div className="page">
			<h1>{t('offline.title')}</h1>
			<p className="lead">{online ? t('offline.leadOnline') : t('offline.lead')}</p>
			{wanted ? (
				<p>
					{t('offline.notSaved')} <a href={wanted}>{t('offline.tryPageAgain')}</a>
				</p>
			) : null}
			{waiting.length ? (
				<p className="alert alert--waiting" role="status">
					{t('offline.waitingCount', { count: waiting.length })}
				</p>
			) : null}
			<section aria-labelledby="saved-heading">
				<h2 id="saved-heading">{t('offline.savedHeading')}</h2>
				{!hydrated ? (
					<p>{t('offline.needsJavaScript')}</p>
				) : saved.length === 0 ? (
					<p>{t('offline.nothingSaved')}</p>
				) : (
					saved.map((module) => (
						<section key={module.slug} aria-labelledby={`saved-${module.slug}`} className="panel">
							<h3 id={`saved-${module.slug}`}>{module.title}</h3>
							<ol className="lesson-list">
								{module.lessons.map((lesson) => (
									// A whole page load: the service worker answers it from the phone.
									<li key={lesson.url}>
										<a href={lesson.url}>{lesson.title}</a>
									</li>
								))}
							</ol>
						</section>
					))
				)}
			</section>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
