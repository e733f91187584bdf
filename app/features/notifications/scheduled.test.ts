import { beforeAll, describe, expect, test } from 'vitest'
import { getCatalogue } from '#app/features/curriculum/content.server.ts'
import { isoWeek, runScheduledWork } from '#app/features/notifications/scheduled.server.ts'
import * as notificationsRoute from '#app/routes/notifications.tsx'
import * as settings from '#app/routes/settings.tsx'
import { db } from '#app/utils/db.server.ts'
import { requestAs, routeArgs, run } from '#tests/helpers.ts'

/**
 * Scheduled work on a fixed clock: pre-work reminders (a week and two days before the due date), the
 * facilitators' weekly digest until the convening, alumni reminders after each person's quiet period —
 * to the right people, once, however many passes run and however they overlap.
 */
const origin = 'https://academy.example.org'
const COHORT = 'quito-2027'
const at = (iso: string) => new Date(iso)

async function mailOf(email: string) {
	return db
		.selectFrom('mail_outbox')
		.select(['subject', 'text', 'language', 'category', 'status'])
		.where('to_address', '=', email)
		.where('template', '=', 'notifications')
		.orderBy('created_at')
		.execute()
}

async function kindsOf(email: string) {
	const rows = await db
		.selectFrom('notifications as n')
		.innerJoin('users as u', 'u.id', 'n.user_id')
		.select(['n.kind', 'n.data'])
		.where('u.email', '=', email)
		.orderBy('n.created_at')
		.execute()
	return rows.map((row) => ({ kind: row.kind, data: JSON.parse(row.data) as Record<string, unknown> }))
}

beforeAll(async () => {
	const now = '2027-01-10T10:00:00.000Z'
	await db
		.insertInto('cohorts')
		.values({
			id: COHORT,
			name: 'Quito 2027',
			host_city: 'Quito',
			host_country: 'EC',
			venue: null,
			start_date: '2027-03-10',
			end_date: '2027-03-12',
			prework_due_date: '2027-03-01',
			status: 'open',
			created_at: now,
			updated_at: now,
		})
		.execute()
	await db.insertInto('cohort_facilitators').values({ cohort_id: COHORT, user_id: 'user-facilitator', created_at: now }).execute()
	await db.insertInto('delegations').values({ id: 'quito-2027-ec', cohort_id: COHORT, country_code: 'EC', created_at: now }).execute()
	const people = [
		{ id: 'u-done', email: 'done@example.org', name: 'Dora Terminada', language: 'es' as const },
		{ id: 'u-started', email: 'started@example.org', name: 'Simón Empezado', language: 'es' as const },
		{ id: 'u-idle', email: 'idle@example.org', name: 'Ivy Idle', language: 'en' as const },
	]
	for (const person of people) {
		await db
			.insertInto('users')
			.values({ ...person, password_hash: 'not-a-password', created_at: now, last_login_at: null })
			.execute()
		await db
			.insertInto('delegation_members')
			.values({ delegation_id: 'quito-2027-ec', user_id: person.id, sector: 'government', joined_at: now })
			.execute()
	}
	const lessons = [...getCatalogue().lessons.keys()]
	const progress = (userId: string, lessonKey: string) => ({
		user_id: userId,
		lesson_key: lessonKey,
		first_viewed_at: now,
		last_viewed_at: now,
		completed_at: now,
	})
	await db
		.insertInto('lesson_progress')
		.values([...lessons.map((key) => progress('u-done', key)), progress('u-started', lessons[0]!)])
		.execute()
	await db
		.insertInto('invitations')
		.values({
			id: 'inv-quito',
			token_hash: 'hash-of-nothing',
			cohort_id: COHORT,
			delegation_id: 'quito-2027-ec',
			role: 'delegate',
			email: 'invitee@example.org',
			name: 'Inés Invitada',
			created_at: now,
			expires_at: '2027-02-21T00:00:00.000Z',
		})
		.execute()
})

describe('the facilitators’ weekly digest and the pre-work reminders', () => {
	test('on a fixed clock: the right people, each once, however many passes run', async () => {
		// Nine days before the due date: no reminder yet; this week's digest for the cohort's facilitator.
		const first = await runScheduledWork({ now: at('2027-02-20T13:00:00Z'), origin })
		expect(first).toMatchObject({ preworkReminders: 0, cohortDigests: 1 })
		const [digest] = (await kindsOf('facilitator@example.org')).filter((n) => n.kind === 'cohort-digest')
		expect(digest!.data).toMatchObject({
			cohortId: COHORT,
			overdue: false,
			delegates: 3,
			notStarted: [{ name: 'Ivy Idle', countryCode: 'EC' }],
			unfinished: [{ name: 'Simón Empezado', countryCode: 'EC', done: 1 }],
			pendingInvitations: [{ name: 'Inés Invitada', email: 'invitee@example.org', expired: false }],
		})
		const [digestMail] = await mailOf('facilitator@example.org')
		expect(digestMail).toMatchObject({ subject: 'Esta semana en Quito 2027 — Academia PAN', language: 'es', category: 'digests' })
		expect(digestMail!.text).toContain('1 persona no ha empezado el trabajo previo:')
		expect(digestMail!.text).toContain('• Ivy Idle (Ecuador)')
		expect(digestMail!.text).toContain('• Inés Invitada <invitee@example.org>')
		expect(digestMail!.text).toContain(`${origin}/cohorts/${COHORT}/dashboard`)

		// The same week again, twice at once: nothing more.
		const again = await Promise.all([
			runScheduledWork({ now: at('2027-02-21T08:00:00Z'), origin }),
			runScheduledWork({ now: at('2027-02-21T08:00:00Z'), origin }),
		])
		expect(again.map((r) => r.cohortDigests)).toEqual([0, 0])

		// Six days before (a new ISO week): the week's reminder to those with lessons left, and a new digest.
		expect(isoWeek(at('2027-02-23T13:00:00Z'))).toBe('2027-W08')
		const week = await Promise.all([
			runScheduledWork({ now: at('2027-02-23T13:00:00Z'), origin }),
			runScheduledWork({ now: at('2027-02-23T13:00:00Z'), origin }),
		])
		expect(week.reduce((sum, r) => sum + r.preworkReminders, 0)).toBe(2)
		expect(await kindsOf('done@example.org')).toEqual([])
		const [idleReminder] = await mailOf('idle@example.org')
		expect(idleReminder).toMatchObject({ subject: 'The pre-work is due in 6 days (March 1, 2027) — NAP Academy', language: 'en' })
		expect(idleReminder!.text).toContain('You have finished 0 of')
		const [startedReminder] = await mailOf('started@example.org')
		expect(startedReminder!.subject).toBe('El trabajo previo vence en 6 días (1 de marzo de 2027) — Academia PAN')
		// Still the week's: later passes that week send no second reminder.
		expect((await runScheduledWork({ now: at('2027-02-25T13:00:00Z'), origin })).preworkReminders).toBe(0)

		// Two days before: the second reminder, once.
		expect((await runScheduledWork({ now: at('2027-02-27T13:00:00Z'), origin })).preworkReminders).toBe(2)
		expect((await runScheduledWork({ now: at('2027-02-28T13:00:00Z'), origin })).preworkReminders).toBe(0)
		expect((await mailOf('idle@example.org')).map((m) => m.subject)).toEqual([
			'The pre-work is due in 6 days (March 1, 2027) — NAP Academy',
			'The pre-work is due in 2 days (March 1, 2027) — NAP Academy',
		])

		// After the due date the digest says who is behind; the invitation's link has expired by then.
		const late = await runScheduledWork({ now: at('2027-03-02T13:00:00Z'), origin })
		expect(late).toMatchObject({ preworkReminders: 0, cohortDigests: 1 })
		const digests = (await kindsOf('facilitator@example.org')).filter((n) => n.kind === 'cohort-digest')
		expect(digests.at(-1)!.data).toMatchObject({ overdue: true, pendingInvitations: [{ expired: true }] })
		expect((await mailOf('facilitator@example.org')).at(-1)!.text).toContain(
			'1 persona va atrasada: el trabajo previo vencía el 1 de marzo de 2027:',
		)

		// Once the convening has begun: no digest, no reminder.
		expect(await runScheduledWork({ now: at('2027-03-15T13:00:00Z'), origin })).toMatchObject({ preworkReminders: 0, cohortDigests: 0 })
	})
})

describe('alumni reminders', () => {
	test('after each person’s quiet period without an implementation update, once per period', async () => {
		// An update on a day after every clock the other tests use: the quiet stretch starts there.
		const update = await db
			.selectFrom('implementation_updates as u')
			.innerJoin('roadmaps as r', 'r.id', 'u.roadmap_id')
			.select(['u.roadmap_id', 'u.item_id'])
			.where('r.delegation_id', '=', 'port-of-spain-2024-tt')
			.executeTakeFirstOrThrow()
		const since = Date.parse('2028-01-10T09:00:00.000Z')
		await db
			.insertInto('implementation_updates')
			.values({
				...update,
				kind: 'action_status',
				status: 'in_progress',
				note: 'Avance',
				dated: '2028-01-10',
				created_at: new Date(since).toISOString(),
			})
			.execute()
		const day = 86_400_000
		// Another member of Trinidad and Tobago's delegation would rather hear after 180 days.
		const members = await db
			.selectFrom('delegation_members as m')
			.innerJoin('users as u', 'u.id', 'm.user_id')
			.select(['u.email'])
			.where('m.delegation_id', '=', 'port-of-spain-2024-tt')
			.orderBy('u.email')
			.execute()
		const patient = members.find((m) => m.email !== 'alumni.tt@example.org')!.email
		const request = await requestAs(patient, '/settings', { form: { intent: 'notifications', alumni: 'immediate', quietDays: '180' } })
		expect((await run(() => settings.action(routeArgs(request)))).status).toBe(200)

		// Reminders about this roadmap (other delegations of the closed cohort have their own).
		const aboutTT = async () =>
			(
				await db
					.selectFrom('notifications')
					.select('data')
					.where('kind', '=', 'alumni-reminder')
					.where('created_at', '>=', new Date(since).toISOString())
					.execute()
			).filter((row) => JSON.parse(row.data).delegationId === 'port-of-spain-2024-tt').length
		await runScheduledWork({ now: new Date(since + 80 * day), origin })
		expect(await aboutTT()).toBe(0)
		await Promise.all([
			runScheduledWork({ now: new Date(since + 91 * day), origin }),
			runScheduledWork({ now: new Date(since + 91 * day), origin }),
		])
		expect(await aboutTT()).toBe(members.length - 1)
		const [reminder] = (await kindsOf('alumni.tt@example.org')).filter((n) => n.kind === 'alumni-reminder' && n.data.days === 91)
		expect(reminder).toMatchObject({ kind: 'alumni-reminder', data: { delegationId: 'port-of-spain-2024-tt', days: 91 } })
		const mail = (await mailOf('alumni.tt@example.org')).at(-1)
		expect(mail!.subject).toBe('Time for an implementation update — roadmap of Trinidad & Tobago — NAP Academy')
		expect(mail!.text).toContain(`${origin}/roadmaps/port-of-spain-2024-tt/implementation`)
		// On the page too, "&" stays "&" (React escapes it; it must not arrive as "&amp;").
		const page = await run(async () => notificationsRoute.loader(routeArgs(await requestAs('alumni.tt@example.org', '/notifications'))))
		const titles = (page.data as { items: Array<{ title: string }> }).items.map((item) => item.title)
		expect(titles).toContain('Time for an implementation update — roadmap of Trinidad & Tobago')
		const patientBefore = (await kindsOf(patient)).length

		await runScheduledWork({ now: new Date(since + 120 * day), origin })
		expect(await aboutTT()).toBe(members.length - 1)
		// 181 days: the second period for the default, the first for the patient member.
		await runScheduledWork({ now: new Date(since + 181 * day), origin })
		expect(await aboutTT()).toBe(2 * members.length - 1)
		expect(await kindsOf(patient)).toHaveLength(patientBefore + 1)
	})
})
