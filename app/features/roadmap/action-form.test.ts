import { describe, expect, test } from 'vitest'
import { applyChange } from '#app/features/roadmap/items.server.ts'
import { getRoadmapByDelegation, roadmapItems } from '#app/features/roadmap/roadmap.server.ts'
import { db } from '#app/utils/db.server.ts'
import { requestAs, routeArgs, run, userIdFor } from '#tests/helpers.ts'

/**
 * An action is edited in one form — what, who and when, cost, where, and its indicators — with one
 * save: everything it holds is written in one transaction, or nothing is.
 */
const delegationId = 'panama-2025-pa'
const path = `/roadmaps/${delegationId}/strategic-design`

async function post(form: Record<string, string>) {
	const route = await import('#tests/roadmap-section.ts')
	return run(async () =>
		route.action(routeArgs(await requestAs('delegate.pa@example.org', path, { form }), { delegationId, section: 'strategic-design' })),
	)
}

/** A new objective with one action that has one indicator, to work on without touching the seed's items. */
async function actionWithIndicator(tag: string) {
	const roadmap = (await getRoadmapByDelegation(delegationId))!
	const userId = await userIdFor('delegate.pa@example.org')
	const pillar = (await roadmapItems(roadmap.id)).find((i) => i.kind === 'pillar')!
	const objective = await applyChange(db, roadmap.id, userId, {
		type: 'create',
		section: 'strategic-design',
		kind: 'objective',
		parentId: pillar.id,
		form: { statement: `Objective ${tag}` },
	})
	const action = await applyChange(db, roadmap.id, userId, {
		type: 'create',
		section: 'strategic-design',
		kind: 'action',
		parentId: objective.ok ? objective.id : null,
		form: { description: `Action ${tag}`, lead: 'Ministry of Women' },
	})
	const indicator = await applyChange(db, roadmap.id, userId, {
		type: 'create',
		section: 'monitoring',
		kind: 'indicator',
		parentId: action.ok ? action.id : null,
		form: { statement: `Indicator ${tag}`, measure: 'number' },
	})
	if (!objective.ok || !action.ok || !indicator.ok) throw new Error('setup')
	return { roadmapId: roadmap.id, objectiveId: objective.id!, actionId: action.id!, indicatorId: indicator.id! }
}

const itemsOf = async (roadmapId: string, ids: string[]) => (await roadmapItems(roadmapId)).filter((i) => ids.includes(i.id))
const childrenOf = async (roadmapId: string, parentId: string) => (await roadmapItems(roadmapId)).filter((i) => i.parentId === parentId)

describe("an action's one form", () => {
	test('saves the action, changes its indicator and adds a new one in one save, and closes the form', async () => {
		const { roadmapId, actionId, indicatorId } = await actionWithIndicator('one-save')
		const response = await post({
			intent: 'update',
			kind: 'action',
			formKey: `item-${actionId}`,
			id: actionId,
			version: '1',
			description: 'Action one-save, in three provinces',
			lead: 'Ministry of Women',
			'costs[0].amount': '12 500',
			'costs[0].source': 'national_budget',
			'indicators[0].id': indicatorId,
			'indicators[0].version': '1',
			'indicators[0].statement': 'Shelters open',
			'indicators[0].measure': 'number',
			'indicators[0].baselineValue': '2',
			'indicators[0].targetValue': '9',
			'indicators[1].statement': 'Women who used a shelter',
			'indicators[1].measure': 'number',
		})
		expect(response.status).toBe(302)
		// The form closes; the page says which item was saved and goes to it.
		expect(response.response?.headers.get('Location')).toBe(`${path}?saved=item-${actionId}#item-${actionId}`)
		const [action] = await itemsOf(roadmapId, [actionId])
		expect(action!.data).toMatchObject({
			description: 'Action one-save, in three provinces',
			costs: [{ amount: 1_250_000, source: 'national_budget', committed: false }],
		})
		const indicators = await childrenOf(roadmapId, actionId)
		expect(indicators.map((i) => [i.data.statement, i.data.baselineValue ?? '', i.data.targetValue ?? ''])).toEqual([
			['Shelters open', '2', '9'],
			['Women who used a shelter', '', ''],
		])
		const history = await db
			.selectFrom('roadmap_changes')
			.select(['item_id', 'change'])
			.where('roadmap_id', '=', roadmapId)
			.orderBy('id', 'desc')
			.limit(3)
			.execute()
		expect(history.reverse().map((h) => [h.item_id === indicators[1]!.id ? 'new' : h.item_id, h.change])).toEqual([
			[actionId, 'update'],
			[indicatorId, 'update'],
			['new', 'create'],
		])
	})

	test('a mistake in one indicator refuses the whole save, with the message on that field, and changes nothing', async () => {
		const { roadmapId, actionId, indicatorId } = await actionWithIndicator('refused')
		const before = await itemsOf(roadmapId, [actionId, indicatorId])
		const response = await post({
			intent: 'update',
			kind: 'action',
			formKey: `item-${actionId}`,
			id: actionId,
			version: '1',
			description: 'Changed, but must not be saved',
			'indicators[0].id': indicatorId,
			'indicators[0].version': '1',
			'indicators[0].statement': 'Indicator refused',
			'indicators[1].statement': 'A new one with a bad year',
			'indicators[1].baselineYear': 'last year',
		})
		expect(response.status).toBe(400)
		const body = response.data as { result: { error: Record<string, string[]>; initialValue: Record<string, unknown> } }
		expect(body.result.error['indicators[1].baselineYear']).toEqual(['roadmap.errors.year'])
		// What was typed comes back, so nothing is lost.
		expect(JSON.stringify(body.result.initialValue)).toContain('Changed, but must not be saved')
		expect(await itemsOf(roadmapId, [actionId, indicatorId])).toEqual(before)
		expect(await childrenOf(roadmapId, actionId)).toHaveLength(1)
	})

	test("an indicator of another action cannot be edited through this action's form", async () => {
		const one = await actionWithIndicator('mine')
		const other = await actionWithIndicator('theirs')
		const before = await itemsOf(other.roadmapId, [one.actionId, other.indicatorId])
		const response = await post({
			intent: 'update',
			kind: 'action',
			formKey: `item-${one.actionId}`,
			id: one.actionId,
			version: '1',
			description: 'Mine, edited',
			'indicators[0].id': other.indicatorId,
			'indicators[0].version': '1',
			'indicators[0].statement': 'Hijacked',
		})
		expect(response.status).toBe(404)
		expect(await itemsOf(other.roadmapId, [one.actionId, other.indicatorId])).toEqual(before)
	})

	test('an indicator someone else changed meanwhile refuses the save with a 409, the typed text kept', async () => {
		const { roadmapId, actionId, indicatorId } = await actionWithIndicator('stale')
		const userId = await userIdFor('delegate.pa@example.org')
		await applyChange(db, roadmapId, userId, {
			type: 'update',
			section: 'monitoring',
			id: indicatorId,
			version: 1,
			form: { statement: 'Changed by someone else', measure: 'number' },
		})
		const response = await post({
			intent: 'update',
			kind: 'action',
			formKey: `item-${actionId}`,
			id: actionId,
			version: '1',
			description: 'Action stale, edited',
			'indicators[0].id': indicatorId,
			'indicators[0].version': '1',
			'indicators[0].statement': 'My own wording',
		})
		expect(response.status).toBe(409)
		const body = response.data as { feedback: { message: string }; result: { initialValue: unknown } }
		expect(body.feedback.message).toBe('roadmap.errors.conflict')
		expect(JSON.stringify(body.result.initialValue)).toContain('My own wording')
		const [action] = await itemsOf(roadmapId, [actionId])
		expect(action!.data.description).toBe('Action stale')
	})

	test('a new action with an indicator is added with it; the add form comes back open and empty for the next one', async () => {
		const { roadmapId, objectiveId } = await actionWithIndicator('add')
		const formKey = `new-action-${objectiveId}`
		const response = await post({
			intent: 'create',
			kind: 'action',
			formKey,
			parentId: objectiveId,
			description: 'A second action',
			'indicators[0].statement': 'Its indicator',
			// The empty indicator fold of a form adds nothing.
			'indicators[1].statement': '  ',
			'indicators[1].measure': '',
		})
		expect(response.status).toBe(302)
		expect(response.response?.headers.get('Location')).toBe(`${path}?edit=${formKey}&saved=${formKey}#${formKey}`)
		const actions = await childrenOf(roadmapId, objectiveId)
		expect(actions.map((a) => a.data.description)).toEqual(['Action add', 'A second action'])
		expect((await childrenOf(roadmapId, actions[1]!.id)).map((i) => i.data.statement)).toEqual(['Its indicator'])
	})

	test('a save of an action someone deleted meanwhile keeps the text and offers to restore it; restored, it can be saved', async () => {
		const { roadmapId, actionId, indicatorId } = await actionWithIndicator('gone')
		const userId = await userIdFor('delegate.pa@example.org')
		const deleted = await applyChange(db, roadmapId, userId, {
			type: 'delete',
			section: 'strategic-design',
			id: actionId,
			version: 1,
			withChildren: true,
		})
		expect(deleted.ok).toBe(true)
		const form = {
			intent: 'update',
			kind: 'action',
			formKey: `item-${actionId}`,
			id: actionId,
			version: '1',
			description: 'My words, not lost',
		}
		const response = await post(form)
		expect(response.status).toBe(404)
		const body = response.data as { feedback: { message: string; deletion: { changeId: number } }; result: { initialValue: unknown } }
		expect(body.feedback.message).toBe('roadmap.errors.deletedMeanwhile')
		expect(JSON.stringify(body.result.initialValue)).toContain('My words, not lost')
		// Restore (the form the page offers), then the same save goes through.
		const restored = await post({ intent: 'restore', changeId: String(body.feedback.deletion.changeId) })
		expect(restored.status).toBe(302)
		expect((await itemsOf(roadmapId, [actionId, indicatorId])).map((i) => i.id).sort()).toEqual([actionId, indicatorId].sort())
		const [action] = await itemsOf(roadmapId, [actionId])
		expect((await post({ ...form, version: String(action!.version) })).status).toBe(302)
		expect((await itemsOf(roadmapId, [actionId]))[0]!.data.description).toBe('My words, not lost')
	})
})
