import { type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { AssistanceStatusBadge } from '#app/features/assistance/assistance-status.tsx'
import { TableWrap } from '#app/components/ui/table-wrap.tsx'
import { filtersFrom, listRequests } from '#app/features/assistance/assistance.server.ts'
import { QUEUE_PAGE_SIZE, ASSISTANCE_STATUSES, ASSISTANCE_TOPICS, ASSISTANCE_URGENCIES } from '#app/features/assistance/assistance.ts'
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
	const [requests, cohorts, people] = await Promise.all([
		listRequests(viewer, filters),
		db.selectFrom('cohorts').select(['id', 'name']).orderBy('start_date', 'desc').execute(),
		db
			.selectFrom('users as u')
			.select(['u.id', 'u.name'])
			.where((eb) =>
				eb.or([
					eb('u.is_staff', '=', 1),
					eb.exists(eb.selectFrom('cohort_facilitators as f').select('f.user_id').whereRef('f.user_id', '=', 'u.id')),
				]),
			)
			.orderBy('u.name')
			.execute(),
	])
	// The country filter offers every country with a request; unfiltered, that is the list just read.
	const unfiltered = Object.values(filters).some(Boolean) ? await listRequests(viewer) : requests
	const countries = [...new Set(unfiltered.map((r) => r.country_code))].sort()
	// Fifty at a time: a long queue stays light on a phone. The list is sorted soonest due first.
	const pages = Math.max(1, Math.ceil(requests.length / QUEUE_PAGE_SIZE))
	const page = Math.min(pages, Math.max(1, Math.trunc(Number(url.searchParams.get('page'))) || 1))
	const shown = requests
		.slice((page - 1) * QUEUE_PAGE_SIZE, page * QUEUE_PAGE_SIZE)
		.map((r) => ({ ...r, need: r.need.slice(0, NEED_PREVIEW) }))
	return {
		title: `${t('assistance.queue')} · ${t('app.name')}`,
		isStaff: viewer.isStaff,
		requests: shown,
		total: requests.length,
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
	const { t } = useTranslation()
	const language = useLanguage()
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
				{select(
					'status',
					t('assistance.status'),
					ASSISTANCE_STATUSES.map((s) => ({ value: s, label: t(`assistance.statuses.${s}`) })),
				)}
				{select(
					'topic',
					t('assistance.topic'),
					ASSISTANCE_TOPICS.map((s) => ({ value: s, label: t(`assistance.topics.${s}`) })),
				)}
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
				{select(
					'urgency',
					t('assistance.urgency'),
					ASSISTANCE_URGENCIES.map((s) => ({ value: s, label: t(`assistance.urgencies.${s}`) })),
				)}
				{select('assignee', t('assistance.assignee'), [
					{ value: 'none', label: t('assistance.unassigned') },
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
									<Link to={`/assistance/${r.id}`}>{t(`assistance.topics.${r.topic}`)}</Link>
									<div className="small">{r.need}</div>
								</td>
								<td>
									{countryName(r.country_code, language)}
									<div className="muted small">{r.cohortName}</div>
								</td>
								<td>
									<AssistanceStatusBadge status={r.status} />
								</td>
								<td>{t(`assistance.urgencies.${r.urgency}`)}</td>
								<td>{r.assigneeName ?? t('assistance.unassigned')}</td>
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
	const { t } = useTranslation()
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
