import { Form } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { formatMoney } from '#app/features/roadmap/item-values.tsx'
import { BudgetTables } from '#app/features/roadmap/cost-lines-view.tsx'
import { COSTING_SHEET_URL } from '#app/features/curriculum/costing-sheet.ts'
import { useRootData } from '#app/root.tsx'
import { formatPercent } from '#app/utils/format.ts'
import { DEFAULT_LANGUAGE } from '#app/utils/i18n.ts'
import { ActionsBySection, type SectionData, type SectionProps } from './shared.tsx'

/** Totals computed from the actions, the roadmap's currency, and each action's cost and funding (edited in the action's form). */
export function GenderBudgeting({ data: { tree, totals, delegation }, editable, common, taFor }: SectionProps) {
	const { t } = useTexts()
	const language = useRootData()?.language ?? DEFAULT_LANGUAGE
	const { currency, roadmapVersion, feedback } = common
	return (
		<>
			<section className="panel">
				<h3>{t('roadmap.budget.totals')}</h3>
				{totals ? <BudgetTotals totals={totals} currency={currency} language={language} /> : null}
				<p className="small">
					<a href={COSTING_SHEET_URL} download>
						{t('costingSheet.download')}
					</a>{' '}
					<span className="muted">{t('costingSheet.help')}</span>
				</p>
				{editable ? (
					<Form method="post" className="inline-fields" preventScrollReset>
						<input type="hidden" name="intent" value="currency" />
						<input type="hidden" name="roadmapVersion" value={roadmapVersion} />
						<label htmlFor="currency">{t('roadmap.budget.currency')}</label>
						<input
							id="currency"
							name="currency"
							type="text"
							defaultValue={currency}
							maxLength={3}
							size={4}
							aria-describedby="currency-hint"
						/>
						<span id="currency-hint" className="muted small">
							{t('roadmap.budget.currencyHint')}
						</span>
						<button type="submit" className="button">
							{t('roadmap.save')}
						</button>
						{feedback?.formKey === 'currency' ? (
							<p className="field-errors" role="alert">
								{t(feedback.message ?? 'roadmap.errors.currency')}
							</p>
						) : null}
					</Form>
				) : null}
			</section>
			<ActionsBySection
				section="gender-budgeting"
				tree={tree}
				editable={editable}
				currency={currency}
				delegationId={delegation.id}
				taFor={taFor}
			/>
		</>
	)
}

function BudgetTotals({ totals, currency, language }: { totals: NonNullable<SectionData['totals']>; currency: string; language: string }) {
	const { t } = useTexts()
	return (
		<>
			<p className="lead">
				{t('roadmap.budget.summary', {
					total: formatMoney(totals.total, currency, language),
					funded: formatMoney(totals.funded, currency, language),
					share: formatPercent(totals.fundedShare, language as 'en' | 'es'),
				})}
			</p>
			<BudgetTables totals={totals} currency={currency} language={language as 'en' | 'es'} />
		</>
	)
}
