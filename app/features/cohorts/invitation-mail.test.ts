import { afterEach, describe, expect, test, vi } from 'vitest'

// Mail is sent (not kept): an SMTP server is configured; each delivery pass is given a transport
// to the test's own server.
vi.hoisted(() => {
	process.env.SMTP_URL = 'smtp://127.0.0.1:25'
	process.env.APP_ORIGIN = 'https://academy.example.org'
})

import ICAL from 'ical.js'
import { createTransport, deliverDueMail } from '#app/features/mail/sender.server.ts'
import { db } from '#app/utils/db.server.ts'
import { requestAs, routeArgs, run } from '#tests/helpers.ts'
import { startSmtpServer } from '#tests/smtp.ts'

const params = { cohortId: 'panama-2025', delegationId: 'panama-2025-cr' }
const closers: Array<() => Promise<void>> = []
afterEach(async () => {
	while (closers.length) await closers.pop()!()
})

async function delegationAction(form: Record<string, string>) {
	const { action } = await import('#app/routes/cohorts.$cohortId.delegations.$delegationId/route.tsx')
	const request = await requestAs('facilitator@example.org', `/cohorts/${params.cohortId}/delegations/${params.delegationId}`, { form })
	return run(() => action(routeArgs(request, params)))
}

type ListedInvitation = { email: string; mail: { status: string; error: string | null } | null }

async function invitationList() {
	const { loader } = await import('#app/routes/cohorts.$cohortId.delegations.$delegationId/route.tsx')
	const request = await requestAs('facilitator@example.org', `/cohorts/${params.cohortId}/delegations/${params.delegationId}`)
	const result = await run(() => loader(routeArgs(request, params)))
	expect(result.status).toBe(200)
	return (result.data as { invitations: ListedInvitation[] }).invitations
}

async function mailOf(email: string) {
	return (await invitationList()).find((invitation) => invitation.email === email)?.mail
}

async function outboxCount() {
	const row = await db
		.selectFrom('mail_outbox')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.executeTakeFirstOrThrow()
	return Number(row.n)
}

const ymd = (time: ICAL.Time) => `${time.year}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`

function conveningIn(ics: string) {
	const calendar = new ICAL.Component(ICAL.parse(ics))
	expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH')
	const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!)
	return { summary: event.summary, start: ymd(event.startDate), end: ymd(event.endDate), allDay: event.startDate.isDate }
}

describe('invitations sent by mail', () => {
	test('a roster of two: each invitee gets a mail in their language, with the link and the convening as an .ics', async () => {
		const server = await startSmtpServer()
		closers.push(server.close)
		const cohort = await db.selectFrom('cohorts').selectAll().where('id', '=', params.cohortId).executeTakeFirstOrThrow()
		// Costa Rica's delegation: a new invitee reads Spanish; the Trinidad and Tobago alumna's account is in English.
		const result = await delegationAction({
			intent: 'roster',
			roster: 'name,email,sector\nInés Correo,ines.correo@example.org,government\nAlumna TT,alumni.tt@example.org,civil society',
		})
		expect(result.status).toBe(200)
		expect((result.data as { message: string }).message).toBe('invitations.mailQueued')
		expect(await mailOf('ines.correo@example.org')).toEqual({ status: 'queued', error: null })

		expect(await deliverDueMail({ transport: createTransport(server.url) })).toEqual({ sent: 2, retrying: 0, failed: 0 })

		const [spanish] = server.to('ines.correo@example.org')
		expect(spanish!.parsed.subject).toBe('Su invitación a la delegación de Costa Rica — Academia PAN')
		expect(spanish!.parsed.text).toContain('Hola, Inés Correo:')
		expect(spanish!.parsed.text).toContain(`le invita a sumarse a la delegación de Costa Rica en la Academia PAN (${cohort.name})`)
		expect(spanish!.parsed.text).toMatch(/https:\/\/academy\.example\.org\/invite\/[A-Za-z0-9_-]{20,}/)
		expect(spanish!.parsed.html).toContain('lang="es"')
		const [english] = server.to('alumni.tt@example.org')
		expect(english!.parsed.subject).toBe('Your invitation to the Costa Rica delegation — NAP Academy')
		expect(english!.parsed.text).toContain(`invites you to join the Costa Rica delegation at the NAP Academy (${cohort.name})`)
		expect(english!.parsed.text).toContain('This personal link works once, until')

		const dayAfterEnd = new Date(Date.parse(`${cohort.end_date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
		for (const mail of [spanish!, english!]) {
			const [file] = mail.parsed.attachments
			expect(file!.contentType).toBe('text/calendar')
			expect(file!.filename).toMatch(/\.ics$/)
			expect(mail.raw).toMatch(/Content-Type: text\/calendar; ?method=PUBLISH/i)
			const event = conveningIn(file!.content.toString('utf8'))
			expect(event).toMatchObject({ start: cohort.start_date, end: dayAfterEnd, allDay: true })
		}
		expect(conveningIn(spanish!.parsed.attachments[0]!.content.toString('utf8')).summary).toContain(cohort.name)

		expect(await mailOf('ines.correo@example.org')).toEqual({ status: 'sent', error: null })
		expect(await mailOf('alumni.tt@example.org')).toEqual({ status: 'sent', error: null })

		// Accepting through the link in the mail: the list says "accepted".
		const token = spanish!.parsed.text!.match(/\/invite\/([A-Za-z0-9_-]{20,})/)![1]!
		const { action: accept } = await import('#app/routes/invite.$token/route.tsx')
		const acceptRequest = await requestAs(null, `/invite/${token}`, {
			form: {
				intent: 'create',
				name: 'Inés Correo',
				password: 'una contraseña larga 2026',
				confirmPassword: 'una contraseña larga 2026',
				language: 'es',
				sector: 'government',
			},
		})
		const accepted = await run(() => accept(routeArgs(acceptRequest, { token })))
		expect(accepted.status).toBe(302)
		expect(await mailOf('ines.correo@example.org')).toEqual({ status: 'accepted', error: null })
		expect(await mailOf('alumni.tt@example.org')).toEqual({ status: 'sent', error: null })
	})

	test('a refused roster queues no mail', async () => {
		const before = await outboxCount()
		const result = await delegationAction({
			intent: 'roster',
			roster: 'name,email,sector\nGood Row,good.row@example.org,government\nBad Row,bad@,government',
		})
		expect(result.status).toBe(400)
		expect(await outboxCount()).toBe(before)
		expect(await mailOf('good.row@example.org')).toBeUndefined()
	})

	test('a 550 for one address: that invitation shows "not delivered" with the server’s answer; a re-issued link is mailed again', async () => {
		const server = await startSmtpServer({ reject: (address) => address === 'nobody.cr@example.org' })
		closers.push(server.close)
		const one = await delegationAction({ intent: 'inviteOne', name: 'Nadie', email: 'nobody.cr@example.org', sector: 'government' })
		expect(one.status).toBe(200)
		const two = await delegationAction({ intent: 'inviteOne', name: 'Rita', email: 'rita.cr@example.org', sector: 'academia' })
		expect(two.status).toBe(200)
		expect(await deliverDueMail({ transport: createTransport(server.url) })).toEqual({ sent: 1, retrying: 0, failed: 1 })

		const failed = await mailOf('nobody.cr@example.org')
		expect(failed!.status).toBe('failed')
		expect(failed!.error).toContain('550')
		expect(await mailOf('rita.cr@example.org')).toEqual({ status: 'sent', error: null })

		// Re-issuing Rita's invitation mails her the new link; the old one is revoked.
		const rita = await db.selectFrom('invitations').select('id').where('email', '=', 'rita.cr@example.org').executeTakeFirstOrThrow()
		const reissued = await delegationAction({ intent: 'reissue', invitationId: rita.id })
		expect(reissued.status).toBe(200)
		const newUrl = (reissued.data as { links: Array<{ url: string }> }).links[0]!.url
		expect(await deliverDueMail({ transport: createTransport(server.url) })).toEqual({ sent: 1, retrying: 0, failed: 0 })
		const mails = server.to('rita.cr@example.org')
		expect(mails).toHaveLength(2)
		expect(mails[1]!.parsed.text).toContain(newUrl.replace(/^http:\/\/localhost/, 'https://academy.example.org'))
		expect(mails[0]!.parsed.text).not.toContain(newUrl.split('/invite/')[1])
	})
})
