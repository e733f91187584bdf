import { sql } from 'kysely'
import { describe, expect, test } from 'vitest'
import { pruneAudit } from '#app/features/audit/audit.server.ts'
import { type AuditAction } from '#app/features/audit/audit.ts'
import { db, engine } from '#app/utils/db.server.ts'
import { BASE, cookieFor, routeArgs, run, userIdFor } from '#tests/helpers.ts'

const DEMO_PASSWORD = 'academy-demo'

/** A request as a browser at `ip` would send it (the address the app reads, as server.js passes it on). */
async function from(ip: string, email: string | null, path: string, form?: Record<string, string>) {
	const headers = new Headers({ 'X-Remote-Address': ip })
	if (email) headers.set('Cookie', await cookieFor(email))
	if (form) headers.set('Content-Type', 'application/x-www-form-urlencoded')
	return new Request(`${BASE}${path}`, { method: form ? 'POST' : 'GET', headers, body: form ? new URLSearchParams(form) : undefined })
}

async function lastId() {
	const row = await db
		.selectFrom('audit_log')
		.select((eb) => eb.fn.max('id').as('id'))
		.executeTakeFirst()
	return Number(row?.id ?? 0)
}

async function rowsSince(id: number, action: AuditAction) {
	return db.selectFrom('audit_log').selectAll().where('id', '>', id).where('action', '=', action).execute()
}

/** Runs `act` and checks that it left exactly one row of `action`, by `actor` (or nobody), from `ip`. */
async function expectOne(action: AuditAction, actorEmail: string | null, ip: string, act: () => Promise<{ status: number }>) {
	const before = await lastId()
	const result = await act()
	expect(result.status, action).toBeLessThan(500)
	const rows = await rowsSince(before, action)
	expect(rows, action).toHaveLength(1)
	const row = rows[0]!
	expect(row.actor_id).toBe(actorEmail ? await userIdFor(actorEmail) : null)
	expect(row.ip).toBe(ip)
	return row
}

describe('each sensitive event leaves one line with who and from where', () => {
	test('sign-in, a refused sign-in, a password change', async () => {
		const { action } = await import('#app/routes/login.tsx')
		const ok = await expectOne('auth.sign_in', 'delegate.bo@example.org', '198.51.100.1', async () =>
			run(async () =>
				action(routeArgs(await from('198.51.100.1', null, '/login', { email: 'delegate.bo@example.org', password: DEMO_PASSWORD }))),
			),
		)
		expect(ok.actor_name).toBe(
			(await db.selectFrom('users').select('name').where('email', '=', 'delegate.bo@example.org').executeTakeFirstOrThrow()).name,
		)
		const failed = await expectOne('auth.sign_in_failed', null, '198.51.100.2', async () =>
			run(async () =>
				action(routeArgs(await from('198.51.100.2', null, '/login', { email: 'delegate.bo@example.org', password: 'wrong-password' }))),
			),
		)
		expect(failed.target_id).toBe(await userIdFor('delegate.bo@example.org'))
		// A real account is named by its id only; an address with no account is kept as typed.
		expect(failed.details).not.toContain('delegate.bo@example.org')
		const unknown = await expectOne('auth.sign_in_failed', null, '198.51.100.2', async () =>
			run(async () =>
				action(routeArgs(await from('198.51.100.2', null, '/login', { email: 'nobody.here@example.org', password: 'x-password' }))),
			),
		)
		expect(JSON.parse(unknown.details)).toMatchObject({ reason: 'password', email: 'nobody.here@example.org' })

		const settings = await import('#app/routes/settings.tsx')
		await expectOne('auth.password_changed', 'pa2@example.org', '198.51.100.3', async () =>
			run(async () =>
				settings.action(
					routeArgs(
						await from('198.51.100.3', 'pa2@example.org', '/settings', {
							intent: 'password',
							currentPassword: DEMO_PASSWORD,
							newPassword: 'a-much-longer-new-passphrase',
							confirmPassword: 'a-much-longer-new-passphrase',
						}),
					),
				),
			),
		)
	})

	test('every export route records its download', async () => {
		const exports: Array<[string, string, Record<string, string>]> = [
			['cohorts.$cohortId.roster[.]csv.tsx', '/cohorts/panama-2025/roster.csv', { cohortId: 'panama-2025' }],
			['cohorts.$cohortId.progress[.]csv.tsx', '/cohorts/panama-2025/progress.csv', { cohortId: 'panama-2025' }],
			['cohorts.$cohortId.invitations[.]csv.tsx', '/cohorts/panama-2025/invitations.csv', { cohortId: 'panama-2025' }],
			['cohorts.$cohortId.calendar[.]ics.tsx', '/cohorts/panama-2025/calendar.ics', { cohortId: 'panama-2025' }],
			['roadmaps.$delegationId.actions[.]csv.tsx', '/roadmaps/panama-2025-pa/actions.csv', { delegationId: 'panama-2025-pa' }],
			['roadmaps.$delegationId.indicators[.]csv.tsx', '/roadmaps/panama-2025-pa/indicators.csv', { delegationId: 'panama-2025-pa' }],
			['roadmaps.$delegationId.roadmap[.]json.tsx', '/roadmaps/panama-2025-pa/roadmap.json', { delegationId: 'panama-2025-pa' }],
			['roadmaps.$delegationId.draft[.]docx.tsx', '/roadmaps/panama-2025-pa/draft.docx', { delegationId: 'panama-2025-pa' }],
			['assistance.requests[.]csv.tsx', '/assistance/requests.csv', {}],
			['audit[.]csv.tsx', '/audit.csv', {}],
			['roadmap.example[.]json.tsx', '/roadmap/example.json', {}],
			['worksheets.costing-sheet[.]csv.tsx', '/worksheets/costing-sheet.csv', {}],
		]
		for (const [file, path, params] of exports) {
			const route = (await import(/* @vite-ignore */ `#app/routes/${file}`)) as { loader: (args: unknown) => Promise<Response> }
			const row = await expectOne('export.downloaded', 'staff@example.org', '203.0.113.10', async () =>
				run(async () => route.loader(routeArgs(await from('203.0.113.10', 'staff@example.org', path), params))),
			)
			expect(JSON.parse(row.details)).toMatchObject({ path })
		}
		const [request] = await db.selectFrom('assistance_requests').select('id').limit(1).execute()
		const ics = await import('#app/routes/assistance.$requestId_.calendar[.]ics.tsx')
		await expectOne('export.downloaded', 'staff@example.org', '203.0.113.10', async () =>
			run(async () =>
				ics.loader(
					routeArgs(await from('203.0.113.10', 'staff@example.org', `/assistance/${request!.id}/calendar.ics`), { requestId: request!.id }),
				),
			),
		)
	})

	test('membership, lead, facilitator, cohort and delegation changes, deletions, TA triage', async () => {
		const ip = '192.0.2.44'
		const staff = 'staff@example.org'
		const delegationRoute = await import('#app/routes/cohorts.$cohortId.delegations.$delegationId/route.tsx')
		const params = { cohortId: 'panama-2025', delegationId: 'panama-2025-pa' }
		const delegationPost = (form: Record<string, string>) => async () =>
			run(async () =>
				delegationRoute.action(
					routeArgs(await from(ip, 'facilitator@example.org', '/cohorts/panama-2025/delegations/panama-2025-pa', form), params),
				),
			)
		const pa2 = await userIdFor('pa2@example.org')
		const lead = await userIdFor('delegate.pa@example.org')

		await expectOne('delegation.updated', 'facilitator@example.org', ip, delegationPost({ intent: 'napStatus', napStatus: 'implementing' }))
		// Making pa2 the lead: pa2 becomes lead and the lead before stops being one — two lines, one each.
		const before = await lastId()
		await delegationPost({
			intent: 'member',
			userId: pa2,
			sector: 'government',
			organisation: 'Ministry',
			position: 'Adviser',
			isLead: 'on',
		})()
		const leadLines = await rowsSince(before, 'membership.lead_changed')
		expect(leadLines.map((row) => [row.target_id, JSON.parse(row.details).lead]).sort()).toEqual(
			[
				[lead, false],
				[pa2, true],
			].sort(),
		)
		expect(leadLines.every((row) => row.ip === ip)).toBe(true)
		await expectOne('membership.removed', 'facilitator@example.org', ip, delegationPost({ intent: 'removeMember', userId: pa2 }))

		const invitation = await db
			.selectFrom('invitations')
			.select('id')
			.where('delegation_id', '=', 'panama-2025-pa')
			.where('accepted_at', 'is', null)
			.where('revoked_at', 'is', null)
			.executeTakeFirst()
		if (invitation) {
			await expectOne(
				'invitation.revoked',
				'facilitator@example.org',
				ip,
				delegationPost({ intent: 'revoke', invitationId: invitation.id }),
			)
		}

		const edit = await import('#app/routes/cohorts.$cohortId.edit.tsx')
		const editPost = (form: Record<string, string>) => async () =>
			run(async () => edit.action(routeArgs(await from(ip, staff, '/cohorts/panama-2025/edit', form), { cohortId: 'panama-2025' })))
		const cohort = await db.selectFrom('cohorts').selectAll().where('id', '=', 'panama-2025').executeTakeFirstOrThrow()
		await expectOne(
			'cohort.updated',
			staff,
			ip,
			editPost({
				intent: 'save',
				name: `${cohort.name} (edited)`,
				hostCity: cohort.host_city,
				hostCountry: cohort.host_country,
				venue: cohort.venue ?? '',
				startDate: cohort.start_date,
				endDate: cohort.end_date,
				status: cohort.status,
			}),
		)
		await expectOne('facilitator.added', staff, ip, editPost({ intent: 'addFacilitator', email: 'delegate.bo@example.org' }))
		await expectOne(
			'facilitator.removed',
			staff,
			ip,
			editPost({ intent: 'removeFacilitator', userId: await userIdFor('delegate.bo@example.org') }),
		)

		// A roadmap item with nothing under it, deleted from its section.
		const roadmap = await db.selectFrom('roadmaps').select('id').where('delegation_id', '=', 'panama-2025-pa').executeTakeFirstOrThrow()
		const item = await db
			.selectFrom('roadmap_items as i')
			.select(['i.id', 'i.version'])
			.where('i.roadmap_id', '=', roadmap.id)
			.where('i.kind', '=', 'indicator')
			.executeTakeFirstOrThrow()
		{
			const section = await import('#tests/roadmap-section.ts')
			const deleted = await expectOne('roadmap.item_deleted', 'delegate.pa@example.org', ip, async () =>
				run(async () =>
					section.action(
						routeArgs(
							await from(ip, 'delegate.pa@example.org', '/roadmaps/panama-2025-pa/monitoring', {
								intent: 'delete',
								id: item.id,
								version: String(item.version),
							}),
							{ delegationId: 'panama-2025-pa', section: 'monitoring' },
						),
					),
				),
			)
			expect(deleted.target_id).toBe(item.id)
		}

		const ta = await db
			.selectFrom('assistance_requests as r')
			.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
			.select(['r.id', 'd.cohort_id'])
			.where('r.status', '=', 'open')
			.executeTakeFirstOrThrow()
		const taRoute = await import('#app/routes/assistance.$requestId/route.tsx')
		const taPost = (form: Record<string, string>) => async () =>
			run(async () => taRoute.action(routeArgs(await from(ip, staff, `/assistance/${ta.id}`, form), { requestId: ta.id })))
		const assigned = await expectOne('assistance.assigned', staff, ip, taPost({ intent: 'assign', assigneeId: await userIdFor(staff) }))
		expect(assigned.cohort_id).toBe(ta.cohort_id)
		const status = await expectOne(
			'assistance.status_changed',
			staff,
			ip,
			taPost({ intent: 'status', to: 'scheduled', scheduledFor: '2027-01-15' }),
		)
		expect(JSON.parse(status.details)).toMatchObject({ from: 'open', to: 'scheduled' })
	})

	test('deactivation: no sign-in (a clear message), every session ends, no reset link; reactivation', async () => {
		const ip = '192.0.2.55'
		const person = await import('#app/routes/people.$userId.tsx')
		const bolivia = await userIdFor('delegate.bo@example.org')
		const cookie = await cookieFor('delegate.bo@example.org')
		const post = (form: Record<string, string>) => async () =>
			run(async () => person.action(routeArgs(await from(ip, 'staff@example.org', `/people/${bolivia}`, form), { userId: bolivia })))
		await expectOne('account.deactivated', 'staff@example.org', ip, post({ intent: 'deactivate' }))
		expect(await db.selectFrom('sessions').select('id').where('user_id', '=', bolivia).execute()).toEqual([])
		// The cookie the person had no longer signs anyone in.
		const home = await import('#app/routes/home.tsx')
		const stale = await run(() => home.loader(routeArgs(new Request(`${BASE}/home`, { headers: { Cookie: cookie } }))))
		expect(stale.status).toBe(302)

		const login = await import('#app/routes/login.tsx')
		const refused = await run(async () =>
			login.action(routeArgs(await from(ip, null, '/login', { email: 'delegate.bo@example.org', password: DEMO_PASSWORD }))),
		)
		expect(refused.status).toBe(400)
		expect(JSON.stringify(refused.data)).toContain('personalData.deactivatedSignIn')
		expect(refused.response?.headers.get('Set-Cookie') ?? null).toBeNull()

		const forgot = await import('#app/routes/forgot-password.tsx')
		const mailBefore = await db.selectFrom('mail_outbox').select('id').where('to_user_id', '=', bolivia).execute()
		const answer = await run(async () =>
			forgot.action(routeArgs(await from(ip, null, '/forgot-password', { email: 'delegate.bo@example.org' }))),
		)
		expect(answer.status).toBeLessThan(400)
		expect(await db.selectFrom('mail_outbox').select('id').where('to_user_id', '=', bolivia).execute()).toHaveLength(mailBefore.length)
		expect(
			await db.selectFrom('password_resets').select('id').where('user_id', '=', bolivia).where('used_at', 'is', null).execute(),
		).toEqual([])

		// Staff cannot deactivate themselves.
		const self = await userIdFor('staff@example.org')
		const own = await run(async () =>
			person.action(routeArgs(await from(ip, 'staff@example.org', `/people/${self}`, { intent: 'deactivate' }), { userId: self })),
		)
		expect(own.status).toBe(409)

		await expectOne('account.reactivated', 'staff@example.org', ip, post({ intent: 'reactivate' }))
		const back = await run(async () =>
			login.action(routeArgs(await from(ip, null, '/login', { email: 'delegate.bo@example.org', password: DEMO_PASSWORD }))),
		)
		expect(back.status).toBe(302)
	})

	test('a delegate and a facilitator cannot read the audit log', async () => {
		const page = await import('#app/routes/audit.tsx')
		const csv = await import('#app/routes/audit[.]csv.tsx')
		for (const email of ['delegate.pa@example.org', 'facilitator@example.org']) {
			expect((await run(async () => page.loader(routeArgs(await from('192.0.2.1', email, '/audit'))))).status).toBe(403)
			expect((await run(async () => csv.loader(routeArgs(await from('192.0.2.1', email, '/audit.csv'))))).status).toBe(403)
		}
	})

	test('staff filter the log by action, actor, cohort and dates, and the CSV escapes formula cells', async () => {
		const staff = await userIdFor('staff@example.org')
		const login = await import('#app/routes/login.tsx')
		// A display name a spreadsheet would run as a formula.
		await db.updateTable('users').set({ name: '=HYPERLINK("http://evil.example")' }).where('email', '=', 'alumni.tt@example.org').execute()
		await run(async () =>
			login.action(routeArgs(await from('192.0.2.9', null, '/login', { email: 'alumni.tt@example.org', password: DEMO_PASSWORD }))),
		)
		const page = await import('#app/routes/audit.tsx')
		const today = new Date().toISOString().slice(0, 10)
		const filtered = await run(async () =>
			page.loader(routeArgs(await from('192.0.2.1', 'staff@example.org', `/audit?action=auth.sign_in_failed&from=${today}&to=${today}`))),
		)
		const entries = (filtered.data as { entries: Array<{ action: string; ip: string }> }).entries
		expect(entries.length).toBeGreaterThan(0)
		expect(entries.every((entry) => entry.action === 'auth.sign_in_failed')).toBe(true)
		const none = await run(async () =>
			page.loader(routeArgs(await from('192.0.2.1', 'staff@example.org', '/audit?from=2001-01-01&to=2001-01-02'))),
		)
		expect((none.data as { entries: unknown[] }).entries).toEqual([])
		const bad = await run(async () =>
			page.loader(routeArgs(await from('192.0.2.1', 'staff@example.org', '/audit?from=yesterday&action=nope'))),
		)
		expect((bad.data as { errors: Record<string, string> }).errors).toHaveProperty('from')
		expect((bad.data as { errors: Record<string, string> }).errors).toHaveProperty('action')
		const byActor = await run(async () =>
			page.loader(routeArgs(await from('192.0.2.1', 'staff@example.org', `/audit?actor=${staff}&cohort=panama-2025`))),
		)
		const mine = (byActor.data as { entries: Array<{ actorId: string; cohortId: string }> }).entries
		expect(mine.every((entry) => entry.actorId === staff && entry.cohortId === 'panama-2025')).toBe(true)

		const csv = await import('#app/routes/audit[.]csv.tsx')
		const response = (
			await run(async () => csv.loader(routeArgs(await from('192.0.2.1', 'staff@example.org', '/audit.csv?action=auth.sign_in'))))
		).response!
		const text = await response.text()
		expect(text).toContain(`"'=HYPERLINK(""http://evil.example"")"`)
		expect(text).not.toMatch(/(^|,)"?=HYPERLINK/m)
	})
})

describe('nobody can edit the audit log', () => {
	test('the database refuses UPDATE and DELETE of a recent row, and DELETE outside the pruning', async () => {
		const [row] = await db.selectFrom('audit_log').select(['id']).orderBy('id', 'desc').limit(1).execute()
		expect(row).toBeDefined()
		await expect(db.updateTable('audit_log').set({ ip: '10.6.6.6' }).where('id', '=', row!.id).execute()).rejects.toThrow(/append-only/)
		await expect(db.updateTable('audit_log').set({ actor_name: 'Someone else' }).where('id', '=', row!.id).execute()).rejects.toThrow(
			/append-only/,
		)
		await expect(db.deleteFrom('audit_log').where('id', '=', row!.id).execute()).rejects.toThrow(/append-only/)
		await expect(db.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/)
		if (engine === 'postgres') await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/)
		expect(await db.selectFrom('audit_log').select('id').where('id', '=', row!.id).executeTakeFirst()).toEqual(row)
	})

	test('the pruning removes rows past the retention, and only those; a year-old row is safe from any delete', async () => {
		const at = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString()
		const insert = async (days: number) =>
			Number(
				(
					await db
						.insertInto('audit_log')
						.values({ at: at(days), action: 'export.downloaded', details: '{}' })
						.returning('id')
						.executeTakeFirstOrThrow()
				).id,
			)
		const old = await insert(500)
		const keptByRetention = await insert(380)
		const young = await insert(300)
		// Past the floor but outside the pruning: on PostgreSQL refused (no pruning setting); SQLite's trigger asks only the age.
		if (engine === 'postgres') await expect(db.deleteFrom('audit_log').where('id', '=', old).execute()).rejects.toThrow(/append-only/)
		await expect(db.deleteFrom('audit_log').where('id', '=', young).execute()).rejects.toThrow(/append-only/)

		const before = await lastId()
		expect(await pruneAudit(new Date(), 400)).toBeGreaterThanOrEqual(1)
		const left = new Set((await db.selectFrom('audit_log').select('id').execute()).map((r) => Number(r.id)))
		expect(left.has(old)).toBe(false)
		expect(left.has(keptByRetention)).toBe(true)
		expect(left.has(young)).toBe(true)
		expect(await rowsSince(before, 'audit.pruned')).toHaveLength(1)
		// A retention shorter than the floor cannot delete a row the triggers protect.
		await expect(pruneAudit(new Date(), 200)).rejects.toThrow(/append-only/)
		expect((await db.selectFrom('audit_log').select('id').where('id', '=', young).execute()).length).toBe(1)
	})
})
