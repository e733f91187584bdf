import { afterEach, describe, expect, test, vi } from 'vitest'

// Mail is sent (not kept) in these tests: an SMTP server is configured. Each pass is given a
// transport to the test's own server.
vi.hoisted(() => {
	process.env.SMTP_URL = 'smtp://127.0.0.1:25'
	process.env.APP_ORIGIN = 'https://academy.example.org'
})

import { queueMail } from '#app/features/mail/outbox.server.ts'
import { createTransport, deliverDueMail, DELIVERY } from '#app/features/mail/sender.server.ts'
import { loader as mailLoader } from '#app/routes/mail._index.tsx'
import { loader as messageLoader } from '#app/routes/mail.$messageId.tsx'
import { db } from '#app/utils/db.server.ts'
import { requestAs, routeArgs, run } from '#tests/helpers.ts'
import { freePort, startSmtpServer } from '#tests/smtp.ts'

const origin = 'https://academy.example.org'
const closers: Array<() => Promise<void>> = []
afterEach(async () => {
	while (closers.length) await closers.pop()!()
	await db.deleteFrom('mail_outbox').execute()
})

function resetMail(to: string, name = 'Ana Pérez', language: 'en' | 'es' = 'es') {
	return queueMail(db, {
		to,
		language,
		template: 'password-reset',
		data: { name, resetUrl: `${origin}/reset-password/abc`, expiresAt: '2026-12-04T15:00:00.000Z', sentByStaff: false },
		category: 'security',
		origin,
	})
}

async function statusOf(id: string) {
	return db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}

describe('the outbox', () => {
	test('a message is saved with the change that causes it, or not at all', async () => {
		await resetMail('rolled.back@example.org')
		await expect(
			db.transaction().execute(async (trx) => {
				await queueMail(trx, {
					to: 'rolled.back@example.org',
					language: 'en',
					template: 'password-changed',
					data: { name: 'A', changedAt: '2026-12-04T10:00:00.000Z', how: 'settings', forgotUrl: `${origin}/forgot-password` },
					category: 'security',
					origin,
				})
				throw new Error('the change fails')
			}),
		).rejects.toThrow('the change fails')
		const rows = await db.selectFrom('mail_outbox').select('template').where('to_address', '=', 'rolled.back@example.org').execute()
		// Only the message queued outside the failed transaction is there.
		expect(rows.map((row) => row.template)).toEqual(['password-reset'])
	})

	test('it is rendered in the recipient’s language, text and accessible HTML, List-Unsubscribe except on security mail', async () => {
		const id = await resetMail('ana@example.org')
		const row = await statusOf(id)
		expect(row.status).toBe('queued')
		expect(row.subject).toBe('Elija una contraseña nueva — Academia PAN')
		expect(row.text).toContain('Hola, Ana Pérez:')
		expect(row.text).toContain(`${origin}/reset-password/abc`)
		expect(row.html).toContain('<html lang="es">')
		expect(row.html).toContain('<h1')
		expect(row.html).toContain(`<a href="${origin}/reset-password/abc"`)
		expect(row.html).not.toMatch(/<img|<script/i)
		expect(JSON.parse(row.headers)).not.toHaveProperty('List-Unsubscribe')

		const other = await queueMail(db, {
			to: 'ana@example.org',
			language: 'en',
			template: 'password-changed',
			data: { name: '<b>Ana</b>', changedAt: '2026-12-04T10:00:00.000Z', how: 'reset', forgotUrl: `${origin}/forgot-password` },
			category: 'notifications',
			origin,
		})
		const notification = await statusOf(other)
		expect(JSON.parse(notification.headers)).toMatchObject({ 'List-Unsubscribe': `<${origin}/settings>` })
		// What people typed is escaped in the HTML.
		expect(notification.html).toContain('&lt;b&gt;Ana&lt;/b&gt;')
		expect(notification.html).not.toContain('<b>Ana</b>')
		expect(notification.text).toContain('Hello <b>Ana</b>,')
	})

	test('SMTP down, then up: every queued message is delivered once, with its attachment and headers', async () => {
		const port = await freePort()
		const ids = [
			await resetMail('one@example.org'),
			await resetMail('two@example.org'),
			await resetMail('three@example.org', 'Three', 'en'),
		]
		await queueMail(db, {
			to: 'four@example.org',
			language: 'en',
			template: 'password-changed',
			data: { name: 'Four', changedAt: '2026-12-04T10:00:00.000Z', how: 'reset', forgotUrl: `${origin}/forgot-password` },
			category: 'notifications',
			attachments: [{ filename: 'convening.ics', contentType: 'text/calendar', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n' }],
			origin,
		})
		const transport = createTransport(`smtp://127.0.0.1:${port}`)

		const down = await deliverDueMail({ transport })
		expect(down).toEqual({ sent: 0, retrying: 4, failed: 0 })
		const waiting = await statusOf(ids[0]!)
		expect(waiting.status).toBe('queued')
		expect(waiting.attempts).toBe(1)
		expect(waiting.last_error).toMatch(/ECONNREFUSED|connect/i)
		expect(new Date(waiting.next_attempt_at).getTime()).toBeGreaterThan(Date.now() + DELIVERY.firstRetryMs - 5000)
		// Not due yet: a pass right away sends nothing.
		expect(await deliverDueMail({ transport })).toEqual({ sent: 0, retrying: 0, failed: 0 })

		const server = await startSmtpServer({ port })
		closers.push(server.close)
		const later = () => new Date(Date.now() + 2 * DELIVERY.firstRetryMs)
		expect(await deliverDueMail({ transport, now: later })).toEqual({ sent: 4, retrying: 0, failed: 0 })
		expect(await deliverDueMail({ transport, now: later })).toEqual({ sent: 0, retrying: 0, failed: 0 })
		expect(server.received.map((mail) => mail.envelopeTo[0]).sort()).toEqual([
			'four@example.org',
			'one@example.org',
			'three@example.org',
			'two@example.org',
		])
		const [one] = server.to('one@example.org')
		expect(one!.parsed.subject).toBe('Elija una contraseña nueva — Academia PAN')
		expect(one!.parsed.text).toContain(`${origin}/reset-password/abc`)
		expect(one!.parsed.html).toContain('lang="es"')
		// Security mail has no List-Unsubscribe (mailparser files List-* headers under "list": read the raw message).
		expect(one!.raw).not.toMatch(/^List-Unsubscribe:/im)
		const [four] = server.to('four@example.org')
		expect(four!.raw).toMatch(/^List-Unsubscribe: <https:\/\/academy\.example\.org\/settings>/m)
		expect(four!.parsed.attachments.map((file) => [file.filename, file.contentType, file.content.toString()])).toEqual([
			['convening.ics', 'text/calendar', 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n'],
		])
		const sent = await statusOf(ids[0]!)
		expect(sent.status).toBe('sent')
		expect(sent.sent_at).not.toBeNull()
		expect(sent.attempts).toBe(2)
	})

	test('a 5xx answer marks the message not delivered, and staff see why on the Sent mail pages', async () => {
		const server = await startSmtpServer({ reject: (address) => address === 'nobody@example.org' })
		closers.push(server.close)
		const id = await resetMail('nobody@example.org')
		const result = await deliverDueMail({ transport: createTransport(server.url) })
		expect(result).toEqual({ sent: 0, retrying: 0, failed: 1 })
		const row = await statusOf(id)
		expect(row.status).toBe('failed')
		expect(row.last_error).toContain('550')
		expect(server.received).toHaveLength(0)

		const list = await run(async () => mailLoader(routeArgs(await requestAs('staff@example.org', '/mail?status=failed'))))
		expect(list.status).toBe(200)
		const messages = (list.data as { messages: Array<{ id: string; status: string; error: string | null }> }).messages
		expect(messages.map((message) => message.id)).toEqual([id])
		expect(messages[0]!.error).toContain('550')
		const page = await run(async () => messageLoader(routeArgs(await requestAs('staff@example.org', `/mail/${id}`), { messageId: id })))
		expect(page.status).toBe(200)
		expect((page.data as { message: { status: string; error: string } }).message).toMatchObject({ status: 'failed' })
		expect((page.data as { message: { error: string } }).message.error).toContain('550')
		// The recipient has no account here; a delegate may not read it.
		const other = await run(async () =>
			messageLoader(routeArgs(await requestAs('delegate.pa@example.org', `/mail/${id}`), { messageId: id })),
		)
		expect(other.status).toBe(404)
	})

	test('two concurrent delivery passes never send one message twice', async () => {
		const server = await startSmtpServer()
		closers.push(server.close)
		const addresses = Array.from({ length: 30 }, (_, i) => `concurrent${i}@example.org`)
		for (const address of addresses) await resetMail(address)
		const transport = createTransport(server.url)
		const passes = async (workerId: string) => {
			let sent = 0
			for (;;) {
				const result = await deliverDueMail({ transport, workerId, limit: 4 })
				sent += result.sent
				if (!result.sent) return sent
			}
		}
		const [a, b] = await Promise.all([passes('worker-a'), passes('worker-b')])
		expect(a + b).toBe(30)
		expect(a).toBeGreaterThan(0)
		expect(b).toBeGreaterThan(0)
		const received = server.received.map((mail) => mail.envelopeTo[0]).sort()
		expect(received).toEqual([...addresses].sort())
		expect(new Set(received).size).toBe(30)
	})
})
