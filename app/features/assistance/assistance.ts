import { SECTION_MODULE, SECTIONS } from '#app/features/roadmap/kinds.ts'
import { AREA_SLUGS, isOneOf } from '#app/utils/vocabularies.ts'

/**
 * Technical-assistance vocabularies, shared by forms and the server; the database types
 * (db/schema.ts) derive from them. A request's topic is one of the six curriculum areas, or other.
 */
export const ASSISTANCE_TOPICS = [...AREA_SLUGS, 'other'] as const
export type AssistanceTopic = (typeof ASSISTANCE_TOPICS)[number]
export const ASSISTANCE_URGENCIES = ['low', 'medium', 'high'] as const
export type AssistanceUrgency = (typeof ASSISTANCE_URGENCIES)[number]
export const ASSISTANCE_FORMATS = ['remote_session', 'document_review', 'in_country_visit', 'peer_exchange'] as const
export const ASSISTANCE_STATUSES = ['open', 'scheduled', 'in_progress', 'done', 'declined'] as const
export type AssistanceStatus = (typeof ASSISTANCE_STATUSES)[number]
/** The statuses of a request still being worked on (not done, not declined). */
export const ASSISTANCE_OPEN_STATUSES = ['open', 'scheduled', 'in_progress'] as const satisfies readonly AssistanceStatus[]

/** Which status may follow which (staff only). Done is final; a declined request can be reopened. */
export const ASSISTANCE_TRANSITIONS: Record<AssistanceStatus, AssistanceStatus[]> = {
	open: ['scheduled', 'in_progress', 'declined'],
	scheduled: ['in_progress', 'done', 'declined', 'open'],
	in_progress: ['done', 'declined', 'scheduled'],
	done: [],
	declined: ['open'],
}

/** Requests per page of the TA queue. */
export const QUEUE_PAGE_SIZE = 50

/** The TA topic of a roadmap section: the curriculum module that teaches it. */
export function topicForSection(section: string | null | undefined): AssistanceTopic {
	return isOneOf(SECTIONS, section) ? SECTION_MODULE[section] : 'other'
}
