import { z } from 'zod'
import { isCountryCode } from '#app/utils/countries.ts'
import { EmailSchema, NameSchema, OptionalText, SectorSchema } from '#app/utils/schemas.ts'
import { COHORT_STATUSES, NAP_STATUSES } from '#app/utils/vocabularies.ts'

/**
 * Form schemas for running cohorts, shared by the server (parsing with Conform's `parseWithZod`) and
 * the forms (constraints). Messages are translation keys.
 */

/** How long an invitation link works unless its creator says otherwise. */
export const DEFAULT_INVITATION_DAYS = 14
/** The largest roster (pasted or uploaded) a delegation page reads. */
export const MAX_ROSTER_BYTES = 1_000_000

const isoDate = z
	.string({ error: 'forms.dateRequired' })
	.regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'forms.dateInvalid' })
	.refine((value) => !Number.isNaN(Date.parse(`${value}T00:00:00Z`)), { error: 'forms.dateInvalid' })

const CountrySchema = z
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

const NapStatusSchema = z.enum(NAP_STATUSES, {
	error: 'forms.statusInvalid',
})

const Id = z.string({ error: 'learn.errors.badRequest' }).min(1, { error: 'learn.errors.badRequest' }).max(100)

// -------------------------------------------------------------------------------------------------
// A new delegation; the cohort's facilitators (cohort edit page)

export const DelegationSchema = z.object({ countryCode: CountrySchema, napStatus: NapStatusSchema })

/** The facilitator forms of the cohort edit page (its cohort form is `CohortSchema`, intent `save`). */
export const FacilitatorIntentSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('addFacilitator'), email: EmailSchema }),
	z.object({ intent: z.literal('removeFacilitator'), userId: Id }),
])

// -------------------------------------------------------------------------------------------------
// A delegation's page: its NAP status, members, invitations and roster import, told apart by intent

const InvitationDaysSchema = z.coerce
	.number({ error: 'invitations.daysInvalid' })
	.int({ error: 'invitations.daysInvalid' })
	.min(1, { error: 'invitations.daysInvalid' })
	.max(90, { error: 'invitations.daysInvalid' })
	.default(DEFAULT_INVITATION_DAYS)

const NapStatusFormSchema = z.object({ intent: z.literal('napStatus'), napStatus: NapStatusSchema })

const MemberSchema = z.object({
	intent: z.literal('member'),
	userId: Id,
	sector: SectorSchema,
	organisation: OptionalText(200),
	position: OptionalText(200),
	isLead: z.literal('on').optional(),
})

const RemoveMemberSchema = z.object({ intent: z.literal('removeMember'), userId: Id })
const SendResetSchema = z.object({ intent: z.literal('sendReset'), userId: Id })

const InviteOneSchema = z.object({
	intent: z.literal('inviteOne'),
	name: NameSchema,
	email: EmailSchema,
	sector: SectorSchema,
	organisation: OptionalText(200),
	position: OptionalText(200),
	days: InvitationDaysSchema,
})

/** A roster pasted into the text box or uploaded as a file (the file wins when both are sent). */
const RosterSchema = z.object({
	intent: z.literal('roster'),
	roster: z
		.string()
		.optional()
		.transform((value) => value ?? ''),
	file: z.file({ error: 'roster.errors.unreadable' }).optional(),
	days: InvitationDaysSchema,
})

const InvitationIntentSchema = z.object({ intent: z.enum(['revoke', 'reissue']), invitationId: Id })

export const DelegationPageSchema = z.discriminatedUnion('intent', [
	NapStatusFormSchema,
	MemberSchema,
	RemoveMemberSchema,
	SendResetSchema,
	InviteOneSchema,
	RosterSchema,
	InvitationIntentSchema,
])
export type DelegationPageInput = z.output<typeof DelegationPageSchema>

// -------------------------------------------------------------------------------------------------
// The links just created, posted back to download them as CSV

/** One value or several of a repeated field, as a list (the form repeats name, email and url per link). */
const list = <T extends z.ZodType>(item: T) =>
	z.preprocess((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]), z.array(item).max(1000))

export const LinksSchema = z
	.object({
		name: list(z.string().max(200)),
		email: list(z.string().max(254)),
		url: list(z.url().max(500)),
	})
	.refine((value) => value.url.length === value.email.length && value.url.length === value.name.length, {
		error: 'learn.errors.badRequest',
	})
