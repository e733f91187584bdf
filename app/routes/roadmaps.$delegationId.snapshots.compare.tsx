import { data, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { RoadmapHeader } from '#app/features/roadmap/roadmap-header.tsx'
import { compareRequest } from '#app/features/roadmap/snapshot-compare.server.ts'
import { ComparisonView, CompareForm } from '#app/features/roadmap/snapshot-views.tsx'
import { snapshotName } from '#app/features/roadmap/snapshots.ts'
import { requireRoadmap } from '#app/utils/access.server.ts'
import { formatDateTime } from '#app/utils/format.ts'
import { getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

/**
 * Two moments of the roadmap side by side (?from=<snapshot>&to=<snapshot|now>): for those who
 * `inspect` the roadmap (not peers reading a shared one: a snapshot is part of its history). A side that is not a number is a 400, a snapshot that does not exist a 404 and a snapshot
 * of another roadmap a 400 — each shown above the form, to choose again.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { delegation, roadmap, language } = await requireRoadmap(request, params.delegationId, 'inspect')
	const t = await getT(language)
	const result = await compareRequest(roadmap, new URL(request.url))
	const page = {
		title: `${t('snapshots.compare.title')} · ${t('roadmap.title')}`,
		delegation,
		roadmap,
		snapshots: result.snapshots,
		from: result.raw.from ?? ('refs' in result && result.refs ? result.refs.from : ''),
		to: result.raw.to ?? 'now',
		problem: result.problem,
		comparison: 'comparison' in result ? result.comparison : null,
	}
	return result.problem ? data(page, { status: result.problem.status }) : page
}

export default function CompareSnapshots() {
	const { delegation, roadmap, snapshots, from, to, problem, comparison } = useLoaderData<typeof loader>()
	const { t } = useTexts()
	const language = useLanguage()
	const base = `/roadmaps/${delegation.id}`
	const sideName = (side: NonNullable<typeof comparison>['from']) =>
		side ? `${snapshotName({ ...side, created_at: side.createdAt }, language, t)}` : t('snapshots.now')
	return (
		<div className="page page--wide roadmap">
			<RoadmapHeader delegation={delegation} roadmap={roadmap} section="snapshots" />
			<p>
				<Link to={`${base}/snapshots`}>{t('snapshots.backToList')}</Link>
			</p>
			<h2>{t('snapshots.compare.title')}</h2>
			{problem ? (
				<p className="alert alert--error" role="alert">
					{t(problem.message)}
				</p>
			) : null}
			{snapshots.length ? (
				<CompareForm
					title={t('snapshots.compare.choose')}
					snapshots={snapshots}
					action={`${base}/snapshots/compare`}
					from={from}
					to={to}
					errors={problem?.field ? { [problem.field]: problem.message } : undefined}
				/>
			) : (
				<p className="muted">
					{t('snapshots.none')} <Link to={`${base}/snapshots`}>{t('snapshots.title')}</Link>
				</p>
			)}
			{comparison ? (
				<section aria-labelledby="comparison-heading">
					<h3 id="comparison-heading">
						{t('snapshots.compare.heading', { from: sideName(comparison.from), to: sideName(comparison.to) })}
					</h3>
					{/* A close snapshot's name has its date; one taken on demand is dated here. */}
					{comparison.from?.reason === 'manual' || comparison.to?.reason === 'manual' ? (
						<p className="muted small">
							{[comparison.from, comparison.to]
								.flatMap((side) =>
									side?.reason === 'manual'
										? [t('snapshots.compare.takenAt', { name: sideName(side), date: formatDateTime(side.createdAt, language) })]
										: [],
								)
								.join(' · ')}
						</p>
					) : null}
					<ComparisonView comparison={comparison} />
				</section>
			) : null}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
