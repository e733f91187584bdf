/**
 * The transactional outbox. `queueMail` renders a message in its recipient's language and inserts
 * it with the executor it is given — the caller's transaction — so a change and its mail are saved
 * together or not at all. The sender (sender.server.ts) delivers what is queued; nothing here talks
 * to an SMTP server, so queueing never fails because mail is down.
 *
 * Without SMTP_URL a message is `kept`: nothing will send it, and it is read in the app (/mail).
 */
import { type Kysely, sql } from 'kysely'
import { z } from 'zod'
import { type MailCategory, type MailStatusName } from '#app/features/mail/mail.ts'
import { wakeMailSender } from '#app/features/mail/sender-wake.server.ts'
import { MAIL_TEMPLATES, type TemplateData, type TemplateName } from '#app/features/mail/templates/index.ts'
import { type MailTemplate } from '#app/features/mail/templates/layout.ts'
import { db } from '#app/utils/db.server.ts'
import { env } from '#app/utils/env.server.ts'
import { getTextT } from '#app/utils/i18n.server.ts'
import { type Language } from '#app/utils/i18n.ts'
import { type Viewer } from '#app/utils/permissions.server.ts'
import type { Database, MailMessage } from '#db/schema.ts'

/** A file sent with a message (an invitation's `.ics`). `content` is text or bytes. */
export type MailAttachment = { filename: string; contentType: string; content: string | Uint8Array }

export type QueueMailInput<K extends TemplateName> = {
	to: string
	/** The recipient's account, when they have one: they read the message on their "Sent mail" page. */
	toUserId?: string | null
	/** The recipient's language: the message is rendered in it now. */
	language: Language
	template: K
	data: TemplateData<K>
	category: MailCategory
	/** Who did what caused the message (they see when it is not delivered). */
	causedBy?: string | null
	/** What the message is about (`invitation:<id>`), to show its status where it was caused. */
	about?: string | null
	attachments?: MailAttachment[]
	/** The Academy's public origin for links in the message: `mailOrigin(request)`. */
	origin: string
}

/**
 * The origin that links in mail (and calendars) start with: APP_ORIGIN, or — without it, on a
 * newcomer's machine — the request's own, or this server's local address for work outside a request.
 */
export function mailOrigin(request?: Request) {
	if (env.APP_ORIGIN) return env.APP_ORIGIN.replace(/\/+$/, '')
	return request ? new URL(request.url).origin : `http://localhost:${env.PORT}`
}

/** Whether queued mail is sent (an SMTP server is configured) or kept for reading in the app. */
export function mailIsKept() {
	return !env.SMTP_URL
}

/** Queues one message in the caller's transaction; returns its id. */
export async function queueMail<K extends TemplateName>(executor: Kysely<Database>, input: QueueMailInput<K>): Promise<string> {
	const t = await getTextT(input.language)
	const template = MAIL_TEMPLATES[input.template] as MailTemplate<TemplateData<K>>
	const rendered = template(input.data, t, input.language)
	const headers: Record<string, string> = { 'Auto-Submitted': 'auto-generated' }
	if (input.category !== 'security') headers['List-Unsubscribe'] = `<${input.origin}/settings>`
	const id = crypto.randomUUID()
	const now = new Date().toISOString()
	await executor
		.insertInto('mail_outbox')
		.values({
			id,
			to_address: input.to,
			to_user_id: input.toUserId ?? null,
			language: input.language,
			category: input.category,
			template: input.template,
			subject: rendered.subject,
			text: rendered.text,
			html: rendered.html,
			attachments: input.attachments?.length
				? JSON.stringify(
						input.attachments.map((file) => ({
							filename: file.filename,
							contentType: file.contentType,
							content: Buffer.from(file.content).toString('base64'),
						})),
					)
				: null,
			headers: JSON.stringify(headers),
			status: mailIsKept() ? 'kept' : 'queued',
			next_attempt_at: now,
			caused_by: input.causedBy ?? null,
			about: input.about ?? null,
			created_at: now,
		})
		.execute()
	wakeMailSender()
	return id
}

const StoredAttachments = z
	.array(z.object({ filename: z.string(), contentType: z.string(), content: z.string() }))
	.nullable()
	.transform((files) => (files ?? []).map((file) => ({ ...file, content: Buffer.from(file.content, 'base64') })))

export function parseAttachments(value: string | null) {
	return StoredAttachments.parse(value === null ? null : JSON.parse(value))
}

export function parseHeaders(value: string) {
	return z.record(z.string(), z.string()).parse(JSON.parse(value))
}

// -------------------------------------------------------------------------------------------------
// Reading: the "Sent mail" pages. Staff read every message; everyone else the messages sent to them.

export type MailFilter = { address?: string; status?: MailStatusName }

const PAGE_SIZE = 100

function visibleTo(viewer: Viewer) {
	return db
		.selectFrom('mail_outbox')
		.$if(!viewer.isStaff, (query) => query.where((eb) => eb.or([eb('to_user_id', '=', viewer.id), eb('to_address', '=', viewer.email)])))
}

export async function listMail(viewer: Viewer, filter: MailFilter = {}) {
	return visibleTo(viewer)
		.select(['id', 'to_address', 'subject', 'status', 'category', 'created_at', 'sent_at', 'last_error', 'caused_by', 'attempts'])
		.$if(Boolean(filter.address), (query) =>
			query.where(sql<boolean>`lower(${sql.ref('to_address')}) like ${`%${escapeLike(filter.address!.toLowerCase())}%`} escape '\\'`),
		)
		.$if(Boolean(filter.status), (query) =>
			filter.status === 'queued' ? query.where('status', 'in', ['queued', 'sending']) : query.where('status', '=', filter.status!),
		)
		.orderBy('created_at', 'desc')
		.orderBy('id')
		.limit(PAGE_SIZE)
		.execute()
}

export async function getMail(viewer: Viewer, id: string): Promise<MailMessage | undefined> {
	return visibleTo(viewer).selectAll().where('id', '=', id).executeTakeFirst()
}

/** Whether the viewer sees why a message was not delivered: staff, and whoever caused it. */
export function seesDeliveryError(viewer: Viewer, message: { caused_by: string | null }) {
	return viewer.isStaff || message.caused_by === viewer.id
}

function escapeLike(value: string) {
	return value.replace(/[\\%_]/g, (char) => `\\${char}`)
}
