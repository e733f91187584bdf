import type { AssistanceStatus } from '#db/schema.ts'

/** Technical-assistance vocabularies, shared by forms and the server. */
export const ASSISTANCE_TOPICS = [
	'theory-of-change',
	'gender-budgeting',
	'strategic-design',
	'institutional-coordination',
	'localization',
	'monitoring-and-evaluation',
	'other',
] as const
export const ASSISTANCE_URGENCIES = ['low', 'medium', 'high'] as const
export const ASSISTANCE_FORMATS = ['remote_session', 'document_review', 'in_country_visit', 'peer_exchange'] as const
export const ASSISTANCE_STATUSES = ['open', 'scheduled', 'in_progress', 'done', 'declined'] as const

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
