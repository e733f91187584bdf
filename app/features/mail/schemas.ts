import { z } from 'zod'
import { MAIL_STATUSES } from '#app/features/mail/mail.ts'

/** The Sent mail page's filter (a GET form): an address fragment and a status. */
export const MailFilterSchema = z.object({
	address: z.string().trim().max(200, { error: 'mail.addressTooLong' }).optional(),
	status: z.enum(MAIL_STATUSES, { error: 'mail.statusInvalid' }).optional(),
})
