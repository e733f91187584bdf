import { useTexts } from '#app/utils/use-texts.tsx'
import { baseOf, FormPart, type ItemFeedback, ItemFields } from '#app/features/roadmap/item-form.tsx'
import { type FieldSpec, KINDS } from '#app/features/roadmap/kinds.ts'
import { planNumbers } from '#app/features/roadmap/numbering.ts'
import { PasteRows } from '#app/features/roadmap/paste-form.tsx'
import { AddItem, DocItem, type SectionData, type SectionProps } from './shared.tsx'

type Action = SectionData['tree']['pillars'][number]['objectives'][number]['actions'][number]

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
			{editable ? (
				<section className="panel">
					<h3>{t('roadmap.kinds.pillar.add')}</h3>
					<AddItem kind="pillar" formKey="new-pillar" common={common} openFor={openFor} folded={false} />
				</section>
			) : null}
		</>
	)
}

const INDICATOR_SPECS = KINDS.indicator.fields as readonly FieldSpec[]

/** What a refused save gave back for the indicator at `index`, without its `indicators[i].` prefix. */
function nested(feedback: ItemFeedback | null | undefined, formKey: string, index: number) {
	if (feedback?.formKey !== formKey) return null
	const prefix = `indicators[${index}].`
	const strip = (record: Record<string, unknown> | undefined) =>
		record ? Object.fromEntries(Object.entries(record).filter(([key]) => key.startsWith(prefix))) : undefined
	return {
		submitted: strip(feedback.submitted) as Record<string, string> | undefined,
		errors: strip(feedback.errors) as Record<string, string[]> | undefined,
		prefix,
	}
}

/**
 * An action's indicators inside its one form: each as a fold of fields named `indicators[i].…`, and
 * one empty fold for a new indicator (left empty, it adds nothing).
 */
function ActionIndicators({
	action,
	numbers,
	common,
	formKey,
}: {
	action?: Action
	numbers: Map<string, string>
	common: SectionProps['common']
	formKey?: string
}) {
	const { t } = useTexts()
	const key = formKey ?? `item-${action!.id}`
	const indicators = action?.indicators ?? []
	const specs = INDICATOR_SPECS
	const part = (index: number, item?: Action['indicators'][number]) => {
		const back = nested(common.feedback, key, index)
		const prefix = `indicators[${index}].`
		const submitted = back?.submitted
			? Object.fromEntries(Object.entries(back.submitted).map(([name, value]) => [name.slice(prefix.length), value]))
			: undefined
		return { back, prefix, data: submitted ?? item?.data, hasErrors: Boolean(back?.errors && Object.keys(back.errors).length) }
	}
	const fresh = part(indicators.length)
	return (
		<FormPart
			title={t('roadmap.parts.action.indicators')}
			summary={t('roadmap.indicatorCount', { count: indicators.length })}
			open={indicators.some((_, index) => part(index).hasErrors) || fresh.hasErrors}
		>
			{indicators.map((indicator, index) => {
				const { back, prefix, data } = part(index, indicator)
				return (
					<fieldset key={indicator.id} className="nested-item">
						<legend>
							{t('roadmap.kinds.indicator.one')} {numbers.get(indicator.id)}
						</legend>
						<input type="hidden" name={`${prefix}id`} value={indicator.id} />
						<input type="hidden" name={`${prefix}version`} value={indicator.version} />
						<input type="hidden" name={`${prefix}base`} value={baseOf(indicator.data, specs)} />
						<ItemFields
							kind="indicator"
							specs={specs}
							data={data}
							errors={back?.errors}
							currency={common.currency}
							prefix={prefix}
							version={indicator.version}
							compact
						/>
					</fieldset>
				)
			})}
			<fieldset className="nested-item">
				<legend>{t('roadmap.kinds.indicator.add')}</legend>
				<p className="muted small">{t('roadmap.newIndicatorHelp')}</p>
				<ItemFields
					kind="indicator"
					specs={specs}
					data={fresh.data}
					errors={fresh.back?.errors}
					currency={common.currency}
					prefix={fresh.prefix}
					optional
					compact
				/>
			</fieldset>
		</FormPart>
	)
}
