import { type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { StatusBadge } from '#app/features/assistance/assistance-status.tsx'
import { TableWrap } from '#app/components/ui/table-wrap.tsx'
import { filtersFrom, queuePage } from '#app/features/assistance/assistance.server.ts'
import { ASSISTANCE_STATUSES, ASSISTANCE_TOPICS, ASSISTANCE_URGENCIES } from '#app/features/assistance/assistance.ts'
import { db } from '#app/utils/db.server.ts'
import { countryName, formatDate } from '#app/utils/format.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { requireAssistanceQueue } from '#app/utils/access.server.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

/** One queue across every country and cohort (facilitators: their cohorts), soonest due first. */
export async function loader({ request }: LoaderFunctionArgs) {
	const { viewer } = await requireAssistanceQueue(request, 'view')
	const t = await getT(await getLanguage(request, viewer.language))
	const url = new URL(request.url)
	const filters = filtersFrom(url)
	// The page asked for; queuePage keeps it within the pages there are.
	const requestedPage = Math.max(1, Math.trunc(Number(url.searchParams.get('page'))) || 1)
	const [queue, cohorts, people] = await Promise.all([
		queuePage(viewer, filters, requestedPage),
		db.selectFrom('cohorts').select(['id', 'name']).orderBy('start_date', 'desc').execute(),
		// Staff and facilitators (the assignee filter): the staff, and the people of cohort_facilitators
		// (a union, rather than a test of every account for being in either).
		db
			.selectFrom('users')
			.select(['id', 'name'])
			.where('is_staff', '=', 1)
			.union(db.selectFrom('cohort_facilitators as f').innerJoin('users as u', 'u.id', 'f.user_id').select(['u.id', 'u.name']))
			.orderBy('name')
			.execute(),
	])
	const { total, page, pages, countries } = queue
	// Fifty at a time: a long queue stays light on a phone. The list is sorted soonest due first.
	const shown = queue.requests.map((r) => ({ ...r, need: r.need.slice(0, NEED_PREVIEW) }))
	return {
		title: `${t('assistance.queue')} · ${t('app.name')}`,
		isStaff: viewer.isStaff,
		requests: shown,
		total,
		page,
		pages,
		filters,
		cohorts,
		people,
		countries,
		query: url.search,
	}
}

const NEED_PREVIEW = 100

export default function Queue() {
	const { isStaff, requests, total, page, pages, filters, cohorts, people, countries, query } = useLoaderData<typeof loader>()
	const { t } = useTexts()
	const language = useLanguage()
	// Each vocabulary's words once for the page: the filters offer them and every row shows them.
	const statusOptions = ASSISTANCE_STATUSES.map((s) => ({ value: s, label: t(`assistance.statuses.${s}`) }))
	const topicOptions = ASSISTANCE_TOPICS.map((s) => ({ value: s, label: t(`assistance.topics.${s}`) }))
	const urgencyOptions = ASSISTANCE_URGENCIES.map((s) => ({ value: s, label: t(`assistance.urgencies.${s}`) }))
	const labelOf = (options: Array<{ value: string; label: string }>, prefix: string) => {
		const labels = new Map(options.map((o) => [o.value, o.label]))
		return (value: string) => labels.get(value) ?? t(`${prefix}.${value}`)
	}
	const statusLabel = labelOf(statusOptions, 'assistance.statuses')
	const topicLabel = labelOf(topicOptions, 'assistance.topics')
	const urgencyLabel = labelOf(urgencyOptions, 'assistance.urgencies')
	const unassigned = t('assistance.unassigned')
	const select = (name: keyof typeof filters, label: string, options: Array<{ value: string; label: string }>) => (
		<div className="field">
			<label htmlFor={`f-${name}`}>{label}</label>
			<select id={`f-${name}`} name={name} defaultValue={filters[name] ?? ''}>
				<option value="">{t('reflections.all')}</option>
				{options.map((o) => (
					<option key={o.value} value={o.value}>
						{o.label}
					</option>
				))}
			</select>
		</div>
	)
	return (
		<div className="page page--wide">
			<h1>{t('assistance.queue')}</h1>
			<p className="actions">
				{isStaff ? (
					<Link className="button" to="/assistance/overview">
						{t('assistance.overview.title')}
					</Link>
				) : null}{' '}
				<a className="button" href={`/assistance/requests.csv${query}`} download>
					{t('assistance.exportCsv')}
				</a>
			</p>
			<Form method="get" className="filters">
				{select('status', t('assistance.status'), statusOptions)}
				{select('topic', t('assistance.topic'), topicOptions)}
				{select(
					'country',
					t('delegation.country'),
					countries.map((c) => ({ value: c, label: countryName(c, language) })),
				)}
				{select(
					'cohort',
					t('cohorts.cohort'),
					cohorts.map((c) => ({ value: c.id, label: c.name })),
				)}
				{select('urgency', t('assistance.urgency'), urgencyOptions)}
				{select('assignee', t('assistance.assignee'), [
					{ value: 'none', label: unassigned },
					...people.map((p) => ({ value: p.id, label: p.name })),
				])}
				<button type="submit" className="button">
					{t('reflections.filter')}
				</button>
			</Form>
			<p role="status">{t('assistance.count', { count: total })}</p>
			<TableWrap label={t('assistance.queue')}>
				<table>
					<thead>
						<tr>
							<th scope="col">{t('assistance.dueDate')}</th>
							<th scope="col">{t('assistance.request')}</th>
							<th scope="col">{t('delegation.country')}</th>
							<th scope="col">{t('assistance.status')}</th>
							<th scope="col">{t('assistance.urgency')}</th>
							<th scope="col">{t('assistance.assignee')}</th>
						</tr>
					</thead>
					<tbody>
						{requests.map((r) => (
							<tr key={r.id}>
								<td>{r.due_date ? formatDate(r.due_date, language, 'medium') : '—'}</td>
								<td>
									<Link to={`/assistance/${r.id}`}>{topicLabel(r.topic)}</Link>
									<div className="small">{r.need}</div>
								</td>
								<td>
									{countryName(r.country_code, language)}
									<div className="muted small">{r.cohortName}</div>
								</td>
								<td>
									<StatusBadge status={r.status} label={statusLabel(r.status)} />
								</td>
								<td>{urgencyLabel(r.urgency)}</td>
								<td>{r.assigneeName ?? unassigned}</td>
							</tr>
						))}
					</tbody>
				</table>
			</TableWrap>
			{pages > 1 ? <QueuePages page={page} pages={pages} query={query} /> : null}
		</div>
	)
}

function QueuePages({ page, pages, query }: { page: number; pages: number; query: string }) {
	const { t } = useTexts()
	const href = (target: number) => {
		const params = new URLSearchParams(query)
		params.set('page', String(target))
		return `?${params}`
	}
	return (
		<nav aria-label={t('pagination.label')} className="pagination">
			{page > 1 ? (
				<Link to={href(page - 1)} rel="prev">
					{t('pagination.previous')}
				</Link>
			) : null}
			<span>{t('pagination.position', { page, pages })}</span>
			{page < pages ? (
				<Link to={href(page + 1)} rel="next">
					{t('pagination.next')}
				</Link>
			) : null}
		</nav>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
