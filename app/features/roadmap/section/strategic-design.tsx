import { useTexts } from '#app/utils/use-texts.tsx'
import { ActionIndicators } from '#app/features/roadmap/editing-forms.tsx'
import { planNumbers } from '#app/features/roadmap/numbering.ts'
import { PasteRows } from '#app/features/roadmap/paste-form.tsx'
import { AddItem, DocItem, type SectionProps } from './shared.tsx'

/**
 * The plan as a document: pillars, the strategic objectives under each and the lines of action under
 * each objective, numbered across the plan. An action is edited in one form: what, who and when,
 * cost, where, and its indicators.
 */
export function StrategicDesign({ data: { tree }, editable, common, openFor, taFor }: SectionProps) {
	const { t } = useTexts()
	const numbers = planNumbers(tree)
	return (
		<>
			{tree.pillars.map((pillar) => (
				<DocItem
					key={pillar.id}
					as="section"
					className="panel pillar"
					kind="pillar"
					item={pillar}
					editable={editable}
					common={common}
					titleAs="h3"
					title={`${t('roadmap.kinds.pillar.one')} ${numbers.get(pillar.id)}: ${String(pillar.data.name)}`}
				>
					{pillar.objectives.length === 0 ? <p className="muted">{t('roadmap.gaps.pillarWithoutObjective')}</p> : null}
					{pillar.objectives.map((objective) => (
						<DocItem
							key={objective.id}
							as="article"
							className="objective"
							kind="objective"
							item={objective}
							editable={editable}
							common={common}
							titleAs="h4"
							title={`${t('roadmap.kinds.objective.one')} ${numbers.get(objective.id)}: ${String(objective.data.statement)}`}
							ta={taFor(objective.id)}
						>
							{objective.actions.length ? (
								<ol className="actions-list">
									{objective.actions.map((action) => (
										<DocItem
											key={action.id}
											className="action-card"
											kind="action"
											item={action}
											editable={editable}
											common={common}
											title={
												<>
													<span className="doc-number">{numbers.get(action.id)}</span> {String(action.data.description)}
												</>
											}
											ta={taFor(action.id)}
											formChildren={<ActionIndicators action={action} numbers={numbers} common={common} />}
										>
											{action.indicators.length ? (
												<ul className="doc-indicators">
													{action.indicators.map((indicator) => (
														<li key={indicator.id}>
															<span className="doc-number">{numbers.get(indicator.id)}</span> {String(indicator.data.statement)}
															{indicator.data.targetValue ? (
																<span className="muted small">
																	{' '}
																	({String(indicator.data.baselineValue ?? '—')} → {String(indicator.data.targetValue)}
																	{indicator.data.unit ? ` ${String(indicator.data.unit)}` : ''})
																</span>
															) : null}
														</li>
													))}
												</ul>
											) : null}
										</DocItem>
									))}
								</ol>
							) : (
								<p className="muted">{t('roadmap.gaps.objectiveWithoutAction')}</p>
							)}
							{editable ? (
								<AddItem kind="action" parentId={objective.id} formKey={`new-action-${objective.id}`} common={common} openFor={openFor}>
									<ActionIndicators numbers={numbers} common={common} formKey={`new-action-${objective.id}`} />
								</AddItem>
							) : null}
							{editable ? (
								<PasteRows objectiveId={objective.id} currency={common.currency} open={openFor(`paste-${objective.id}`)} />
							) : null}
						</DocItem>
					))}
					{editable ? (
						<AddItem kind="objective" parentId={pillar.id} formKey={`new-objective-${pillar.id}`} common={common} openFor={openFor} />
					) : null}
				</DocItem>
			))}
			{/* An empty plan starts with the form; a plan with pillars has the link (a form nobody opened is not loaded). */}
			{editable && tree.pillars.length === 0 ? (
				<section className="panel">
					<h3>{t('roadmap.kinds.pillar.add')}</h3>
					<AddItem kind="pillar" formKey="new-pillar" common={common} openFor={openFor} folded={false} />
				</section>
			) : editable ? (
				<AddItem kind="pillar" formKey="new-pillar" common={common} openFor={openFor} />
			) : null}
		</>
	)
}
