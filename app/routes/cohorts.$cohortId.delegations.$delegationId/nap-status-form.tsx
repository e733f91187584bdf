import { Form } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { ErrorList, type ListOfErrors } from '#app/components/ui/forms.tsx'
import { NAP_STATUSES } from '#app/utils/vocabularies.ts'

/** Where the delegation's country stands with its National Action Plan. */
export function NapStatusForm({ napStatus, errors }: { napStatus: string; errors?: ListOfErrors }) {
	const { t } = useTexts()
	const errorId = errors?.length ? 'napStatus-error' : undefined
	return (
		<section className="panel" aria-labelledby="nap-heading">
			<h2 id="nap-heading">{t('delegation.napStatus')}</h2>
			<Form method="post" className="inline-fields">
				<input type="hidden" name="intent" value="napStatus" />
				<label htmlFor="napStatus" className="visually-hidden">
					{t('delegation.napStatus')}
				</label>
				<select
					id="napStatus"
					name="napStatus"
					defaultValue={napStatus}
					aria-invalid={errorId ? true : undefined}
					aria-describedby={errorId}
				>
					{NAP_STATUSES.map((s) => (
						<option key={s} value={s}>
							{t(`napStatus.${s}`)}
						</option>
					))}
				</select>
				<button type="submit" className="button">
					{t('delegation.save')}
				</button>
			</Form>
			<ErrorList id={errorId} errors={errors} />
		</section>
	)
}
