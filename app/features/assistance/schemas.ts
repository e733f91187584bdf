import { z } from 'zod'
import { ASSISTANCE_FORMATS, ASSISTANCE_STATUSES, ASSISTANCE_TOPICS, ASSISTANCE_URGENCIES } from '#app/features/assistance/assistance.ts'
import { OFFER_GAPS } from '#app/features/assistance/offers.ts'
import { SECTIONS } from '#app/features/roadmap/kinds.ts'
import { LanguageSchema } from '#app/utils/schemas.ts'

/**
 * The technical-assistance forms, shared by the server (Conform's `parseWithZod` in the actions)
 * and the pages. Messages are translation keys, shown next to the field. Empty fields reach these
 * schemas as `undefined` (Conform strips empty strings).
 */

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

function today() {
	return new Date().toISOString().slice(0, 10)
}

/** A delegation asks for assistance, from its roadmap (optionally about one section or item). */
export const NewRequestSchema = z.object({
	topic: z.enum(ASSISTANCE_TOPICS, { error: 'assistance.errors.topic' }),
	need: z
		.string({ error: 'assistance.errors.needEmpty' })
		.trim()
		.min(10, { error: 'assistance.errors.needShort' })
		.max(4000, { error: 'roadmap.errors.tooLong' }),
	urgency: z.enum(ASSISTANCE_URGENCIES, { error: 'assistance.errors.urgency' }),
	dueDate: z
		.string()
		.regex(ISO_DATE, { error: 'forms.dateInvalid' })
		.refine((value) => value >= today(), { error: 'assistance.errors.pastDate' })
		.optional(),
	language: LanguageSchema,
	format: z.enum(ASSISTANCE_FORMATS, { error: 'assistance.errors.format' }),
	section: z.string().max(40).optional(),
	itemId: z.string().max(100).optional(),
})
export type NewRequest = z.output<typeof NewRequestSchema>

const body = z
	.string({ error: 'assistance.errors.messageEmpty' })
	.trim()
	.min(1, { error: 'assistance.errors.messageEmpty' })
	.max(4000, { error: 'roadmap.errors.tooLong' })

/** The forms of one request's page, told apart by `intent` (see INTENT_PERMISSIONS.assistance). */
export const RequestActionSchema = z.discriminatedUnion('intent', [
	/** A message the delegation reads. */
	z.object({ intent: z.literal('message'), body }),
	/** An internal note: staff and facilitators only. */
	z.object({ intent: z.literal('note'), body }),
	/** Staff move the request on; scheduling needs a date, declining a reason. */
	z
		.object({
			intent: z.literal('status'),
			to: z.enum(ASSISTANCE_STATUSES, { error: 'assistance.errors.transition' }),
			scheduledFor: z.string().regex(ISO_DATE, { error: 'assistance.errors.scheduleDate' }).optional(),
			reason: z.string().trim().max(2000, { error: 'roadmap.errors.tooLong' }).optional(),
		})
		.superRefine((value, ctx) => {
			if (value.to === 'scheduled' && !value.scheduledFor)
				ctx.addIssue({ code: 'custom', path: ['scheduledFor'], message: 'assistance.errors.scheduleDate' })
			if (value.to === 'declined' && !value.reason)
				ctx.addIssue({ code: 'custom', path: ['reason'], message: 'assistance.errors.declineReason' })
		}),
	/** Staff assign it to a colleague or a facilitator of its cohort; empty: unassigned. */
	z.object({ intent: z.literal('assign'), assigneeId: z.string().max(100).optional() }),
])

const offerId = z.string({ error: 'offers.errors.notFound' }).max(100)

/**
 * Staff's forms on the TA overview (see INTENT_PERMISSIONS.offers): an offer from a gap of a
 * delegation's roadmap — about one item, or about a section with nothing in it — or its withdrawal.
 */
export const OfferFormSchema = z.discriminatedUnion('intent', [
	z.object({
		intent: z.literal('offer'),
		delegationId: z.string({ error: 'offers.errors.notFound' }).max(100),
		gap: z.enum(OFFER_GAPS, { error: 'offers.errors.gap' }),
		section: z.enum(SECTIONS, { error: 'offers.errors.gap' }),
		itemId: z.string().max(100).optional(),
		topic: z.enum(ASSISTANCE_TOPICS, { error: 'assistance.errors.topic' }),
		message: z
			.string({ error: 'offers.errors.messageEmpty' })
			.trim()
			.min(10, { error: 'offers.errors.messageShort' })
			.max(2000, { error: 'roadmap.errors.tooLong' }),
	}),
	z.object({ intent: z.literal('withdraw'), offerId }),
])
export type NewOffer = Extract<z.output<typeof OfferFormSchema>, { intent: 'offer' }>

/** The delegation's answer to an offer, from its TA page or beside the item: accept it as a request, or decline it. */
export const OfferAnswerSchema = z.object({
	intent: z.enum(['accept', 'decline']),
	offerId,
	/** Where to go back to after declining (a page of the same roadmap). */
	returnTo: z.string().max(500).optional(),
})
