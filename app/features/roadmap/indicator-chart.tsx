import type { Translate } from '#app/utils/translate.ts'
import { useTexts } from '#app/utils/use-texts.tsx'
import { type DuePeriod, duePeriodCode, type IndicatorSeries } from '#app/features/roadmap/indicator-series.ts'
import { formatDate, formatMeasure, formatMonth } from '#app/utils/format.ts'
import { type Language } from '#app/utils/i18n.ts'
import { useLanguage } from '#app/utils/use-language.ts'

/** A value of the series as the reader writes it: a number in their language (with % for a percentage), else as typed. */
function valueText(series: IndicatorSeries, point: { value: string; number: number | null }, language: Language) {
	if (point.number === null) return point.value
	return formatMeasure(point.number, language, series.measure === 'percent')
}

/** "42%" or "15 dialogues": a value with the indicator's unit, where the unit is not the percent sign already shown. */
function withUnit(series: IndicatorSeries, text: string) {
	const unit = series.unit.trim()
	if (!unit || (series.measure === 'percent' && unit === '%')) return text
	return `${text} ${unit}`
}

/** What the chart says in one sentence, for screen readers: how many reports, the latest, the baseline and the target. */
export function seriesSummary(series: IndicatorSeries, t: Translate, language: Language) {
	const parts: string[] = []
	const latest = series.points.at(-1)
	parts.push(
		latest
			? t('indicatorSeries.summary', {
					count: series.points.length,
					value: withUnit(series, valueText(series, latest, language)),
					period: latest.period,
				})
			: t('indicatorSeries.noReports'),
	)
	const reference = (key: 'baseline' | 'target') => {
		const ref = series[key]
		if (!ref.value) return t(`indicatorSeries.${key}None`)
		const value = withUnit(series, valueText(series, ref, language))
		return ref.year ? t(`indicatorSeries.${key}Year`, { value, year: ref.year }) : t(`indicatorSeries.${key}Value`, { value })
	}
	parts.push(`${reference('baseline')}, ${reference('target')}`)
	return parts.join('; ')
}

/** A period that is due, in the reader's words: "2026-Q3", "July 2026", "first half of 2026", "2025". */
export function duePeriodLabel(period: DuePeriod, t: Translate, language: Language) {
	if (period.frequency === 'monthly') return formatMonth(period.year, period.part, language)
	if (period.frequency === 'biannual') return t(`indicatorSeries.half${period.part}`, { year: period.year })
	return duePeriodCode(period)
}

const WIDTH = 340
const HEIGHT = 180
const PLOT = { left: 12, right: 262, top: 22, bottom: 142 }

/**
 * An indicator's reported values over time as a small chart — the points joined by a line, each
 * labelled with its value and period, against the baseline (dashed) and the target (dotted), each
 * named in text, never by colour alone — with the same numbers as a table. A measure in words, or
 * values that are not numbers, show the table only. Rendered on the server; needs no JavaScript.
 */
export function IndicatorChart({ series, statement, id }: { series: IndicatorSeries; statement: string; id: string }) {
	const { t } = useTexts()
	const language = useLanguage()
	if (!series.points.length) return null
	const summary = seriesSummary(series, t, language)
	const table = (
		<table className="series-table">
			<caption>{t('indicatorSeries.caption', { statement: statement.slice(0, 120) })}</caption>
			<thead>
				<tr>
					<th scope="col">{t('indicatorSeries.period')}</th>
					<th scope="col">{series.unit ? t('indicatorSeries.valueIn', { unit: series.unit }) : t('indicatorSeries.value')}</th>
					<th scope="col">{t('indicatorSeries.dated')}</th>
					<th scope="col">{t('indicatorSeries.source')}</th>
				</tr>
			</thead>
			<tbody>
				{series.points.map((point) => (
					<tr key={point.period + point.dated}>
						<th scope="row">{point.period}</th>
						<td>{valueText(series, point, language)}</td>
						<td>{formatDate(point.dated, language, 'medium')}</td>
						<td>{point.source || '—'}</td>
					</tr>
				))}
			</tbody>
		</table>
	)
	if (!series.chartable) {
		return (
			<div className="series" id={`series-${id}`}>
				<p className="small">{summary}</p>
				<div className="table-wrap">{table}</div>
			</div>
		)
	}
	const numbers = series.points.map((p) => p.number!)
	const references = [series.baseline.number, series.target.number].filter((n): n is number => n !== null)
	let low = Math.min(0, ...numbers, ...references)
	let high = Math.max(...numbers, ...references)
	if (high === low) high = low + 1
	const pad = (high - low) * 0.08
	high += pad
	if (low < 0) low -= pad
	const y = (value: number) => PLOT.bottom - ((value - low) / (high - low)) * (PLOT.bottom - PLOT.top)
	const step = numbers.length > 1 ? (PLOT.right - PLOT.left - 24) / (numbers.length - 1) : 0
	const x = (index: number) => (numbers.length > 1 ? PLOT.left + 12 + index * step : (PLOT.left + PLOT.right) / 2)
	// Every label where they fit; else the first and the last (each point keeps its title).
	const labelled = (index: number) => numbers.length <= 6 || index === 0 || index === numbers.length - 1
	const line = numbers.map((value, index) => `${index ? 'L' : 'M'}${x(index).toFixed(1)},${y(value).toFixed(1)}`).join(' ')
	const referenceLine = (key: 'baseline' | 'target') => {
		const ref = series[key]
		if (ref.number === null) return null
		const at = y(ref.number)
		return (
			<g className={`series-chart__${key}`}>
				<line x1={PLOT.left} x2={PLOT.right} y1={at} y2={at} />
				<text x={PLOT.right + 6} y={at + 4}>
					{t(`indicatorSeries.${key}Short`)} {valueText(series, ref, language)}
				</text>
			</g>
		)
	}
	return (
		<div className="series" id={`series-${id}`}>
			<svg
				className="series-chart"
				viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
				width={WIDTH}
				height={HEIGHT}
				role="img"
				aria-label={summary}
				preserveAspectRatio="xMinYMid meet"
			>
				<line className="series-chart__axis" x1={PLOT.left} x2={PLOT.right} y1={PLOT.bottom} y2={PLOT.bottom} />
				{referenceLine('baseline')}
				{referenceLine('target')}
				<path className="series-chart__line" d={line} />
				{series.points.map((point, index) => {
					const text = valueText(series, point, language)
					return (
						<g key={point.period + point.dated} className="series-chart__point">
							<circle cx={x(index)} cy={y(point.number!)} r={4.5}>
								<title>{`${point.period}: ${withUnit(series, text)}`}</title>
							</circle>
							{labelled(index) ? (
								<>
									<text x={x(index)} y={y(point.number!) - 9} textAnchor="middle" className="series-chart__value">
										{text}
									</text>
									<text x={x(index)} y={PLOT.bottom + 18} textAnchor="middle" className="series-chart__period">
										{point.period}
									</text>
								</>
							) : null}
						</g>
					)
				})}
			</svg>
			<details className="series__table">
				<summary>{t('indicatorSeries.showTable', { count: series.points.length })}</summary>
				<div className="table-wrap">{table}</div>
			</details>
		</div>
	)
}
