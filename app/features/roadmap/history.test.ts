import { describe, expect, test } from 'vitest'
import { type HistoryEntry } from '#app/features/roadmap/history.server.ts'
import { shownValue } from '#app/features/roadmap/history.ts'
import { formatMinor } from '#app/features/roadmap/item-values.tsx'
import { applyChange, type Item } from '#app/features/roadmap/items.server.ts'
import { costLinesOf } from '#app/features/roadmap/kinds.ts'
import { getRoadmapByDelegation, itemsAsOf, roadmapItems } from '#app/features/roadmap/roadmap.server.ts'
import { db } from '#app/utils/db.server.ts'
import { getT } from '#app/utils/i18n.server.ts'
import { requestAs, routeArgs, run, userIdFor } from '#tests/helpers.ts'

const LEAD = 'delegate.pa@example.org'
const MEMBER = 'pa2@example.org'
const BASE = '/roadmaps/panama-2025-pa'
const params = { delegationId: 'panama-2025-pa' }

const sectionRoute = () => import('#tests/roadmap-section.ts')
const historyRoute = () => import('#app/routes/roadmaps.$delegationId.history.tsx')

async function roadmap() {
	return (await getRoadmapByDelegation('panama-2025-pa'))!
}
async function items() {
	return roadmapItems((await roadmap()).id)
}
async function item(id: string) {
	return (await items()).find((i) => i.id === id)
}

async function postSection(email: string, section: string, form: Record<string, string>) {
	const route = await sectionRoute()
	return run(async () => route.action(routeArgs(await requestAs(email, `${BASE}/${section}`, { form }), { ...params, section })))
}
async function getSection(email: string, section: string, search: string) {
	const route = await sectionRoute()
	const page = await run(async () => route.loader(routeArgs(await requestAs(email, `${BASE}/${section}${search}`), { ...params, section })))
	expect(page.status).toBe(200)
	return page.data as Awaited<ReturnType<typeof route.loader>>
}
async function postHistory(email: string, form: Record<string, string>, search = '') {
	const route = await historyRoute()
	return run(async () => route.action(routeArgs(await requestAs(email, `${BASE}/history${search}`, { form }), params)))
}
async function getHistory(email: string, search = '') {
	const route = await historyRoute()
	const page = await run(async () => route.loader(routeArgs(await requestAs(email, `${BASE}/history${search}`), params)))
	expect(page.status).toBe(200)
	const data = page.data as { history: HistoryEntry[]; older: number | null; people: Array<{ id: string; name: string }> }
	return { ...data, entries: data.history }
}

/** What a person sees of the roadmap: every item where it is, with what it holds. */
const shape = (list: Item[]) =>
	[...list]
		.sort((a, b) => a.id.localeCompare(b.id))
		.map(({ id, kind, parentId, position, data }) => ({ id, kind, parentId, position, data }))

async function lastChangeId() {
	const row = await db
		.selectFrom('roadmap_changes')
		.select(db.fn.max('id').as('id'))
		.where('roadmap_id', '=', (await roadmap()).id)
		.executeTakeFirst()
	return Number(row?.id ?? 0)
}
async function changesSince(id: number) {
	return db
		.selectFrom('roadmap_changes')
		.select(['id', 'item_id', 'change', 'after'])
		.where('roadmap_id', '=', (await roadmap()).id)
		.where('id', '>', id)
		.orderBy('id')
		.execute()
}
async function everything() {
	return {
		items: shape(await items()),
		changes: await lastChangeId(),
		roadmap: await db
			.selectFrom('roadmaps')
			.select(['version', 'updated_at', 'currency'])
			.where('id', '=', (await roadmap()).id)
			.execute(),
	}
}

/** Panama's objective with two actions, an indicator of its own and one of its first action. */
async function objectiveWithActions() {
	const { id } = await roadmap()
	const userId = await userIdFor(LEAD)
	const add = async (change: Parameters<typeof applyChange>[3]) => {
		const result = await applyChange(db, id, userId, change)
		if (!result.ok) throw new Error(JSON.stringify(result))
	}
	if (!(await item('pa-action-2'))) {
		await add({
			type: 'create',
			kind: 'action',
			parentId: 'pa-objective-1',
			id: 'pa-action-2',
			data: { description: 'Mentorías para mujeres oficiales' },
		})
		await add({
			type: 'create',
			kind: 'indicator',
			parentId: 'pa-action-1',
			id: 'pa-indicator-2',
			data: { statement: 'Mujeres reclutadas por año', measure: 'number', unit: 'personas' },
		})
	}
}

describe('deleting an item with what is under it', () => {
	test('asks once, then deletes the objective with its actions and indicators, one history row each; Undo brings all of it back where it was', async () => {
		await objectiveWithActions()
		const before = await items()
		const objective = before.find((i) => i.id === 'pa-objective-1')!
		const start = await lastChangeId()

		// The first Delete leads to the confirmation: nothing is deleted yet.
		const asked = await postSection(LEAD, 'strategic-design', { intent: 'delete', id: objective.id, version: String(objective.version) })
		expect(asked.status).toBe(302)
		expect(asked.response!.headers.get('Location')).toBe(`${BASE}/strategic-design?confirmDelete=pa-objective-1#confirm-delete`)
		expect(shape(await items())).toEqual(shape(before))
		const confirm = (await getSection(LEAD, 'strategic-design', '?confirmDelete=pa-objective-1')).confirmDelete
		expect(confirm).toMatchObject({ id: 'pa-objective-1', kind: 'objective', number: '2.1', counts: { action: 2, indicator: 2 } })
		expect(confirm!.label).toMatch(/^Aumentar la participación/)
		const t = await getT('en')
		const { childList } = await import('#app/features/roadmap/history.ts')
		expect(childList(confirm!.counts, 'en', t)).toBe('2 lines of action and 2 indicators')
		expect(childList(confirm!.counts, 'es', await getT('es'))).toBe('2 líneas de acción y 2 indicadores')

		// Deleting it for real: five rows, the children first, all in one group, then the notice with Undo.
		const deleted = await postSection(LEAD, 'strategic-design', {
			intent: 'delete',
			id: objective.id,
			version: String(objective.version),
			confirm: 'yes',
		})
		expect(deleted.status).toBe(302)
		const rows = await changesSince(start)
		expect(rows.map((r) => r.change)).toEqual(['delete', 'delete', 'delete', 'delete', 'delete'])
		expect(rows.at(-1)!.item_id).toBe('pa-objective-1')
		expect(rows.map((r) => r.item_id).sort()).toEqual(['pa-action-1', 'pa-action-2', 'pa-indicator-1', 'pa-indicator-2', 'pa-objective-1'])
		expect(rows.findIndex((r) => r.item_id === 'pa-indicator-2')).toBeLessThan(rows.findIndex((r) => r.item_id === 'pa-action-1'))
		expect(new Set(rows.map((r) => JSON.parse(r.after!).group)).size).toBe(1)
		const deleteId = rows.at(-1)!.id
		expect(deleted.response!.headers.get('Location')).toBe(`${BASE}/strategic-design?deleted=${deleteId}#deleted`)
		const after = await items()
		expect(after.map((i) => i.id)).not.toContain('pa-objective-1')
		expect(after.filter((i) => i.parentId === 'pa-objective-1' || i.parentId === 'pa-action-1')).toEqual([])
		// "As it was" before the delete still has all of it.
		expect(shape(await itemsAsOf((await roadmap()).id, start))).toEqual(shape(before))

		const notice = (await getSection(LEAD, 'strategic-design', `?deleted=${deleteId}`)).deleted
		expect(notice).toMatchObject({ changeId: deleteId, kind: 'objective', counts: { action: 2, indicator: 2 }, canUndo: true })

		// Undo: the same ids, parents, positions and data; the history replays to the same roadmap.
		const undone = await postSection(LEAD, 'strategic-design', { intent: 'restore', changeId: String(deleteId) })
		expect(undone.status).toBe(302)
		expect(shape(await items())).toEqual(shape(before))
		const restored = await changesSince(deleteId)
		expect(restored.map((r) => [r.item_id, r.change])[0]).toEqual(['pa-objective-1', 'restore'])
		expect(restored).toHaveLength(5)
		expect(await itemsAsOf((await roadmap()).id, await lastChangeId())).toEqual(
			expect.arrayContaining((await items()).map((i) => expect.objectContaining({ id: i.id, version: i.version, data: i.data }))),
		)
		// A save from a page opened before the delete is still seen as stale.
		const action = (await item('pa-action-1'))!
		expect(action.version).toBe(before.find((i) => i.id === 'pa-action-1')!.version + 1)

		// Once back, the notice no longer offers Undo, and a second restore is refused.
		expect((await getSection(LEAD, 'strategic-design', `?deleted=${deleteId}`)).deleted).toMatchObject({ canUndo: false })
		const again = await everything()
		expect((await postSection(LEAD, 'strategic-design', { intent: 'restore', changeId: String(deleteId) })).status).toBe(409)
		expect((await postHistory(LEAD, { intent: 'restore', changeId: String(deleteId) })).status).toBe(409)
		expect(await everything()).toEqual(again)
	})

	test('an item without anything under it is deleted at once, with Undo', async () => {
		const { id } = await roadmap()
		const created = await applyChange(db, id, await userIdFor(LEAD), { type: 'create', kind: 'risk', data: { risk: 'Cambio de gobierno' } })
		const risk = (await item(created.ok ? created.id! : ''))!
		const deleted = await postSection(LEAD, 'theory-of-change', { intent: 'delete', id: risk.id, version: String(risk.version) })
		expect(deleted.status).toBe(302)
		expect(deleted.response!.headers.get('Location')).toMatch(/\/theory-of-change\?deleted=\d+#deleted$/)
		expect(await item(risk.id)).toBeUndefined()
		const changeId = Number(/deleted=(\d+)/.exec(deleted.response!.headers.get('Location')!)![1])
		expect((await getSection(LEAD, 'theory-of-change', `?deleted=${changeId}`)).deleted).toMatchObject({ counts: {}, canUndo: true })
		expect((await postSection(LEAD, 'theory-of-change', { intent: 'restore', changeId: String(changeId) })).status).toBe(302)
		expect((await item(risk.id))!.data).toEqual(risk.data)
	})
})

/** The seed's cost lines of pa-action-1, in cents. */
const AMOUNTS_USD = [8_000_000, 4_000_000]

describe('restoring from the history', () => {
	test('an item whose parent is gone is refused (restore the parent first); restoring the parent brings back what went with it, not what went before', async () => {
		await objectiveWithActions()
		const indicator = (await item('pa-indicator-2'))!
		await postSection(LEAD, 'monitoring', { intent: 'delete', id: indicator.id, version: String(indicator.version) })
		const indicatorDelete = await lastChangeId()
		const objective = (await item('pa-objective-1'))!
		await postSection(LEAD, 'strategic-design', { intent: 'delete', id: objective.id, version: String(objective.version), confirm: 'yes' })
		const objectiveDelete = await lastChangeId()

		// The history offers Restore on both; the indicator's is refused while its action is gone.
		const page = await getHistory(LEAD)
		const entries = new Map(page.entries.map((e) => [e.id, e]))
		expect(entries.get(indicatorDelete)).toMatchObject({ change: 'delete', restorable: true, label: 'Mujeres reclutadas por año' })
		expect(entries.get(objectiveDelete)).toMatchObject({ change: 'delete', restorable: true })
		const unchanged = await everything()
		const refused = await postHistory(LEAD, { intent: 'restore', changeId: String(indicatorDelete) })
		expect(refused.status).toBe(409)
		expect(refused.data).toEqual({ message: 'roadmap.errors.parentGone' })
		expect(await everything()).toEqual(unchanged)

		const restored = await postHistory(LEAD, { intent: 'restore', changeId: String(objectiveDelete) }, '?section=monitoring')
		expect(restored.status).toBe(302)
		expect(restored.response!.headers.get('Location')).toBe(`${BASE}/history?section=monitoring&done=restore`)
		const now = await items()
		expect(now.map((i) => i.id)).toEqual(expect.arrayContaining(['pa-objective-1', 'pa-action-1', 'pa-action-2', 'pa-indicator-1']))
		expect(now.map((i) => i.id)).not.toContain('pa-indicator-2')
		// Now its action is back, the indicator can be restored too.
		expect((await postHistory(LEAD, { intent: 'restore', changeId: String(indicatorDelete) })).status).toBe(302)
		expect((await item('pa-indicator-2'))!.data).toEqual(indicator.data)
		expect((await getHistory(LEAD)).entries.find((e) => e.id === indicatorDelete)).toMatchObject({ restorable: false })
	})

	test('a restored item takes its place back: what holds it now moves down one', async () => {
		const { id } = await roadmap()
		const userId = await userIdFor(LEAD)
		const order = () => items().then((list) => list.filter((i) => i.kind === 'pillar').map((i) => [i.id, i.position]))
		const move = (pillar: string, direction: 'up' | 'down') =>
			applyChange(db, id, userId, { type: 'move', section: 'strategic-design', id: pillar, direction })
		const third = (await item('pa-pillar-3'))!
		expect(third.position).toBe(2)
		await applyChange(db, id, userId, { type: 'delete', section: 'strategic-design', id: third.id, version: third.version })
		const deleteId = await lastChangeId()
		// Meanwhile the fourth pillar moves up: the second one now holds position 2.
		await move('pa-pillar-4', 'up')
		expect(await order()).toEqual([
			['pa-pillar-1', 0],
			['pa-pillar-4', 1],
			['pa-pillar-2', 2],
		])
		expect((await applyChange(db, id, userId, { type: 'restore', changeId: deleteId })).ok).toBe(true)
		expect(await order()).toEqual([
			['pa-pillar-1', 0],
			['pa-pillar-4', 1],
			['pa-pillar-3', 2],
			['pa-pillar-2', 3],
		])
		expect(shape(await itemsAsOf(id, await lastChangeId()))).toEqual(shape(await items()))
		// Back to the seed's order for what follows.
		await move('pa-pillar-4', 'down')
		await move('pa-pillar-4', 'down')
		await move('pa-pillar-2', 'up')
		expect((await order()).map(([pillar]) => pillar)).toEqual(['pa-pillar-1', 'pa-pillar-2', 'pa-pillar-3', 'pa-pillar-4'])
	})

	test('a cost deleted in one currency comes back in the roadmap’s currency now', async () => {
		const { id } = await roadmap()
		const userId = await userIdFor(LEAD)
		await objectiveWithActions()
		const action = (await item('pa-action-1'))!
		expect(costLinesOf(action.data).map((l) => l.amount)).toEqual(AMOUNTS_USD)
		const indicator = (await item('pa-indicator-2'))!
		await applyChange(db, id, userId, { type: 'delete', section: 'monitoring', id: indicator.id, version: indicator.version })
		await applyChange(db, id, userId, { type: 'delete', section: 'strategic-design', id: action.id, version: action.version })
		const deleteId = await lastChangeId()
		await applyChange(db, id, userId, { type: 'currency', currency: 'JPY' })
		try {
			expect((await applyChange(db, id, userId, { type: 'restore', changeId: deleteId })).ok).toBe(true)
			// The yen has no minor unit: each line in whole yen.
			expect(costLinesOf((await item('pa-action-1'))!.data).map((l) => l.amount)).toEqual(AMOUNTS_USD.map((a) => a / 100))
		} finally {
			await applyChange(db, id, userId, { type: 'currency', currency: 'USD' })
		}
		expect(costLinesOf((await item('pa-action-1'))!.data).map((l) => l.amount)).toEqual(AMOUNTS_USD)
	})
})

describe('setting an item back to an earlier version', () => {
	test('an action goes back to what an update made it, recorded as an update; a stale page, a deleted item and a foreign change are refused', async () => {
		const action = (await item('pa-action-1'))!
		const form = (version: number, description: string, lead: string) => ({
			intent: 'update',
			kind: 'action',
			id: action.id,
			version: String(version),
			description,
			lead,
			partners: String(action.data.partners ?? ''),
			start: String(action.data.start ?? ''),
			end: String(action.data.end ?? ''),
			status: String(action.data.status ?? ''),
			level: String(action.data.level ?? ''),
			places: String(action.data.places ?? ''),
			// The cost lines as the form holds them.
			...Object.fromEntries(
				costLinesOf(action.data).flatMap((line, index) => [
					[`costs[${index}].amount`, formatMinor(line.amount, 'USD', 'en')],
					[`costs[${index}].source`, line.source ?? ''],
					...(line.committed ? [[`costs[${index}].committed`, 'on']] : []),
				]),
			),
		})
		expect(
			(await postSection(LEAD, 'strategic-design', form(action.version, 'Reclutamiento con paridad', 'Ministerio de Seguridad'))).status,
		).toBe(302)
		const firstUpdate = await lastChangeId()
		expect((await postSection(MEMBER, 'strategic-design', form(action.version + 1, 'Otra cosa', 'Otra institución'))).status).toBe(302)
		const current = (await item(action.id))!
		expect(current.data.description).toBe('Otra cosa')

		// The page says what changed, field by field, and offers to set it back.
		const entry = (await getHistory(LEAD)).entries.find((e) => e.id === firstUpdate)!
		expect(entry).toMatchObject({
			change: 'update',
			kind: 'action',
			number: '2.1.1',
			setBack: { version: current.version, isCurrent: false },
		})
		expect(entry.fields).toEqual([
			{ field: 'description', before: 'Programa de reclutamiento con enfoque de género', after: 'Reclutamiento con paridad' },
			{ field: 'lead', before: 'Ministerio de Seguridad Pública', after: 'Ministerio de Seguridad' },
		])

		// From a page opened before someone else's save: refused, nothing changed.
		const unchanged = await everything()
		const stale = await postHistory(LEAD, { intent: 'setBack', changeId: String(firstUpdate), version: String(current.version - 1) })
		expect(stale.status).toBe(409)
		expect(await everything()).toEqual(unchanged)

		const setBack = await postHistory(LEAD, { intent: 'setBack', changeId: String(firstUpdate), version: String(current.version) })
		expect(setBack.status).toBe(302)
		const back = (await item(action.id))!
		expect(back.data).toMatchObject({ description: 'Reclutamiento con paridad', lead: 'Ministerio de Seguridad', costs: action.data.costs })
		expect(back.version).toBe(current.version + 1)
		const [row] = await changesSince(firstUpdate + 1)
		expect(row).toMatchObject({ item_id: action.id, change: 'update' })
		expect((await getHistory(LEAD)).entries.find((e) => e.id === firstUpdate)!.setBack).toMatchObject({ isCurrent: true })

		// Setting back again to the same version writes nothing.
		const same = await everything()
		expect((await postHistory(LEAD, { intent: 'setBack', changeId: String(firstUpdate) })).status).toBe(302)
		expect(await everything()).toEqual(same)
	})

	test('an item deleted since cannot be set back (409); an update of another kind is refused (400)', async () => {
		const { id } = await roadmap()
		const userId = await userIdFor(LEAD)
		const created = await applyChange(db, id, userId, { type: 'create', kind: 'assumption', data: { text: 'Hay voluntad política' } })
		const assumption = (await item(created.ok ? created.id! : ''))!
		await applyChange(db, id, userId, {
			type: 'update',
			section: 'theory-of-change',
			id: assumption.id,
			version: 1,
			form: { text: 'Hay presupuesto' },
		})
		const update = await lastChangeId()
		await applyChange(db, id, userId, { type: 'delete', section: 'theory-of-change', id: assumption.id, version: 2 })
		const unchanged = await everything()
		const gone = await postHistory(LEAD, { intent: 'setBack', changeId: String(update) })
		expect(gone.status).toBe(409)
		expect(gone.data).toEqual({ message: 'roadmap.history.errors.gone' })
		expect(await everything()).toEqual(unchanged)

		// A history row whose stored kind is not the item's (as if the item had been re-created as another kind).
		await applyChange(db, id, userId, { type: 'restore', changeId: await lastChangeId() })
		await db
			.updateTable('roadmap_items')
			.set({ kind: 'risk', data: JSON.stringify({ risk: 'Hay presupuesto' }) })
			.where('id', '=', assumption.id)
			.execute()
		const changed = await everything()
		expect((await postHistory(LEAD, { intent: 'setBack', changeId: String(update) })).status).toBe(400)
		expect(await everything()).toEqual(changed)
		await db.deleteFrom('roadmap_items').where('id', '=', assumption.id).execute()
	})
})

describe('what the history refuses', () => {
	test('a change of another roadmap, one that is not a delete or an update, or not a number: 4xx and nothing changed', async () => {
		const tt = (await getRoadmapByDelegation('port-of-spain-2024-tt'))!
		const ttAction = (await roadmapItems(tt.id)).find((i) => i.kind === 'action')!
		await applyChange(db, tt.id, null, {
			type: 'update',
			section: 'strategic-design',
			id: ttAction.id,
			version: ttAction.version,
			form: { description: 'X' },
		})
		const foreign = await db
			.selectFrom('roadmap_changes')
			.select(db.fn.max('id').as('id'))
			.where('roadmap_id', '=', tt.id)
			.executeTakeFirstOrThrow()
		const create = await db
			.selectFrom('roadmap_changes')
			.select('id')
			.where('roadmap_id', '=', (await roadmap()).id)
			.where('change', '=', 'create')
			.executeTakeFirstOrThrow()
		const unchanged = await everything()
		const ttBefore = await roadmapItems(tt.id)
		for (const [form, status] of [
			[{ intent: 'setBack', changeId: String(foreign.id) }, 404],
			[{ intent: 'restore', changeId: String(foreign.id) }, 404],
			[{ intent: 'restore', changeId: String(create.id) }, 404],
			[{ intent: 'setBack', changeId: String(create.id) }, 404],
			[{ intent: 'restore', changeId: '99999999' }, 404],
			[{ intent: 'restore', changeId: 'abc' }, 400],
			[{ intent: 'setBack' }, 400],
			[{ intent: 'bogus', changeId: '1' }, 400],
		] as const) {
			expect((await postHistory(LEAD, form)).status, JSON.stringify(form)).toBe(status)
		}
		expect((await postSection(LEAD, 'strategic-design', { intent: 'restore', changeId: String(foreign.id) })).status).toBe(404)
		expect(await everything()).toEqual(unchanged)
		expect(await roadmapItems(tt.id)).toEqual(ttBefore)
	})

	test('a final roadmap refuses restore and set back (409)', async () => {
		const { id } = await roadmap()
		const userId = await userIdFor(LEAD)
		const created = await applyChange(db, id, userId, { type: 'create', kind: 'risk', data: { risk: 'Recortes' } })
		const risk = (await item(created.ok ? created.id! : ''))!
		await applyChange(db, id, userId, { type: 'delete', section: 'theory-of-change', id: risk.id, version: risk.version })
		const deleteId = await lastChangeId()
		await db.updateTable('roadmaps').set({ status: 'final' }).where('id', '=', id).execute()
		try {
			const unchanged = await everything()
			expect((await postHistory(LEAD, { intent: 'restore', changeId: String(deleteId) })).status).toBe(409)
			expect((await postSection(LEAD, 'theory-of-change', { intent: 'restore', changeId: String(deleteId) })).status).toBe(409)
			expect(await everything()).toEqual(unchanged)
		} finally {
			await db.updateTable('roadmaps').set({ status: 'draft' }).where('id', '=', id).execute()
		}
	})
})

describe('a history people can read', () => {
	test('filters by person, section and dates, and shows the latest 100 with the older ones behind a link', async () => {
		const { id } = await roadmap()
		const lead = await userIdFor(LEAD)
		const member = await userIdFor(MEMBER)
		const start = await lastChangeId()
		for (let n = 0; n < 110; n++) {
			const result = await applyChange(db, id, n % 2 ? member : lead, {
				type: 'create',
				kind: 'pathway',
				data: { if: `Ruta ${n}`, then: 'algo' },
			})
			expect(result.ok).toBe(true)
		}
		await applyChange(db, id, member, {
			type: 'create',
			kind: 'indicator',
			parentId: 'pa-objective-1',
			data: { statement: 'Indicador nuevo' },
		})

		const first = await getHistory(LEAD)
		expect(first.entries).toHaveLength(100)
		expect(first.entries[0]).toMatchObject({ change: 'create', kind: 'indicator', label: 'Indicador nuevo', number: '2.1.b' })
		expect(first.older).toBe(first.entries.at(-1)!.id)
		const second = await getHistory(LEAD, `?before=${first.older}`)
		expect(second.entries[0]!.id).toBeLessThan(first.entries.at(-1)!.id)
		expect(second.entries.map((e) => e.id)).not.toEqual(expect.arrayContaining([first.entries.at(-1)!.id]))

		expect(first.people.map((p) => p.id)).toEqual(expect.arrayContaining([lead, member]))
		const mine = await getHistory(LEAD, `?person=${member}`)
		expect(mine.entries.length).toBeGreaterThan(50)
		const memberName = first.people.find((p) => p.id === member)!.name
		expect(mine.entries.every((e) => e.userName === memberName)).toBe(true)

		const monitoring = await getHistory(LEAD, '?section=monitoring')
		expect(monitoring.entries.length).toBeGreaterThan(0)
		expect(monitoring.entries.every((e) => e.kind === 'indicator')).toBe(true)
		const toc = await getHistory(LEAD, `?section=theory-of-change&person=${lead}`)
		expect(toc.entries.filter((e) => e.id > start)).toHaveLength(55)
		expect(toc.entries.every((e) => ['toc', 'pathway', 'assumption', 'risk'].includes(e.kind))).toBe(true)

		const today = new Date().toISOString().slice(0, 10)
		const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)
		expect((await getHistory(LEAD, `?from=${today}&to=${today}`)).entries.length).toBe(100)
		expect((await getHistory(LEAD, `?from=${tomorrow}`)).entries).toEqual([])
		expect((await getHistory(LEAD, '?to=2020-01-01')).entries).toEqual([])
		// Filters that do not read are left out, not a 500.
		expect((await getHistory(LEAD, '?from=yesterday&section=nope&before=x')).entries).toHaveLength(100)
		// Implementation updates stay apart.
		expect(first.entries.some((e) => e.change === 'implementation' || e.change === 'report')).toBe(false)
	})

	test('money in the currency of that moment, choices in words, checkboxes as yes/no', async () => {
		const { id } = await roadmap()
		const userId = await userIdFor(LEAD)
		const action = (await item('pa-action-1'))!
		/** The action's one form with one cost line (the rest of the action as it is). */
		const saveLine = async (amount: string, source: string, committed = false) => {
			const current = (await item(action.id))!
			const rest = ['description', 'lead', 'partners', 'start', 'end', 'status', 'level', 'places']
			return applyChange(db, id, userId, {
				type: 'update',
				section: 'strategic-design',
				id: action.id,
				version: current.version,
				form: {
					...Object.fromEntries(rest.map((f) => [f, String(current.data[f] ?? '')])),
					'costs[0].amount': amount,
					'costs[0].source': source,
					...(committed ? { 'costs[0].committed': 'on' } : {}),
				},
			})
		}
		const amounts = async () => costLinesOf((await item(action.id))!.data).map((line) => line.amount)
		expect(await saveLine('150000', 'international_cooperation')).toMatchObject({ ok: true })
		const costChange = await lastChangeId()
		await applyChange(db, id, userId, { type: 'currency', currency: 'JPY' })
		try {
			const page = await getHistory(LEAD, '?section=gender-budgeting')
			const entry = page.entries.find((e) => e.id === costChange)!
			expect(entry.currency).toEqual({ before: 'USD', after: 'USD' })
			const rescaled = page.entries.find((e) => e.id > costChange && e.change === 'update' && e.itemId === action.id)!
			expect(rescaled.currency).toEqual({ before: 'USD', after: 'JPY' })
			expect(page.entries.find((e) => e.change === 'settings')!.setting).toEqual({ field: 'currency', before: 'USD', after: 'JPY' })

			const t = await getT('en')
			const words = (side: 'before' | 'after', e: HistoryEntry) =>
				shownValue('action', 'costs', e.fields.find((f) => f.field === 'costs')![side], e.currency[side], 'en', t)
			const national = t('roadmap.options.source.national_budget')
			const cooperation = t('roadmap.options.source.international_cooperation')
			const committed = t('roadmap.doc.committed')
			// The seed's two lines, then the one line saved: amounts in dollars, sources in words, committed or not.
			expect(words('before', entry)).toBe(`$80,000.00 ${national} ✓ ${committed}; $40,000.00 ${cooperation}`)
			expect(words('after', entry)).toBe(`$150,000.00 ${cooperation}`)
			expect(words('before', rescaled)).toBe(`$150,000.00 ${cooperation}`)
			expect(words('after', rescaled)).toBe(`¥150,000 ${cooperation}`)

			// Set back to what the currency change made it (written in yen), after a new amount in yen.
			expect(await amounts()).toEqual([150_000])
			await saveLine('200000', 'international_cooperation')
			expect(await amounts()).toEqual([200_000])
			expect((await postHistory(LEAD, { intent: 'setBack', changeId: String(rescaled.id) })).status).toBe(302)
			expect(await amounts()).toEqual([150_000])
			// And to the one from when it was in dollars: the same amount, in yen.
			await saveLine('1', 'international_cooperation')
			expect((await postHistory(LEAD, { intent: 'setBack', changeId: String(costChange) })).status).toBe(302)
			expect(await amounts()).toEqual([150_000])
		} finally {
			await applyChange(db, id, userId, { type: 'currency', currency: 'USD' })
		}
	})
})
