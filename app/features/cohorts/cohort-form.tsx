import { getFormProps, getInputProps, getSelectProps, type SubmissionResult, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { type z } from 'zod'
import { ErrorList, Field, FormErrors, SelectField } from '#app/components/ui/forms.tsx'
import { CohortSchema } from '#app/features/cohorts/schemas.ts'
import { COHORT_STATUSES } from '#app/utils/vocabularies.ts'

type CountryOptions = { region: Array<{ value: string; label: string }>; rest: Array<{ value: string; label: string }> }

export function CountrySelect({
	label,
	options,
	selectProps,
	errors,
}: {
	label: string
	options: CountryOptions
	selectProps: React.SelectHTMLAttributes<HTMLSelectElement> & { key?: string }
	errors?: string[]
}) {
	const { t } = useTexts()
	const { key, ...props } = selectProps
	const id = props.id ?? props.name
	const errorId = errors?.length ? `${id}-error` : undefined
	return (
		<div className="field">
			<label htmlFor={id}>{label}</label>
			<select key={key} {...props} id={id} aria-invalid={errorId ? true : undefined} aria-describedby={errorId}>
				<option value="">{t('forms.choose')}</option>
				<optgroup label={t('forms.countriesRegion')}>
					{options.region.map((o) => (
						<option key={o.value} value={o.value}>
							{o.label}
						</option>
					))}
				</optgroup>
				<optgroup label={t('forms.countriesOther')}>
					{options.rest.map((o) => (
						<option key={o.value} value={o.value}>
							{o.label}
						</option>
					))}
				</optgroup>
			</select>
			<ErrorList id={errorId} errors={errors} />
		</div>
	)
}

export function CohortForm({
	lastResult,
	defaultValue,
	countries,
	submitLabel,
}: {
	lastResult?: SubmissionResult<string[]> | null
	defaultValue?: Partial<Record<keyof z.input<typeof CohortSchema>, string>>
	countries: CountryOptions
	submitLabel: string
}) {
	const { t } = useTexts()
	const [form, fields] = useForm<z.input<typeof CohortSchema>, z.output<typeof CohortSchema>>({
		id: 'cohort',
		lastResult,
		defaultValue: defaultValue ?? { status: 'planned' },
		constraint: getZodConstraint(CohortSchema),
		shouldValidate: 'onBlur',
		onValidate: ({ formData }) => parseWithZod(formData, { schema: CohortSchema }),
	})
	return (
		<Form method="post" {...getFormProps(form)} className="stack">
			<input type="hidden" name="intent" value="save" />
			<Field label={t('cohortForm.name')} errors={fields.name.errors} inputProps={getInputProps(fields.name, { type: 'text' })} />
			<Field
				label={t('cohortForm.hostCity')}
				errors={fields.hostCity.errors}
				inputProps={getInputProps(fields.hostCity, { type: 'text' })}
			/>
			<CountrySelect
				label={t('cohortForm.hostCountry')}
				options={countries}
				selectProps={getSelectProps(fields.hostCountry)}
				errors={fields.hostCountry.errors}
			/>
			<Field label={t('cohortForm.venue')} errors={fields.venue.errors} inputProps={getInputProps(fields.venue, { type: 'text' })} />
			<Field
				label={t('cohortForm.startDate')}
				errors={fields.startDate.errors}
				inputProps={getInputProps(fields.startDate, { type: 'date' })}
			/>
			<Field label={t('cohortForm.endDate')} errors={fields.endDate.errors} inputProps={getInputProps(fields.endDate, { type: 'date' })} />
			<Field
				label={t('cohortForm.preworkDueDate')}
				errors={fields.preworkDueDate.errors}
				inputProps={getInputProps(fields.preworkDueDate, { type: 'date' })}
			/>
			<SelectField
				label={t('cohortForm.status')}
				errors={fields.status.errors}
				selectProps={getSelectProps(fields.status)}
				options={COHORT_STATUSES.map((status) => ({
					value: status,
					label: t(`cohortStatus.${status}`),
				}))}
			/>
			<p className="muted small">{t('cohortForm.closingNote')}</p>
			<FormErrors id={form.errorId} errors={form.errors} />
			<button type="submit" className="button button--primary">
				{submitLabel}
			</button>
		</Form>
	)
}
