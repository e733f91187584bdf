import { describe, expect, test } from 'vitest'
import { changeStatus, overview } from '#app/features/assistance/assistance.server.ts'
import { db } from '#app/utils/db.server.ts'
import { requestAs, routeArgs, run, userIdFor } from '#tests/helpers.ts'

const routes = {
	delegation: () => import('#app/routes/roadmaps.$delegationId.assistance.tsx'),
	request: () => import('#app/routes/assistance.$requestId/route.tsx'),
	queue: () => import('#app/routes/assistance._index.tsx'),
	csv: () => import('#app/routes/assistance.requests[.]csv.tsx'),
	overview: () => import('#app/routes/assistance.overview.tsx'),
	implementation: () => import('#app/routes/roadmaps.$delegationId.implementation.tsx'),
	home: () => import('#app/routes/home.tsx'),
	history: () => import('#app/routes/roadmaps.$delegationId.history.tsx'),
}

async function call(
	kind: 'loader' | 'action',
	module: () => Promise<any>,
	email: string | null,
	path: string,
	params: Record<string, string>,
	form?: Record<string, string>,
) {
	const route = await module()
	return run(async () => route[kind](routeArgs(await requestAs(email, path, form ? { form } : {}), params)))
}

const future = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)

async function ask(email = 'delegate.pa@example.org', extra: Record<string, string> = {}) {
	return call(
		'action',
		routes.delegation,
		email,
		'/roadmaps/panama-2025-pa/assistance',
		{ delegationId: 'panama-2025-pa' },
		{
			intent: 'ask',
			topic: 'gender-budgeting',
			need: 'Help to cost the recruitment programme.',
			urgency: 'high',
			dueDate: future,
			language: 'es',
			format: 'remote_session',
			section: 'gender-budgeting',
			itemId: 'pa-action-1',
			...extra,
		},
	)
}

describe('technical-assistance requests', () => {
	test('a delegate asks about an action; the item then shows an open request', async () => {
		const result = await ask()
		expect(result.status).toBe(302)
		const id = result.response!.headers.get('Location')!.split('/').pop()!
		const stored = await db.selectFrom('assistance_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
		expect(stored).toMatchObject({ delegation_id: 'panama-2025-pa', item_id: 'pa-action-1', status: 'open', topic: 'gender-budgeting' })
		const section = await import('#tests/roadmap-section.ts')
		const page = await run(async () =>
			section.loader(
				routeArgs(await requestAs('delegate.pa@example.org', '/roadmaps/panama-2025-pa/gender-budgeting'), {
					delegationId: 'panama-2025-pa',
					section: 'gender-budgeting',
				}),
			),
		)
		expect((page.data as { openTa: { byItem: Record<string, number> } }).openTa.byItem['pa-action-1']).toBeGreaterThanOrEqual(2)
	})

	test('bad input: unknown item, past date, empty need, unknown topic — a message and a 4xx, nothing saved', async () => {
		const before = (await db.selectFrom('assistance_requests').select('id').execute()).length
		expect((await ask('delegate.pa@example.org', { itemId: 'tt-action-1' })).status).toBe(404)
		const past = await ask('delegate.pa@example.org', { dueDate: '2020-01-01' })
		expect(past.status).toBe(400)
		expect(JSON.stringify(past.data)).toContain('assistance.errors.pastDate')
		const empty = await ask('delegate.pa@example.org', { need: '' })
		expect(empty.status).toBe(400)
		expect((await ask('delegate.pa@example.org', { topic: 'astrology' })).status).toBe(400)
		expect((await db.selectFrom('assistance_requests').select('id').execute()).length).toBe(before)
	})

	test('staff assign, schedule, progress and finish a request; invalid transitions are refused', async () => {
		const id = (await ask()).response!.headers.get('Location')!.split('/').pop()!
		const params = { requestId: id }
		const path = `/assistance/${id}`
		expect(
			(
				await call('action', routes.request, 'staff@example.org', path, params, {
					intent: 'assign',
					assigneeId: await userIdFor('facilitator@example.org'),
				})
			).status,
		).toBe(302)
		// A facilitator of another cohort cannot be assigned.
		expect(
			(
				await call('action', routes.request, 'staff@example.org', path, params, {
					intent: 'assign',
					assigneeId: await userIdFor('facilitator.pos@example.org'),
				})
			).status,
		).toBe(400)
		expect((await call('action', routes.request, 'staff@example.org', path, params, { intent: 'status', to: 'scheduled' })).status).toBe(
			400,
		)
		expect(
			(await call('action', routes.request, 'staff@example.org', path, params, { intent: 'status', to: 'scheduled', scheduledFor: future }))
				.status,
		).toBe(302)
		expect((await call('action', routes.request, 'staff@example.org', path, params, { intent: 'status', to: 'in_progress' })).status).toBe(
			302,
		)
		expect((await call('action', routes.request, 'staff@example.org', path, params, { intent: 'status', to: 'done' })).status).toBe(302)
		// done → open: refused for staff (409) and, of course, for the delegate (403).
		expect((await call('action', routes.request, 'staff@example.org', path, params, { intent: 'status', to: 'open' })).status).toBe(409)
		expect((await call('action', routes.request, 'delegate.pa@example.org', path, params, { intent: 'status', to: 'open' })).status).toBe(
			403,
		)
		expect((await call('action', routes.request, 'staff@example.org', path, params, { intent: 'status', to: 'teleported' })).status).toBe(
			400,
		)
		const events = await db
			.selectFrom('assistance_events')
			.select(['kind', 'from_value', 'to_value', 'user_id'])
			.where('request_id', '=', id)
			.orderBy('id')
			.execute()
		expect(events.map((e) => `${e.kind}:${e.to_value ?? ''}`)).toEqual([
			'created:open',
			expect.stringMatching(/^assign:/),
			'status:scheduled',
			'status:in_progress',
			'status:done',
		])
		expect(events.slice(1).every((e) => e.user_id === events[1]!.user_id)).toBe(true)
		await expect(
			changeStatus(id, { id: 'x', name: 'X' }, { to: 'declined', reason: '' }, 'http://localhost', { request: null, actor: null }),
		).resolves.toEqual({ ok: false, error: 'transition' })
	})

	test('internal notes never reach the delegation — not in the page data, not in the CSV', async () => {
		const id = 'ta-pa-costing'
		const params = { requestId: id }
		expect(
			(
				await call('action', routes.request, 'staff@example.org', `/assistance/${id}`, params, {
					intent: 'note',
					body: 'SECRET-NOTE: budget office is hostile',
				})
			).status,
		).toBe(302)
		expect(
			(
				await call('action', routes.request, 'staff@example.org', `/assistance/${id}`, params, {
					intent: 'message',
					body: 'We can meet on Tuesday.',
				})
			).status,
		).toBe(302)
		const asDelegate = await call('loader', routes.request, 'delegate.pa@example.org', `/assistance/${id}`, params)
		expect(asDelegate.status).toBe(200)
		expect(JSON.stringify(asDelegate.data)).not.toContain('SECRET-NOTE')
		expect(JSON.stringify(asDelegate.data)).toContain('We can meet on Tuesday.')
		const asStaff = await call('loader', routes.request, 'staff@example.org', `/assistance/${id}`, params)
		expect(JSON.stringify(asStaff.data)).toContain('SECRET-NOTE')
		const asFacilitator = await call('loader', routes.request, 'facilitator@example.org', `/assistance/${id}`, params)
		expect(JSON.stringify(asFacilitator.data)).toContain('SECRET-NOTE')
		// A delegate cannot write an internal note.
		expect(
			(await call('action', routes.request, 'delegate.pa@example.org', `/assistance/${id}`, params, { intent: 'note', body: 'x' })).status,
		).toBe(403)
		const csv = await call('loader', routes.csv, 'staff@example.org', '/assistance/requests.csv', {})
		expect(await csv.response!.text()).not.toContain('SECRET-NOTE')
	})

	test('the queue filters and sorts by due date; the overview counts', async () => {
		const queue = await call('loader', routes.queue, 'staff@example.org', '/assistance?status=done', {})
		const done = (queue.data as { requests: Array<{ status: string; country_code: string }> }).requests
		expect(done.length).toBeGreaterThanOrEqual(2)
		expect(done.every((r) => r.status === 'done')).toBe(true)
		const tt = await call('loader', routes.queue, 'staff@example.org', '/assistance?country=TT', {})
		expect((tt.data as { requests: Array<{ country_code: string }> }).requests.every((r) => r.country_code === 'TT')).toBe(true)
		const all = (await call('loader', routes.queue, 'staff@example.org', '/assistance', {})).data as {
			requests: Array<{ due_date: string | null }>
		}
		const dated = all.requests.map((r) => r.due_date).filter(Boolean) as string[]
		expect(dated).toEqual([...dated].sort())
		const stats = await overview()
		const me = stats.byTopic.find((t) => t.name === 'monitoring-and-evaluation')!
		expect(me.done).toBeGreaterThanOrEqual(1)
		expect(stats.medianDaysToDone).not.toBeNull()
		// Facilitators see only their cohorts' requests.
		const facilitator2024 = (await call('loader', routes.queue, 'facilitator.pos@example.org', '/assistance', {})).data as {
			requests: Array<{ country_code: string }>
		}
		expect(facilitator2024.requests.every((r) => ['TT', 'BB', 'GY', 'JM'].includes(r.country_code))).toBe(true)
	})
})

describe('a long queue', () => {
	test('the queue shows fifty requests a page, soonest due first, with every filter kept across pages', async () => {
		const before = ((await call('loader', routes.queue, 'staff@example.org', '/assistance', {})).data as { total: number }).total
		// 70 more open requests from Panama, due over the coming months.
		const now = new Date().toISOString()
		await db
			.insertInto('assistance_requests')
			.values(
				Array.from({ length: 70 }, (_, i) => ({
					id: `page-test-${String(i).padStart(2, '0')}`,
					delegation_id: 'panama-2025-pa',
					created_by: 'user-delegate-pa',
					topic: 'gender-budgeting',
					need: `Costing question number ${i}. ${'Detail. '.repeat(40)}`,
					urgency: 'medium',
					due_date: new Date(Date.now() + (i + 2) * 86_400_000).toISOString().slice(0, 10),
					language: 'es',
					format: 'remote_session',
					status: 'open',
					created_at: now,
					updated_at: now,
				})),
			)
			.execute()
		type Page = {
			requests: Array<{ id: string; due_date: string | null; need: string; country_code: string }>
			total: number
			page: number
			pages: number
		}
		const page = async (query: string) => (await call('loader', routes.queue, 'staff@example.org', `/assistance${query}`, {})).data as Page
		const first = await page('')
		expect(first.total).toBe(before + 70)
		expect(first.requests).toHaveLength(50)
		expect(first.pages).toBe(Math.ceil((before + 70) / 50))
		// Each row carries only the preview of the need that the table shows.
		expect(Math.max(...first.requests.map((r) => r.need.length))).toBeLessThanOrEqual(100)
		const second = await page('?page=2')
		expect(second.page).toBe(2)
		expect(second.requests).toHaveLength(before + 70 - 50)
		const ids = [...first.requests, ...second.requests].map((r) => r.id)
		expect(new Set(ids).size).toBe(before + 70)
		const dated = [...first.requests, ...second.requests].map((r) => r.due_date).filter(Boolean) as string[]
		expect(dated).toEqual([...dated].sort())
		// Out-of-range or junk page numbers land on a real page instead of failing.
		expect((await page('?page=99')).page).toBe(second.pages)
		expect((await page('?page=abc')).page).toBe(1)
		expect((await page('?page=-3')).page).toBe(1)
		// Filters and pages combine.
		const panama = await page('?country=PA&page=2')
		expect(panama.requests.every((r) => r.country_code === 'PA')).toBe(true)
		expect(panama.page).toBe(2)
	})
})

describe('alumni', () => {
	test('alumni update an action’s status and report an indicator value; home and history show it; the 2025 cohort stays closed to them', async () => {
		const params = { delegationId: 'port-of-spain-2024-tt' }
		const path = '/roadmaps/port-of-spain-2024-tt/implementation'
		const implementationHistory = async () =>
			(
				(
					await call(
						'loader',
						routes.history,
						'alumni.tt@example.org',
						'/roadmaps/port-of-spain-2024-tt/history?view=implementation',
						params,
					)
				).data as { history: Array<{ id: number; change: string }> }
			).history
		// The demo has its quarterly reports already: what this test adds comes after them.
		const before = new Set((await implementationHistory()).map((h) => h.id))
		expect(
			(
				await call('action', routes.implementation, 'alumni.tt@example.org', path, params, {
					intent: 'status',
					itemId: 'tt-action-1',
					status: 'done',
					dated: '2026-10-30',
					note: 'All 40 dialogues held',
				})
			).status,
		).toBe(302)
		expect(
			(
				await call('action', routes.implementation, 'alumni.tt@example.org', path, params, {
					intent: 'report',
					itemId: 'tt-indicator-1',
					period: '2026',
					value: '40',
					dated: '2026-10-30',
					source: 'Programme report',
				})
			).status,
		).toBe(302)
		const bad = await call('action', routes.implementation, 'alumni.tt@example.org', path, params, {
			intent: 'report',
			itemId: 'tt-indicator-1',
			period: '2026',
			value: 'lots',
			dated: '2026-10-30',
		})
		expect(bad.status).toBe(400)

		const home = (await call('loader', routes.home, 'alumni.tt@example.org', '/home', {})).data as {
			alumni: Record<
				string,
				{ actions: Record<string, number>; indicators: Array<{ value: string | null }>; requests: Array<{ status: string }> }
			>
		}
		const summary = home.alumni['port-of-spain-2024-tt']!
		expect(summary.actions.done).toBe(1)
		expect(summary.indicators[0]!.value).toBe('40')
		expect(summary.requests.filter((r) => r.status === 'done')).toHaveLength(2)

		const added = (await implementationHistory()).filter((h) => !before.has(h.id))
		expect(added.map((h) => h.change).sort()).toEqual(['implementation', 'report'])
		const design = (await call('loader', routes.history, 'alumni.tt@example.org', '/roadmaps/port-of-spain-2024-tt/history', params))
			.data as { history: Array<{ change: string }> }
		expect(design.history.some((h) => h.change === 'implementation' || h.change === 'report')).toBe(false)

		expect(
			(
				await call(
					'action',
					routes.implementation,
					'alumni.tt@example.org',
					'/roadmaps/panama-2025-pa/implementation',
					{ delegationId: 'panama-2025-pa' },
					{ intent: 'status', itemId: 'pa-action-1', status: 'done', dated: '2026-10-30' },
				)
			).status,
		).toBe(403)
		expect(
			(
				await call('loader', routes.delegation, 'alumni.tt@example.org', '/roadmaps/panama-2025-pa/assistance', {
					delegationId: 'panama-2025-pa',
				})
			).status,
		).toBe(403)
	})
})

describe('the request page’s forms (Conform replies)', () => {
	const id = 'ta-pa-costing'
	const path = `/assistance/${id}`
	const post = (email: string, form: Record<string, string>) => call('action', routes.request, email, path, { requestId: id }, form)
	type Reply = { intent: string; result: { error?: Record<string, string[] | null> | null } }
	const snapshot = async () => ({
		request: await db.selectFrom('assistance_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow(),
		events: (await db.selectFrom('assistance_events').select('id').where('request_id', '=', id).execute()).length,
	})

	test('invalid input to each intent: 400, the message next to its field, nothing changed', async () => {
		const before = await snapshot()
		const cases: Array<[string, Record<string, string>, string, string]> = [
			['delegate.pa@example.org', { intent: 'message', body: '   ' }, 'body', 'assistance.errors.messageEmpty'],
			['staff@example.org', { intent: 'message', body: 'x'.repeat(4001) }, 'body', 'roadmap.errors.tooLong'],
			['facilitator@example.org', { intent: 'note', body: '' }, 'body', 'assistance.errors.messageEmpty'],
			['staff@example.org', { intent: 'status', to: 'teleported' }, 'to', 'assistance.errors.transition'],
			['staff@example.org', { intent: 'status', to: 'scheduled' }, 'scheduledFor', 'assistance.errors.scheduleDate'],
			['staff@example.org', { intent: 'status', to: 'scheduled', scheduledFor: 'soon' }, 'scheduledFor', 'assistance.errors.scheduleDate'],
			['staff@example.org', { intent: 'status', to: 'declined', reason: '  ' }, 'reason', 'assistance.errors.declineReason'],
			['staff@example.org', { intent: 'assign', assigneeId: 'user-delegate-pa' }, 'assigneeId', 'assistance.errors.assignee'],
		]
		for (const [email, form, field, message] of cases) {
			const result = await post(email, form)
			expect(result.status, JSON.stringify(form)).toBe(400)
			const reply = result.data as Reply
			expect(reply.intent).toBe(form.intent)
			expect(reply.result.error?.[field], JSON.stringify(form)).toEqual([message])
		}
		expect(await snapshot()).toEqual(before)
	})

	test('a refused transition is a 409 with its message on the status field', async () => {
		const result = await post('staff@example.org', { intent: 'status', to: 'done' })
		expect(result.status).toBe(409)
		expect((result.data as Reply).result.error?.to).toEqual(['assistance.errors.transition'])
	})

	test('an unknown intent is a 400; triage and notes are refused to the delegation (403), before any validation', async () => {
		const before = await snapshot()
		expect((await post('staff@example.org', { intent: 'explode', body: 'Hello' })).status).toBe(400)
		expect((await post('staff@example.org', { body: 'Hello' })).status).toBe(400)
		for (const email of ['delegate.pa@example.org', 'pa2@example.org']) {
			expect((await post(email, { intent: 'assign', assigneeId: await userIdFor('staff@example.org') })).status).toBe(403)
			expect((await post(email, { intent: 'status', to: 'in_progress' })).status).toBe(403)
			expect((await post(email, { intent: 'status', to: 'teleported' })).status).toBe(403)
			expect((await post(email, { intent: 'note', body: '' })).status).toBe(403)
		}
		// Facilitators write notes and messages but do not triage.
		expect((await post('facilitator@example.org', { intent: 'status', to: 'in_progress' })).status).toBe(403)
		expect(await snapshot()).toEqual(before)
	})

	test('a new request with bad fields: 400, a message per field, the typed values sent back, nothing saved', async () => {
		const before = (await db.selectFrom('assistance_requests').select('id').execute()).length
		const result = await ask('delegate.pa@example.org', { need: 'Too short', urgency: 'extreme', format: '' })
		expect(result.status).toBe(400)
		const reply = (result.data as { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } }).result
		expect(reply.error.need).toEqual(['assistance.errors.needShort'])
		expect(reply.error.urgency).toEqual(['assistance.errors.urgency'])
		expect(reply.error.format).toEqual(['assistance.errors.format'])
		expect(reply.error.topic).toBeUndefined()
		expect(reply.initialValue.need).toBe('Too short')
		// Only the delegation asks: staff and facilitators read its requests but are refused (403).
		expect((await ask('staff@example.org')).status).toBe(403)
		expect((await ask('facilitator@example.org')).status).toBe(403)
		expect((await db.selectFrom('assistance_requests').select('id').execute()).length).toBe(before)
	})
})
