/**
 * How money reads wherever the roadmap shows it: the budget tables and an action's cost lines. Apart
 * from the whole document (roadmap-document.tsx) so that a section's page, which shows only these,
 * does not load the document with them.
 */
import { useTexts } from '#app/utils/use-texts.tsx'
import { TableWrap } from '#app/components/ui/table-wrap.tsx'
import { formatMoney } from '#app/features/roadmap/item-values.tsx'
import type { CostLine } from '#app/features/roadmap/kinds.ts'
import type { DocumentTotals } from '#app/features/roadmap/roadmap-document.tsx'
import type { Language } from '#app/utils/i18n.ts'

/** Budget totals per pillar and per funding source (computed, never typed). */
export function BudgetTables({ totals, currency, language }: { totals: DocumentTotals; currency: string; language: Language }) {
	const { t } = useTexts()
	const money = (value: number) => formatMoney(value, currency, language)
	return (
		<>
			<TableWrap label={t('roadmap.budget.byPillar')}>
				<table className="doc-table doc-table--keep">
					<caption>{t('roadmap.budget.byPillar')}</caption>
					<thead>
						<tr>
							<th scope="col">{t('roadmap.kinds.pillar.one')}</th>
							<th scope="col">{t('roadmap.budget.total')}</th>
							<th scope="col">{t('roadmap.budget.committed')}</th>
						</tr>
					</thead>
					<tbody>
						{totals.byPillar.map((p) => (
							<tr key={p.id}>
								<th scope="row">{p.name}</th>
								<td>{money(p.total)}</td>
								<td>{money(p.funded)}</td>
							</tr>
						))}
					</tbody>
				</table>
			</TableWrap>
			<TableWrap label={t('roadmap.budget.bySource')}>
				<table className="doc-table doc-table--keep">
					<caption>{t('roadmap.budget.bySource')}</caption>
					<thead>
						<tr>
							<th scope="col">{t('roadmap.costLines.source')}</th>
							<th scope="col">{t('roadmap.budget.total')}</th>
							<th scope="col">{t('roadmap.budget.committed')}</th>
						</tr>
					</thead>
					<tbody>
						{totals.bySource.map((x) => (
							<tr key={x.source}>
								<th scope="row">{t(`roadmap.options.source.${x.source}`)}</th>
								<td>{money(x.total)}</td>
								<td>{money(x.funded)}</td>
							</tr>
						))}
						{totals.unassigned ? (
							<tr>
								<th scope="row">{t('roadmap.budget.noSource')}</th>
								<td>{money(totals.unassigned)}</td>
								<td>—</td>
							</tr>
						) : null}
					</tbody>
				</table>
			</TableWrap>
		</>
	)
}

/** One cost line in words: "USD 40,000 · National budget ✓ committed". */
export function useLineText(currency: string, language: Language) {
	const { t } = useTexts()
	return (line: CostLine) =>
		`${formatMoney(line.amount, currency, language)} · ${line.source ? t(`roadmap.options.source.${line.source}`) : t('roadmap.budget.noSource')}${
			line.committed ? ` ✓ ${t('roadmap.doc.committed')}` : ''
		}`
}

/** An action's cost lines, one per row: amount, source, committed. */
export function CostLinesList({ lines, currency, language }: { lines: readonly CostLine[]; currency: string; language: Language }) {
	const text = useLineText(currency, language)
	return (
		<ul className="cost-lines-list">
			{lines.map((line, index) => (
				<li key={index}>{text(line)}</li>
			))}
		</ul>
	)
}
