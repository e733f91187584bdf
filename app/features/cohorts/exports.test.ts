import { parse } from 'csv-parse/sync'
import { describe, expect, test } from 'vitest'
import { cohortProgress } from '#app/features/progress/dashboard.server.ts'
import { db } from '#app/utils/db.server.ts'
import { requestAs, routeArgs, run } from '#tests/helpers.ts'

async function download(email: string, kind: 'roster' | 'progress' | 'invitations', cohortId = 'panama-2025') {
	const modules = {
		roster: () => import('#app/routes/cohorts.$cohortId.roster[.]csv.tsx'),
		progress: () => import('#app/routes/cohorts.$cohortId.progress[.]csv.tsx'),
		invitations: () => import('#app/routes/cohorts.$cohortId.invitations[.]csv.tsx'),
	}
	const { loader } = await modules[kind]()
	const result = await run(async () => loader(routeArgs(await requestAs(email, `/cohorts/${cohortId}/${kind}.csv`), { cohortId })))
	const response = result.response!
	const bytes = new Uint8Array(await response.arrayBuffer())
	return { response, bytes, rows: parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, '')) as string[][] }
}

describe('CSV exports', () => {
	test('are UTF-8 with a byte-order mark, with headers in the reader’s language', async () => {
		await db.updateTable('users').set({ language: 'es' }).where('email', '=', 'facilitator@example.org').execute()
		const spanish = await download('facilitator@example.org', 'roster')
		expect(spanish.response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
		expect([...spanish.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
		expect(spanish.rows[0]!.slice(0, 4)).toEqual(['País', 'Nombre', 'Correo', 'Sector'])
		expect(spanish.rows.some((row) => row[1] === 'Próspero Muestra' && row[0] === 'Panamá')).toBe(true)

		await db.updateTable('users').set({ language: 'en' }).where('email', '=', 'staff@example.org').execute()
		const english = await download('staff@example.org', 'roster')
		expect(english.rows[0]!.slice(0, 4)).toEqual(['Country', 'Name', 'Email', 'Sector'])
		expect(english.rows).toHaveLength(25)
	})

	test('progress agrees with the dashboard, delegate by delegate', async () => {
		await db.updateTable('users').set({ language: 'en' }).where('email', '=', 'staff@example.org').execute()
		const { rows } = await download('staff@example.org', 'progress')
		const dashboard = await cohortProgress('panama-2025', 'en')
		const header = rows[0]!
		const completedColumn = header.indexOf('Lessons completed')
		for (const delegate of dashboard.delegations.flatMap((d) => d.delegates)) {
			const row = rows.find((r) => r[2] === delegate.email)!
			expect(Number(row[completedColumn]), delegate.email).toBe(delegate.completed)
			for (const [index, module] of dashboard.modules.entries()) {
				expect(header[3 + index]).toBe(`${module.title}: lessons completed (of ${module.lessons})`)
				expect(row[3 + index]).toBe(String(delegate.byModule[module.slug] ?? 0))
			}
		}
		const bolivia = rows.find((r) => r[2] === 'delegate.bo@example.org')!
		expect(bolivia[completedColumn]).toBe('4')
	})

	test('invitation status lists who has accepted', async () => {
		const { rows } = await download('staff@example.org', 'invitations')
		expect(rows[0]).toContain('Status')
	})
})

test('the dashboard handles a cohort of 400 delegates', async () => {
	const now = new Date().toISOString()
	await db
		.insertInto('cohorts')
		.values({
			id: 'big-cohort',
			name: 'Big cohort',
			host_city: 'Lima',
			host_country: 'PE',
			venue: null,
			start_date: '2027-01-10',
			end_date: '2027-01-12',
			prework_due_date: '2027-01-03',
			status: 'open',
			created_at: now,
			updated_at: now,
		})
		.execute()
	const lessons = ['theory-of-change/why-a-theory-of-change', 'theory-of-change/from-problem-to-change', 'gender-budgeting/costing-a-nap']
	for (let d = 0; d < 40; d++) {
		const delegationId = `big-cohort-${d}`
		await db
			.insertInto('delegations')
			.values({ id: delegationId, cohort_id: 'big-cohort', country_code: `Q${String.fromCharCode(65 + (d % 26))}${d}`, created_at: now })
			.execute()
		for (let m = 0; m < 10; m++) {
			const userId = `big-${d}-${m}`
			await db
				.insertInto('users')
				.values({ id: userId, email: `${userId}@example.org`, name: `Big ${d} ${m}`, password_hash: 'x', language: 'es', created_at: now })
				.execute()
			await db
				.insertInto('delegation_members')
				.values({ delegation_id: delegationId, user_id: userId, sector: 'government', joined_at: now })
				.execute()
			for (const key of lessons.slice(0, m % 4)) {
				await db
					.insertInto('lesson_progress')
					.values({ user_id: userId, lesson_key: key, first_viewed_at: now, last_viewed_at: now, completed_at: now })
					.execute()
			}
		}
	}
	const { loader } = await import('#app/routes/cohorts.$cohortId.dashboard.tsx')
	const result = await run(async () =>
		loader(routeArgs(await requestAs('staff@example.org', '/cohorts/big-cohort/dashboard'), { cohortId: 'big-cohort' })),
	)
	expect(result.status).toBe(200)
	const data = result.data as {
		summary: { delegates: number; notStarted: number }
		progress: { delegations: Array<{ completed: number }> }
	}
	expect(data.summary.delegates).toBe(400)
	// Per delegation of 10: members m=0,4,8 have nothing; the others 1, 2 or 3 lessons.
	expect(data.summary.notStarted).toBe(120)
	expect(data.progress.delegations.every((d) => d.completed === 1 + 2 + 3 + 1 + 2 + 3 + 1)).toBe(true)
})
