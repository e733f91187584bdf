/**
 * The sender: delivers the outbox's due messages over SMTP (nodemailer).
 *
 * - `deliverDueMail` is one pass: it claims due messages atomically (one UPDATE … WHERE id IN
 *   (due messages) RETURNING — `FOR UPDATE SKIP LOCKED` on PostgreSQL, SQLite's single writer
 *   otherwise), so several passes, workers or app servers never send one message twice; it sends
 *   each and marks it sent, or schedules a retry, or marks it failed.
 * - A transient failure (no connection, a timeout, a 4xx answer) is retried with exponential
 *   backoff: 1 minute, doubling, at most 6 hours apart, 10 attempts in all. A 5xx answer is
 *   permanent: the message is `failed` with the server's answer, shown on the Sent mail page.
 * - A claim lasts a few minutes: a worker that dies mid-send leaves its messages to be claimed
 *   again when the claim runs out.
 * - `startMailSender` runs passes in the background, one loop per app process (entry.server.tsx
 *   starts it; the tests start passes themselves). `npm run mail:send` runs one pass by hand.
 */
import os from 'node:os'
import nodemailer, { type Transporter } from 'nodemailer'
import { parseAttachments, parseHeaders } from '#app/features/mail/outbox.server.ts'
import { onMailQueued } from '#app/features/mail/sender-wake.server.ts'
import { db, skippingLocked } from '#app/utils/db.server.ts'
import { env } from '#app/utils/env.server.ts'
import type { MailMessage } from '#db/schema.ts'

export const DELIVERY = {
	maxAttempts: 10,
	firstRetryMs: 60 * 1000,
	maxRetryMs: 6 * 60 * 60 * 1000,
	claimMs: 5 * 60 * 1000,
	batch: 20,
	pollMs: 5000,
}

/** How long to wait before attempt `attempts + 1`, after `attempts` failed ones. */
export function retryDelayMs(attempts: number) {
	return Math.min(DELIVERY.firstRetryMs * 2 ** Math.max(0, attempts - 1), DELIVERY.maxRetryMs)
}

let configuredTransport: Transporter | undefined
function transportFromEnv() {
	if (!env.SMTP_URL) return null
	configuredTransport ??= createTransport(env.SMTP_URL)
	return configuredTransport
}

/** An SMTP transport for smtp:// (STARTTLS when offered) or smtps:// URLs, with timeouts. */
export function createTransport(url: string): Transporter {
	const parsed = new URL(url)
	return nodemailer.createTransport({
		host: parsed.hostname,
		port: Number(parsed.port || (parsed.protocol === 'smtps:' ? 465 : 587)),
		secure: parsed.protocol === 'smtps:',
		auth: parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined,
		connectionTimeout: 10_000,
		greetingTimeout: 10_000,
		socketTimeout: 30_000,
	})
}

const defaultWorker = `${os.hostname()}:${process.pid}`

/** Claims up to `limit` due messages for `workerId`: each is claimed by one pass only. */
export async function claimDueMail(workerId: string, now: Date, limit = DELIVERY.batch): Promise<MailMessage[]> {
	const at = now.toISOString()
	const due = skippingLocked(
		db
			.selectFrom('mail_outbox')
			.select('id')
			.where((eb) =>
				eb.or([
					eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', at)]),
					// A claim that ran out: its worker died mid-send.
					eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', at)]),
				]),
			)
			.orderBy('next_attempt_at')
			.limit(limit),
	)
	return db
		.updateTable('mail_outbox')
		.set((eb) => ({
			status: 'sending',
			claimed_by: workerId,
			claimed_until: new Date(now.getTime() + DELIVERY.claimMs).toISOString(),
			attempts: eb('attempts', '+', 1),
		}))
		.where('id', 'in', due)
		.returningAll()
		.execute()
}

export type DeliveryResult = { sent: number; retrying: number; failed: number }

/**
 * One delivery pass: claims due messages and sends them. Without a transport (no SMTP_URL) there
 * is nothing to send: messages are kept when queued.
 */
export async function deliverDueMail(
	options: { transport?: Transporter | null; workerId?: string; now?: () => Date; limit?: number } = {},
): Promise<DeliveryResult> {
	const transport = options.transport === undefined ? transportFromEnv() : options.transport
	const result: DeliveryResult = { sent: 0, retrying: 0, failed: 0 }
	if (!transport) return result
	const now = options.now ?? (() => new Date())
	const workerId = options.workerId ?? defaultWorker
	const claimed = await claimDueMail(workerId, now(), options.limit)
	for (const message of claimed) {
		const outcome = await sendOne(transport, message)
		const mine = db.updateTable('mail_outbox').where('id', '=', message.id).where('claimed_by', '=', workerId)
		if (outcome.ok) {
			await mine.set({ status: 'sent', sent_at: now().toISOString(), last_error: null, claimed_by: null, claimed_until: null }).execute()
			result.sent++
		} else if (outcome.permanent || message.attempts >= DELIVERY.maxAttempts) {
			await mine.set({ status: 'failed', last_error: outcome.error, claimed_by: null, claimed_until: null }).execute()
			result.failed++
		} else {
			await mine
				.set({
					status: 'queued',
					last_error: outcome.error,
					next_attempt_at: new Date(now().getTime() + retryDelayMs(message.attempts)).toISOString(),
					claimed_by: null,
					claimed_until: null,
				})
				.execute()
			result.retrying++
		}
	}
	return result
}

async function sendOne(
	transport: Transporter,
	message: MailMessage,
): Promise<{ ok: true } | { ok: false; permanent: boolean; error: string }> {
	try {
		await transport.sendMail({
			from: env.MAIL_FROM,
			to: message.to_address,
			subject: message.subject,
			text: message.text,
			html: message.html,
			headers: { ...parseHeaders(message.headers), 'Content-Language': message.language },
			attachments: parseAttachments(message.attachments),
		})
		return { ok: true }
	} catch (error) {
		const responseCode = (error as { responseCode?: unknown }).responseCode
		const text = (error instanceof Error ? error.message : String(error)).slice(0, 1000)
		return { ok: false, permanent: typeof responseCode === 'number' && responseCode >= 500, error: text }
	}
}

declare global {
	var __academyMailSender: { stop: () => void } | undefined
}

/**
 * Runs delivery passes in the background for this process: every few seconds, and a moment after
 * a message is queued here. Started once per process (a dev reload keeps the running one). Without
 * SMTP_URL it does not start: mail is kept and read in the app.
 */
export function startMailSender() {
	if (globalThis.__academyMailSender) return globalThis.__academyMailSender.stop
	if (!transportFromEnv()) return () => {}
	let timer: NodeJS.Timeout | undefined
	let running = false
	let again = false
	let stopped = false
	const schedule = (ms: number) => {
		if (stopped) return
		clearTimeout(timer)
		timer = setTimeout(pass, ms).unref()
	}
	const pass = async () => {
		if (running) {
			again = true
			return
		}
		running = true
		try {
			// A full batch may mean more are due: go on at once.
			let result: DeliveryResult
			do result = await deliverDueMail()
			while (!stopped && result.sent + result.retrying + result.failed >= DELIVERY.batch)
		} catch (error) {
			console.error(`Mail delivery pass failed (will try again): ${error instanceof Error ? error.message : String(error)}`)
		} finally {
			running = false
			schedule(again ? 0 : DELIVERY.pollMs)
			again = false
		}
	}
	onMailQueued(() => schedule(200))
	schedule(1000)
	const stop = () => {
		stopped = true
		clearTimeout(timer)
		onMailQueued(null)
		globalThis.__academyMailSender = undefined
	}
	globalThis.__academyMailSender = { stop }
	return stop
}
