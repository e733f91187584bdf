import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'

// Mail is sent (not kept) here: an SMTP server is configured, and one test delivers to a real one.
vi.hoisted(() => {
	process.env.SMTP_URL = 'smtp://127.0.0.1:25'
	process.env.APP_ORIGIN = 'https://academy.example.org'
})

import { createTransport, deliverDueMail } from '#app/features/mail/sender.server.ts'
import { runScheduledWork } from '#app/features/notifications/scheduled.server.ts'
import * as assistance from '#app/routes/assistance.$requestId/route.tsx'
import * as notificationsRoute from '#app/routes/notifications.tsx'
import * as section from '#tests/roadmap-section.ts'
import * as settings from '#app/routes/settings.tsx'
import { loader as rootLoader } from '#app/root.tsx'
import { db } from '#app/utils/db.server.ts'
import { requestAs, routeArgs, run, userIdFor } from '#tests/helpers.ts'
import { startSmtpServer } from '#tests/smtp.ts'

/**
 * Notifications end to end, through the pages' own loaders and actions: what causes one, who is told
 * (never the person who did it), in which language, how it reaches them by mail per their settings
 * (right away, batched hourly for comments, a daily digest, off), the notifications page and the
 * header's count.
 */
const origin = 'https://academy.example.org'
const STAFF = 'staff@example.org'
const FACILITATOR = 'facilitator@example.org'
const LEAD = 'delegate.pa@example.org'
const MEMBER = 'pa2@example.org'
const REQUEST = 'ta-pa-costing'

const closers: Array<() => Promise<void>> = []
let started = new Date().toISOString()
beforeEach(() => {
	started = new Date().toISOString()
})
// Each test starts from the seeded Academy: what one test caused is gone before the next.
afterEach(async () => {
	while (closers.length) await closers.pop()!()
	await db.deleteFrom('notifications').execute()
	await db.deleteFrom('notification_settings').execute()
	await db.deleteFrom('notification_mailings').execute()
	await db.deleteFrom('mail_outbox').execute()
	await db.deleteFrom('roadmap_comments').where('created_at', '>=', started).execute()
	await db.deleteFrom('assistance_events').where('request_id', '=', REQUEST).where('created_at', '>=', started).execute()
	await db
		.updateTable('assistance_requests')
		.set({ status: 'open', assignee_id: null, scheduled_for: null })
		.where('id', '=', REQUEST)
		.execute()
	await db.updateTable('users').set({ language: 'es' }).where('email', '=', MEMBER).execute()
})

async function panamaMembers() {
	const rows = await db
		.selectFrom('delegation_members as m')
		.innerJoin('users as u', 'u.id', 'm.user_id')
		.select(['u.id', 'u.email'])
		.where('m.delegation_id', '=', 'panama-2025-pa')
		.execute()
	return rows
}

async function notificationsOf(email: string) {
	return db
		.selectFrom('notifications')
		.selectAll()
		.where('user_id', '=', await userIdFor(email))
		.orderBy('created_at')
		.execute()
}

async function mailTo(email: string) {
	return db
		.selectFrom('mail_outbox')
		.selectAll()
		.where('to_address', '=', email)
		.where('template', '=', 'notifications')
		.orderBy('created_at')
		.execute()
}

async function triage(email: string, form: Record<string, string>) {
	const request = await requestAs(email, `/assistance/${REQUEST}`, { form })
	return run(() => assistance.action(routeArgs(request, { requestId: REQUEST })))
}

async function comment(email: string, body: string, sectionName = 'strategic-design') {
	const request = await requestAs(email, `/roadmaps/panama-2025-pa/${sectionName}`, { form: { intent: 'comment', body } })
	const result = await run(() => section.action(routeArgs(request, { delegationId: 'panama-2025-pa', section: sectionName })))
	expect(result.status).toBe(302)
	return Number(result.response!.headers.get('Location')!.split('#comment-')[1])
}

async function saveSettings(email: string, form: Record<string, string>) {
	const request = await requestAs(email, '/settings', { form: { intent: 'notifications', ...form } })
	return run(() => settings.action(routeArgs(request)))
}

async function notificationsPage(email: string, language?: 'en' | 'es') {
	const request = await requestAs(email, `/notifications${language ? `?lng=${language}` : ''}`)
	const result = await run(() => notificationsRoute.loader(routeArgs(request)))
	expect(result.status).toBe(200)
	return result.data as { items: Array<{ id: string; title: string; lines: string[]; path: string; read: boolean }>; unread: number }
}

async function headerCount(email: string) {
	const request = await requestAs(email, '/home')
	const result = await run(() => rootLoader(routeArgs(request)))
	return (result.data as { viewer: { unread: number } }).viewer.unread
}

describe('technical assistance', () => {
	test('a status change tells every member of the delegation, in their language, by mail right away — not the person who made it', async () => {
		const scheduled = await triage(STAFF, { intent: 'status', to: 'scheduled', scheduledFor: '2027-01-20' })
		expect(scheduled.status).toBe(302)
		const members = await panamaMembers()
		expect(members.length).toBeGreaterThanOrEqual(2)
		for (const member of members) {
			const [notification] = await notificationsOf(member.email)
			expect(notification).toMatchObject({ kind: 'assistance-status', category: 'assistance', read_at: null, mail: 'sent' })
			const [mail] = await mailTo(member.email)
			expect(mail!.id).toBe(notification!.mail_id)
			expect(mail!.status).toBe('queued')
			expect(mail!.language).toBe('es')
			expect(mail!.subject).toBe('Asistencia técnica «Presupuesto con enfoque de género»: Programada — Academia PAN')
			expect(mail!.text).toContain('Programada para el 20 de enero de 2027.')
			expect(mail!.text).toContain(`${origin}/assistance/${REQUEST}`)
			expect(mail!.text).toContain(`${origin}/settings#notifications`)
			expect(JSON.parse(mail!.headers)).toMatchObject({ 'List-Unsubscribe': `<${origin}/settings>` })
		}
		expect(await notificationsOf(STAFF)).toEqual([])
	})

	test('a message from the Academy tells the delegation; its answer tells the person the request is assigned to; an internal note tells nobody', async () => {
		expect((await triage(STAFF, { intent: 'assign', assigneeId: await userIdFor(FACILITATOR) })).status).toBe(302)
		const [assigned] = await notificationsOf(FACILITATOR)
		expect(assigned).toMatchObject({ kind: 'assistance-assigned' })

		expect((await triage(FACILITATOR, { intent: 'message', body: '¿Pueden compartir el borrador del presupuesto?' })).status).toBe(302)
		const [toLead] = (await notificationsOf(LEAD)).filter((n) => n.kind === 'assistance-message')
		expect(JSON.parse(toLead!.data)).toMatchObject({
			byName: 'Fernando Ficticio',
			excerpt: '¿Pueden compartir el borrador del presupuesto?',
		})

		expect((await triage(LEAD, { intent: 'message', body: 'Sí, lo adjuntamos mañana.' })).status).toBe(302)
		const toFacilitator = (await notificationsOf(FACILITATOR)).filter((n) => n.kind === 'assistance-message')
		expect(toFacilitator.map((n) => JSON.parse(n.data).byName)).toEqual(['Patricia Prueba'])
		// The lead's own message is not news to the lead's delegation partner through this path, nor to the lead.
		expect((await notificationsOf(LEAD)).filter((n) => n.kind === 'assistance-message')).toHaveLength(1)

		const before = await db
			.selectFrom('notifications')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow()
		expect((await triage(FACILITATOR, { intent: 'note', body: 'Nota interna: revisar con el equipo.' })).status).toBe(302)
		const after = await db
			.selectFrom('notifications')
			.select((eb) => eb.fn.countAll<number>().as('n'))
			.executeTakeFirstOrThrow()
		expect(Number(after.n)).toBe(Number(before.n))
	})

	test('a refused status change makes no notification and no mail', async () => {
		const refused = await triage(STAFF, { intent: 'status', to: 'open' })
		expect(refused.status).toBe(409)
		expect(await notificationsOf(LEAD)).toEqual([])
		expect(await mailTo(LEAD)).toEqual([])
	})
})

describe('mail settings', () => {
	test('off: listed in the app, never mailed; daily: one digest a day after the digest hour, whatever the number', async () => {
		expect((await saveSettings(LEAD, { assistance: 'off', comments: 'daily', prework: 'immediate' })).status).toBe(200)
		expect((await saveSettings(MEMBER, { assistance: 'daily', comments: 'daily' })).status).toBe(200)

		await triage(STAFF, { intent: 'status', to: 'in_progress' })
		await comment(FACILITATOR, 'Revisen el indicador 2.1, por favor.')
		await comment(FACILITATOR, 'Y la línea de base del objetivo 3.')

		const lead = await notificationsOf(LEAD)
		expect(lead.map((n) => [n.kind, n.mail])).toEqual([
			['assistance-status', 'off'],
			['comment', 'pending'],
			['comment', 'pending'],
		])
		expect(await mailTo(LEAD)).toEqual([])

		const morning = new Date(Date.now() + 86_400_000)
		morning.setUTCHours(9, 0, 0, 0)
		// Before the digest hour (12 UTC): nothing yet. Comment batching does not touch "daily" categories
		// (the delegation's other members, who kept "right away", get their comment mail).
		expect(await runScheduledWork({ now: morning, origin })).toMatchObject({ dailyDigests: 0 })
		expect(await mailTo(LEAD)).toEqual([])
		expect(await mailTo(MEMBER)).toEqual([])
		const noon = new Date(morning)
		noon.setUTCHours(12, 30)
		const first = await runScheduledWork({ now: noon, origin })
		expect(first.dailyDigests).toBe(2)
		expect(await runScheduledWork({ now: new Date(noon.getTime() + 3_600_000), origin })).toMatchObject({ dailyDigests: 0 })

		const [leadDigest] = await mailTo(LEAD)
		expect(leadDigest!.subject).toBe('Su resumen diario: 2 novedades — Academia PAN')
		expect(leadDigest!.text).toContain('Revisen el indicador 2.1, por favor.')
		expect(leadDigest!.text).toContain('Y la línea de base del objetivo 3.')
		expect(leadDigest!.text).not.toContain('Asistencia técnica «') // assistance is off for the lead
		const [memberDigest] = await mailTo(MEMBER)
		expect(memberDigest!.subject).toBe('Su resumen diario: 3 novedades — Academia PAN')

		// The next day, something new: the next digest carries only that.
		await comment(FACILITATOR, 'Un comentario más.')
		const nextNoon = new Date(noon.getTime() + 86_400_000 + 60_000)
		expect(await runScheduledWork({ now: nextNoon, origin })).toMatchObject({ dailyDigests: 2 })
		const leadMail = await mailTo(LEAD)
		expect(leadMail).toHaveLength(2)
		expect(leadMail[1]!.subject).toBe('Su resumen diario: 1 novedad — Academia PAN')
	})

	test('the settings form refuses what is not one of its options, and keeps what was saved', async () => {
		expect((await saveSettings(LEAD, { assistance: 'daily' })).status).toBe(200)
		expect((await saveSettings(LEAD, { assistance: 'hourly' })).status).toBe(400)
		expect((await saveSettings(LEAD, { quietDays: '7' })).status).toBe(400)
		const request = await requestAs(LEAD, '/settings')
		const page = (await run(() => settings.loader(routeArgs(request)))).data as {
			notifications: Array<{ category: string; mail: string }>
		}
		expect(page.notifications.find((c) => c.category === 'assistance')!.mail).toBe('daily')
		// A delegate before the convening has no facilitator's digest nor alumni reminders to set.
		expect(page.notifications.map((c) => c.category)).toEqual(['assistance', 'comments', 'prework'])
	})
})

describe('comments', () => {
	test('comment mail is batched: the first goes out at the next pass, the rest wait for the hour, then come in one mail', async () => {
		const t0 = new Date(Date.now() + 60_000)
		const first = await comment(FACILITATOR, 'Buen avance en el diseño estratégico.')
		expect(await mailTo(MEMBER)).toEqual([])
		expect((await runScheduledWork({ now: t0, origin })).batchMails).toBeGreaterThanOrEqual(2)
		const [one] = await mailTo(MEMBER)
		expect(one!.subject).toBe('Fernando Ficticio comentó en Diseño estratégico — hoja de ruta de Panamá — Academia PAN')
		expect(one!.text).toContain(`${origin}/roadmaps/panama-2025-pa/strategic-design#comment-${first}`)

		await comment(FACILITATOR, 'Falta la institución responsable de la acción 1.2.')
		await comment(FACILITATOR, '¿Y el cronograma?')
		const halfHour = new Date(t0.getTime() + 30 * 60_000)
		expect((await runScheduledWork({ now: halfHour, origin })).batchMails).toBe(0)
		expect(await mailTo(MEMBER)).toHaveLength(1)

		// An hour on, two passes at once (two workers): one mail between them.
		const hourLater = new Date(t0.getTime() + 61 * 60_000)
		const passes = await Promise.all([runScheduledWork({ now: hourLater, origin }), runScheduledWork({ now: hourLater, origin })])
		expect(passes[0].batchMails + passes[1].batchMails).toBeGreaterThanOrEqual(2)
		const mails = await mailTo(MEMBER)
		expect(mails).toHaveLength(2)
		expect(mails[1]!.subject).toBe('2 comentarios nuevos en su hoja de ruta — Academia PAN')
		expect(mails[1]!.text).toContain('Falta la institución responsable de la acción 1.2.')
		expect(mails[1]!.text).toContain('¿Y el cronograma?')
		// The facilitator who wrote them is told nothing.
		expect(await notificationsOf(FACILITATOR)).toEqual([])
	})

	test('a reply tells whoever wrote in the thread — a facilitator too — and the delegation, never its author', async () => {
		const started = await comment(FACILITATOR, 'Propongo revisar la meta del indicador.')
		const request = await requestAs(LEAD, '/roadmaps/panama-2025-pa/strategic-design', {
			form: { intent: 'reply', commentId: String(started), body: 'De acuerdo, la ajustamos.' },
		})
		expect(
			(await run(() => section.action(routeArgs(request, { delegationId: 'panama-2025-pa', section: 'strategic-design' })))).status,
		).toBe(302)
		const [toFacilitator] = await notificationsOf(FACILITATOR)
		expect(JSON.parse(toFacilitator!.data)).toMatchObject({ reply: true, byName: 'Patricia Prueba', excerpt: 'De acuerdo, la ajustamos.' })
		expect((await notificationsOf(MEMBER)).map((n) => JSON.parse(n.data).reply)).toEqual([false, true])
		expect((await notificationsOf(LEAD)).map((n) => JSON.parse(n.data).reply)).toEqual([false])
	})
})

describe('the notifications page and the header', () => {
	test('lists one’s own notifications in one’s language, counts the unread in the header, and opening one marks it read', async () => {
		await triage(STAFF, { intent: 'status', to: 'in_progress' })
		await comment(FACILITATOR, 'Revisemos juntos el presupuesto.')
		expect(await headerCount(LEAD)).toBe(2)
		const spanish = await notificationsPage(LEAD)
		expect(spanish.unread).toBe(2)
		expect(spanish.items.map((i) => i.title)).toEqual([
			'Fernando Ficticio comentó en Diseño estratégico — hoja de ruta de Panamá',
			'Asistencia técnica «Presupuesto con enfoque de género»: En curso',
		])

		const open = await requestAs(LEAD, '/notifications', { form: { intent: 'open', id: spanish.items[1]!.id } })
		const opened = await run(() => notificationsRoute.action(routeArgs(open)))
		expect(opened.status).toBe(302)
		expect(opened.response!.headers.get('Location')).toBe(`/assistance/${REQUEST}`)
		expect(await headerCount(LEAD)).toBe(1)
		expect((await notificationsPage(LEAD)).items.map((i) => i.read)).toEqual([false, true])

		// Someone else's notification is not found, and stays unread.
		const theirs = (await notificationsPage(MEMBER)).items[0]!
		const stolen = await requestAs(LEAD, '/notifications', { form: { intent: 'open', id: theirs.id } })
		expect((await run(() => notificationsRoute.action(routeArgs(stolen)))).status).toBe(404)
		expect(await headerCount(MEMBER)).toBe(2)
		const nonsense = await requestAs(LEAD, '/notifications', { form: { intent: 'open', id: 'not-an-id' } })
		expect((await run(() => notificationsRoute.action(routeArgs(nonsense)))).status).toBe(400)

		const all = await requestAs(MEMBER, '/notifications', { form: { intent: 'markAllRead' } })
		expect(await run(() => notificationsRoute.action(routeArgs(all)))).toMatchObject({ status: 200, data: { marked: 2 } })
		expect(await headerCount(MEMBER)).toBe(0)
	})

	test('a notification reads in the reader’s language, whatever the language of the person who caused it', async () => {
		await db.updateTable('users').set({ language: 'en' }).where('email', '=', MEMBER).execute()
		await triage(STAFF, { intent: 'status', to: 'in_progress' })
		const request = await requestAs(MEMBER, '/notifications')
		const english = (await run(() => notificationsRoute.loader(routeArgs(request)))).data as { items: Array<{ title: string }> }
		expect(english.items[0]!.title).toBe('Technical assistance “Gender budgeting”: In progress')
		const [mail] = await mailTo(MEMBER)
		expect(mail!.language).toBe('en')
		expect(mail!.subject).toBe('Technical assistance “Gender budgeting”: In progress — NAP Academy')
	})

	test('the mail reaches a real SMTP server, plain text and HTML, with List-Unsubscribe', async () => {
		const server = await startSmtpServer()
		closers.push(server.close)
		await triage(STAFF, { intent: 'status', to: 'in_progress' })
		expect((await deliverDueMail({ transport: createTransport(server.url) })).sent).toBeGreaterThanOrEqual(2)
		const [received] = server.to(LEAD)
		expect(received!.parsed.subject).toBe('Asistencia técnica «Presupuesto con enfoque de género»: En curso — Academia PAN')
		expect(received!.parsed.text).toContain('Cambio hecho por Sofía Ejemplo.')
		expect(received!.parsed.html).toContain('<html lang="es">')
		expect(received!.raw).toContain(`List-Unsubscribe: <${origin}/settings>`)
	})
})
