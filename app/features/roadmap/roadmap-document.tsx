import { useTexts } from '#app/utils/use-texts.tsx'
import { TableWrap } from '#app/components/ui/table-wrap.tsx'
import { BudgetTables, CostLinesList, useLineText } from '#app/features/roadmap/cost-lines-view.tsx'
import { planNumbers } from '#app/features/roadmap/numbering.ts'
import { formatMoney } from '#app/features/roadmap/item-values.tsx'
import { costLinesOf, costTotals, type ItemData } from '#app/features/roadmap/kinds.ts'
import { formatPercent } from '#app/utils/format.ts'
import type { Language } from '#app/utils/i18n.ts'

type Data = ItemData
type Node = { id: string; data: Data }
type Objective = Node & { indicators: Node[]; actions: Array<Node & { indicators: Node[] }> }
export type DocumentTree = {
	toc: Node | null
	pathways: Node[]
	assumptions: Node[]
	risks: Node[]
	pillars: Array<Node & { objectives: Objective[] }>
	mechanism: Node | null
	members: Node[]
	milestones: Node[]
	partners: Node[]
}
export type DocumentTotals = {
	byPillar: Array<{ id: string; name: string; total: number; funded: number }>
	bySource: Array<{ source: string; total: number; funded: number }>
	unassigned: number
	total: number
	funded: number
	fundedShare: number
}

/** An action's cost in the document: its one line inline, or its total with the lines under it. */
function ActionCost({ data, currency, language }: { data: Data; currency: string; language: Language }) {
	const text = useLineText(currency, language)
	const lines = costLinesOf(data)
	if (!lines.length) return <>—</>
	if (lines.length === 1) return <>{text(lines[0]!)}</>
	return (
		<>
			{formatMoney(costTotals(lines).total, currency, language)}
			<CostLinesList lines={lines} currency={currency} language={language} />
		</>
	)
}

const s = (value: unknown) => (value === null || value === undefined ? '' : String(value))
/** A value as printed: an empty one is a dash, never a blank cell or a bare unit. */
const dash = (value: string) => value || '—'
/** A value with its unit when it is a number ("11 %"); a value in words ("to be established in 2026") stands alone. */
const withUnit = (value: unknown, unit: unknown) => (/^-?\d+([.,]\d+)?$/.test(s(value)) ? [s(value), s(unit)] : [s(value)])

/** The whole roadmap as one read-only document: the print page and the history's "as it was" view. */
export function RoadmapDocument({
	tree,
	totals,
	currency,
	language,
}: {
	tree: DocumentTree
	totals: DocumentTotals
	currency: string
	language: Language
}) {
	const { t } = useTexts()
	const option = (field: string, value: unknown) => (value ? t(`roadmap.options.${field}.${s(value)}`) : '')
	const numbers = planNumbers(tree)
	const indicatorRows = tree.pillars.flatMap((p) =>
		p.objectives.flatMap((o) => [
			...o.indicators.map((i) => ({ i, on: `${numbers.get(o.id)} ${s(o.data.statement)}` })),
			...o.actions.flatMap((a) => a.indicators.map((i) => ({ i, on: `${numbers.get(a.id)} ${s(a.data.description)}` }))),
		]),
	)
	/** "11 % (2024)": the value with its unit and year, or a dash when there is no value. */
	const measured = (value: unknown, unit: unknown, year: unknown) =>
		s(value) ? [...withUnit(value, unit), year ? `(${s(year)})` : ''].filter(Boolean).join(' ') : '—'
	const none = <p className="muted">{t('roadmap.noneYet')}</p>
	/** A pillar's heading, printed in one block with its first objective so a page never ends on it. */
	const pillarHeading = (pillar: Node) => (
		<h3>
			{t('roadmap.kinds.pillar.one')} {numbers.get(pillar.id)}: {s(pillar.data.name)}
		</h3>
	)
	const mechanismFields = (['name', 'lead', 'frequency', 'decisions', 'civilSociety'] as const).filter((field) =>
		s(tree.mechanism?.data[field]),
	)
	return (
		<div className="roadmap-document">
			<section className="doc-section">
				<div className="keep">
					<h2>1. {t('roadmap.sections.theory-of-change.title')}</h2>
					<h3>{t('roadmap.fields.toc.problem')}</h3>
					<p className="pre">{s(tree.toc?.data.problem) || '—'}</p>
				</div>
				<div className="keep">
					<h3>{t('roadmap.fields.toc.change')}</h3>
					<p className="pre">{s(tree.toc?.data.change) || '—'}</p>
				</div>
				<div className="keep">
					<h3>{t('roadmap.kinds.pathway.plural')}</h3>
					{tree.pathways.length ? null : none}
					<ol>
						{tree.pathways.map((p) => (
							<li key={p.id}>
								<strong>{t('roadmap.fields.pathway.if')}</strong> {s(p.data.if)} <strong>{t('roadmap.fields.pathway.then')}</strong>{' '}
								{s(p.data.then)}
								{p.data.because ? (
									<>
										{' '}
										<strong>{t('roadmap.fields.pathway.because')}</strong> {s(p.data.because)}
									</>
								) : null}
							</li>
						))}
					</ol>
				</div>
				<div className="keep">
					<h3>{t('roadmap.kinds.assumption.plural')}</h3>
					{tree.assumptions.length ? null : none}
					<ul>
						{tree.assumptions.map((a) => (
							<li key={a.id}>{s(a.data.text)}</li>
						))}
					</ul>
				</div>
				<div className="keep">
					<h3>{t('roadmap.kinds.risk.plural')}</h3>
					{tree.risks.length ? null : none}
					<ul>
						{tree.risks.map((r) => (
							<li key={r.id}>
								{s(r.data.risk)}
								{r.data.mitigation ? ` — ${t('roadmap.fields.risk.mitigation')}: ${s(r.data.mitigation)}` : ''}
							</li>
						))}
					</ul>
				</div>
			</section>

			<section className="doc-section">
				<h2>2. {t('roadmap.sections.strategic-design.title')}</h2>
				{tree.pillars.length ? null : <p className="muted">{t('roadmap.doc.noPillar')}</p>}
				{tree.pillars.map((pillar) => (
					<div key={pillar.id} className="doc-pillar">
						{pillar.objectives.length ? null : (
							<div className="keep">
								{pillarHeading(pillar)}
								<p className="muted">{t('roadmap.gaps.pillarWithoutObjective')}</p>
							</div>
						)}
						{pillar.objectives.map((objective, index) => (
							<div key={objective.id} className="keep">
								{index === 0 ? pillarHeading(pillar) : null}
								<h4>
									{t('roadmap.kinds.objective.one')} {numbers.get(objective.id)}: {s(objective.data.statement)}
								</h4>
								{objective.actions.length ? (
									<TableWrap label={`${t('roadmap.kinds.objective.one')} ${numbers.get(objective.id)}: ${s(objective.data.statement)}`}>
										<table className="doc-table doc-table--actions">
											<thead>
												<tr>
													<th scope="col">{t('roadmap.doc.number')}</th>
													<th scope="col">{t('roadmap.fields.action.description')}</th>
													<th scope="col">{t('roadmap.fields.action.lead')}</th>
													<th scope="col">{t('roadmap.fields.action.partners')}</th>
													<th scope="col">{t('roadmap.doc.period')}</th>
													<th scope="col">{t('roadmap.fields.action.status')}</th>
													<th scope="col">{t('roadmap.fields.action.costs')}</th>
													<th scope="col">{t('roadmap.fields.action.level')}</th>
												</tr>
											</thead>
											<tbody>
												{objective.actions.map((a) => (
													<tr key={a.id}>
														<td>{numbers.get(a.id)}</td>
														<td>{s(a.data.description)}</td>
														<td>{dash(s(a.data.lead))}</td>
														<td>{dash(s(a.data.partners))}</td>
														<td>{dash([s(a.data.start), s(a.data.end)].filter(Boolean).join(' – '))}</td>
														<td>{dash(option('status', a.data.status))}</td>
														<td>
															<ActionCost data={a.data} currency={currency} language={language} />
														</td>
														<td>{dash([option('level', a.data.level), s(a.data.places)].filter(Boolean).join(': '))}</td>
													</tr>
												))}
											</tbody>
										</table>
									</TableWrap>
								) : (
									<p className="muted">{t('roadmap.gaps.objectiveWithoutAction')}</p>
								)}
							</div>
						))}
					</div>
				))}
			</section>

			<section className="doc-section">
				<h2>3. {t('roadmap.sections.gender-budgeting.title')}</h2>
				{totals.total ? (
					<>
						<p>
							{t('roadmap.budget.summary', {
								total: formatMoney(totals.total, currency, language),
								funded: formatMoney(totals.funded, currency, language),
								share: formatPercent(totals.fundedShare, language),
							})}
						</p>
						<BudgetTables totals={totals} currency={currency} language={language} />
					</>
				) : (
					<p className="muted">{t('roadmap.doc.noCost')}</p>
				)}
			</section>

			<section className="doc-section">
				<h2>4. {t('roadmap.sections.coordination.title')}</h2>
				{mechanismFields.length ? (
					<dl className="read-only">
						{mechanismFields.map((field) => (
							<div key={field}>
								<dt>{t(`roadmap.fields.mechanism.${field}`)}</dt>
								<dd>{field === 'frequency' ? option('frequency', tree.mechanism?.data[field]) : s(tree.mechanism?.data[field])}</dd>
							</div>
						))}
					</dl>
				) : (
					<p className="muted">{t('roadmap.gaps.noMechanism')}</p>
				)}
				{tree.members.length ? null : <p className="muted">{t('roadmap.gaps.noMembers')}</p>}
				<ul>
					{tree.members.map((m) => (
						<li key={m.id}>
							{s(m.data.institution)}
							{m.data.role ? ` — ${s(m.data.role)}` : ''}
						</li>
					))}
				</ul>
				<div className="keep">
					<h3>{t('roadmap.kinds.milestone.plural')}</h3>
					{tree.milestones.length ? (
						<TableWrap label={t('roadmap.kinds.milestone.plural')}>
							<table className="doc-table doc-table--milestones">
								<thead>
									<tr>
										<th scope="col">{t('roadmap.fields.milestone.step')}</th>
										<th scope="col">{t('roadmap.fields.milestone.lead')}</th>
										<th scope="col">{t('roadmap.doc.period')}</th>
										<th scope="col">{t('roadmap.fields.milestone.output')}</th>
									</tr>
								</thead>
								<tbody>
									{tree.milestones.map((m) => (
										<tr key={m.id}>
											<td>{s(m.data.step)}</td>
											<td>{dash(s(m.data.lead))}</td>
											<td>{dash([s(m.data.start), s(m.data.end)].filter(Boolean).join(' – '))}</td>
											<td>{dash(s(m.data.output))}</td>
										</tr>
									))}
								</tbody>
							</table>
						</TableWrap>
					) : (
						none
					)}
				</div>
			</section>

			<section className="doc-section">
				<h2>5. {t('roadmap.sections.localization.title')}</h2>
				{tree.partners.length ? null : none}
				<ul>
					{tree.partners.map((p) => (
						<li key={p.id}>
							{s(p.data.name)}
							{p.data.level ? ` (${option('level', p.data.level)}${p.data.place ? `, ${s(p.data.place)}` : ''})` : ''}
							{p.data.role ? ` — ${s(p.data.role)}` : ''}
						</li>
					))}
				</ul>
			</section>

			<section className="doc-section">
				<h2>6. {t('roadmap.sections.monitoring.title')}</h2>
				{indicatorRows.length ? null : <p className="muted">{t('roadmap.gaps.noIndicator')}</p>}
				{indicatorRows.length ? (
					<TableWrap label={t('roadmap.sections.monitoring.title')}>
						<table className="doc-table doc-table--indicators">
							<thead>
								<tr>
									<th scope="col">{t('roadmap.doc.number')}</th>
									<th scope="col">{t('roadmap.fields.indicator.statement')}</th>
									<th scope="col">{t('roadmap.attachedTo')}</th>
									<th scope="col">{t('roadmap.fields.indicator.type')}</th>
									<th scope="col">{t('roadmap.doc.baseline')}</th>
									<th scope="col">{t('roadmap.doc.target')}</th>
									<th scope="col">{t('roadmap.fields.indicator.means')}</th>
									<th scope="col">{t('roadmap.fields.indicator.frequency')}</th>
									<th scope="col">{t('roadmap.fields.indicator.reporter')}</th>
								</tr>
							</thead>
							<tbody>
								{indicatorRows.map(({ i, on }) => (
									<tr key={i.id}>
										<td>{numbers.get(i.id)}</td>
										<td>{s(i.data.statement)}</td>
										<td>{on}</td>
										<td>{dash(option('type', i.data.type))}</td>
										<td>{measured(i.data.baselineValue, i.data.unit, i.data.baselineYear)}</td>
										<td>{measured(i.data.targetValue, i.data.unit, i.data.targetYear)}</td>
										<td>{dash(s(i.data.means))}</td>
										<td>{dash(option('frequency', i.data.frequency))}</td>
										<td>{dash(s(i.data.reporter))}</td>
									</tr>
								))}
							</tbody>
						</table>
					</TableWrap>
				) : null}
			</section>
		</div>
	)
}
