import { type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { CohortPageHeader } from '#app/features/cohorts/cohort-nav.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { Stats } from '#app/components/ui/stats.tsx'
import { TableWrap } from '#app/components/ui/table-wrap.tsx'
import { requireCohort } from '#app/utils/access.server.ts'
import { cohortProgressSummary } from '#app/features/progress/dashboard.server.ts'
import { countryName, daysUntil, formatDate, percentFormat } from '#app/utils/format.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, cohort, abilities } = await requireCohort(request, params.cohortId, 'manage')
	const language = await getLanguage(request, viewer.language)
	const t = await getT(language)
	const progress = await cohortProgressSummary(cohort.id, language)
	const selectedId = new URL(request.url).searchParams.get('delegation')
	const selected = progress.delegations.find((d) => d.id === selectedId)
	const delegates = progress.delegations.flatMap((d) => d.delegates)
	// Only what the page shows travels to the browser: totals per delegation, the delegates of the
	// delegation drilled into, and who has not started. (A 400-delegate cohort's full progress, with
	// every delegate's details, was most of the page.)
	return {
		title: `${t('dashboard.title')} · ${cohort.name}`,
		cohort,
		canEdit: abilities.edit,
		progress: {
			modules: progress.modules,
			totalLessons: progress.totalLessons,
			pendingInvitations: progress.pendingInvitations,
			delegations: progress.delegations.map(({ delegates: people, ...delegation }) => ({ ...delegation, people: people.length })),
		},
		selected: selected
			? {
					id: selected.id,
					countryCode: selected.countryCode,
					delegates: selected.delegates.map((d) => ({
						userId: d.userId,
						name: d.name,
						started: d.started,
						byModule: d.byModule,
						completed: d.completed,
					})),
				}
			: null,
		notStarted: progress.delegations.flatMap((d) =>
			d.delegates.filter((x) => !x.started).map((x) => ({ userId: x.userId, name: x.name, countryCode: d.countryCode })),
		),
		summary: {
			delegates: delegates.length,
			ready: delegates.filter((d) => d.completed >= progress.totalLessons).length,
			notStarted: delegates.filter((d) => !d.started).length,
			pending: progress.pendingInvitations.length,
		},
	}
}

export default function Dashboard() {
	const { cohort, canEdit, progress, selected, notStarted, summary } = useLoaderData<typeof loader>()
	const { t } = useTexts()
	const language = useLanguage()
	const due = cohort.prework_due_date
	const daysLeft = due ? daysUntil(due) : null
	const overdue = daysLeft !== null && daysLeft < 0
	// What every cell counts, said once in each table's caption.
	const counted = t('dashboard.lessonsCompleted')
	const percent = percentFormat(language)
	// "10 people" for each size of delegation there is (most are the same size), not once per row.
	const peopleTexts = new Map<number, string>()
	const peopleText = (count: number) => {
		let text = peopleTexts.get(count)
		if (text === undefined) peopleTexts.set(count, (text = t('dashboard.people', { count })))
		return text
	}

	return (
		<div className="page page--wide">
			<CohortPageHeader cohort={cohort} canEdit={canEdit} eyebrow={t('dashboard.title')} />

			<section aria-labelledby="summary-heading">
				<h2 id="summary-heading" className="visually-hidden">
					{t('dashboard.summary')}
				</h2>
				<Stats
					items={[
						{ label: t('dashboard.delegates'), value: summary.delegates },
						{
							label: t('dashboard.ready'),
							value: (
								<>
									{summary.ready} <span className="muted small">/ {summary.delegates}</span>
								</>
							),
						},
						{ label: t('dashboard.notStarted'), value: summary.notStarted },
						{ label: t('dashboard.pendingInvitations'), value: summary.pending },
					]}
				/>
				{due ? (
					<p className={overdue ? 'alert alert--error' : 'alert'}>
						{overdue
							? t('dashboard.dueOverdue', { date: formatDate(due, language), ready: summary.ready, total: summary.delegates })
							: t('dashboard.dueIn', { count: daysLeft ?? 0, date: formatDate(due, language) })}
					</p>
				) : null}
				<p className="actions">
					<a className="button" href={`/cohorts/${cohort.id}/progress.csv`} download>
						{t('exports.progress')}
					</a>{' '}
					<a className="button" href={`/cohorts/${cohort.id}/roster.csv`} download>
						{t('exports.roster')}
					</a>{' '}
					<a className="button" href={`/cohorts/${cohort.id}/invitations.csv`} download>
						{t('exports.invitations')}
					</a>
				</p>
			</section>

			<section aria-labelledby="matrix-heading">
				<h2 id="matrix-heading">{t('dashboard.matrix')}</h2>
				<p className="muted small">{t('dashboard.matrixHint')}</p>
				{progress.delegations.length === 0 ? <p>{t('cohort.noDelegations')}</p> : null}
				{progress.delegations.length ? (
					<TableWrap label={t('dashboard.matrix')}>
						<table className="matrix">
							<caption className="visually-hidden">{`${t('dashboard.matrix')} · ${counted}`}</caption>
							<thead>
								<tr>
									<th scope="col">{t('dashboard.delegation')}</th>
									{progress.modules.map((m, index) => (
										<th scope="col" key={m.slug} title={m.title}>
											<span aria-hidden="true">{index + 1}. </span>
											{m.title}
										</th>
									))}
									<th scope="col">{t('dashboard.ready')}</th>
								</tr>
							</thead>
							<tbody>
								{progress.delegations.map((delegation) => {
									const people = delegation.people
									return (
										<tr key={delegation.id} aria-current={selected?.id === delegation.id ? 'true' : undefined}>
											<th scope="row">
												<Link to={`?delegation=${delegation.id}#drill-down`}>{countryName(delegation.countryCode, language)}</Link>
												<div className="muted small">{peopleText(people)}</div>
											</th>
											{progress.modules.map((m) => (
												<MatrixCell key={m.slug} done={delegation.byModule[m.slug] ?? 0} total={m.lessons * people} percent={percent} />
											))}
											<td>{`${delegation.ready}/${people}`}</td>
										</tr>
									)
								})}
							</tbody>
						</table>
					</TableWrap>
				) : null}
			</section>

			{selected ? (
				<section id="drill-down" aria-labelledby="drill-heading" className="panel">
					<h2 id="drill-heading">{t('dashboard.delegatesOf', { country: countryName(selected.countryCode, language) })}</h2>
					<TableWrap label={t('dashboard.delegatesOf', { country: countryName(selected.countryCode, language) })}>
						<table className="matrix">
							<caption className="visually-hidden">{`${t('dashboard.delegatesOf', { country: countryName(selected.countryCode, language) })} · ${counted}`}</caption>
							<thead>
								<tr>
									<th scope="col">{t('cohort.name')}</th>
									{progress.modules.map((m, index) => (
										<th scope="col" key={m.slug} title={m.title}>
											<span aria-hidden="true">{index + 1}. </span>
											{m.title}
										</th>
									))}
									<th scope="col">{t('dashboard.total')}</th>
								</tr>
							</thead>
							<tbody>
								{selected.delegates.map((d) => (
									<tr key={d.userId}>
										<th scope="row">
											<Link to={`/cohorts/${cohort.id}/delegates/${d.userId}`}>{d.name}</Link>
											{!d.started ? <div className="small">⚠ {t('dashboard.notStartedYet')}</div> : null}
										</th>
										{progress.modules.map((m) => (
											<MatrixCell key={m.slug} done={d.byModule[m.slug] ?? 0} total={m.lessons} percent={percent} />
										))}
										<td>
											{d.completed}/{progress.totalLessons}
											{d.completed >= progress.totalLessons
												? ` ✓ ${t('dashboard.readyShort')}`
												: overdue
													? ` ⚠ ${t('dashboard.overdueShort')}`
													: ''}
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</TableWrap>
				</section>
			) : null}

			<section aria-labelledby="not-started-heading">
				<h2 id="not-started-heading">{t('dashboard.notStartedTitle', { count: notStarted.length })}</h2>
				{notStarted.length === 0 ? <p>{t('dashboard.everyoneStarted')}</p> : null}
				<ul className="plain-list columns">
					{notStarted.map((d) => (
						<li key={d.userId}>
							<Link to={`/cohorts/${cohort.id}/delegates/${d.userId}`}>{d.name}</Link>{' '}
							<span className="muted small">{`· ${countryName(d.countryCode, language)}`}</span>
						</li>
					))}
				</ul>
			</section>

			<section aria-labelledby="pending-heading">
				<h2 id="pending-heading">{t('dashboard.pendingTitle', { count: progress.pendingInvitations.length })}</h2>
				{progress.pendingInvitations.length === 0 ? <p>{t('dashboard.noPending')}</p> : null}
				<ul className="plain-list columns">
					{progress.pendingInvitations.map((i) => (
						<li key={`${i.email}-${i.createdAt}`}>
							{`${i.name || i.email} `}
							<span className="muted small">{`· ${i.countryCode ? countryName(i.countryCode, language) : '—'}`}</span>{' '}
							{i.expired ? <span className="badge badge--expired">{t('invitations.states.expired')}</span> : null}
						</li>
					))}
				</ul>
			</section>
		</div>
	)
}

/**
 * One cell of a matrix: a plain function of its props (no hooks: the page passes the formatter, read
 * once), in as few elements as it reads — a 400-delegate cohort's matrix has hundreds. What a cell
 * counts (lessons completed) is said once, in the table's caption, not in every cell.
 */
function MatrixCell({ done, total, percent }: { done: number; total: number; percent: (share: number) => string }) {
	const share = total ? done / total : 0
	const level = share >= 1 ? 'full' : share >= 0.5 ? 'half' : share > 0 ? 'some' : 'none'
	return (
		<td className={`cell cell--${level}`}>
			<span aria-hidden="true">{level === 'full' ? '✓' : level === 'none' ? '·' : '◐'}</span>
			{` ${percent(share)} `}
			<small>{`(${done}/${total})`}</small>
		</td>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
