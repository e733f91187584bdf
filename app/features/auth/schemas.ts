import { z } from 'zod'
import { LANGUAGES } from '#app/utils/i18n.ts'
import { EmailSchema, LanguageSchema, NameSchema, NewPasswordSchema, OptionalText, SectorSchema } from '#app/utils/schemas.ts'

/**
 * Form schemas for accounts: signing in and out, the language switcher, settings and accepting an
 * invitation. Shared by the server (parsing with Conform's `parseWithZod`) and the forms
 * (constraints). Messages are translation keys.
 */

export const LoginSchema = z.object({
	email: EmailSchema,
	password: z.string({ error: 'forms.passwordRequired' }).max(200, { error: 'forms.passwordTooLong' }),
	redirectTo: z.string().optional(),
})

/** The visible language switcher. */
export const SetLanguageSchema = z.object({
	lng: z.enum(LANGUAGES, { error: 'forms.languageInvalid' }),
	redirectTo: z.string().optional(),
})

// -------------------------------------------------------------------------------------------------
// Settings

export const ProfileSchema = z.object({
	intent: z.literal('profile'),
	name: NameSchema,
	language: LanguageSchema,
})

export const PasswordSchema = z
	.object({
		intent: z.literal('password'),
		currentPassword: z.string({ error: 'forms.passwordRequired' }).max(200),
		newPassword: NewPasswordSchema,
		confirmPassword: z.string({ error: 'forms.passwordRequired' }),
	})
	.refine((value) => value.newPassword === value.confirmPassword, {
		path: ['confirmPassword'],
		error: 'forms.passwordsDontMatch',
	})

// -------------------------------------------------------------------------------------------------
// Invitations: entering a code, accepting with a new account or an existing one

/** Accepts a whole invitation link or just its code. */
export const InvitationCodeSchema = z.object({
	code: z
		.string({ error: 'invite.codeRequired' })
		.trim()
		.min(1, { error: 'invite.codeRequired' })
		.max(500, { error: 'invite.state.unknown' })
		.transform((value) => value.split('/').filter(Boolean).pop() ?? ''),
})

const JoinerFields = {
	sector: SectorSchema,
	organisation: OptionalText(200),
	position: OptionalText(200),
}

export const NewAccountSchema = z
	.object({
		intent: z.literal('create'),
		name: NameSchema,
		password: NewPasswordSchema,
		confirmPassword: z.string({ error: 'forms.passwordRequired' }),
		language: LanguageSchema,
		...JoinerFields,
	})
	.refine((value) => value.password === value.confirmPassword, {
		path: ['confirmPassword'],
		error: 'forms.passwordsDontMatch',
	})

export const JoinSchema = z.object({ intent: z.literal('join'), ...JoinerFields })

// -------------------------------------------------------------------------------------------------
// Password reset

export const ForgotPasswordSchema = z.object({ email: EmailSchema })

export const ResetPasswordSchema = z
	.object({
		newPassword: NewPasswordSchema,
		confirmPassword: z.string({ error: 'forms.passwordRequired' }),
	})
	.refine((value) => value.newPassword === value.confirmPassword, {
		path: ['confirmPassword'],
		error: 'forms.passwordsDontMatch',
	})
