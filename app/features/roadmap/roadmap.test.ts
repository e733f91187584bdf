import { describe, expect, test } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import { exportRoadmap, importRoadmap, loadTree } from '#app/features/roadmap/transfer.server.ts'
import { applyChange } from '#app/features/roadmap/items.server.ts'
import { type ItemData, KINDS, type Kind, type Section } from '#app/features/roadmap/kinds.ts'
import {
	budgetTotals,
	buildTree,
	completeness,
	getRoadmapByDelegation,
	itemsAsOf,
	roadmapHistory,
	roadmapItems,
} from '#app/features/roadmap/roadmap.server.ts'
import type { FormInput } from '#app/features/roadmap/schemas.ts'
import type { Roadmap } from '#db/schema.ts'
import { mexicoShape, withIndicators } from '#tests/fixtures/mexico-roadmap.ts'
import { userIdFor } from '#tests/helpers.ts'

/** Every delegation's roadmap exists from the seed (or from adding the delegation). */
async function freshRoadmap(delegationId: string) {
	const roadmap = await getRoadmapByDelegation(delegationId)
	if (!roadmap) throw new Error(`no roadmap for ${delegationId}`)
	return roadmap
}

/** Creates an item from its kind's own section, as that section's form would. */
function createItem(roadmap: Roadmap, userId: string, input: { kind: Kind; parentId?: string | null; form: FormInput }) {
	return applyChange(db, roadmap.id, userId, { type: 'create', section: KINDS[input.kind].section, ...input })
}

function updateItem(roadmap: Roadmap, userId: string, input: { id: string; version: number; section: Section; form: FormInput }) {
	return applyChange(db, roadmap.id, userId, { type: 'update', ...input })
}

const dataOf = (side: unknown) => (side && typeof side === 'object' && 'data' in side ? (side.data as Record<string, unknown>) : undefined)

describe('a roadmap of the shape of Mexico’s NAP-1325', () => {
	test('imports, counts 4/10/16/23, computes totals and completeness, and round-trips', async () => {
		const roadmap = await freshRoadmap('panama-2025-cr')
		const userId = await userIdFor('cr1@example.org')
		const doc = withIndicators(mexicoShape())
		const result = await importRoadmap(roadmap, userId, JSON.stringify(doc))
		expect(result).toMatchObject({ ok: true })
		const reloaded = await db.selectFrom('roadmaps').selectAll().where('id', '=', roadmap.id).executeTakeFirstOrThrow()
		const tree = await loadTree(roadmap.id)
		expect([tree.pillars.length, tree.objectives.length, tree.actions.length, tree.indicators.length]).toEqual([4, 10, 16, 23])
		expect(reloaded.currency).toBe('MXN')

		const totals = budgetTotals(tree)
		const expectedTotal = Array.from({ length: 16 }, (_, i) => (i + 1) * 100_000_00).reduce((a, b) => a + b, 0)
		// Some actions are funded from two or three lines, part committed: funded is what the committed lines add up to.
		type Line = { amount: number; committed: boolean }
		type Doc = { pillars: Array<{ objectives: Array<{ actions: Array<{ costs: Line[] }> }> }> }
		const lines = (doc as Doc).pillars.flatMap((p) => p.objectives.flatMap((o) => o.actions.flatMap((a) => a.costs)))
		const expectedFunded = lines.filter((line) => line.committed).reduce((a, line) => a + line.amount, 0)
		expect(tree.actions.map((a) => (a.data.costs as unknown[]).length)).toEqual([1, 1, 2, 1, 3, 2, 1, 1, 2, 3, 1, 2, 1, 1, 3, 1])
		expect(totals.total).toBe(expectedTotal)
		expect(totals.funded).toBe(expectedFunded)
		expect(totals.bySource.reduce((sum, s) => sum + s.total, 0)).toBe(expectedTotal)
		expect(totals.fundedShare).toBeCloseTo(expectedFunded / expectedTotal)

		const gaps = completeness(tree)
		expect(gaps.filter((g) => g.key === 'actionWithoutLead')).toHaveLength(1)
		expect(gaps.filter((g) => g.key === 'indicatorWithoutBaseline')).toHaveLength(4)
		expect(gaps.filter((g) => g.key === 'objectiveWithoutAction')).toHaveLength(0)

		// Round trip: exporting, importing into another empty roadmap and exporting again gives the same roadmap.
		const exported = exportRoadmap(reloaded, tree)
		const other = await freshRoadmap('panama-2025-ec')
		expect(await importRoadmap(other, userId, JSON.stringify(exported))).toMatchObject({ ok: true })
		const otherReloaded = await db.selectFrom('roadmaps').selectAll().where('id', '=', other.id).executeTakeFirstOrThrow()
		const again = exportRoadmap(otherReloaded, await loadTree(other.id))
		expect({ ...again, exportedAt: null }).toEqual({ ...exported, exportedAt: null })

		// The print page renders it all.
		const { loader } = await import('#app/routes/roadmaps.$delegationId.print.tsx')
		const { requestAs, routeArgs, run } = await import('#tests/helpers.ts')
		const page = await run(async () =>
			loader(routeArgs(await requestAs('facilitator@example.org', '/roadmaps/panama-2025-cr/print'), { delegationId: 'panama-2025-cr' })),
		)
		expect(page.status).toBe(200)
		expect((page.data as { tree: { actions: unknown[] } }).tree.actions).toHaveLength(16)
	})

	test('a broken import changes nothing', async () => {
		const roadmap = await freshRoadmap('panama-2025-bo')
		const userId = await userIdFor('delegate.bo@example.org')
		const before = await db.selectFrom('roadmap_items').select(['id', 'data']).where('roadmap_id', '=', roadmap.id).execute()
		expect(await importRoadmap(roadmap, userId, '{not json')).toEqual({ ok: false, errors: ['roadmap.import.notJson'] })
		expect((await importRoadmap(roadmap, userId, JSON.stringify({ hello: 'world' }))).ok).toBe(false)
		const negative = withIndicators(mexicoShape())
		negative.pillars[3].objectives[1].actions[0].costs[0].amount = -5
		const bad = await importRoadmap(roadmap, userId, JSON.stringify(negative))
		expect(bad.ok).toBe(false)
		expect(JSON.stringify(bad)).toContain('pillars.3.objectives.1.actions.0.costs[0].amount')
		const late = withIndicators(mexicoShape())
		late.pillars[0].objectives[0].actions[0].end = '2019-Q1'
		expect((await importRoadmap(roadmap, userId, JSON.stringify(late))).ok).toBe(false)
		const after = await db.selectFrom('roadmap_items').select(['id', 'data']).where('roadmap_id', '=', roadmap.id).execute()
		expect(after).toEqual(before)
	})
})

describe('working together', () => {
	test('two people editing the same action from the same version: the second is refused with both texts, and no edit is lost', async () => {
		const roadmap = await freshRoadmap('panama-2025-pa')
		const ana = await userIdFor('delegate.pa@example.org')
		const beto = await userIdFor('pa2@example.org')
		const pillar = buildTree(await roadmapItems(roadmap.id)).pillars[0]!
		const objective = await createItem(roadmap, ana, {
			kind: 'objective',
			parentId: pillar.id,
			form: { statement: 'More women in the police' },
		})
		if (!objective.ok) throw new Error('objective')
		const action = await createItem(roadmap, ana, {
			kind: 'action',
			parentId: objective.id,
			form: { description: 'Recruitment campaign', lead: 'Ministry of Security' },
		})
		if (!action.ok) throw new Error('action')
		const section = 'strategic-design'

		const first = await updateItem(roadmap, ana, {
			id: action.id!,
			version: 1,
			section,
			form: { description: 'Recruitment campaign in every province', lead: 'Ministry of Security' },
		})
		expect(first).toMatchObject({ ok: true, version: 2 })
		const second = await updateItem(roadmap, beto, {
			id: action.id!,
			version: 1,
			section,
			form: { description: 'Recruitment campaign with women’s networks', lead: 'Ministry of Security' },
		})
		expect(second.ok).toBe(false)
		if (second.ok || second.reason !== 'conflict') throw new Error('expected a conflict')
		expect(second.current.data.description).toBe('Recruitment campaign in every province')
		expect(second.mine?.description).toBe('Recruitment campaign with women’s networks')

		const merged = await updateItem(roadmap, beto, {
			id: action.id!,
			version: second.current.version,
			section,
			form: { description: 'Recruitment campaign in every province, with women’s networks', lead: 'Ministry of Security' },
		})
		expect(merged).toMatchObject({ ok: true, version: 3 })
		const history = (await roadmapHistory(roadmap.id)).filter((h) => h.item_id === action.id && h.change === 'update')
		expect(history.map((h) => dataOf(h.after)?.description).reverse()).toEqual([
			'Recruitment campaign in every province',
			'Recruitment campaign in every province, with women’s networks',
		])
		// The roadmap as it was after the first save shows the first text.
		const asOf = await itemsAsOf(roadmap.id, history[history.length - 1]!.id)
		expect(asOf.find((i) => i.id === action.id)?.data.description).toBe('Recruitment campaign in every province')
	})

	test('bad input is refused field by field: negative cost, end before start, non-numeric target, bad currency', async () => {
		const roadmap = await freshRoadmap('panama-2025-pa')
		const userId = await userIdFor('delegate.pa@example.org')
		const tree = await loadTree(roadmap.id)
		const objective = tree.objectives[0]!
		const bad = await createItem(roadmap, userId, {
			kind: 'action',
			parentId: objective.id,
			form: { description: 'X', start: '2026-Q3', end: '2026-Q1' },
		})
		expect(bad).toMatchObject({ ok: false, reason: 'invalid', errors: { end: ['roadmap.errors.endBeforeStart'] } })
		// Costs are lines of the action's one form (from the strategic design).
		const action = tree.actions[0]!
		const negative = await updateItem(roadmap, userId, {
			id: action.id,
			version: action.version,
			section: 'strategic-design',
			form: { description: String(action.data.description), 'costs[0].amount': '-100', 'costs[0].source': 'national_budget' },
		})
		expect(negative).toMatchObject({ ok: false, reason: 'invalid', errors: { 'costs[0].amount': ['roadmap.errors.negative'] } })
		const indicator = await createItem(roadmap, userId, {
			kind: 'indicator',
			parentId: objective.id,
			form: { statement: 'Share of women officers', measure: 'percent', targetValue: 'many' },
		})
		expect(indicator).toMatchObject({ ok: false, errors: { targetValue: ['roadmap.errors.number'] } })
		const orphan = await createItem(roadmap, userId, { kind: 'action', parentId: 'not-an-objective', form: { description: 'X' } })
		expect(orphan).toMatchObject({ ok: false, reason: 'badParent' })
		const ok = await createItem(roadmap, userId, { kind: 'action', parentId: objective.id, form: { description: 'Costed action' } })
		if (!ok.ok) throw new Error('action')
		const costed = await updateItem(roadmap, userId, {
			id: ok.id!,
			version: 1,
			section: 'strategic-design',
			form: { description: 'Costed action', 'costs[0].amount': '12,500.50', 'costs[0].source': 'national_budget' },
		})
		expect(costed).toMatchObject({ ok: true })
		const saved = (await loadTree(roadmap.id)).actions.find((a) => a.data.description === 'Costed action')!
		expect(saved.data.costs).toEqual([{ amount: 1_250_050, source: 'national_budget', committed: false }])
	})
})

describe('status, order and deletion', () => {
	async function post(
		email: string,
		path: string,
		params: Record<string, string>,
		form: Record<string, string>,
		module: 'overview' | 'section',
	) {
		const { requestAs, routeArgs, run } = await import('#tests/helpers.ts')
		const route =
			module === 'overview' ? await import('#app/routes/roadmaps.$delegationId._index.tsx') : await import('#tests/roadmap-section.ts')
		return run(async () => route.action(routeArgs(await requestAs(email, path, { form }), params)))
	}
	const gt = { delegationId: 'port-of-spain-2024-jm' }

	/** The roadmap version a page made now would send with its status, sharing and currency forms. */
	const versionOf = async (delegationId: string) =>
		String((await db.selectFrom('roadmaps').select('version').where('delegation_id', '=', delegationId).executeTakeFirstOrThrow()).version)

	test('draft → shared for review → final; a final roadmap refuses edits until its lead reopens it', async () => {
		const lead = 'jm1@example.org'
		const member = 'jm2@example.org'
		const version = () => versionOf('port-of-spain-2024-jm')
		expect(
			(await post(member, '/roadmaps/port-of-spain-2024-jm', gt, { intent: 'advance', version: await version() }, 'overview')).status,
		).toBe(302)
		expect(
			(await post(member, '/roadmaps/port-of-spain-2024-jm', gt, { intent: 'advance', version: await version() }, 'overview')).status,
		).toBe(302)
		const status = async () =>
			(await db.selectFrom('roadmaps').select('status').where('delegation_id', '=', 'port-of-spain-2024-jm').executeTakeFirstOrThrow())
				.status
		expect(await status()).toBe('final')
		const edit = await post(
			member,
			'/roadmaps/port-of-spain-2024-jm/coordination',
			{ ...gt, section: 'coordination' },
			{ intent: 'create', kind: 'member', institution: 'Bureau of Gender Affairs' },
			'section',
		)
		expect(edit.status).toBe(409)
		expect(
			(await post(member, '/roadmaps/port-of-spain-2024-jm', gt, { intent: 'reopen', version: await version() }, 'overview')).status,
		).toBe(403)
		expect(
			(await post(lead, '/roadmaps/port-of-spain-2024-jm', gt, { intent: 'reopen', version: await version() }, 'overview')).status,
		).toBe(302)
		expect(await status()).toBe('draft')
	})

	test('status, sharing and currency changes carry the roadmap version: one made from an older page is refused with 409 and changes nothing', async () => {
		const lead = 'jm1@example.org'
		const delegationId = 'port-of-spain-2024-jm'
		const path = `/roadmaps/${delegationId}`
		const read = () =>
			db
				.selectFrom('roadmaps')
				.select(['status', 'shared_with_cohort', 'currency', 'version'])
				.where('delegation_id', '=', delegationId)
				.executeTakeFirstOrThrow()
		const seen = await versionOf(delegationId)
		const start = await read()
		// Another member shares the roadmap meanwhile: the version moves on.
		expect((await post('jm2@example.org', path, gt, { intent: 'advance', version: seen }, 'overview')).status).toBe(302)
		const after = await read()
		expect(after.version).toBe(start.version + 1)

		// The lead's page still shows the old version: each of its settings forms is refused.
		const staleStatus = await post(lead, path, gt, { intent: 'advance', version: seen }, 'overview')
		expect(staleStatus.status).toBe(409)
		expect(staleStatus.data).toMatchObject({ error: 'roadmap.errors.staleSettings' })
		const share = after.shared_with_cohort ? 'false' : 'true'
		const staleShare = await post(lead, path, gt, { intent: 'share', shared: share, version: seen }, 'overview')
		expect(staleShare.status).toBe(409)
		expect(staleShare.data).toMatchObject({ error: 'roadmap.errors.staleSettings' })
		const section = { ...gt, section: 'gender-budgeting' }
		const staleCurrency = await post(
			lead,
			`${path}/gender-budgeting`,
			section,
			{ intent: 'currency', currency: 'EUR', roadmapVersion: seen },
			'section',
		)
		expect(staleCurrency.status).toBe(409)
		expect(staleCurrency.data).toMatchObject({ feedback: { formKey: 'currency', message: 'roadmap.errors.staleSettings' } })
		expect(await read()).toEqual(after)

		// A form without the version is not one of the page's forms.
		expect((await post(lead, path, gt, { intent: 'share', shared: share }, 'overview')).status).toBe(400)

		// From the current version, each goes through and moves the version on.
		const now = await versionOf(delegationId)
		expect((await post(lead, path, gt, { intent: 'share', shared: share, version: now }, 'overview')).status).toBe(302)
		const shared = await read()
		expect(shared.shared_with_cohort).toBe(share === 'true' ? 1 : 0)
		expect(shared.version).toBe(after.version + 1)
		expect(
			(
				await post(
					lead,
					`${path}/gender-budgeting`,
					section,
					{ intent: 'currency', currency: 'EUR', roadmapVersion: String(shared.version) },
					'section',
				)
			).status,
		).toBe(302)
		expect((await read()).currency).toBe('EUR')
		expect((await post(lead, path, gt, { intent: 'backToDraft', version: String(shared.version + 1) }, 'overview')).status).toBe(302)
		expect((await read()).status).toBe(start.status)
	})

	test('items move up and down; a pillar with objectives cannot be deleted; an empty one can', async () => {
		const roadmap = await freshRoadmap('port-of-spain-2024-gy')
		const userId = await userIdFor('gy1@example.org')
		const names = async () => (await loadTree(roadmap.id)).pillars.map((p) => p.data.name)
		expect(await names()).toEqual(['Prevention', 'Participation', 'Protection', 'Relief and recovery'])
		const tree = await loadTree(roadmap.id)
		const section = 'strategic-design'
		const moveItem = (input: { id: string; direction: 'up' | 'down' }) =>
			applyChange(db, roadmap.id, userId, { type: 'move', section, ...input })
		const deleteItem = (input: { id: string; version: number }) =>
			applyChange(db, roadmap.id, userId, { type: 'delete', section, ...input })
		await moveItem({ id: tree.pillars[3]!.id, direction: 'up' })
		expect(await names()).toEqual(['Prevention', 'Participation', 'Relief and recovery', 'Protection'])
		const objective = await createItem(roadmap, userId, {
			kind: 'objective',
			parentId: tree.pillars[0]!.id,
			form: { statement: 'An objective' },
		})
		expect(objective.ok).toBe(true)
		const fresh = await loadTree(roadmap.id)
		expect(await deleteItem({ id: fresh.pillars[0]!.id, version: fresh.pillars[0]!.version })).toEqual({
			ok: false,
			reason: 'hasChildren',
		})
		const protection = fresh.pillars.find((p) => p.data.name === 'Protection')!
		expect(await deleteItem({ id: protection.id, version: protection.version })).toMatchObject({ ok: true })
		expect(await names()).toEqual(['Prevention', 'Participation', 'Relief and recovery'])
	})
})

test('comments can be about one item, resolved and reopened; an item of another roadmap is refused', async () => {
	const { requestAs, routeArgs, run } = await import('#tests/helpers.ts')
	const route = await import('#tests/roadmap-section.ts')
	const roadmap = await freshRoadmap('port-of-spain-2024-bb')
	const other = await freshRoadmap('port-of-spain-2024-tt')
	const pillar = (await loadTree(roadmap.id)).pillars[0]!
	const foreign = (await loadTree(other.id)).pillars[0]!
	const params = { delegationId: 'port-of-spain-2024-bb', section: 'strategic-design' }
	const comment = async (form: Record<string, string>, email = 'facilitator.pos@example.org') =>
		run(async () => route.action(routeArgs(await requestAs(email, '/roadmaps/port-of-spain-2024-bb/strategic-design', { form }), params)))
	expect((await comment({ intent: 'comment', body: 'Rename this pillar?', itemId: pillar.id })).status).toBe(302)
	expect((await comment({ intent: 'comment', body: 'Sneaky', itemId: foreign.id })).status).toBe(404)
	expect((await comment({ intent: 'comment', body: '   ' })).status).toBe(400)
	const saved = await db.selectFrom('roadmap_comments').selectAll().where('roadmap_id', '=', roadmap.id).execute()
	expect(saved).toHaveLength(1)
	expect(saved[0]).toMatchObject({ item_id: pillar.id, body: 'Rename this pillar?', resolved_at: null })
	expect((await comment({ intent: 'resolve', commentId: String(saved[0]!.id), resolved: 'true' }, 'bb1@example.org')).status).toBe(302)
	const resolved = await db
		.selectFrom('roadmap_comments')
		.select(['resolved_at', 'resolved_by'])
		.where('id', '=', saved[0]!.id)
		.executeTakeFirstOrThrow()
	expect(resolved.resolved_at).not.toBeNull()
	expect(resolved.resolved_by).toBe(await userIdFor('bb1@example.org'))
})

describe('completeness tells the truth', () => {
	const item = (id: string, kind: Kind, parentId: string | null, data: ItemData) => ({
		id,
		kind,
		parentId,
		position: 0,
		data,
		version: 1,
		updatedAt: '2026-01-01T00:00:00.000Z',
		updatedBy: null,
	})
	const keys = (section: Section, items: ReturnType<typeof item>[]) =>
		completeness(buildTree(items))
			.filter((gap) => gap.section === section)
			.map((gap) => gap.key)

	test('an empty section is never "nothing missing": it says what to add first', () => {
		const pillarsOnly = [item('p1', 'pillar', null, { name: 'Participation' })]
		expect(keys('gender-budgeting', pillarsOnly)).toEqual(['noActions'])
		expect(keys('localization', pillarsOnly)).toEqual(['noActions'])
		expect(keys('monitoring', pillarsOnly)).toEqual(['noIndicator'])
		expect(keys('strategic-design', [])).toEqual(['noPillar'])
	})

	test('every action needs a lead, a period and a cost line; every indicator a unit unless it is measured in words', () => {
		const items = [
			item('p1', 'pillar', null, { name: 'Protection' }),
			item('o1', 'objective', 'p1', { statement: 'Specialised GBV services in every priority municipality' }),
			item('a1', 'action', 'o1', {
				description: 'Open 26 centres',
				lead: 'MME',
				start: '2026-Q2',
				end: null,
				costs: [{ amount: 260_000_000, source: 'national_budget', committed: false }],
				level: 'municipal',
			}),
			item('i1', 'indicator', 'o1', {
				statement: 'Municipalities with a service',
				measure: 'number',
				baselineValue: '5',
				targetValue: '31',
				means: 'Registry',
			}),
			item('i2', 'indicator', 'a1', {
				statement: 'How survivors rate the service',
				measure: 'text',
				baselineValue: 'none',
				targetValue: 'good',
				means: 'Survey',
			}),
		]
		expect(keys('strategic-design', items)).toEqual(['actionWithoutPeriod'])
		expect(
			completeness(buildTree(items))
				.filter((gap) => gap.key === 'indicatorWithoutUnit')
				.map((gap) => gap.itemId),
		).toEqual(['i1'])
		expect(keys('gender-budgeting', items)).toEqual([])
	})
})
