import { passwordChanged, passwordReset } from './account.ts'
import { invitation } from './invitation.ts'
import type { MailTemplate } from './layout.ts'
import { notifications } from './notifications.ts'

/**
 * Every message the Academy sends, by name. A new kind of mail is a typed function added here;
 * `queueMail` takes its name and checks its data against the function's type.
 */
export const MAIL_TEMPLATES = {
	'password-reset': passwordReset,
	'password-changed': passwordChanged,
	invitation,
	notifications,
} as const

export type TemplateName = keyof typeof MAIL_TEMPLATES
export type TemplateData<K extends TemplateName> = (typeof MAIL_TEMPLATES)[K] extends MailTemplate<infer Data> ? Data : never
