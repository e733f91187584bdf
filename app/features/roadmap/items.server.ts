/**
 * The one way to change a roadmap. Every change to an item — create, update, move, delete, import,
 * a currency change that rescales costs, an implementation status — and every roadmap setting goes
 * through `applyChange`, which, in one transaction: checks the version the person started from,
 * validates against the *stored* item's kind and the section it is edited from, writes the row
 * (always with updated_by/updated_at) and records one history row per item it changed, with the
 * item before and after, so that replaying the history rebuilds the roadmap at any moment.
 *
 * It takes the Kysely instance to use (the app's, or the seed's own connection) and imports no
 * database module itself.
 */
import type { Kysely } from 'kysely'
import { nowIso } from '#app/utils/misc.ts'
import {
	costLinesOf,
	currencyDigits,
	DEFAULT_PILLARS,
	type FieldSpec,
	type ItemData,
	isKind,
	type Kind,
	KINDS,
	type ROADMAP_STATUSES,
	type Section,
	sectionFields,
} from '#app/features/roadmap/kinds.ts'
import { type z } from 'zod'
import {
	CHANGE_JSON,
	type ChangeName,
	type FieldErrors,
	type FormInput,
	STORED_DATA,
	validateItemData,
	validateItemForm,
} from '#app/features/roadmap/schemas.ts'
import type { Database, Roadmap, RoadmapItemRow } from '#db/schema.ts'

type Executor = Kysely<Database>

export type Item = {
	id: string
	kind: Kind
	parentId: string | null
	position: number
	data: ItemData
	version: number
	updatedAt: string
	updatedBy: string | null
}

/** A stored item, its JSON parsed with its kind's schema: a row that does not parse is a server error. */
export function parseItemRow(row: RoadmapItemRow): Item {
	if (!isKind(row.kind)) throw new Error(`roadmap_items ${row.id}: unknown kind ${JSON.stringify(row.kind)}`)
	let json: unknown
	try {
		json = JSON.parse(row.data)
	} catch {
		throw new Error(`roadmap_items ${row.id}: data is not JSON`)
	}
	const data = STORED_DATA[row.kind].safeParse(json)
	if (!data.success) throw new Error(`roadmap_items ${row.id}: data does not fit kind ${row.kind}: ${data.error.message}`)
	return {
		id: row.id,
		kind: row.kind,
		parentId: row.parent_id,
		position: row.position,
		data: data.data,
		version: row.version,
		updatedAt: row.updated_at,
		updatedBy: row.updated_by,
	}
}

export async function readItems(executor: Executor, roadmapId: string): Promise<Item[]> {
	const rows = await executor
		.selectFrom('roadmap_items')
		.selectAll()
		.where('roadmap_id', '=', roadmapId)
		.orderBy('position')
		.orderBy('created_at')
		.orderBy('id')
		.execute()
	return rows.map(parseItemRow)
}

/** The newest history row of a roadmap (null when it has none): where a live stream or a snapshot starts from. */
export async function lastChangeId(executor: Executor, roadmapId: string): Promise<number | null> {
	const row = await executor
		.selectFrom('roadmap_changes')
		.select((eb) => eb.fn.max('id').as('id'))
		.where('roadmap_id', '=', roadmapId)
		.executeTakeFirst()
	return row?.id === null || row?.id === undefined ? null : Number(row.id)
}

/** One item of a roadmap (none if it is not there, or is another roadmap's). */
async function readItem(executor: Executor, roadmapId: string, id: string): Promise<Item[]> {
	const rows = await executor.selectFrom('roadmap_items').selectAll().where('roadmap_id', '=', roadmapId).where('id', '=', id).execute()
	return rows.map(parseItemRow)
}

/** An item to create under its parent, with its children (an import, the seed). */
export type ItemTree = { kind: Kind; data: Record<string, unknown>; id?: string; children?: ItemTree[] }

export type Change =
	/** From a section (`section`, checked against the kind) with a form, or from code with stored-shape data. */
	| { type: 'create'; kind: Kind; parentId?: string | null; id?: string; section: Section; form: FormInput }
	| { type: 'create'; kind: Kind; parentId?: string | null; id?: string; data: Record<string, unknown> }
	/**
	 * `kind`, when given, is what the client believes the item is: refused if the stored item is another kind.
	 * `base`, when given, is the item's data as the form showed it (at `version`): a save that meets
	 * another person's change then keeps both when they changed different fields (see `mergeFields`).
	 */
	| { type: 'update'; id: string; version: number; section: Section; kind?: string; form: FormInput; base?: Record<string, unknown> }
	| { type: 'move'; id: string; section: Section; direction: 'up' | 'down' }
	/**
	 * An item with something under it is refused (`hasChildren`) unless `withChildren`: then all of it
	 * goes, one history row per item (the children's first), all in one group that a restore brings back.
	 */
	| { type: 'delete'; id: string; section: Section; version: number; withChildren?: boolean }
	/** Brings back the item of a delete (history row `changeId`) where it was, with what was deleted with it. */
	| { type: 'restore'; changeId: number }
	/**
	 * Sets an item back to its data right after an update (history row `changeId`), recorded as an update;
	 * `version`, when given, is the version the person saw: refused as a conflict if it changed since.
	 */
	| { type: 'setBack'; changeId: number; version?: number }
	/** Replaces a roadmap that has nothing but empty pillars with these items, all or nothing. */
	| { type: 'import'; currency: string; items: ItemTree[] }
	/**
	 * The roadmap's own settings. `version`, when given, is the roadmap version the person saw
	 * (`roadmaps.version`): a change made from an older one is refused as `stale`, unless it asks for
	 * what the roadmap already holds.
	 */
	| { type: 'currency'; currency: string; version?: number }
	| { type: 'implementation'; id: string; status: string; note: string; dated: string }
	| { type: 'report'; id: string; period: string; value: string; dated: string; source: string }
	| { type: 'status'; status: (typeof ROADMAP_STATUSES)[number]; version?: number }
	| { type: 'sharing'; shared: boolean; version?: number }

export type ChangeResult =
	/** `unchanged`: the save asked for what the item already held — nothing written, nothing in the history. */
	/** `changeId`: the history row of a delete (the deleted item's own), the one a restore undoes. */
	/** `merged`: another person had changed other fields of the item meanwhile; both changes stand. */
	| { ok: true; id: string | null; version: number | null; items: number; unchanged?: true; changeId?: number; merged?: true }
	| { ok: false; reason: 'invalid'; errors: FieldErrors }
	/** `fields`: the fields both people changed (from a form that sent its `base`); without it, the whole item. */
	| { ok: false; reason: 'conflict'; current: Item; mine: ItemData | null; fields?: string[] }
	/**
	 * `exists`: what a restore would bring back is there already; `parentGone`: what it hangs under was
	 * deleted too (restore that first); `gone`: the item to set back was deleted.
	 */
	| {
			ok: false
			reason: 'notFound' | 'badParent' | 'badKind' | 'wrongSection' | 'hasChildren' | 'notEmpty' | 'exists' | 'parentGone' | 'gone'
	  }
	/** `stale`: the roadmap's status, sharing or currency changed since the person's page was made. */
	| { ok: false; reason: 'stale'; version: number }

type Refusal = Extract<ChangeResult, { ok: false }>

/** Thrown inside the transaction to roll it back and answer with a refusal. */
class Refused extends Error {
	constructor(readonly refusal: Refusal) {
		super(refusal.reason)
	}
}
function refuse(refusal: Refusal): never {
	throw new Refused(refusal)
}

type Context = { trx: Executor; roadmap: Roadmap; userId: string | null; items: Item[]; now: string }

/** Applies one change to a roadmap. Nothing is written unless all of it is. */
export async function applyChange(executor: Executor, roadmapId: string, userId: string | null, change: Change): Promise<ChangeResult> {
	const work = async (trx: Executor): Promise<ChangeResult> => {
		const roadmap = await trx.selectFrom('roadmaps').selectAll().where('id', '=', roadmapId).executeTakeFirst()
		if (!roadmap) return refuse({ ok: false, reason: 'notFound' })
		// An update touches one item: read only it (the commonest save, an action's form, stays cheap).
		const items = change.type === 'update' ? await readItem(trx, roadmapId, change.id) : await readItems(trx, roadmapId)
		const ctx: Context = { trx, roadmap, userId, items, now: nowIso() }
		const result = await apply(ctx, change)
		if (!('unchanged' in result)) await trx.updateTable('roadmaps').set({ updated_at: ctx.now }).where('id', '=', roadmapId).execute()
		return result
	}
	// Inside a caller's transaction (creating a roadmap, the seed) a refusal is returned as it is, and
	// rolling back is the caller's: both throw on one.
	try {
		return executor.isTransaction ? await work(executor) : await executor.transaction().execute(work)
	} catch (error) {
		if (error instanceof Refused) return error.refusal
		throw error
	}
}

async function apply(ctx: Context, change: Change): Promise<ChangeResult> {
	const done = (item: { id: string; version: number } | null, items = item ? 1 : 0) => ({
		ok: true as const,
		id: item?.id ?? null,
		version: item?.version ?? null,
		items,
	})
	switch (change.type) {
		case 'create': {
			if ('section' in change && KINDS[change.kind].section !== change.section) refuse({ ok: false, reason: 'badKind' })
			const validated =
				'form' in change
					? validateItemForm(change.kind, pick(change.form, sectionFields(change.kind, change.section)), { currency: ctx.roadmap.currency })
					: validateItemData(change.kind, change.data, ctx.roadmap.currency)
			if (!validated.ok) refuse({ ok: false, reason: 'invalid', errors: validated.errors })
			return done(await create(ctx, { kind: change.kind, parentId: change.parentId ?? null, id: change.id, data: validated.data }))
		}
		case 'update': {
			const current = find(ctx, change.id)
			if (change.kind !== undefined && change.kind !== current.kind) refuse({ ok: false, reason: 'badKind' })
			const fields = sectionFields(current.kind, change.section)
			if (!fields) refuse({ ok: false, reason: 'wrongSection' })
			const validated = validateItemForm(current.kind, change.form, { currency: ctx.roadmap.currency, fields })
			if (!validated.ok) refuse({ ok: false, reason: 'invalid', errors: validated.errors })
			const mine = validated.data
			let data = { ...current.data, ...mine }
			const merged = current.version !== change.version
			if (merged) {
				if (!change.base) refuse({ ok: false, reason: 'conflict', current, mine })
				const merge = mergeFields(current.data, change.base, mine)
				if (merge.conflicts.length)
					refuse({
						ok: false,
						reason: 'conflict',
						current,
						mine: {
							...merge.data,
							...Object.fromEntries(merge.conflicts.map((name) => [name, mine[name as keyof typeof mine]])),
						} as ItemData,
						fields: merge.conflicts,
					})
				data = merge.data
			}
			if (sameData(current.data, data)) return { ...done(current, 0), unchanged: true }
			const written = done(await write(ctx, 'update', current, { ...current, data }))
			return merged ? { ...written, merged: true } : written
		}
		case 'move': {
			const item = find(ctx, change.id)
			if (KINDS[item.kind].section !== change.section) refuse({ ok: false, reason: 'wrongSection' })
			const siblings = ctx.items.filter((i) => i.kind === item.kind && i.parentId === item.parentId)
			const index = siblings.findIndex((i) => i.id === item.id)
			const target = change.direction === 'up' ? index - 1 : index + 1
			if (target < 0 || target >= siblings.length) return done(null)
			// Renumber the siblings so positions stay distinct, with the two swapped.
			const order = siblings.map((s) => s.id)
			order.splice(index, 1)
			order.splice(target, 0, item.id)
			let moved = 0
			for (const [position, id] of order.entries()) {
				const sibling = siblings.find((s) => s.id === id)!
				if (sibling.position === position) continue
				await write(ctx, 'move', sibling, { ...sibling, position })
				moved++
			}
			return done(null, moved)
		}
		case 'delete': {
			const item = find(ctx, change.id)
			if (KINDS[item.kind].section !== change.section) refuse({ ok: false, reason: 'wrongSection' })
			if (item.version !== change.version) refuse({ ok: false, reason: 'conflict', current: item, mine: null })
			const under = descendants(ctx.items, item.id)
			if (under.length && !change.withChildren) refuse({ ok: false, reason: 'hasChildren' })
			const group = under.length ? { group: crypto.randomUUID() } : undefined
			// The deepest first, so that no row of the history ever has an item without its parent.
			for (const child of [...under].reverse()) await write(ctx, 'delete', child, null, group)
			const { changeId } = await write(ctx, 'delete', item, null, group)
			return { ...done(null, under.length + 1), changeId }
		}
		case 'restore':
			return restore(ctx, change.changeId)
		case 'setBack': {
			const row = await changeRow(ctx, change.changeId, 'update')
			const version = parseJson(CHANGE_JSON.update.after, row.after)
			const current = ctx.items.find((i) => i.id === row.item_id)
			if (!current) refuse({ ok: false, reason: 'gone' })
			if (current.kind !== version.kind) refuse({ ok: false, reason: 'badKind' })
			const data = await inCurrentCurrency(ctx, { createdAt: row.created_at, side: 'after' }, version.kind, version.data)
			if (change.version !== undefined && change.version !== current.version) refuse({ ok: false, reason: 'conflict', current, mine: data })
			if (sameData(current.data, data)) return { ...done(current, 0), unchanged: true }
			return done(await write(ctx, 'update', current, { ...current, data }))
		}
		case 'import': {
			const onlyEmptyPillars = ctx.items.every((item) => item.kind === 'pillar' && !ctx.items.some((child) => child.parentId === item.id))
			if (!onlyEmptyPillars) refuse({ ok: false, reason: 'notEmpty' })
			for (const item of [...ctx.items]) await write(ctx, 'delete', item, null)
			await setCurrency(ctx, change.currency)
			let count = 0
			const insert = async (node: ItemTree, parentId: string | null) => {
				const validated = validateItemData(node.kind, node.data, ctx.roadmap.currency)
				if (!validated.ok) refuse({ ok: false, reason: 'invalid', errors: validated.errors })
				const created = await create(ctx, { kind: node.kind, parentId, id: node.id, data: validated.data })
				count++
				for (const child of node.children ?? []) await insert(child, created.id)
			}
			for (const node of change.items) await insert(node, null)
			return done(null, count)
		}
		case 'currency':
			if (change.currency === ctx.roadmap.currency) return { ...done(null, 0), unchanged: true }
			checkRoadmapVersion(ctx, change.version)
			return done(null, await setCurrency(ctx, change.currency))
		case 'implementation': {
			const current = find(ctx, change.id, 'action')
			const after = { ...current, data: { ...current.data, status: change.status } }
			await write(ctx, 'implementation', current, after, { note: change.note, dated: change.dated })
			await ctx.trx
				.insertInto('implementation_updates')
				.values({
					roadmap_id: ctx.roadmap.id,
					item_id: current.id,
					kind: 'action_status',
					status: change.status,
					note: change.note,
					dated: change.dated,
					user_id: ctx.userId,
					created_at: ctx.now,
				})
				.execute()
			return done({ id: current.id, version: current.version + 1 })
		}
		case 'report': {
			// A reported value is kept in the history but does not change the indicator itself.
			const indicator = find(ctx, change.id, 'indicator')
			if ((indicator.data.measure === 'number' || indicator.data.measure === 'percent') && !/^-?\d+([.,]\d+)?$/.test(change.value)) {
				refuse({ ok: false, reason: 'invalid', errors: { value: ['roadmap.errors.number'] } })
			}
			const { period, value, dated, source } = change
			await ctx.trx
				.insertInto('implementation_updates')
				.values({
					roadmap_id: ctx.roadmap.id,
					item_id: indicator.id,
					kind: 'indicator_value',
					period,
					value,
					source,
					dated,
					user_id: ctx.userId,
					created_at: ctx.now,
				})
				.execute()
			await record(ctx, {
				itemId: indicator.id,
				kind: 'indicator',
				change: 'report',
				before: null,
				after: { period, value, dated, source },
			})
			return done(null)
		}
		case 'status':
			if (change.status === ctx.roadmap.status) return { ...done(null, 0), unchanged: true }
			checkRoadmapVersion(ctx, change.version)
			await ctx.trx
				.updateTable('roadmaps')
				.set({ status: change.status, version: ctx.roadmap.version + 1 })
				.where('id', '=', ctx.roadmap.id)
				.execute()
			await record(ctx, {
				itemId: null,
				kind: 'roadmap',
				change: 'status',
				before: { status: ctx.roadmap.status },
				after: { status: change.status },
			})
			return done(null)
		case 'sharing':
			if (change.shared === (ctx.roadmap.shared_with_cohort === 1)) return { ...done(null, 0), unchanged: true }
			checkRoadmapVersion(ctx, change.version)
			await ctx.trx
				.updateTable('roadmaps')
				.set({ shared_with_cohort: change.shared ? 1 : 0, version: ctx.roadmap.version + 1 })
				.where('id', '=', ctx.roadmap.id)
				.execute()
			await record(ctx, {
				itemId: null,
				kind: 'roadmap',
				change: 'sharing',
				before: { shared: ctx.roadmap.shared_with_cohort === 1 },
				after: { shared: change.shared },
			})
			return done(null)
	}
}

/** A settings change made from an older version of the roadmap is refused (nothing is written). */
function checkRoadmapVersion(ctx: Context, version: number | undefined) {
	if (version !== undefined && version !== ctx.roadmap.version) refuse({ ok: false, reason: 'stale', version: ctx.roadmap.version })
}

/**
 * One value of an item as compared: an empty text, an unticked box, no cost lines and a field never set
 * are the same nothing; a list (cost lines) is what it holds.
 */
export function comparable(value: unknown) {
	if (value === '' || value === false || value === undefined || (Array.isArray(value) && !value.length)) return null
	return Array.isArray(value) ? JSON.stringify(value) : value
}

/** Two items' data hold the same values (see `comparable`): a save of them changes nothing. */
export function sameData(a: Record<string, unknown>, b: Record<string, unknown>) {
	return [...new Set([...Object.keys(a), ...Object.keys(b)])].every((key) => comparable(a[key]) === comparable(b[key]))
}

/**
 * A save made from an older version of an item (`base`, what the form showed), field by field: a field
 * the person left as it was keeps what is stored now (another person's change stands); a field they
 * changed takes their value, unless the other person changed it too, to something else — a conflict,
 * for them to settle. Only the fields of the form (`mine`) are looked at.
 */
export function mergeFields(current: Record<string, unknown>, base: Record<string, unknown>, mine: Record<string, unknown>) {
	const data: Record<string, unknown> = { ...current }
	const conflicts: string[] = []
	for (const [name, value] of Object.entries(mine)) {
		const was = comparable(base[name])
		if (comparable(value) === was) continue
		const now = comparable(current[name])
		if (now !== was && now !== comparable(value)) conflicts.push(name)
		else data[name] = value
	}
	return { data: data as ItemData, conflicts }
}

/**
 * Only the fields a section edits, so a form can never reach another section's fields (with the
 * `costs[0].amount`-style keys of a field of lines).
 */
function pick(form: FormInput, fields: readonly string[] | null): FormInput {
	const names = fields ?? []
	return Object.fromEntries(Object.entries(form).filter(([key]) => names.some((name) => key === name || key.startsWith(`${name}[`))))
}

function find(ctx: Context, id: string, kind?: Kind) {
	const item = ctx.items.find((i) => i.id === id)
	if (!item || (kind && item.kind !== kind)) return refuse({ ok: false, reason: 'notFound' })
	return item
}

async function create(ctx: Context, input: { kind: Kind; parentId: string | null; id?: string; data: ItemData }) {
	const spec = KINDS[input.kind] as { parent?: readonly string[]; singleton?: boolean }
	let parentId: string | null = null
	if (spec.parent) {
		const parent = ctx.items.find((item) => item.id === input.parentId)
		if (!parent || !spec.parent.includes(parent.kind)) refuse({ ok: false, reason: 'badParent' })
		parentId = parent.id
	}
	if (spec.singleton && ctx.items.some((item) => item.kind === input.kind)) refuse({ ok: false, reason: 'badParent' })
	const siblings = ctx.items.filter((item) => item.kind === input.kind && item.parentId === parentId)
	const position = siblings.reduce((max, item) => Math.max(max, item.position + 1), 0)
	const after = { id: input.id ?? crypto.randomUUID(), kind: input.kind, parentId, position, data: input.data }
	return write(ctx, 'create', null, after)
}

/**
 * Rescales every cost line to the new currency's minor units when the number of decimals differs (one
 * history row per action, so "as it was" replays the old amounts), then records the setting.
 */
async function setCurrency(ctx: Context, currency: string) {
	const from = ctx.roadmap.currency
	if (currency === from) return 0
	const factor = 10 ** (currencyDigits(currency) - currencyDigits(from))
	let rescaled = 0
	if (factor !== 1) {
		for (const action of ctx.items.filter((i) => i.kind === 'action' && costLinesOf(i.data).length)) {
			const costs = costLinesOf(action.data).map((line) => ({ ...line, amount: Math.round(line.amount * factor) }))
			await write(ctx, 'update', action, { ...action, data: { ...action.data, costs } })
			rescaled++
		}
	}
	await ctx.trx
		.updateTable('roadmaps')
		.set({ currency, version: ctx.roadmap.version + 1 })
		.where('id', '=', ctx.roadmap.id)
		.execute()
	await record(ctx, { itemId: null, kind: 'roadmap', change: 'settings', before: { currency: from }, after: { currency } })
	ctx.roadmap = { ...ctx.roadmap, currency, version: ctx.roadmap.version + 1 }
	return rescaled
}

// -------------------------------------------------------------------------------------------------
// Bringing back what the history holds

/** Everything under an item, breadth first (its children, then theirs). */
function descendants<T extends { id: string; parentId: string | null }>(items: T[], id: string): T[] {
	const found: T[] = []
	let level = [id]
	while (level.length) {
		const next = items.filter((i) => i.parentId !== null && level.includes(i.parentId))
		found.push(...next)
		level = next.map((i) => i.id)
	}
	return found
}

function parseJson<S extends z.ZodType>(schema: S, text: string | null): z.output<S> {
	return schema.parse(text === null ? null : JSON.parse(text))
}

/** A history row of this roadmap, of the change named: anything else (another roadmap's, a stale number) is not found. */
async function changeRow(ctx: Context, changeId: number, name: ChangeName) {
	const row = await ctx.trx
		.selectFrom('roadmap_changes')
		.select(['id', 'item_id', 'change', 'before', 'after', 'created_at'])
		.where('id', '=', changeId)
		.where('roadmap_id', '=', ctx.roadmap.id)
		.where('change', '=', name)
		.executeTakeFirst()
	if (!row || row.item_id === null) return refuse({ ok: false, reason: 'notFound' })
	return { ...row, item_id: row.item_id }
}

/**
 * An item's data from one side of a history row written at `createdAt`, with its amounts (minor units
 * of the currency of that moment) in the roadmap's currency now, as a currency change rescales them.
 * A currency change rescales the costs in its own transaction (the rows share its moment): their
 * `after` is in the new currency, a `before` in the old one.
 */
async function inCurrentCurrency(
	ctx: Context,
	at: { createdAt: string; side: 'before' | 'after' },
	kind: Kind,
	data: ItemData,
): Promise<ItemData> {
	const next = await ctx.trx
		.selectFrom('roadmap_changes')
		.select('before')
		.where('roadmap_id', '=', ctx.roadmap.id)
		.where('change', '=', 'settings')
		.where('created_at', at.side === 'after' ? '>' : '>=', at.createdAt)
		.orderBy('id')
		.executeTakeFirst()
	const then = next ? parseJson(CHANGE_JSON.settings.before, next.before).currency : ctx.roadmap.currency
	const factor = 10 ** (currencyDigits(ctx.roadmap.currency) - currencyDigits(then))
	if (factor === 1) return data
	const specs = KINDS[kind].fields as readonly FieldSpec[]
	const typeOf = (name: string) => specs.find((f) => f.name === name)?.type
	return Object.fromEntries(
		Object.entries(data).map(([key, value]) => {
			if (typeOf(key) === 'money' && typeof value === 'number') return [key, Math.round(value * factor)]
			if (typeOf(key) === 'costLines')
				return [key, costLinesOf(data).map((line) => ({ ...line, amount: Math.round(line.amount * factor) }))]
			return [key, value]
		}),
	)
}

/**
 * Re-creates the item of a delete with its id, data, parent and position, and what was deleted with it
 * and under it (the rows of the same group), one `restore` row each. A sibling that took its place
 * moves down one. Refused if any of it exists already, or if its parent is gone.
 */
async function restore(ctx: Context, changeId: number): Promise<ChangeResult> {
	const row = await changeRow(ctx, changeId, 'delete')
	const parse = (r: { id: number; item_id: string | null; before: string | null; after: string | null }) => ({
		changeId: r.id,
		id: r.item_id!,
		snapshot: parseJson(CHANGE_JSON.delete.before, r.before),
		group: parseJson(CHANGE_JSON.delete.after, r.after)?.group ?? null,
	})
	const root = parse(row)
	let deleted = [root]
	if (root.group) {
		// The rows of one delete share its moment: that narrows the search, the group decides.
		const rows = await ctx.trx
			.selectFrom('roadmap_changes')
			.select(['id', 'item_id', 'before', 'after'])
			.where('roadmap_id', '=', ctx.roadmap.id)
			.where('change', '=', 'delete')
			.where('created_at', '=', row.created_at)
			.where('id', '<', row.id)
			.execute()
		const group = rows.map(parse).filter((r) => r.group === root.group)
		const under = descendants(
			group.map((r) => ({ ...r, parentId: r.snapshot.parentId })),
			root.id,
		)
		deleted = [root, ...under]
	}
	if (deleted.some((d) => ctx.items.some((i) => i.id === d.id))) refuse({ ok: false, reason: 'exists' })
	const { kind, parentId, position } = root.snapshot
	if (parentId !== null && !ctx.items.some((i) => i.id === parentId)) refuse({ ok: false, reason: 'parentGone' })
	if ((KINDS[kind] as { singleton?: boolean }).singleton && ctx.items.some((i) => i.kind === kind)) refuse({ ok: false, reason: 'exists' })
	// Its place: the siblings from there on move down one if one of them holds it now.
	const siblings = ctx.items.filter((i) => i.kind === kind && i.parentId === parentId)
	if (siblings.some((s) => s.position === position)) {
		for (const sibling of siblings.filter((s) => s.position >= position).sort((a, b) => b.position - a.position)) {
			await write(ctx, 'move', sibling, { ...sibling, position: sibling.position + 1 })
		}
	}
	// Parents before their children (`deleted` is breadth first).
	for (const item of deleted) {
		const data = await inCurrentCurrency(ctx, { createdAt: row.created_at, side: 'before' }, item.snapshot.kind, item.snapshot.data)
		const { kind, parentId, position, version } = item.snapshot
		const next = (version ?? 0) + 1
		await write(
			ctx,
			'restore',
			null,
			{ id: item.id, kind, parentId, position, data, version: next },
			{ restoredFrom: item.changeId, version: next },
		)
	}
	return { ok: true, id: root.id, version: null, items: deleted.length }
}

/** `version`: what an insert starts at (1, or a restored item's next). */
type Written = { id: string; kind: Kind; parentId: string | null; position: number; data: ItemData; version?: number }

/**
 * Writes one item (insert when there is no `before`, delete when there is no `after`), guarded by the
 * version it was read at, and records its history row. The only place a roadmap item is written.
 */
async function write(ctx: Context, change: ChangeName, before: Item | null, after: Written | null, extra?: Record<string, unknown>) {
	const { trx, now, userId } = ctx
	const snapshot = (item: Omit<Written, 'id'>) => ({ kind: item.kind, parentId: item.parentId, position: item.position, data: item.data })
	let version = 0
	if (!before && after) {
		version = after.version ?? 1
		await trx
			.insertInto('roadmap_items')
			.values({
				id: after.id,
				roadmap_id: ctx.roadmap.id,
				kind: after.kind,
				parent_id: after.parentId,
				position: after.position,
				data: JSON.stringify(after.data),
				version,
				created_at: now,
				updated_at: now,
				updated_by: userId,
			})
			.execute()
	} else if (before && !after) {
		const deleted = await trx
			.deleteFrom('roadmap_items')
			.where('id', '=', before.id)
			.where('version', '=', before.version)
			.executeTakeFirst()
		if (Number(deleted.numDeletedRows) !== 1) refuse({ ok: false, reason: 'conflict', current: before, mine: null })
	} else if (before && after) {
		version = before.version + 1
		const updated = await trx
			.updateTable('roadmap_items')
			.set({
				parent_id: after.parentId,
				position: after.position,
				data: JSON.stringify(after.data),
				version,
				updated_at: now,
				updated_by: userId,
			})
			.where('id', '=', before.id)
			.where('version', '=', before.version)
			.executeTakeFirst()
		if (Number(updated.numUpdatedRows) !== 1) refuse({ ok: false, reason: 'conflict', current: before, mine: after.data })
	}
	const id = (after ?? before)!.id
	const changeId = await record(ctx, {
		itemId: id,
		kind: (after ?? before)!.kind,
		change,
		// A deleted item keeps its version, so that a restore carries on from it.
		before: before ? { ...snapshot(before), ...(after ? {} : { version: before.version }) } : null,
		// A delete's `after` is null, or the group of a delete with children.
		after: after ? { ...snapshot(after), ...extra } : (extra ?? null),
	})
	// Keep the context's view of the roadmap current for the next step of the same change.
	ctx.items = ctx.items.filter((i) => i.id !== id)
	if (after) ctx.items.push({ ...after, version, updatedAt: now, updatedBy: userId })
	return { id, version, changeId }
}

/** Records one history row; returns its number. */
async function record(ctx: Context, entry: { itemId: string | null; kind: string; change: ChangeName; before: unknown; after: unknown }) {
	const row = await ctx.trx
		.insertInto('roadmap_changes')
		.values({
			roadmap_id: ctx.roadmap.id,
			item_id: entry.itemId,
			kind: entry.kind,
			change: entry.change,
			before: entry.before === null ? null : JSON.stringify(entry.before),
			after: entry.after === null ? null : JSON.stringify(entry.after),
			user_id: ctx.userId,
			created_at: ctx.now,
		})
		.returning('id')
		.executeTakeFirstOrThrow()
	return Number(row.id)
}

/**
 * A delegation's roadmap, created with the delegation: the four usual pillars in `language` (or the
 * given items), each recorded in the history. Does nothing if the delegation already has one.
 */
export async function createRoadmap(
	executor: Executor,
	input: { delegationId: string; language: 'en' | 'es'; userId: string | null; currency?: string; items?: ItemTree[] },
) {
	const work = async (trx: Executor) => {
		const id = `roadmap-${input.delegationId}`
		const now = nowIso()
		const added = await trx
			.insertInto('roadmaps')
			.values({ id, delegation_id: input.delegationId, currency: input.currency, created_at: now, updated_at: now })
			.onConflict((oc) => oc.doNothing())
			.executeTakeFirst()
		if (!Number(added.numInsertedOrUpdatedRows ?? 0)) return { id, created: false }
		const items = input.items ?? DEFAULT_PILLARS[input.language].map((name) => ({ kind: 'pillar' as const, data: { name } }))
		const add = async (node: ItemTree, parentId: string | null) => {
			const result = await applyChange(trx, id, input.userId, { type: 'create', kind: node.kind, parentId, id: node.id, data: node.data })
			if (!result.ok) throw new Error(`Could not create the roadmap of ${input.delegationId}: ${JSON.stringify(result)}`)
			for (const child of node.children ?? []) await add(child, result.id)
		}
		for (const node of items) await add(node, null)
		return { id, created: true }
	}
	return executor.isTransaction ? work(executor) : executor.transaction().execute(work)
}
