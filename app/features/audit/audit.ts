/**
 * The audit log's vocabulary, shared with the browser (the filter's options, the page's words).
 * One constant: the zod enum, the type and the option list derive from it.
 */
export const AUDIT_ACTIONS = [
	// Signing in and the account's credentials
	'auth.sign_in',
	'auth.sign_in_failed',
	'auth.password_changed',
	'auth.password_reset',
	'auth.two_step_enabled',
	'auth.two_step_disabled',
	'auth.recovery_codes_regenerated',
	// Downloads of the Academy's data (CSV, JSON, Word, calendar files)
	'export.downloaded',
	// Who belongs where and who runs what
	'membership.added',
	'membership.updated',
	'membership.lead_changed',
	'membership.removed',
	'facilitator.added',
	'facilitator.removed',
	'role.staff_granted',
	// Cohorts and delegations
	'cohort.created',
	'cohort.updated',
	'delegation.created',
	'delegation.updated',
	// Deletions
	'roadmap.item_deleted',
	'invitation.revoked',
	'offer.withdrawn',
	'calendar_feed.deleted',
	// Technical assistance
	'assistance.assigned',
	'assistance.status_changed',
	// A person's account and data
	'account.deactivated',
	'account.reactivated',
	'account.erased',
	// The log itself
	'audit.pruned',
] as const

export type AuditAction = (typeof AUDIT_ACTIONS)[number]

export function isAuditAction(value: unknown): value is AuditAction {
	return typeof value === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(value)
}

/** What a row is about. */
export const AUDIT_TARGETS = [
	'user',
	'cohort',
	'delegation',
	'invitation',
	'roadmap',
	'roadmap_item',
	'assistance_request',
	'assistance_offer',
	'calendar_feed',
	'export',
	'audit_log',
] as const

export type AuditTarget = (typeof AUDIT_TARGETS)[number]

/**
 * Who the page and the CSV say acted: the name (an erased person's in the reader's language), the
 * Academy itself for what ran on its own, or "not signed in" (a refused sign-in).
 */
export function actorLabel(
	entry: { actorId: string | null; actorName: string | null; actorErased: boolean; action: string },
	t: (key: string) => string,
) {
	if (entry.actorId) return entry.actorErased ? t('personalData.formerParticipant') : (entry.actorName ?? '')
	return entry.action === 'audit.pruned' || entry.action === 'role.staff_granted' ? t('audit.system') : t('audit.anonymous')
}
