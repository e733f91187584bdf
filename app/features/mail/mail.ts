/** Mail vocabularies, shared by the server and the "Sent mail" pages. */

export const MAIL_STATUSES = ['queued', 'sending', 'sent', 'failed', 'kept'] as const
export type MailStatusName = (typeof MAIL_STATUSES)[number]

/**
 * What a message is for. `security` mail (password reset, "your password was changed") always goes
 * out and has no List-Unsubscribe header; the others will follow each person's mail settings.
 */
export const MAIL_CATEGORIES = ['security', 'invitations', 'notifications', 'digests'] as const
export type MailCategory = (typeof MAIL_CATEGORIES)[number]
