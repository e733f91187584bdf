import { z } from 'zod'

/** The person page's forms, told apart by `intent`. Erasing asks for a ticked confirmation. */
export const PersonActionSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('deactivate') }),
	z.object({ intent: z.literal('reactivate') }),
	z.object({
		intent: z.literal('erase'),
		confirm: z.literal('yes', { error: 'personalData.errors.confirmErase' }),
	}),
])

export type PersonActionInput = z.infer<typeof PersonActionSchema>
