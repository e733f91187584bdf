import { z } from 'zod'
import { ALUMNI_QUIET_DAYS, MAIL_FREQUENCIES, NOTIFICATION_CATEGORIES } from '#app/features/notifications/notifications.ts'

/** The notifications page's forms: open one (it is marked read), or mark them all read. */
export const NotificationActionSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('open'), id: z.string().uuid() }),
	z.object({ intent: z.literal('markAllRead') }),
])

/** The settings page's notification form: a mail frequency per category, and the alumni period. */
export const NotificationSettingsSchema = z.object({
	...Object.fromEntries(NOTIFICATION_CATEGORIES.map((category) => [category, z.enum(MAIL_FREQUENCIES).optional()])),
	quietDays: z.coerce
		.number()
		.refine((value) => (ALUMNI_QUIET_DAYS as readonly number[]).includes(value), { error: 'notifications.settings.invalid' })
		.optional(),
}) as z.ZodType<{ [K in (typeof NOTIFICATION_CATEGORIES)[number]]?: (typeof MAIL_FREQUENCIES)[number] } & { quietDays?: number }>
