/**
 * Notifications: what the Academy tells a person about what concerns them — in the app (the
 * notifications page and the count in the header) and, per their settings, by mail.
 *
 * One constant per vocabulary: the categories a person sets (each off / right away / a daily
 * digest), the kinds of notification with the zod schema of each one's data (stored as JSON and
 * parsed when read, never cast), and `describeNotification`, which words a notification in the
 * reader's language — for the page and for the mail alike.
 */
import type { TFunction } from 'i18next'
import { z } from 'zod'
import { countryName, formatDate } from '#app/utils/format.ts'
import type { Language } from '#app/utils/i18n.ts'

export const NOTIFICATION_CATEGORIES = ['assistance', 'comments', 'cohort', 'prework', 'alumni'] as const
export type NotificationCategory = (typeof NOTIFICATION_CATEGORIES)[number]

/** How a category reaches a person by mail. In the app every notification is listed either way. */
export const MAIL_FREQUENCIES = ['immediate', 'daily', 'off'] as const
export type MailFrequency = (typeof MAIL_FREQUENCIES)[number]

/** Alumni: how long a roadmap may go without an implementation update before a reminder. */
export const ALUMNI_QUIET_DAYS = [30, 60, 90, 180] as const
export const DEFAULT_ALUMNI_QUIET_DAYS = 90

/** Comment mail is batched: at most one mail per person per this long. */
export const COMMENT_MAIL_EVERY_MS = 60 * 60 * 1000

/** Pre-work reminders: a week before the due date, and two days before. */
export const PREWORK_REMINDERS = [
	{ key: 'week', from: 7, to: 3 },
	{ key: 'two-days', from: 2, to: 0 },
] as const

/** The start of a message or comment, as a notification quotes it. */
export function excerpt(body: string, max = 280) {
	const flat = body.replace(/\s+/g, ' ').trim()
	return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat
}

const name = z.string().max(200)
const quoted = z.string().max(400)

export const NOTIFICATION_KINDS = {
	'assistance-status': {
		category: 'assistance',
		data: z.object({
			requestId: z.string(),
			topic: z.string(),
			to: z.string(),
			scheduledFor: z.string().nullable(),
			reason: z.string().nullable(),
			byName: name,
		}),
	},
	'assistance-message': {
		category: 'assistance',
		data: z.object({ requestId: z.string(), topic: z.string(), byName: name, excerpt: quoted }),
	},
	'assistance-assigned': {
		category: 'assistance',
		data: z.object({ requestId: z.string(), topic: z.string(), countryCode: z.string(), byName: name }),
	},
	comment: {
		category: 'comments',
		data: z.object({
			delegationId: z.string(),
			countryCode: z.string(),
			section: z.string(),
			commentId: z.number(),
			reply: z.boolean(),
			byName: name,
			excerpt: quoted,
		}),
	},
	'cohort-digest': {
		category: 'cohort',
		data: z.object({
			cohortId: z.string(),
			cohortName: name,
			startDate: z.string(),
			dueDate: z.string().nullable(),
			overdue: z.boolean(),
			delegates: z.number(),
			notStarted: z.array(z.object({ name, countryCode: z.string() })),
			unfinished: z.array(z.object({ name, countryCode: z.string(), done: z.number(), total: z.number() })),
			pendingInvitations: z.array(z.object({ name, email: z.string(), expired: z.boolean() })),
		}),
	},
	'prework-reminder': {
		category: 'prework',
		data: z.object({
			cohortId: z.string(),
			cohortName: name,
			dueDate: z.string(),
			daysLeft: z.number(),
			done: z.number(),
			total: z.number(),
		}),
	},
	'alumni-reminder': {
		category: 'alumni',
		data: z.object({ delegationId: z.string(), countryCode: z.string(), lastUpdate: z.string().nullable(), days: z.number() }),
	},
} as const satisfies Record<string, { category: NotificationCategory; data: z.ZodType }>

export type NotificationKind = keyof typeof NOTIFICATION_KINDS
export type NotificationData<K extends NotificationKind> = z.infer<(typeof NOTIFICATION_KINDS)[K]['data']>
/** A notification as stored: its kind and its data, checked against the kind's schema. */
export type AnyNotification = { [K in NotificationKind]: { kind: K; data: NotificationData<K> } }[NotificationKind]

export function isNotificationKind(value: string): value is NotificationKind {
	return Object.hasOwn(NOTIFICATION_KINDS, value)
}

/** A stored row's kind and JSON data, parsed; null for a kind this version no longer knows. */
export function parseNotification(kind: string, data: string): AnyNotification | null {
	if (!isNotificationKind(kind)) return null
	const parsed = NOTIFICATION_KINDS[kind].data.safeParse(JSON.parse(data))
	return parsed.success ? ({ kind, data: parsed.data } as AnyNotification) : null
}

/** A notification in words: a title, lines of detail, and the page it is about (a path). */
export type DescribedNotification = { title: string; lines: string[]; path: string }

const list = (items: string[], more: number, t: TFunction) => (more > 0 ? [...items, t('notifications.andMore', { count: more })] : items)
const FIRST = 10

export function describeNotification(t: TFunction, language: Language, notification: AnyNotification): DescribedNotification {
	switch (notification.kind) {
		case 'assistance-status': {
			const { data } = notification
			const topic = t(`assistance.topics.${data.topic}`, { defaultValue: data.topic })
			const status = t(`assistance.statuses.${data.to}`, { defaultValue: data.to })
			const lines = [t('notifications.assistanceStatus.by', { name: data.byName })]
			if (data.to === 'scheduled' && data.scheduledFor) {
				lines.push(t('notifications.assistanceStatus.scheduledFor', { date: formatDate(data.scheduledFor, language) }))
			}
			if (data.to === 'declined' && data.reason) lines.push(t('notifications.assistanceStatus.reason', { reason: data.reason }))
			return { title: t('notifications.assistanceStatus.title', { topic, status }), lines, path: `/assistance/${data.requestId}` }
		}
		case 'assistance-message': {
			const { data } = notification
			const topic = t(`assistance.topics.${data.topic}`, { defaultValue: data.topic })
			return {
				title: t('notifications.assistanceMessage.title', { topic, name: data.byName }),
				lines: [data.excerpt],
				path: `/assistance/${data.requestId}`,
			}
		}
		case 'assistance-assigned': {
			const { data } = notification
			const topic = t(`assistance.topics.${data.topic}`, { defaultValue: data.topic })
			return {
				title: t('notifications.assistanceAssigned.title', { topic, country: countryName(data.countryCode, language) }),
				lines: [t('notifications.assistanceAssigned.by', { name: data.byName })],
				path: `/assistance/${data.requestId}`,
			}
		}
		case 'comment': {
			const { data } = notification
			const section = t(`roadmap.sections.${data.section}.title`, { defaultValue: data.section })
			const country = countryName(data.countryCode, language)
			return {
				title: t(data.reply ? 'notifications.comment.reply' : 'notifications.comment.new', { name: data.byName, section, country }),
				lines: [data.excerpt],
				path: `/roadmaps/${data.delegationId}/${data.section}#comment-${data.commentId}`,
			}
		}
		case 'cohort-digest': {
			const { data } = notification
			const who = (person: { name: string; countryCode: string }) => `${person.name} (${countryName(person.countryCode, language)})`
			const lines: string[] = [
				t('notifications.cohortDigest.convening', { date: formatDate(data.startDate, language), count: data.delegates }),
			]
			if (data.notStarted.length) {
				lines.push(t('notifications.cohortDigest.notStarted', { count: data.notStarted.length }))
				lines.push(
					...list(
						data.notStarted.slice(0, FIRST).map((p) => `• ${who(p)}`),
						data.notStarted.length - FIRST,
						t,
					),
				)
			}
			if (data.unfinished.length && data.dueDate) {
				lines.push(
					t(data.overdue ? 'notifications.cohortDigest.behind' : 'notifications.cohortDigest.unfinished', {
						count: data.unfinished.length,
						date: formatDate(data.dueDate, language),
					}),
				)
				lines.push(
					...list(
						data.unfinished
							.slice(0, FIRST)
							.map((p) => `• ${who(p)}: ${t('notifications.cohortDigest.lessons', { done: p.done, total: p.total })}`),
						data.unfinished.length - FIRST,
						t,
					),
				)
			}
			if (data.pendingInvitations.length) {
				lines.push(t('notifications.cohortDigest.pending', { count: data.pendingInvitations.length }))
				lines.push(
					...list(
						data.pendingInvitations
							.slice(0, FIRST)
							.map((i) => `• ${i.name || i.email} <${i.email}>${i.expired ? ` — ${t('notifications.cohortDigest.expired')}` : ''}`),
						data.pendingInvitations.length - FIRST,
						t,
					),
				)
			}
			return {
				title: t('notifications.cohortDigest.title', { cohort: data.cohortName }),
				lines,
				path: `/cohorts/${data.cohortId}/dashboard`,
			}
		}
		case 'prework-reminder': {
			const { data } = notification
			return {
				title: t('notifications.prework.title', { count: data.daysLeft, date: formatDate(data.dueDate, language) }),
				lines: [
					t('notifications.prework.progress', { done: data.done, total: data.total, cohort: data.cohortName }),
					t('notifications.prework.why'),
				],
				path: '/learn',
			}
		}
		case 'alumni-reminder': {
			const { data } = notification
			return {
				title: t('notifications.alumni.title', { country: countryName(data.countryCode, language) }),
				lines: [
					data.lastUpdate
						? t('notifications.alumni.since', { date: formatDate(data.lastUpdate, language), count: data.days })
						: t('notifications.alumni.never', { count: data.days }),
					t('notifications.alumni.why'),
				],
				path: `/roadmaps/${data.delegationId}/implementation`,
			}
		}
	}
}
