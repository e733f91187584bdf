import { type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { Stats } from '#app/components/ui/stats.tsx'
import { TableWrap } from '#app/components/ui/table-wrap.tsx'
import { overview, roadmapActivity } from '#app/features/assistance/assistance.server.ts'
import { countryName, formatDate, formatNumber } from '#app/utils/format.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { requireAssistanceQueue } from '#app/utils/access.server.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request }: LoaderFunctionArgs) {
	const { viewer } = await requireAssistanceQueue(request, 'manage')
	const t = await getT(await getLanguage(request, viewer.language))
	const months = Math.min(60, Math.max(1, Number(new URL(request.url).searchParams.get('months')) || 6))
	return {
		title: `${t('assistance.overview.title')} · ${t('app.name')}`,
		stats: await overview(),
		activity: await roadmapActivity(months),
		months,
	}
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
				<text x={labelWidth + 16} y={14}>
					{t('assistance.overview.open')}
				</text>
				<rect x={labelWidth + 110} y={4} width={12} height={12} fill="url(#hatch)" stroke="#1b1f24" />
				<text x={labelWidth + 126} y={14}>
					{t('assistance.overview.done')}
				</text>
				{rows.map((row, index) => {
					const y = 26 + index * rowHeight
					return (
						<g key={row.name}>
							<text x={labelWidth - 8} y={y + 16} textAnchor="end">
								{nameOf(row.name).slice(0, 28)}
							</text>
							<rect x={labelWidth} y={y + 4} width={row.open * scale} height={16} fill="#5b2a86" />
							<rect
								x={labelWidth + row.open * scale}
								y={y + 4}
								width={row.done * scale}
								height={16}
								fill="url(#hatch)"
								stroke="#1b1f24"
								strokeWidth="0.5"
							/>
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
	const language = useLanguage()
	const table = (rows: Row[], caption: string, nameOf: (name: string) => string) => (
		<TableWrap label={caption}>
			<table>
				<caption>{caption}</caption>
				<thead>
					<tr>
						<th scope="col">{caption}</th>
						<th scope="col">{t('assistance.overview.open')}</th>
						<th scope="col">{t('assistance.overview.done')}</th>
						<th scope="col">{t('assistance.statuses.declined')}</th>
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
	const topicName = (name: string) => t(`assistance.topics.${name}`)
	const country = (code: string) => countryName(code, language)
	return (
		<div className="page page--wide">
			<nav aria-label={t('learn.breadcrumb')} className="breadcrumb">
				<Link to="/assistance">{t('assistance.queue')}</Link>
			</nav>
			<h1>{t('assistance.overview.title')}</h1>
			<Stats
				items={[
					{ label: t('assistance.overview.total'), value: stats.total },
					{ label: t('assistance.overview.open'), value: stats.open },
					{ label: t('assistance.overview.done'), value: stats.done },
					{
						label: t('assistance.overview.median'),
						value:
							stats.medianDaysToDone === null
								? '—'
								: t('assistance.overview.days', {
										count: Math.round(stats.medianDaysToDone),
										formatted: formatNumber(Math.round(stats.medianDaysToDone), language),
									}),
					},
				]}
			/>
			<section aria-labelledby="topics-heading">
				<h2 id="topics-heading">{t('assistance.overview.byTopic')}</h2>
				<BarChart rows={stats.byTopic} label={t('assistance.overview.byTopic')} nameOf={topicName} />
				{table(stats.byTopic, t('assistance.topic'), topicName)}
			</section>
			<section aria-labelledby="countries-heading">
				<h2 id="countries-heading">{t('assistance.overview.byCountry')}</h2>
				<BarChart rows={stats.byCountry} label={t('assistance.overview.byCountry')} nameOf={country} />
				{table(stats.byCountry, t('delegation.country'), country)}
			</section>
			<section aria-labelledby="activity-heading">
				<h2 id="activity-heading">{t('assistance.overview.activity')}</h2>
				<Form method="get" className="inline-fields">
					<label htmlFor="months">{t('assistance.overview.months')}</label>
					<input id="months" name="months" type="number" min={1} max={60} defaultValue={months} />
					<button type="submit" className="button">
						{t('reflections.filter')}
					</button>
				</Form>
				<p>{t('assistance.overview.staleCount', { count: activity.filter((a) => a.stale).length, months })}</p>
				<TableWrap label={t('assistance.overview.activity')}>
					<table>
						<thead>
							<tr>
								<th scope="col">{t('delegation.country')}</th>
								<th scope="col">{t('cohorts.cohort')}</th>
								<th scope="col">{t('assistance.overview.lastUpdate')}</th>
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
										{a.updated_at ? formatDate(a.updated_at, language, 'medium') : t('assistance.overview.never')}
										{a.stale ? ` ⚠ ${t('assistance.overview.stale')}` : ''}
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
