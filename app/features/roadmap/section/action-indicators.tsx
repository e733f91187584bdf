/**
 * An action's indicators inside the action's one form (strategic design): loaded with the item form
 * (editing-forms.tsx), since it shows only inside one.
 */
import { useTexts } from '#app/utils/use-texts.tsx'
import { FormPart, ItemFields } from '#app/features/roadmap/item-form.tsx'
import { baseOf, type ItemFeedback } from '#app/features/roadmap/item-values.tsx'
import { type FieldSpec, KINDS } from '#app/features/roadmap/kinds.ts'
import type { SectionData, SectionProps } from './shared.tsx'

type Action = SectionData['tree']['pillars'][number]['objectives'][number]['actions'][number]

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
export function ActionIndicators({
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
