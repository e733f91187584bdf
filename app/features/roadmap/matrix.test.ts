import { describe, expect, test } from 'vitest'
import { applyChange } from '#app/features/roadmap/items.server.ts'
import { actionFormValues, filterRows, type MatrixRow, matrixTotals, sortRows } from '#app/features/roadmap/matrix.ts'
import { readMatrixQuery } from '#app/features/roadmap/matrix-query.server.ts'
import { getRoadmapByDelegation, roadmapItems } from '#app/features/roadmap/roadmap.server.ts'
import { db } from '#app/utils/db.server.ts'
import { requestAs, routeArgs, run, userIdFor } from '#tests/helpers.ts'

/**
 * The results matrix: a row per line of action, filtered and sorted on the server from its GET form,
 * with the totals of the rows shown; its inline edits are the action's own update with all its fields.
 */
const delegationId = 'panama-2025-pa'
const lead = 'delegate.pa@example.org'
const path = `/roadmaps/${delegationId}/matrix`

type MatrixData = {
	rows: MatrixRow[]
	count: number
	totals: { total: number; committed: number; funded: number | null }
	editable: boolean
	choices: { pillars: Array<{ id: string; label: string }>; leads: string[] }
}

async function loadAs(email: string, search = '') {
	const route = await import('#app/routes/roadmaps.$delegationId.matrix.tsx')
	return run(async () => route.loader(routeArgs(await requestAs(email, `${path}${search}`), { delegationId })))
}

async function postAs(email: string, form: Record<string, string>) {
	const route = await import('#app/routes/roadmaps.$delegationId.matrix.tsx')
	return run(async () => route.action(routeArgs(await requestAs(email, path, { form }), { delegationId })))
}

/**
 * A pillar of its own in Panama's roadmap with one objective and three actions: a costly one that is
 * half committed, a cheap one fully committed, and one with no cost, lead or start.
 */
async function pillarWithThreeActions(tag: string) {
	const roadmap = (await getRoadmapByDelegation(delegationId))!
	const userId = await userIdFor(lead)
	const create = async (kind: 'pillar' | 'objective' | 'action' | 'indicator', parentId: string | null, form: Record<string, string>) => {
		const result = await applyChange(db, roadmap.id, userId, {
			type: 'create',
			section: kind === 'indicator' ? 'monitoring' : 'strategic-design',
			kind,
			parentId,
			form,
		})
		if (!result.ok || !result.id) throw new Error(`setup: ${kind} ${JSON.stringify(result)}`)
		return result.id
	}
	const pillarId = await create('pillar', null, { name: `Pillar ${tag}` })
	const objectiveId = await create('objective', pillarId, { statement: `Objective ${tag}` })
	const costly = await create('action', objectiveId, {
		description: `Costly ${tag}`,
		lead: 'Ministry of Security',
		partners: 'National Police',
		start: '2026-Q3',
		end: '2027-Q4',
		status: 'in_progress',
		level: 'national',
		places: 'Colón',
		'costs[0].amount': '60000',
		'costs[0].source': 'national_budget',
		'costs[0].committed': 'on',
		'costs[1].amount': '60000',
		'costs[1].source': 'international_cooperation',
	})
	const cheap = await create('action', objectiveId, {
		description: `Cheap ${tag}`,
		lead: 'Ministry of Women',
		start: '2026-Q1',
		status: 'planned',
		'costs[0].amount': '5000',
		'costs[0].source': 'ministry_line',
		'costs[0].committed': 'on',
	})
	const bare = await create('action', objectiveId, { description: `Bare ${tag}` })
	const indicatorId = await create('indicator', costly, {
		statement: `Officers trained ${tag}`,
		measure: 'number',
		unit: 'officers',
		baselineValue: '0',
		targetValue: '300',
	})
	return { roadmapId: roadmap.id, pillarId, objectiveId, costly, cheap, bare, indicatorId }
}

describe('the results matrix loader', () => {
	test('shows one row per line of action with its number, cost, sources, funded share and indicators', async () => {
		const setup = await pillarWithThreeActions('rows')
		const response = await loadAs(lead, `?pillar=${setup.pillarId}`)
		expect(response.status).toBe(200)
		const data = response.data as MatrixData
		expect(data.editable).toBe(true)
		expect(data.rows.map((row) => row.description)).toEqual(['Costly rows', 'Cheap rows', 'Bare rows'])
		const [costly, cheap, bare] = data.rows
		const pillarNumber = costly!.pillarNumber
		expect(costly).toMatchObject({
			number: `${pillarNumber}.1.1`,
			pillar: 'Pillar rows',
			objective: 'Objective rows',
			lead: 'Ministry of Security',
			partners: 'National Police',
			start: '2026-Q3',
			end: '2027-Q4',
			status: 'in_progress',
			level: 'national',
			total: 12_000_000,
			committed: 6_000_000,
			funded: 0.5,
			sources: ['national_budget', 'international_cooperation'],
		})
		expect(costly!.indicators).toEqual([
			expect.objectContaining({
				number: `${pillarNumber}.1.1.a`,
				statement: 'Officers trained rows',
				baseline: '0',
				target: '300',
				unit: 'officers',
			}),
		])
		expect(cheap).toMatchObject({ number: `${pillarNumber}.1.2`, total: 500_000, funded: 1 })
		expect(bare).toMatchObject({ lead: '', start: '', total: 0, funded: null, sources: [], indicators: [] })
		// "3 of M lines": the count is of the whole plan, the totals of the rows shown.
		expect(data.count).toBeGreaterThan(3)
		expect(data.totals).toEqual({ total: 12_500_000, committed: 6_500_000, funded: 6_500_000 / 12_500_000 })
		expect(data.choices.pillars).toContainEqual({ id: setup.pillarId, label: `${pillarNumber}. Pillar rows` })
		expect(data.choices.leads).toEqual(expect.arrayContaining(['Ministry of Security', 'Ministry of Women']))
	})

	test('filters by pillar, lead and status, and sorts by cost, funded share and start on the server', async () => {
		const { pillarId } = await pillarWithThreeActions('sort')
		const names = async (search: string) =>
			((await loadAs(lead, `?pillar=${pillarId}${search}`)).data as MatrixData).rows.map((r) => r.description)
		expect(await names('&status=planned')).toEqual(['Cheap sort'])
		expect(await names('&lead=ministry+of+security')).toEqual(['Costly sort'])
		// Rows without the value come last in both directions.
		expect(await names('&sort=cost&dir=asc')).toEqual(['Cheap sort', 'Costly sort', 'Bare sort'])
		expect(await names('&sort=cost&dir=desc')).toEqual(['Costly sort', 'Cheap sort', 'Bare sort'])
		expect(await names('&sort=funded&dir=desc')).toEqual(['Cheap sort', 'Costly sort', 'Bare sort'])
		expect(await names('&sort=start')).toEqual(['Cheap sort', 'Costly sort', 'Bare sort'])
		expect(await names('&sort=number&dir=desc')).toEqual(['Bare sort', 'Cheap sort', 'Costly sort'])
		// A filter that matches nothing: no rows, totals of nothing, the plan's count unchanged.
		const none = (await loadAs(lead, `?pillar=${pillarId}&status=dropped`)).data as MatrixData
		expect(none.rows).toEqual([])
		expect(none.totals).toEqual({ total: 0, committed: 0, funded: null })
		expect(none.count).toBeGreaterThan(0)
	})

	test('a value that is not one of the form’s choices is ignored rather than refused', () => {
		expect(readMatrixQuery(new URLSearchParams('status=lost&sort=colour&dir=up&lead=&pillar='))).toEqual({
			pillar: undefined,
			lead: undefined,
			status: undefined,
			sort: 'number',
			dir: 'asc',
		})
	})

	test('a delegate of another delegation gets 403, and a facilitator reads it without editing', async () => {
		expect((await loadAs('delegate.bo@example.org')).status).toBe(403)
		const facilitator = await loadAs('facilitator@example.org')
		expect(facilitator.status).toBe(200)
		expect((facilitator.data as MatrixData).editable).toBe(false)
	})
})

describe('sorting and filtering rows', () => {
	const row = (number: string, values: Partial<MatrixRow>): MatrixRow =>
		({ number, pillarId: 'p', lead: '', status: '', start: '', costs: [], total: 0, committed: 0, funded: null, ...values }) as MatrixRow
	const rows = [
		row('1.1.1', { lead: 'Ministry of Women', status: 'done', start: '2027-01' }),
		row('1.1.10', { lead: 'ministry of women', status: 'planned', start: '2026-Q2' }),
		row('1.1.2', { lead: 'Police', status: 'delayed', start: '2026-05' }),
		row('2.1.1', { pillarId: 'q' }),
	]
	const numbers = (list: MatrixRow[]) => list.map((r) => r.number)
	test('numbers sort as numbers, not as text', () => {
		expect(numbers(sortRows(rows, { sort: 'number', dir: 'asc' }))).toEqual(['1.1.1', '1.1.2', '1.1.10', '2.1.1'])
	})
	test('start sorts by the first month a period covers; a quarter and a month compare', () => {
		expect(numbers(sortRows(rows, { sort: 'start', dir: 'asc' }))).toEqual(['1.1.10', '1.1.2', '1.1.1', '2.1.1'])
	})
	test('status sorts in the vocabulary’s order, and the lead filter ignores case', () => {
		expect(numbers(sortRows(rows, { sort: 'status', dir: 'asc' }))).toEqual(['1.1.10', '1.1.1', '1.1.2', '2.1.1'])
		expect(numbers(filterRows(rows, { lead: 'MINISTRY OF WOMEN', sort: 'number', dir: 'asc' }))).toEqual(['1.1.1', '1.1.10'])
		expect(numbers(filterRows(rows, { pillar: 'q', sort: 'number', dir: 'asc' }))).toEqual(['2.1.1'])
	})
	test('the totals of no rows are zero with no funded share', () => {
		expect(matrixTotals([])).toEqual({ total: 0, committed: 0, funded: null })
	})
})

describe('an edit in place', () => {
	const formFor = async (roadmapId: string, actionId: string, change: Record<string, string>) => {
		const action = (await roadmapItems(roadmapId)).find((i) => i.id === actionId)!
		return {
			intent: 'update',
			kind: 'action',
			formKey: `item-${actionId}`,
			id: actionId,
			version: String(action.version),
			...actionFormValues(action.data, 'USD', 'es'),
			...change,
		}
	}

	test('changes the one field and keeps every other field, cost lines and indicators as they were', async () => {
		const { roadmapId, costly, indicatorId } = await pillarWithThreeActions('inline')
		const before = (await roadmapItems(roadmapId)).find((i) => i.id === costly)!
		const response = await postAs(lead, await formFor(roadmapId, costly, { lead: 'Ministry of Foreign Affairs' }))
		expect(response.status).toBe(200)
		expect(response.data).toEqual({ saved: true })
		const items = await roadmapItems(roadmapId)
		const after = items.find((i) => i.id === costly)!
		expect(after.data).toEqual({ ...before.data, lead: 'Ministry of Foreign Affairs' })
		expect(after.version).toBe(before.version + 1)
		expect(items.find((i) => i.id === indicatorId)!.version).toBe(1)
	})

	test('a stale version is a 409 conflict and a bad period a 400 on that field; nothing changes', async () => {
		const { roadmapId, cheap } = await pillarWithThreeActions('refused')
		const before = (await roadmapItems(roadmapId)).find((i) => i.id === cheap)!
		const stale = await postAs(lead, { ...(await formFor(roadmapId, cheap, { lead: 'Someone else' })), version: '0' })
		expect(stale.status).toBe(409)
		expect((stale.data as { feedback: { conflict?: unknown } }).feedback.conflict).toBeTruthy()
		const bad = await postAs(lead, await formFor(roadmapId, cheap, { start: 'next spring' }))
		expect(bad.status).toBe(400)
		expect((bad.data as { result: { error: Record<string, string[]> } }).result.error.start).toEqual(['roadmap.errors.period'])
		expect((await roadmapItems(roadmapId)).find((i) => i.id === cheap)).toEqual(before)
	})

	test('only an action’s update is taken, and only from who may edit the roadmap', async () => {
		const { roadmapId, cheap } = await pillarWithThreeActions('refusedKinds')
		expect((await postAs(lead, { intent: 'delete', id: cheap, version: '1' })).status).toBe(400)
		expect((await postAs('facilitator@example.org', await formFor(roadmapId, cheap, { lead: 'Facilitator' }))).status).toBe(403)
		expect((await postAs('delegate.bo@example.org', { intent: 'delete', id: cheap, version: '1' })).status).toBe(403)
		expect((await roadmapItems(roadmapId)).find((i) => i.id === cheap)!.version).toBe(1)
	})
})
