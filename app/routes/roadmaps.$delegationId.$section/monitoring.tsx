import { useTranslation } from 'react-i18next'
import { planNumbers } from '#app/features/roadmap/numbering.ts'
import { useRootData } from '#app/root.tsx'
import { DEFAULT_LANGUAGE } from '#app/utils/i18n.ts'
import { AddItem, ItemList, type SectionProps } from './shared.tsx'

/** Indicators per objective (on the objective or one of its actions) and the reporting calendar. */
export function Monitoring({ data: { tree, calendar }, editable, common, openFor, taFor }: SectionProps) {
	const { t } = useTranslation()
	const language = useRootData()?.language ?? DEFAULT_LANGUAGE
	const numbers = planNumbers(tree)
	return (
		<>
			{tree.objectives.map((objective) => {
				const indicators = [...objective.indicators, ...objective.actions.flatMap((a) => a.indicators)]
				return (
					<section key={objective.id} className="panel">
						<h3>
							{t('roadmap.kinds.objective.one')} {numbers.get(objective.id)}: {String(objective.data.statement)}
						</h3>
						<ItemList kind="indicator" items={indicators} editable={editable} common={common} taFor={taFor} numbers={numbers} />
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
								<strong>
									{new Intl.DateTimeFormat(language, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month.month, 1)))}
								</strong>
								: {month.indicators.map((i) => i.statement.slice(0, 60) + (i.reporter ? ` (${i.reporter})` : '')).join('; ')}
							</li>
						))}
					</ul>
				</section>
			) : null}
		</>
	)
}
