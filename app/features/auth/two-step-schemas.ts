import { z } from 'zod'

/**
 * Form schemas for two-step sign-in: the second step of signing in, and the settings page's
 * enrolment, turning off and new recovery codes. Shared by the server (Conform's `parseWithZod`)
 * and the forms (constraints). Messages are translation keys.
 */

/** A code from the authenticator app: six digits (spaces allowed, as some apps show "123 456"). */
const AppCode = z
	.string({ error: 'twoStep.codeRequired' })
	.trim()
	.max(20, { error: 'twoStep.codeFormat' })
	.transform((value) => value.replace(/\s/g, ''))
	.pipe(z.string().regex(/^\d{6}$/, { error: 'twoStep.codeFormat' }))

/** A code from the app or a recovery code (xxxx-xxxx-xxxx); checked on the server. */
const AnyCode = z
	.string({ error: 'twoStep.codeRequired' })
	.trim()
	.min(1, { error: 'twoStep.codeRequired' })
	.max(40, { error: 'twoStep.codeFormat' })

/** The second step of signing in: the app's code, or (the other form on the page) a recovery code. */
export const SecondStepSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('code'), code: AppCode }),
	z.object({ intent: z.literal('recovery'), recoveryCode: AnyCode }),
])

export const BeginEnrolmentSchema = z.object({ intent: z.literal('begin') })

export const ConfirmEnrolmentSchema = z.object({ intent: z.literal('confirm'), code: AppCode })

/** Turning two-step off, or new recovery codes: the password and a code again. */
export const ReauthenticateSchema = z.object({
	intent: z.enum(['turnOff', 'regenerate']),
	password: z.string({ error: 'forms.passwordRequired' }).max(200, { error: 'forms.passwordTooLong' }),
	code: AnyCode,
})
