import { type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { RoadmapDocument } from '#app/features/roadmap/roadmap-document.tsx'
import { ownDelegationId } from '#app/features/roadmap/roadmap.server.ts'
import { workedExample } from '#app/features/roadmap/worked-example.server.ts'
import { requireWorkedExample } from '#app/utils/access.server.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

/**
 * `/roadmap/example`: the worked example (Valmira's whole roadmap) in the viewer's language, read-only
 * for everyone signed in. It has no action: nothing here changes it.
 */
export async function loader({ request }: LoaderFunctionArgs) {
	const { viewer, abilities } = await requireWorkedExample(request)
	const language = await getLanguage(request, viewer.language)
	const t = await getT(language)
	const example = workedExample(language)
	return {
		title: `${t('workedExample.title')} · ${t('app.name')}`,
		abilities,
		language: example.language,
		currency: example.currency,
		tree: example.tree,
		totals: example.totals,
		gaps: example.gaps.length,
		counts: {
			pillars: example.tree.pillars.length,
			objectives: example.tree.objectives.length,
			actions: example.tree.actions.length,
			indicators: example.tree.indicators.length,
		},
		/** The viewer's own roadmap, where a delegation may start from the example. */
		ownRoadmap: ownDelegationId(viewer),
	}
}

export default function WorkedExample() {
	const { language, currency, tree, totals, gaps, counts, ownRoadmap } = useLoaderData<typeof loader>()
	const { t } = useTexts()
	return (
		<article className="page page--wide roadmap">
			<p className="eyebrow">{t('workedExample.eyebrow')}</p>
			<h1>{t('workedExample.title')}</h1>
			<p className="lead">{t('workedExample.intro', counts)}</p>
			<p className="alert" role="note">
				{t('workedExample.readOnly')} {gaps === 0 ? t('workedExample.complete') : null}
			</p>
			<p className="muted small">{t('workedExample.partlyCommitted')}</p>
			<p className="actions no-print">
				<a className="button" href="/roadmap/example.json" download>
					{t('workedExample.download')}
				</a>{' '}
				{ownRoadmap ? (
					<Link className="button" to={`/roadmaps/${ownRoadmap}`}>
						{t('workedExample.openOwn')}
					</Link>
				) : null}
			</p>
			{ownRoadmap ? <p className="muted small no-print">{t('workedExample.startHint')}</p> : null}
			<RoadmapDocument tree={tree} totals={totals} currency={currency} language={language} />
		</article>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
