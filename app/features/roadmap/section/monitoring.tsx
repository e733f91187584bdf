import { formatMonthName } from '#app/utils/format.ts'
import { Link } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { duePeriodLabel, IndicatorChart } from '#app/features/roadmap/indicator-chart.tsx'
import { planNumbers } from '#app/features/roadmap/numbering.ts'
import { useRootData } from '#app/root.tsx'
import { DEFAULT_LANGUAGE } from '#app/utils/i18n.ts'
import { AddItem, ItemList, type SectionProps } from './shared.tsx'

/**
 * Indicators per objective (on the objective or one of its actions), each with its values over time
 * and the report it lacks, then the reporting calendar.
 */
export function Monitoring({ data: { tree, calendar, overTime, delegation, abilities }, editable, common, openFor, taFor }: SectionProps) {
	const { t } = useTexts()
	const language = useRootData()?.language ?? DEFAULT_LANGUAGE
	const numbers = planNumbers(tree)
	const due = overTime?.due ?? {}
	const dueIds = tree.indicators.map((i) => i.id).filter((id) => due[id])
	const dueText = (id: string) => t('indicatorSeries.noReportFor', { period: duePeriodLabel(due[id]!.period, t, language) })
	const below = (id: string) => {
		const series = overTime?.series[id]
		const indicator = tree.indicators.find((i) => i.id === id)
		return (
			<>
				{due[id] ? (
					<p className="small">
						<span className="report-due">{dueText(id)}</span>{' '}
						{due[id]!.lastPeriod ? t('indicatorSeries.lastReport', { period: due[id]!.lastPeriod }) : t('indicatorSeries.neverReported')}
					</p>
				) : null}
				{series && indicator ? <IndicatorChart series={series} statement={String(indicator.data.statement)} id={id} /> : null}
			</>
		)
	}
	return (
		<>
			{overTime && Object.keys(overTime.series).length + dueIds.length > 0 ? (
				<section className="panel" aria-labelledby="reports-due">
					<h3 id="reports-due">{t('indicatorSeries.dueTitle')}</h3>
					{dueIds.length ? (
						<>
							<p>{t('indicatorSeries.dueIntro')}</p>
							<ul className="plain-list">
								{dueIds.map((id) => (
									<li key={id}>
										<a href={`#item-${id}`}>
											{numbers.get(id)} {String(tree.indicators.find((i) => i.id === id)?.data.statement ?? '').slice(0, 80)}
										</a>{' '}
										— <span className="report-due">{dueText(id)}</span>
									</li>
								))}
							</ul>
						</>
					) : (
						<p>{t('indicatorSeries.dueNone')}</p>
					)}
					{abilities.edit ? (
						<p>
							<Link to={`/roadmaps/${delegation.id}/implementation`}>{t('indicatorSeries.dueReport')}</Link>
						</p>
					) : null}
				</section>
			) : null}
			{tree.objectives.map((objective) => {
				const indicators = [...objective.indicators, ...objective.actions.flatMap((a) => a.indicators)]
				return (
					<section key={objective.id} className="panel">
						<h3>
							{t('roadmap.kinds.objective.one')} {numbers.get(objective.id)}: {String(objective.data.statement)}
						</h3>
						<ItemList
							kind="indicator"
							items={indicators}
							editable={editable}
							common={common}
							taFor={taFor}
							numbers={numbers}
							below={below}
						/>
						{editable ? (
							<AddItem
								kind="indicator"
								parentId={objective.id}
								formKey={`new-indicator-${objective.id}`}
								common={common}
								openFor={openFor}
								parentChoices={{
									label: t('roadmap.attachedTo'),
									options: [
										{
											value: objective.id,
											label: `${t('roadmap.kinds.objective.one')} ${numbers.get(objective.id)}: ${String(objective.data.statement).slice(0, 60)}`,
										},
										...objective.actions.map((action) => ({
											value: action.id,
											label: `${t('roadmap.kinds.action.one')} ${numbers.get(action.id)}: ${String(action.data.description).slice(0, 60)}`,
										})),
									],
								}}
							/>
						) : null}
					</section>
				)
			})}
			{tree.objectives.length === 0 ? <p>{t('roadmap.needObjectives')}</p> : null}
			{calendar ? (
				<section className="panel">
					<h3>{t('roadmap.calendar.title', { year: calendar.year })}</h3>
					{calendar.months.length === 0 ? <p>{t('roadmap.calendar.empty')}</p> : null}
					<ul className="plain-list">
						{calendar.months.map((month) => (
							<li key={month.month}>
								<strong>{formatMonthName(month.month, language)}</strong>:{' '}
								{month.indicators.map((i) => i.statement.slice(0, 60) + (i.reporter ? ` (${i.reporter})` : '')).join('; ')}
							</li>
						))}
					</ul>
				</section>
			) : null}
		</>
	)
}
