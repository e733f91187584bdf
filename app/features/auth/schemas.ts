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
// New passwords

/**
 * How a new password is judged beyond its length: on the server, the strength estimator
 * (`judgePassword` in password-strength.server.ts, whose dictionaries never reach the browser),
 * given the person's own words (name, email); in the browser, no judge — length only. Returns the
 * translation key of why a password is refused, or undefined.
 */
export type PasswordJudge = (password: string, userInputs: readonly string[]) => string | undefined

/** Refuses a guessable password, with the reason, on the field that holds it. */
function refuseGuessable<T>(field: string & keyof T, judge: PasswordJudge | undefined, userInputs: (value: T) => readonly string[]) {
	return (value: T, ctx: z.RefinementCtx) => {
		const password = value[field]
		if (!judge || typeof password !== 'string') return
		const reason = judge(password, userInputs(value))
		if (reason) ctx.addIssue({ code: 'custom', path: [field], message: reason })
	}
}

// -------------------------------------------------------------------------------------------------
// Settings

export const ProfileSchema = z.object({
	intent: z.literal('profile'),
	name: NameSchema,
	language: LanguageSchema,
})

/** Changing one's password in settings; `userInputs`: the person's name and email. */
export function passwordSchema(judge?: PasswordJudge, userInputs: readonly string[] = []) {
	return z
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
		.superRefine(refuseGuessable('newPassword', judge, () => userInputs))
}
export const PasswordSchema = passwordSchema()

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

/** A new account from an invitation; `userInputs`: the invited email (the name is in the form). */
export function newAccountSchema(judge?: PasswordJudge, userInputs: readonly string[] = []) {
	return z
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
		.superRefine(refuseGuessable('password', judge, (value) => [value.name, ...userInputs]))
}
export const NewAccountSchema = newAccountSchema()

export const JoinSchema = z.object({ intent: z.literal('join'), ...JoinerFields })

// -------------------------------------------------------------------------------------------------
// Password reset

export const ForgotPasswordSchema = z.object({ email: EmailSchema })

/** A new password from a reset link; `userInputs`: the person's name and email. */
export function resetPasswordSchema(judge?: PasswordJudge, userInputs: readonly string[] = []) {
	return z
		.object({
			newPassword: NewPasswordSchema,
			confirmPassword: z.string({ error: 'forms.passwordRequired' }),
		})
		.refine((value) => value.newPassword === value.confirmPassword, {
			path: ['confirmPassword'],
			error: 'forms.passwordsDontMatch',
		})
		.superRefine(refuseGuessable('newPassword', judge, () => userInputs))
}
export const ResetPasswordSchema = resetPasswordSchema()
