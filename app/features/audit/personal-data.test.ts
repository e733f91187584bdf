import { describe, expect, test } from 'vitest'
import { ERASED_NAME } from '#app/features/audit/personal-data.server.ts'
import { resetFeed } from '#app/features/calendar/feed.server.ts'
import { applyChange, lastChangeId } from '#app/features/roadmap/items.server.ts'
import { itemsAsOf, roadmapItems } from '#app/features/roadmap/roadmap.server.ts'
import { db } from '#app/utils/db.server.ts'
import { BASE, cookieFor, routeArgs, run, userIdFor } from '#tests/helpers.ts'

const DEMO_PASSWORD = 'academy-demo'
const ERASED = 'pa2@example.org'
const OTHER = 'delegate.pa@example.org'

async function from(ip: string, email: string | null, path: string, form?: Record<string, string>) {
	const headers = new Headers({ 'X-Remote-Address': ip })
	if (email) headers.set('Cookie', await cookieFor(email))
	if (form) headers.set('Content-Type', 'application/x-www-form-urlencoded')
	return new Request(`${BASE}${path}`, { method: form ? 'POST' : 'GET', headers, body: form ? new URLSearchParams(form) : undefined })
}

/** Gives the person something of everything: an edit naming them, comments, a reflection, progress, a feed, mail, failures. */
async function livedIn(userId: string, name: string, email: string) {
	const roadmap = await db.selectFrom('roadmaps').select('id').where('delegation_id', '=', 'panama-2025-pa').executeTakeFirstOrThrow()
	const objective = await db
		.selectFrom('roadmap_items')
		.select('id')
		.where('roadmap_id', '=', roadmap.id)
		.where('kind', '=', 'objective')
		.executeTakeFirstOrThrow()
	const created = await applyChange(db, roadmap.id, userId, {
		type: 'create',
		kind: 'action',
		parentId: objective.id,
		data: { description: `Mesa técnica convocada por ${name} (${email})` },
	})
	expect(created.ok).toBe(true)
	const now = new Date().toISOString()
	await db
		.insertInto('roadmap_comments')
		.values([
			{
				roadmap_id: roadmap.id,
				section: 'theory-of-change',
				item_id: null,
				user_id: userId,
				body: 'Propongo revisar los supuestos.',
				created_at: now,
				resolved_at: null,
				resolved_by: null,
			},
			{
				roadmap_id: roadmap.id,
				section: 'theory-of-change',
				item_id: null,
				user_id: await userIdFor(OTHER),
				body: `Gracias, ${name}.`,
				created_at: now,
				resolved_at: null,
				resolved_by: null,
			},
		])
		.execute()
	await db
		.insertInto('reflections')
		.values({
			user_id: userId,
			lesson_key: 'theory-of-change/why-a-theory-of-change',
			reflection_id: 'r1',
			body: 'Mi reflexión privada.',
			shared: 1,
			created_at: now,
			updated_at: now,
		})
		.onConflict((oc) => oc.doNothing())
		.execute()
	await db
		.insertInto('lesson_progress')
		.values({
			user_id: userId,
			lesson_key: 'theory-of-change/why-a-theory-of-change',
			first_viewed_at: now,
			last_viewed_at: now,
			completed_at: null,
		})
		.onConflict((oc) => oc.doNothing())
		.execute()
	await db
		.insertInto('check_attempts')
		.values({
			user_id: userId,
			lesson_key: 'theory-of-change/why-a-theory-of-change',
			check_id: 'c1',
			answer: '["a"]',
			correct: 1,
			created_at: now,
		})
		.execute()
	await resetFeed(userId)
	const login = await import('#app/routes/login.tsx')
	await run(async () => login.action(routeArgs(await from('192.0.2.77', null, '/login', { email, password: 'not-my-password' }))))
	await run(async () => login.action(routeArgs(await from('192.0.2.77', null, '/login', { email, password: DEMO_PASSWORD }))))
	const forgot = await import('#app/routes/forgot-password.tsx')
	await run(async () => forgot.action(routeArgs(await from('192.0.2.78', null, '/forgot-password', { email }))))
	return { roadmapId: roadmap.id }
}

/** Every text value of every table that contains `needle`, as "table.column". */
async function everywhere(needle: string) {
	const found: string[] = []
	for (const table of await db.introspection.getTables()) {
		if (table.name.startsWith('kysely_')) continue
		const rows = (await db
			.selectFrom(table.name as 'users')
			.selectAll()
			.execute()) as Array<Record<string, unknown>>
		for (const row of rows) {
			for (const [column, value] of Object.entries(row)) {
				if (typeof value === 'string' && value.toLowerCase().includes(needle.toLowerCase())) found.push(`${table.name}.${column}`)
			}
		}
	}
	return [...new Set(found)]
}

describe('a person’s data', () => {
	test('my data holds their things and nobody else’s, never a hash or a token', async () => {
		const userId = await userIdFor(ERASED)
		const user = await db.selectFrom('users').select(['name', 'password_hash']).where('id', '=', userId).executeTakeFirstOrThrow()
		await livedIn(userId, user.name, ERASED)
		const route = await import('#app/routes/settings_.my-data[.]json.tsx')
		const response = (await run(async () => route.loader(routeArgs(await from('192.0.2.5', ERASED, '/settings/my-data.json'))))).response!
		expect(response.headers.get('Content-Disposition')).toContain('attachment')
		const text = await response.text()
		const data = JSON.parse(text)
		expect(data.profile).toMatchObject({ id: userId, email: ERASED, name: user.name })
		expect(data.memberships.map((m: { delegation: string }) => m.delegation)).toContain('panama-2025-pa')
		expect(data.reflections.map((r: { body: string }) => r.body)).toContain('Mi reflexión privada.')
		expect(data.comments.map((c: { body: string }) => c.body)).toEqual(['Propongo revisar los supuestos.'])
		expect(
			data.roadmapEdits.some((e: { after: { data?: { description?: string } } }) => e.after?.data?.description?.includes('Mesa técnica')),
		).toBe(true)
		expect(data.checkAttempts).toEqual([expect.objectContaining({ check_id: 'c1', answer: ['a'], correct: true })])
		expect(data.calendarFeed.exists).toBe(true)
		expect(data.mailSentToMe.length).toBeGreaterThan(0)
		expect(data.mailSentToMe.every((m: { to_address: string }) => m.to_address === ERASED)).toBe(true)
		expect(data.auditLog.some((a: { action: string }) => a.action === 'auth.sign_in')).toBe(true)
		// Nobody else's things: the other member's comment and address are not there.
		expect(text).not.toContain('Gracias, ')
		expect(text).not.toContain(OTHER)
		// No secrets: the password hash, a session id's or token's hash.
		expect(text).not.toContain(user.password_hash)
		const feed = await db.selectFrom('calendar_feeds').select('token_hash').where('user_id', '=', userId).executeTakeFirstOrThrow()
		expect(text).not.toContain(feed.token_hash)
		expect(text).not.toMatch(/password_hash|token_hash/)
		// The download is in the audit log; someone else's data is not theirs to download.
		const exported = await db
			.selectFrom('audit_log')
			.select('details')
			.where('action', '=', 'export.downloaded')
			.where('actor_id', '=', userId)
			.execute()
		expect(exported.some((row) => row.details.includes('my-data.json'))).toBe(true)
	})

	test('erasing a delegate: asks to confirm; then their name and email are nowhere, pages and exports included, and the history still replays', async () => {
		const userId = await userIdFor(ERASED)
		const { name } = await db.selectFrom('users').select('name').where('id', '=', userId).executeTakeFirstOrThrow()
		const { roadmapId } = await livedIn(userId, name, ERASED)
		expect((await everywhere(name)).length).toBeGreaterThan(2)

		const person = await import('#app/routes/people.$userId.tsx')
		const post = (form: Record<string, string>) => async () =>
			run(async () => person.action(routeArgs(await from('192.0.2.90', 'staff@example.org', `/people/${userId}`, form), { userId })))
		// Without the ticked confirmation nothing happens.
		expect((await post({ intent: 'erase' })()).status).toBe(400)
		expect(await everywhere(ERASED)).not.toEqual([])
		// A facilitator may not erase anyone.
		const refused = await run(async () =>
			person.action(
				routeArgs(await from('192.0.2.90', 'facilitator@example.org', `/people/${userId}`, { intent: 'erase', confirm: 'yes' }), {
					userId,
				}),
			),
		)
		expect(refused.status).toBe(403)
		expect((await post({ intent: 'erase', confirm: 'yes' })()).status).toBe(302)

		// The database: not the name, not the address, in any text column of any table (the audit log included).
		expect(await everywhere(name)).toEqual([])
		expect(await everywhere(ERASED)).toEqual([])
		const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow()
		expect(user).toMatchObject({ name: ERASED_NAME, email: `erased-${userId}@invalid`, password_hash: '' })
		for (const table of ['sessions', 'lesson_progress', 'check_attempts', 'reflections', 'calendar_feeds', 'password_resets'] as const) {
			expect(await db.selectFrom(table).selectAll().where('user_id', '=', userId).execute(), table).toEqual([])
		}
		// Kept, attributed to the erased person: their comment and their roadmap edits.
		const kept = await db.selectFrom('roadmap_comments').select('body').where('user_id', '=', userId).execute()
		expect(kept.length).toBeGreaterThan(0)
		expect(kept.every((row) => row.body === 'Propongo revisar los supuestos.')).toBe(true)
		expect((await db.selectFrom('roadmap_changes').select('id').where('user_id', '=', userId).execute()).length).toBeGreaterThan(0)
		// The audit log: the erasure, by staff; their own lines now carry the erased name.
		const erased = await db
			.selectFrom('audit_log')
			.selectAll()
			.where('action', '=', 'account.erased')
			.where('target_id', '=', userId)
			.execute()
		expect(erased).toHaveLength(1)
		expect(erased[0]!.actor_id).toBe(await userIdFor('staff@example.org'))
		const theirs = await db.selectFrom('audit_log').select('actor_name').where('actor_id', '=', userId).execute()
		expect(theirs.length).toBeGreaterThan(0)
		expect(theirs.every((row) => row.actor_name === ERASED_NAME)).toBe(true)

		// The history still replays to the roadmap as it is.
		const comparable = (items: Array<{ id: string; data: unknown; parentId: string | null }>) =>
			items.map((item) => ({ id: item.id, parentId: item.parentId, data: item.data })).sort((a, b) => a.id.localeCompare(b.id))
		expect(comparable(await itemsAsOf(roadmapId, (await lastChangeId(db, roadmapId))!))).toEqual(comparable(await roadmapItems(roadmapId)))

		// Pages and exports of their delegation and cohort.
		const pages: Array<[string, string, Record<string, string>, string]> = [
			[
				'cohorts.$cohortId.delegations.$delegationId/route.tsx',
				'/cohorts/panama-2025/delegations/panama-2025-pa',
				{ cohortId: 'panama-2025', delegationId: 'panama-2025-pa' },
				'facilitator@example.org',
			],
			['cohorts.$cohortId.dashboard.tsx', '/cohorts/panama-2025/dashboard', { cohortId: 'panama-2025' }, 'facilitator@example.org'],
			['cohorts.$cohortId._index.tsx', '/cohorts/panama-2025', { cohortId: 'panama-2025' }, 'facilitator@example.org'],
			['cohorts.$cohortId.roster[.]csv.tsx', '/cohorts/panama-2025/roster.csv', { cohortId: 'panama-2025' }, 'facilitator@example.org'],
			['cohorts.$cohortId.progress[.]csv.tsx', '/cohorts/panama-2025/progress.csv', { cohortId: 'panama-2025' }, 'facilitator@example.org'],
			[
				'cohorts.$cohortId.invitations[.]csv.tsx',
				'/cohorts/panama-2025/invitations.csv',
				{ cohortId: 'panama-2025' },
				'facilitator@example.org',
			],
			['roadmaps.$delegationId.history.tsx', '/roadmaps/panama-2025-pa/history', { delegationId: 'panama-2025-pa' }, OTHER],
			[
				'roadmaps.$delegationId.theory-of-change.tsx',
				'/roadmaps/panama-2025-pa/theory-of-change',
				{ delegationId: 'panama-2025-pa', section: 'theory-of-change' },
				OTHER,
			],
			['roadmaps.$delegationId.actions[.]csv.tsx', '/roadmaps/panama-2025-pa/actions.csv', { delegationId: 'panama-2025-pa' }, OTHER],
			['audit[.]csv.tsx', '/audit.csv', {}, 'staff@example.org'],
			['people._index.tsx', '/people', {}, 'staff@example.org'],
		]
		for (const [file, path, params, viewer] of pages) {
			const route = (await import(/* @vite-ignore */ `#app/routes/${file}`)) as { loader: (args: unknown) => Promise<unknown> }
			const result = await run(async () => route.loader(routeArgs(await from('192.0.2.91', viewer, path), params)))
			expect(result.status, path).toBe(200)
			const text = result.response ? await result.response.text() : JSON.stringify(result.data)
			expect(text.includes(name), `${path} shows the name`).toBe(false)
			expect(text.includes(ERASED), `${path} shows the address`).toBe(false)
		}

		// The old address and password sign nobody in.
		const login = await import('#app/routes/login.tsx')
		const signIn = await run(async () =>
			login.action(routeArgs(await from('192.0.2.92', null, '/login', { email: ERASED, password: DEMO_PASSWORD }))),
		)
		expect(signIn.status).toBe(400)
	})
})
