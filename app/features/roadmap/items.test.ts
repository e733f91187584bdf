import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { formatMinor } from '#app/features/roadmap/item-values.tsx'
import { applyChange, type Change, createRoadmap, type Item } from '#app/features/roadmap/items.server.ts'
import {
	ACTION_STATUSES,
	costLinesOf,
	currencyDigits,
	type FieldSpec,
	type Kind,
	KIND_NAMES,
	KINDS,
	type Section,
} from '#app/features/roadmap/kinds.ts'
import { getRoadmapByDelegation, itemsAsOf, roadmapItems } from '#app/features/roadmap/roadmap.server.ts'
import { db } from '#app/utils/db.server.ts'
import { requestAs, routeArgs, run, userIdFor } from '#tests/helpers.ts'

// -------------------------------------------------------------------------------------------------
// Replaying the history rebuilds the roadmap, whatever was done to it

/** Random form values for a field: mostly valid, sometimes not (those changes are refused). */
function fieldValue(spec: FieldSpec): fc.Arbitrary<string | undefined> {
	const mostly = (valid: fc.Arbitrary<string | undefined>, ...invalid: string[]) =>
		fc.oneof({ weight: 12, arbitrary: valid }, { weight: 1, arbitrary: fc.constantFrom(...invalid) })
	switch (spec.type) {
		case 'checkbox':
			return fc.constantFrom('on', undefined)
		case 'money':
			return mostly(fc.oneof(fc.integer({ min: 0, max: 5_000_000 }).map(String), fc.constantFrom('', '12,500.5')), '-3', '1.2345')
		case 'period':
			return mostly(fc.constantFrom('', '2026-Q1', '2027-q4', '2028-07'), '2030-13')
		case 'year':
			return mostly(fc.oneof(fc.integer({ min: 1990, max: 2100 }).map(String), fc.constant('')), '1800')
		case 'select':
			return mostly(fc.constantFrom('', ...spec.options!), 'bogus')
		default:
			return mostly(fc.string({ minLength: 1, maxLength: 12 }), '', 'x'.repeat((spec.max ?? 10) + 1))
	}
}

/** Cost lines as a form sends them (`costs[0].amount`, …): none to three, amounts mostly valid, some rows left empty. */
function linesValue(spec: FieldSpec): fc.Arbitrary<Record<string, string | undefined>> {
	const line = fc.record({
		amount: fieldValue({ name: 'amount', type: 'money' }),
		source: fieldValue({ name: 'source', type: 'select', options: spec.options }),
		committed: fc.constantFrom('on', undefined),
	})
	return fc
		.array(line, { maxLength: 3 })
		.map((lines) =>
			Object.fromEntries(
				lines.flatMap((l, index) => Object.entries(l).map(([field, value]) => [`${spec.name}[${index}].${field}`, value])),
			),
		)
}

const formFor = (kind: Kind) => {
	const specs = KINDS[kind].fields as readonly FieldSpec[]
	const plain = fc.record(Object.fromEntries(specs.filter((s) => s.type !== 'costLines').map((spec) => [spec.name, fieldValue(spec)])))
	const lines = specs.filter((s) => s.type === 'costLines').map(linesValue)
	return fc.tuple(plain, ...lines).map(([fields, ...rest]) => Object.assign({}, fields, ...rest) as Record<string, string | undefined>)
}

/** An operation, with the item it is about picked among those that exist when it runs. */
const operation = fc.oneof(
	{
		weight: 5,
		arbitrary: fc
			.constantFrom(...KIND_NAMES)
			.chain((kind) => fc.record({ op: fc.constant('create' as const), kind: fc.constant(kind), pick: fc.nat(), form: formFor(kind) })),
	},
	{
		weight: 4,
		arbitrary: fc.record({
			op: fc.constant('update' as const),
			pick: fc.nat(),
			/** Actions carry the costs a currency change rescales: update them often (from a view section too, which is refused). */
			actions: fc.boolean(),
			forms: fc.record(Object.fromEntries(KIND_NAMES.map((kind) => [kind, formFor(kind)])) as Record<Kind, ReturnType<typeof formFor>>),
			actionSection: fc.constantFrom<Section>('strategic-design', 'strategic-design', 'strategic-design', 'gender-budgeting'),
			stale: fc.boolean(),
		}),
	},
	{
		weight: 2,
		arbitrary: fc.record({ op: fc.constant('move' as const), pick: fc.nat(), direction: fc.constantFrom('up' as const, 'down' as const) }),
	},
	{ weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), pick: fc.nat(), withChildren: fc.boolean() }) },
	/** Undo a delete, or set an item back to what an update made it: picked among the history's rows. */
	{ weight: 2, arbitrary: fc.record({ op: fc.constant('restore' as const), pick: fc.nat() }) },
	{ weight: 2, arbitrary: fc.record({ op: fc.constant('setBack' as const), pick: fc.nat() }) },
	{ weight: 2, arbitrary: fc.record({ op: fc.constant('currency' as const), currency: fc.constantFrom('USD', 'JPY', 'BHD', 'EUR') }) },
	{
		weight: 2,
		arbitrary: fc.record({ op: fc.constant('implementation' as const), pick: fc.nat(), status: fc.constantFrom(...ACTION_STATUSES) }),
	},
)
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never

/** The operation as a change of the primitive, against the roadmap as it is now. */
function toChange(operation: Operation, items: Item[], history: { deletes: number[]; updates: number[] }): Change | null {
	const pick = <T>(list: T[], index: number) => (list.length ? list[index % list.length]! : null)
	switch (operation.op) {
		case 'create': {
			const parents = (KINDS[operation.kind] as { parent?: readonly string[] }).parent
			const parent = parents
				? pick(
						items.filter((i) => parents.includes(i.kind)),
						operation.pick,
					)
				: null
			if (parents && !parent) return null
			return {
				type: 'create',
				kind: operation.kind,
				section: KINDS[operation.kind].section,
				parentId: parent?.id ?? null,
				form: operation.form,
			}
		}
		case 'update': {
			const actions = items.filter((i) => i.kind === 'action')
			const item = pick(operation.actions && actions.length ? actions : items, operation.pick)
			if (!item) return null
			const section = item.kind === 'action' ? operation.actionSection : KINDS[item.kind].section
			const version = operation.stale ? item.version - 1 : item.version
			return { type: 'update', id: item.id, section, version, form: operation.forms[item.kind] }
		}
		case 'move':
		case 'delete': {
			const item = pick(items, operation.pick)
			if (!item) return null
			const section = KINDS[item.kind].section
			return operation.op === 'move'
				? { type: 'move', id: item.id, section, direction: operation.direction }
				: { type: 'delete', id: item.id, section, version: item.version, withChildren: operation.withChildren }
		}
		case 'restore':
		case 'setBack': {
			const changeId = pick(operation.op === 'restore' ? history.deletes : history.updates, operation.pick)
			return changeId === null ? null : { type: operation.op, changeId }
		}
		case 'currency':
			return { type: 'currency', currency: operation.currency }
		case 'implementation': {
			const action = pick(
				items.filter((i) => i.kind === 'action'),
				operation.pick,
			)
			return action ? { type: 'implementation', id: action.id, status: operation.status, note: '', dated: '2027-01-15' } : null
		}
	}
}

/** The amounts of an action's cost lines, in order. */
const amounts = (item: Item) => costLinesOf(item.data).map((line) => line.amount)

const comparable = (items: Item[]) =>
	[...items]
		.sort((a, b) => a.id.localeCompare(b.id))
		.map(({ id, kind, parentId, position, data, version }) => ({ id, kind, parentId, position, data, version }))

async function lastChangeId(roadmapId: string) {
	const row = await db.selectFrom('roadmap_changes').select(db.fn.max('id').as('id')).where('roadmap_id', '=', roadmapId).executeTakeFirst()
	return Number(row?.id ?? 0)
}

async function itemChangesSince(roadmapId: string, id: number) {
	return db
		.selectFrom('roadmap_changes')
		.select(['item_id', 'user_id'])
		.where('roadmap_id', '=', roadmapId)
		.where('id', '>', id)
		.where('item_id', 'is not', null)
		.execute()
}

let runs = 0
async function freshRoadmap() {
	runs++
	const delegationId = `property-${runs}`
	await db
		.insertInto('delegations')
		.values({
			id: delegationId,
			cohort_id: 'panama-2025',
			country_code: `Q${runs}`,
			nap_status: 'drafting',
			created_at: new Date().toISOString(),
		})
		.execute()
	// The four pillars, an objective and two actions, one of them costed: every path has something to work on.
	const { id } = await createRoadmap(db, { delegationId, language: 'en', userId: null })
	const pillar = (await roadmapItems(id))[0]!
	const objective = await applyChange(db, id, null, {
		type: 'create',
		section: 'strategic-design',
		kind: 'objective',
		parentId: pillar.id,
		form: { statement: 'O' },
	})
	for (const description of ['A', 'B']) {
		const action = await applyChange(db, id, null, {
			type: 'create',
			section: 'strategic-design',
			kind: 'action',
			parentId: objective.ok ? objective.id : null,
			form:
				description === 'A'
					? {
							description,
							'costs[0].amount': '1234.56',
							'costs[0].source': 'national_budget',
							'costs[1].amount': '100',
							'costs[1].committed': 'on',
						}
					: { description },
		})
		if (!action.ok) throw new Error('action')
	}
	expect((await roadmapItems(id)).filter((i) => costLinesOf(i.data).length === 2)).toHaveLength(1)
	return id
}

describe('the write primitive', () => {
	test('any sequence of changes, replayed from the history, gives back the roadmap (and any moment of it)', async () => {
		const userId = await userIdFor('delegate.pa@example.org')
		await fc.assert(
			fc.asyncProperty(fc.array(operation, { minLength: 5, maxLength: 25, size: 'medium' }), fc.nat(), async (operations, at) => {
				const roadmapId = await freshRoadmap()
				const middle = operations.length ? at % operations.length : 0
				let snapshot: { changeId: number; items: ReturnType<typeof comparable> } | null = null
				for (const [index, operation] of operations.entries()) {
					const before = await roadmapItems(roadmapId)
					const past = await db
						.selectFrom('roadmap_changes')
						.select(['id', 'change'])
						.where('roadmap_id', '=', roadmapId)
						.where('change', 'in', ['delete', 'update'])
						.execute()
					const history = {
						deletes: past.filter((r) => r.change === 'delete').map((r) => r.id),
						updates: past.filter((r) => r.change === 'update').map((r) => r.id),
					}
					const change = toChange(operation, before, history)
					const since = await lastChangeId(roadmapId)
					if (change) await applyChange(db, roadmapId, userId, change)
					const after = await roadmapItems(roadmapId)
					// Exactly one history row per item that changed, and each changed row says who changed it.
					const changed = [
						...after.filter((item) => before.find((b) => b.id === item.id)?.version !== item.version),
						...before.filter((item) => !after.some((a) => a.id === item.id)),
					]
					const rows = await itemChangesSince(roadmapId, since)
					expect(rows.map((r) => r.item_id).sort()).toEqual(changed.map((c) => c.id).sort())
					expect(rows.every((r) => r.user_id === userId)).toBe(true)
					for (const item of after.filter((i) => changed.includes(i))) expect(item.updatedBy).toBe(userId)
					if (index === middle) snapshot = { changeId: await lastChangeId(roadmapId), items: comparable(after) }
				}
				const current = comparable(await roadmapItems(roadmapId))
				expect(comparable(await itemsAsOf(roadmapId, await lastChangeId(roadmapId)))).toEqual(current)
				if (snapshot) expect(comparable(await itemsAsOf(roadmapId, snapshot.changeId))).toEqual(snapshot.items)
			}),
			{ numRuns: 40 },
		)
	})

	test('a currency change rescales costs with one history row per action: "as it was" shows old amounts in the old currency', async () => {
		const roadmap = (await getRoadmapByDelegation('panama-2025-pa'))!
		const before = await lastChangeId(roadmap.id)
		const action = (await roadmapItems(roadmap.id)).find((i) => i.id === 'pa-action-1')!
		expect(roadmap.currency).toBe('USD')
		// Two lines: 80,000 committed and 40,000 not.
		expect(amounts(action)).toEqual([8_000_000, 4_000_000])

		const section = await import('#tests/roadmap-section.ts')
		const params = { delegationId: 'panama-2025-pa', section: 'gender-budgeting' }
		const path = '/roadmaps/panama-2025-pa/gender-budgeting'
		const changed = await run(async () =>
			section.action(
				routeArgs(
					await requestAs('delegate.pa@example.org', path, {
						form: { intent: 'currency', currency: 'jpy', roadmapVersion: String(roadmap.version) },
					}),
					params,
				),
			),
		)
		expect(changed.status).toBe(302)
		// Every line is rescaled, each keeping its source and whether it is committed.
		expect(costLinesOf((await roadmapItems(roadmap.id)).find((i) => i.id === 'pa-action-1')!.data)).toEqual([
			{ amount: 80_000, source: 'national_budget', committed: true },
			{ amount: 40_000, source: 'international_cooperation', committed: false },
		])
		const rows = await db
			.selectFrom('roadmap_changes')
			.selectAll()
			.where('roadmap_id', '=', roadmap.id)
			.where('id', '>', before)
			.orderBy('id')
			.execute()
		expect(rows.map((r) => [r.item_id, r.change])).toEqual([
			['pa-action-1', 'update'],
			[null, 'settings'],
		])

		// The history page, as it was before and after the change.
		const history = await import('#app/routes/roadmaps.$delegationId.history.tsx')
		const asOf = async (id: number) => {
			const page = await run(async () =>
				history.loader(
					routeArgs(await requestAs('delegate.pa@example.org', `/roadmaps/panama-2025-pa/history?at=${id}`), {
						delegationId: 'panama-2025-pa',
					}),
				),
			)
			const asOf = (page.data as { asOf: { currency: string; tree: { actions: Item[] }; totals: { total: number; funded: number } } }).asOf
			const { total, funded } = asOf.totals
			return { currency: asOf.currency, costs: amounts(asOf.tree.actions.find((a) => a.id === 'pa-action-1')!), total, funded }
		}
		expect(await asOf(before)).toEqual({ currency: 'USD', costs: [8_000_000, 4_000_000], total: 12_000_000, funded: 8_000_000 })
		expect(await asOf(rows[1]!.id)).toEqual({ currency: 'JPY', costs: [80_000, 40_000], total: 120_000, funded: 80_000 })
		expect(amounts((await itemsAsOf(roadmap.id, rows[0]!.id)).find((i) => i.id === 'pa-action-1')!)).toEqual([80_000, 40_000])

		// And back to a currency with three decimals: amounts follow, history replays each step.
		await applyChange(db, roadmap.id, null, { type: 'currency', currency: 'BHD' })
		expect(amounts((await roadmapItems(roadmap.id)).find((i) => i.id === 'pa-action-1')!)).toEqual([80_000_000, 40_000_000])
		expect(comparable(await itemsAsOf(roadmap.id, await lastChangeId(roadmap.id)))).toEqual(comparable(await roadmapItems(roadmap.id)))
		expect(await asOf(before)).toEqual({ currency: 'USD', costs: [8_000_000, 4_000_000], total: 12_000_000, funded: 8_000_000 })
	})
})

describe('a save that changes nothing', () => {
	test('records nothing: no history row, the same version, the roadmap not marked as updated', async () => {
		const roadmap = (await getRoadmapByDelegation('panama-2025-pa'))!
		const action = (await roadmapItems(roadmap.id)).find((i) => i.id === 'pa-action-1')!
		const before = await lastChangeId(roadmap.id)
		const section = await import('#tests/roadmap-section.ts')
		const params = { delegationId: 'panama-2025-pa', section: 'strategic-design' }
		const path = '/roadmaps/panama-2025-pa/strategic-design'
		// The form as the page shows it: every field of the action with what is stored (a cost as typed,
		// a checkbox sent only when ticked).
		const form: Record<string, string> = { intent: 'update', kind: 'action', id: action.id, version: String(action.version) }
		for (const spec of KINDS.action.fields as readonly FieldSpec[]) {
			const value = action.data[spec.name]
			if (spec.type !== 'costLines') form[spec.name] = String(value ?? '')
		}
		// Each cost line as typed, then the empty row for a new one.
		for (const [index, line] of [...costLinesOf(action.data), null].entries()) {
			form[`costs[${index}].amount`] = line ? formatMinor(line.amount, roadmap.currency, 'en') : ''
			form[`costs[${index}].source`] = line?.source ?? ''
			if (line?.committed) form[`costs[${index}].committed`] = 'on'
		}
		const saved = await run(async () => section.action(routeArgs(await requestAs('delegate.pa@example.org', path, { form }), params)))
		expect(saved.status).toBe(302)
		expect(await lastChangeId(roadmap.id)).toBe(before)
		const after = (await roadmapItems(roadmap.id)).find((i) => i.id === 'pa-action-1')!
		expect(after.version).toBe(action.version)
		expect((await getRoadmapByDelegation('panama-2025-pa'))!.updated_at).toBe(roadmap.updated_at)

		// One real change is recorded once, with the new text.
		const changed = await run(async () =>
			section.action(
				routeArgs(
					await requestAs('delegate.pa@example.org', path, { form: { ...form, description: `${form.description} (revised)` } }),
					params,
				),
			),
		)
		expect(changed.status).toBe(302)
		const rows = await db
			.selectFrom('roadmap_changes')
			.select(['item_id', 'change'])
			.where('roadmap_id', '=', roadmap.id)
			.where('id', '>', before)
			.execute()
		expect(rows).toEqual([{ item_id: 'pa-action-1', change: 'update' }])
	})
})

// -------------------------------------------------------------------------------------------------
// The stored kind decides the fields, and an item is edited only from its own section

describe('crafted posts to a section', () => {
	const post = async (section: Section, form: Record<string, string>, delegationId = 'panama-2025-pa') => {
		const route = await import('#tests/roadmap-section.ts')
		const path = `/roadmaps/${delegationId}/${section}`
		return run(async () => route.action(routeArgs(await requestAs('delegate.pa@example.org', path, { form }), { delegationId, section })))
	}
	const row = (id: string) => db.selectFrom('roadmap_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

	test("an action's id posted as a pillar is refused, and the action is unchanged", async () => {
		const action = await row('pa-action-1')
		const crafted = await post('strategic-design', {
			intent: 'update',
			kind: 'pillar',
			id: 'pa-action-1',
			version: String(action.version),
			name: 'Renamed',
			formKey: 'item-pa-action-1',
		})
		expect(crafted.status).toBe(400)
		expect(await row('pa-action-1')).toEqual(action)
		// Without the kind, the action's own fields of the section are what count: a pillar's are not.
		const without = await post('strategic-design', {
			intent: 'update',
			id: 'pa-action-1',
			version: String(action.version),
			name: 'Renamed',
		})
		expect(without.status).toBe(400)
		expect(await row('pa-action-1')).toEqual(action)
	})

	test('a pillar posted to gender budgeting is refused (as a pillar, or claiming to be an action)', async () => {
		const pillar = await row('pa-pillar-1')
		for (const kind of ['pillar', 'action']) {
			const crafted = await post('gender-budgeting', {
				intent: 'update',
				kind,
				id: 'pa-pillar-1',
				version: String(pillar.version),
				name: 'X',
				'costs[0].amount': '5',
			})
			expect(crafted.status).toBe(400)
		}
		expect((await post('gender-budgeting', { intent: 'delete', id: 'pa-pillar-1', version: String(pillar.version) })).status).toBe(400)
		expect((await post('gender-budgeting', { intent: 'move', id: 'pa-pillar-1', direction: 'down' })).status).toBe(400)
		expect((await post('gender-budgeting', { intent: 'create', kind: 'pillar', name: 'Sneaky' })).status).toBe(400)
		expect(await row('pa-pillar-1')).toEqual(pillar)
	})

	test('an action is saved whole from strategic design, and the budget and localization pages do not edit it', async () => {
		const action = await row('pa-action-1')
		const version = String(action.version)
		expect(
			(
				await post('strategic-design', {
					intent: 'update',
					kind: 'action',
					id: 'pa-action-1',
					version,
					description: 'Kept',
					'costs[0].amount': '1',
				})
			).status,
		).toBe(302)
		const saved = await row('pa-action-1')
		const { currency } = (await getRoadmapByDelegation('panama-2025-pa'))!
		// Every field is the form's: what it did not send is empty now.
		expect(JSON.parse(saved.data)).toEqual({
			description: 'Kept',
			lead: '',
			partners: '',
			start: null,
			end: null,
			status: null,
			costs: [{ amount: 10 ** currencyDigits(currency), source: null, committed: false }],
			level: null,
			places: '',
		})
		expect(saved.updated_by).toBe(await userIdFor('delegate.pa@example.org'))
		for (const section of ['gender-budgeting', 'localization'] as const) {
			const crafted = await post(section, {
				intent: 'update',
				id: 'pa-action-1',
				version: String(saved.version),
				description: '',
				'costs[0].amount': '7',
			})
			expect(crafted.status).toBe(400)
		}
		expect(await row('pa-action-1')).toEqual(saved)
	})

	test('an item of another roadmap is not found, and stays as it was', async () => {
		const foreign = await row('tt-action-1')
		const crafted = await post('strategic-design', {
			intent: 'update',
			kind: 'action',
			id: 'tt-action-1',
			version: String(foreign.version),
			description: 'Mine now',
		})
		expect(crafted.status).toBe(404)
		expect((await post('strategic-design', { intent: 'delete', id: 'tt-action-1', version: String(foreign.version) })).status).toBe(404)
		expect(
			(await post('monitoring', { intent: 'create', kind: 'indicator', parentId: 'tt-objective-1', statement: 'Sneaky' })).status,
		).toBe(400)
		expect(await row('tt-action-1')).toEqual(foreign)
	})

	test('a stale save comes back as a 409 with both texts, nothing saved', async () => {
		const action = await row('pa-action-1')
		const stale = await post('strategic-design', {
			intent: 'update',
			kind: 'action',
			id: 'pa-action-1',
			version: String(action.version - 1),
			description: 'Mine',
			formKey: 'item-pa-action-1',
		})
		expect(stale.status).toBe(409)
		const feedback = (
			stale.data as {
				feedback: { formKey: string; conflict: { current: { data: { description: string } }; mine: { description: string } } }
			}
		).feedback
		expect(feedback.formKey).toBe('item-pa-action-1')
		expect(feedback.conflict.current.data.description).toBe(JSON.parse(action.data).description)
		expect(feedback.conflict.mine.description).toBe('Mine')
		expect(await row('pa-action-1')).toEqual(action)
	})
})

// -------------------------------------------------------------------------------------------------
// Loaders never write; a roadmap is made with its delegation

describe('reading and making roadmaps', () => {
	const counts = async () => ({
		roadmaps: await db.selectFrom('roadmaps').select(['id', 'updated_at', 'version']).orderBy('id').execute(),
		items: (await db.selectFrom('roadmap_items').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
		changes: (await db.selectFrom('roadmap_changes').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n,
	})

	test('the pages of a roadmap only read', async () => {
		const before = await counts()
		const base = '/roadmaps/port-of-spain-2024-jm'
		const params = { delegationId: 'port-of-spain-2024-jm' }
		type Loader = { loader: (args: ReturnType<typeof routeArgs>) => Promise<unknown> }
		const section = () => import('#tests/roadmap-section.ts') as Promise<Loader>
		const pages: Array<[() => Promise<Loader>, string, Record<string, string>]> = [
			[() => import('#app/routes/roadmaps.$delegationId._index.tsx'), base, params],
			[() => import('#app/routes/roadmaps.$delegationId.history.tsx'), `${base}/history?at=1`, params],
			[() => import('#app/routes/roadmaps.$delegationId.print.tsx'), `${base}/print`, params],
			[() => import('#app/routes/roadmaps.$delegationId.implementation.tsx'), `${base}/implementation`, params],
			[() => import('#app/routes/roadmaps.$delegationId.roadmap[.]json.tsx'), `${base}/roadmap.json`, params],
			[() => import('#app/routes/roadmaps.$delegationId.actions[.]csv.tsx'), `${base}/actions.csv`, params],
			...(['theory-of-change', 'strategic-design', 'gender-budgeting', 'coordination', 'localization', 'monitoring'] as const).map(
				(name): [() => Promise<Loader>, string, Record<string, string>] => [section, `${base}/${name}`, { ...params, section: name }],
			),
		]
		for (const [load, path, routeParams] of pages) {
			const route = await load()
			const page = await run(async () => route.loader(routeArgs(await requestAs('jm1@example.org', path), routeParams)))
			expect(page.status, path).toBe(200)
		}
		expect(await counts()).toEqual(before)
	})

	test('a delegation without a roadmap is a 404, and the visit does not make one', async () => {
		await db
			.insertInto('delegations')
			.values({
				id: 'port-of-spain-2024-lc',
				cohort_id: 'port-of-spain-2024',
				country_code: 'LC',
				nap_status: 'no_plan',
				created_at: new Date().toISOString(),
			})
			.execute()
		const route = await import('#app/routes/roadmaps.$delegationId._index.tsx')
		const page = await run(async () =>
			route.loader(
				routeArgs(await requestAs('staff@example.org', '/roadmaps/port-of-spain-2024-lc'), { delegationId: 'port-of-spain-2024-lc' }),
			),
		)
		expect(page.status).toBe(404)
		expect(await getRoadmapByDelegation('port-of-spain-2024-lc')).toBeUndefined()
	})

	test('adding a delegation makes its roadmap, with the four pillars in the language of who added it, in the history', async () => {
		const route = await import('#app/routes/cohorts.$cohortId.delegations.new.tsx')
		const form = { countryCode: 'SV', napStatus: 'no_plan' }
		const added = await run(async () =>
			route.action(
				routeArgs(await requestAs('staff@example.org', '/cohorts/panama-2025/delegations/new', { form }), { cohortId: 'panama-2025' }),
			),
		)
		expect(added.status).toBe(302)
		const roadmap = (await getRoadmapByDelegation('panama-2025-sv'))!
		const items = await roadmapItems(roadmap.id)
		expect(items.map((i) => [i.kind, i.position, i.data.name])).toEqual([
			['pillar', 0, 'Prevención'],
			['pillar', 1, 'Participación'],
			['pillar', 2, 'Protección'],
			['pillar', 3, 'Socorro y recuperación'],
		])
		const history = await db.selectFrom('roadmap_changes').selectAll().where('roadmap_id', '=', roadmap.id).orderBy('id').execute()
		const staff = await userIdFor('staff@example.org')
		expect(history.map((h) => [h.item_id, h.change, h.user_id])).toEqual(items.map((i) => [i.id, 'create', staff]))
		expect(comparable(await itemsAsOf(roadmap.id, history.at(-1)!.id))).toEqual(comparable(items))
	})
})
