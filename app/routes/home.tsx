import { type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { ProgressBar } from '#app/components/ui/progress-bar.tsx'
import { StatusBadge } from '#app/components/ui/status-badge.tsx'
import { AssistanceStatusBadge } from '#app/features/assistance/assistance-status.tsx'
import { alumniSummary } from '#app/features/alumni/alumni.server.ts'
import { cohortsRunBy, getCohort } from '#app/features/cohorts/cohorts.server.ts'
import { countryName, daysUntil, formatDate, formatDateRange } from '#app/utils/format.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { primaryRole, requireViewer } from '#app/utils/permissions.server.ts'
import { getProgressRows, summarize } from '#app/features/progress/progress.server.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request }: LoaderFunctionArgs) {
	const viewer = await requireViewer(request)
	const language = await getLanguage(request, viewer.language)
	const t = await getT(language)
	const [runs, memberships, progress] = await Promise.all([
		cohortsRunBy(viewer),
		Promise.all(
			viewer.memberships.map(async (membership) => ({
				...membership,
				cohort: (await getCohort(membership.cohortId))!,
			})),
		),
		viewer.memberships.length ? getProgressRows(viewer.id) : Promise.resolve(null),
	])
	return {
		title: `${t('home.title')} · ${t('app.name')}`,
		name: viewer.name,
		role: primaryRole(viewer),
		isStaff: viewer.isStaff,
		runs,
		memberships,
		learning: progress ? summarize(progress, language) : null,
		alumni: Object.fromEntries(
			await Promise.all(
				viewer.memberships
					.filter((m) => m.isAlumni)
					.map(async (m) => [m.delegationId, await alumniSummary(viewer, m.delegationId)] as const),
			),
		),
	}
}

export default function Home() {
	const data = useLoaderData<typeof loader>()
	const { t } = useTexts()
	const language = useLanguage()
	const active = data.memberships.filter((m) => !m.isAlumni)
	const alumni = data.memberships.filter((m) => m.isAlumni)
	return (
		<div className="page">
			<p className="eyebrow">{t(`roles.${data.role}`)}</p>
			<h1>{t('home.welcome', { name: data.name })}</h1>

			{active.map((membership) => {
				const days = daysUntil(membership.cohort.start_date)
				return (
					<section key={membership.delegationId} className="panel" aria-labelledby={`m-${membership.delegationId}`}>
						<h2 id={`m-${membership.delegationId}`}>
							{t('home.delegationOf', { country: countryName(membership.countryCode, language) })}
						</h2>
						<p>
							<Link to={`/cohorts/${membership.cohortId}`}>{membership.cohort.name}</Link> · {membership.cohort.host_city},{' '}
							{countryName(membership.cohort.host_country, language)} ·{' '}
							{formatDateRange(membership.cohort.start_date, membership.cohort.end_date, language)}{' '}
							<StatusBadge status={membership.cohort.status} />
						</p>
						{days > 0 ? <p>{t('home.daysUntil', { count: days })}</p> : null}
						<p>
							<Link className="button" to={`/roadmaps/${membership.delegationId}`}>
								{t('home.openRoadmap')}
							</Link>
						</p>
						{data.learning ? (
							<div className="readiness">
								<h3>{t('home.readinessTitle')}</h3>
								<ProgressBar done={data.learning.completed} total={data.learning.total} label={t('home.readinessTitle')} />
								{membership.cohort.prework_due_date ? (
									<p>
										{t('home.preworkDue', {
											date: formatDate(membership.cohort.prework_due_date, language),
										})}
									</p>
								) : null}
								{data.learning.resume ? (
									<>
										<p>{t('home.minutesLeft', { count: data.learning.minutesLeft })}</p>
										<p>
											<Link
												className="button button--primary"
												to={`/learn/${data.learning.resume.moduleSlug}/${data.learning.resume.slug}`}
											>
												{data.learning.resume.started
													? t('learn.resume', { title: data.learning.resume.title })
													: t('learn.start', { title: data.learning.resume.title })}
											</Link>
										</p>
									</>
								) : (
									<p>{t('home.allDone')}</p>
								)}
							</div>
						) : null}
					</section>
				)
			})}

			{alumni.map((membership) => (
				<section key={membership.delegationId} className="panel" aria-labelledby={`a-${membership.delegationId}`}>
					<h2 id={`a-${membership.delegationId}`}>{t('home.alumniOf', { country: countryName(membership.countryCode, language) })}</h2>
					<p>
						<Link to={`/cohorts/${membership.cohortId}`}>{membership.cohort.name}</Link> ·{' '}
						{formatDateRange(membership.cohort.start_date, membership.cohort.end_date, language)}{' '}
						<StatusBadge status={membership.cohort.status} />
					</p>
					<p>{t('home.alumniText')}</p>
					{data.alumni[membership.delegationId] ? (
						<AlumniSummary summary={data.alumni[membership.delegationId]!} delegationId={membership.delegationId} />
					) : null}
					<p>
						<Link className="button button--primary" to={`/roadmaps/${membership.delegationId}`}>
							{t('home.openRoadmap')}
						</Link>{' '}
						<Link className="button" to="/learn">
							{t('home.revisitModules')}
						</Link>
					</p>
				</section>
			))}

			{data.runs.length ? (
				<section aria-labelledby="runs-heading">
					<h2 id="runs-heading">{data.isStaff ? t('home.allCohorts') : t('home.yourCohorts')}</h2>
					<ul className="card-list">
						{data.runs.map((cohort) => (
							<li key={cohort.id} className="card">
								<h3>
									<Link to={`/cohorts/${cohort.id}`}>{cohort.name}</Link>
								</h3>
								<p>
									{cohort.host_city}, {countryName(cohort.host_country, language)} ·{' '}
									{formatDateRange(cohort.start_date, cohort.end_date, language)}
								</p>
								<p>
									<StatusBadge status={cohort.status} />{' '}
									{t('home.cohortCounts', {
										delegations: cohort.delegationCount,
										delegates: cohort.delegateCount,
									})}
								</p>
							</li>
						))}
					</ul>
				</section>
			) : null}

			{data.role === 'none' ? <p>{t('home.noRole')}</p> : null}

			<p>
				<Link to="/learn">{t('home.toLearning')}</Link>
			</p>
		</div>
	)
}

function AlumniSummary({
	summary,
	delegationId,
}: {
	summary: {
		actions: Record<string, number>
		sinceConvening: { snapshotId: number; done: number; delayed: number; total: number } | null
		indicators: Array<{ id: string; statement: string; value: string | null; period: string | null }>
		requests: Array<{ id: string; topic: string; status: string; need: string }>
	}
	delegationId: string
}) {
	const { t } = useTexts()
	return (
		<div className="alumni">
			<h3>{t('implementation.title')}</h3>
			<p>
				{Object.entries(summary.actions)
					.filter(([, n]) => n > 0)
					.map(([status, n]) => `${t(`roadmap.options.status.${status}`)}: ${n}`)
					.join(' · ') || t('roadmap.needActions')}
			</p>
			{summary.sinceConvening ? (
				<p className="since-convening">
					{t('snapshots.since.text', {
						done: t('snapshots.since.done', { count: summary.sinceConvening.done }),
						delayed: t('snapshots.since.delayed', { count: summary.sinceConvening.delayed }),
						total: t('snapshots.since.total', { count: summary.sinceConvening.total }),
					})}{' '}
					<Link to={`/roadmaps/${delegationId}/snapshots/compare?from=${summary.sinceConvening.snapshotId}&to=now`}>
						{t('snapshots.since.link')}
					</Link>
				</p>
			) : null}
			{summary.indicators.length ? (
				<ul className="plain-list">
					{summary.indicators.map((i) => (
						<li key={i.id}>
							{i.statement} —{' '}
							{i.value ? (
								<strong>{t('implementation.latestShort', { value: i.value, period: i.period })}</strong>
							) : (
								<span className="muted">{t('implementation.noValue')}</span>
							)}
						</li>
					))}
				</ul>
			) : null}
			<p>
				<Link to={`/roadmaps/${delegationId}/implementation`}>{t('implementation.update')}</Link>
			</p>
			<h3>{t('assistance.title')}</h3>
			{summary.requests.length ? (
				<ul className="plain-list">
					{summary.requests.map((r) => (
						<li key={r.id}>
							<AssistanceStatusBadge status={r.status} /> <Link to={`/assistance/${r.id}`}>{t(`assistance.topics.${r.topic}`)}</Link> —{' '}
							{r.need.slice(0, 80)}
						</li>
					))}
				</ul>
			) : (
				<p className="muted">{t('assistance.none')}</p>
			)}
			<p>
				<Link to={`/roadmaps/${delegationId}/assistance#ask`}>{t('assistance.ask')}</Link>
			</p>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
