import { z } from 'zod'
import { LANGUAGES } from '#app/utils/i18n.ts'
import { SECTORS } from '#app/utils/vocabularies.ts'

/**
 * Field schemas shared by forms. Messages are translation keys, shown next to the field in the
 * reader's language.
 */
export const PASSWORD_MIN_LENGTH = 10

export const EmailSchema = z
	.string({ error: 'forms.emailRequired' })
	.trim()
	.toLowerCase()
	.min(1, { error: 'forms.emailRequired' })
	.pipe(z.email({ error: 'forms.emailInvalid' }).max(254, { error: 'forms.emailInvalid' }))

export const NameSchema = z
	.string({ error: 'forms.nameRequired' })
	.trim()
	.min(2, { error: 'forms.nameTooShort' })
	.max(100, { error: 'forms.nameTooLong' })

export const NewPasswordSchema = z
	.string({ error: 'forms.passwordRequired' })
	.min(PASSWORD_MIN_LENGTH, { error: 'forms.passwordTooShort' })
	.max(200, { error: 'forms.passwordTooLong' })

export const LanguageSchema = z.enum(LANGUAGES, { error: 'forms.languageInvalid' })

export const SectorSchema = z.enum(SECTORS, { error: 'forms.sectorInvalid' })

export const OptionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, { error: 'forms.tooLong' })
		.optional()
		.transform((value) => value ?? '')

/** A form with no fields of its own (signing out, a post to a page that does not exist). */
export const EmptyFormSchema = z.object({})
