import { z } from 'zod'
import { isCountryCode } from '#app/utils/countries.ts'
import { COHORT_STATUSES, NAP_STATUSES } from '#app/utils/vocabularies.ts'

/** Form schemas for running cohorts, shared by the server (parsing) and the forms (constraints). */

const isoDate = z
	.string({ error: 'forms.dateRequired' })
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'forms.dateInvalid' })
	.refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), { error: 'forms.dateInvalid' })

export const CountrySchema = z
	.string({ error: 'forms.countryRequired' })
	.trim()
	.toUpperCase()
	.refine(isCountryCode, { error: 'forms.countryInvalid' })

export const CohortSchema = z
	.object({
		name: z.string({ error: 'forms.required' }).trim().min(3, { error: 'forms.tooShort' }).max(120, { error: 'forms.tooLong' }),
		hostCity: z.string({ error: 'forms.required' }).trim().min(2, { error: 'forms.tooShort' }).max(100, { error: 'forms.tooLong' }),
		hostCountry: CountrySchema,
		venue: z
			.string()
			.trim()
			.max(200, { error: 'forms.tooLong' })
			.optional()
			.transform((v) => v ?? ''),
		startDate: isoDate,
		endDate: isoDate,
		preworkDueDate: isoDate.optional().transform((v) => v ?? null),
		status: z.enum(COHORT_STATUSES, { error: 'forms.statusInvalid' }),
	})
	.refine((value) => value.endDate >= value.startDate, {
		path: ['endDate'],
		error: 'forms.endBeforeStart',
	})
	.refine((value) => !value.preworkDueDate || value.preworkDueDate <= value.endDate, {
		path: ['preworkDueDate'],
		error: 'forms.preworkAfterEnd',
	})

export const NapStatusSchema = z.enum(NAP_STATUSES, {
	error: 'forms.statusInvalid',
})
