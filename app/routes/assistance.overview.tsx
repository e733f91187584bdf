import { type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/error-boundary.tsx'
import { Stats } from '#app/components/stats.tsx'
import { TableWrap } from '#app/components/table-wrap.tsx'
import { useRootData } from '#app/root.tsx'
import { overview, roadmapActivity } from '#app/utils/assistance.server.ts'
import { countryName, formatDate, formatNumber } from '#app/utils/format.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { DEFAULT_LANGUAGE } from '#app/utils/i18n.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { requirePermission, requireViewer } from '#app/utils/permissions.server.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request }: LoaderFunctionArgs) {
	const viewer = await requireViewer(request)
	requirePermission(viewer, 'manage', { type: 'assistance-queue' })
	const t = await getT(await getLanguage(request, viewer.language))
	const months = Math.min(60, Math.max(1, Number(new URL(request.url).searchParams.get('months')) || 6))
	return { title: `${t('ta.overview.title')} · ${t('app.name')}`, stats: await overview(), activity: await roadmapActivity(months), months }
}

type Row = { name: string; open: number; done: number; declined: number }

/** Horizontal bars: open (solid) and done (hatched), each with its number written beside it. */
function BarChart({ rows, label, nameOf }: { rows: Row[]; label: string; nameOf: (name: string) => string }) {
	const { t } = useTranslation()
	const max = Math.max(1, ...rows.map((r) => r.open + r.done))
	const rowHeight = 34
	const labelWidth = 210
	const width = 640
	const scale = (width - labelWidth - 90) / max
	return (
		<svg role="img" aria-label={label} viewBox={`0 0 ${width} ${rows.length * rowHeight + 30}`} className="chart">
			<title>{label}</title>
			<defs>
				<pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
					<rect width="6" height="6" fill="#fff" />
					<line x1="0" y1="0" x2="0" y2="6" stroke="#1b1f24" strokeWidth="3" />
				</pattern>
			</defs>
			<g fontSize="13" fill="#1b1f24">
				<rect x={labelWidth} y={4} width={12} height={12} fill="#5b2a86" />
				<text x={labelWidth + 16} y={14}>{t('ta.overview.open')}</text>
				<rect x={labelWidth + 110} y={4} width={12} height={12} fill="url(#hatch)" stroke="#1b1f24" />
				<text x={labelWidth + 126} y={14}>{t('ta.overview.done')}</text>
				{rows.map((row, index) => {
					const y = 26 + index * rowHeight
					return (
						<g key={row.name}>
							<text x={labelWidth - 8} y={y + 16} textAnchor="end">
								{nameOf(row.name).slice(0, 28)}
							</text>
							<rect x={labelWidth} y={y + 4} width={row.open * scale} height={16} fill="#5b2a86" />
							<rect x={labelWidth + row.open * scale} y={y + 4} width={row.done * scale} height={16} fill="url(#hatch)" stroke="#1b1f24" strokeWidth="0.5" />
							<text x={labelWidth + (row.open + row.done) * scale + 6} y={y + 16}>
								{row.open} / {row.done}
							</text>
						</g>
					)
				})}
			</g>
		</svg>
	)
}

export default function Overview() {
	const { stats, activity, months } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	const language = useRootData()?.language ?? DEFAULT_LANGUAGE
	const table = (rows: Row[], caption: string, nameOf: (name: string) => string) => (
		<TableWrap label={caption}>
			<table>
				<caption>{caption}</caption>
				<thead>
					<tr>
						<th scope="col">{caption}</th>
						<th scope="col">{t('ta.overview.open')}</th>
						<th scope="col">{t('ta.overview.done')}</th>
						<th scope="col">{t('ta.statuses.declined')}</th>
					</tr>
				</thead>
				<tbody>
					{rows.map((row) => (
						<tr key={row.name}>
							<th scope="row">{nameOf(row.name)}</th>
							<td>{row.open}</td>
							<td>{row.done}</td>
							<td>{row.declined}</td>
						</tr>
					))}
				</tbody>
			</table>
		</TableWrap>
	)
	const topicName = (name: string) => t(`ta.topics.${name}`)
	const country = (code: string) => countryName(code, language)
	return (
		<div className="page page--wide">
			<nav aria-label={t('learn.breadcrumb')} className="breadcrumb">
				<Link to="/assistance">{t('ta.queue')}</Link>
			</nav>
			<h1>{t('ta.overview.title')}</h1>
			<Stats
				items={[
					{ label: t('ta.overview.total'), value: stats.total },
					{ label: t('ta.overview.open'), value: stats.open },
					{ label: t('ta.overview.done'), value: stats.done },
					{
						label: t('ta.overview.median'),
						value:
							stats.medianDaysToDone === null
								? '—'
								: t('ta.overview.days', { count: Math.round(stats.medianDaysToDone), formatted: formatNumber(Math.round(stats.medianDaysToDone), language) }),
					},
				]}
			/>
			<section aria-labelledby="topics-heading">
				<h2 id="topics-heading">{t('ta.overview.byTopic')}</h2>
				<BarChart rows={stats.byTopic} label={t('ta.overview.byTopic')} nameOf={topicName} />
				{table(stats.byTopic, t('ta.topic'), topicName)}
			</section>
			<section aria-labelledby="countries-heading">
				<h2 id="countries-heading">{t('ta.overview.byCountry')}</h2>
				<BarChart rows={stats.byCountry} label={t('ta.overview.byCountry')} nameOf={country} />
				{table(stats.byCountry, t('delegation.country'), country)}
			</section>
			<section aria-labelledby="activity-heading">
				<h2 id="activity-heading">{t('ta.overview.activity')}</h2>
				<Form method="get" className="inline-fields">
					<label htmlFor="months">{t('ta.overview.months')}</label>
					<input id="months" name="months" type="number" min={1} max={60} defaultValue={months} />
					<button type="submit" className="button">
						{t('reflections.filter')}
					</button>
				</Form>
				<p>{t('ta.overview.staleCount', { count: activity.filter((a) => a.stale).length, months })}</p>
				<TableWrap label={t('ta.overview.activity')}>
					<table>
						<thead>
							<tr>
								<th scope="col">{t('delegation.country')}</th>
								<th scope="col">{t('cohorts.cohort')}</th>
								<th scope="col">{t('ta.overview.lastUpdate')}</th>
							</tr>
						</thead>
						<tbody>
							{activity.map((a) => (
								<tr key={a.id}>
									<th scope="row">
										<Link to={`/roadmaps/${a.id}`}>{country(a.country_code)}</Link>
									</th>
									<td>{a.cohortName}</td>
									<td>
										{a.updated_at ? formatDate(a.updated_at, language, 'medium') : t('ta.overview.never')}
										{a.stale ? ` ⚠ ${t('ta.overview.stale')}` : ''}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</TableWrap>
			</section>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
