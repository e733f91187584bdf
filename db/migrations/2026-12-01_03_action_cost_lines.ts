import { type Kysely } from 'kysely'

/**
 * An action's cost becomes cost lines. Until now an action had one `cost` (integer minor units), one
 * `source` and one `committed`; from now on it has `costs`, a list of `{ amount, source, committed }`.
 * Every stored action is converted, and so is every action snapshot in the history
 * (`roadmap_changes.before` / `after`), so that the history and its "as it was" replays keep the old
 * amounts:
 *
 * - a cost and/or a source become one line (`amount` is the cost, or 0 when only a source was given,
 *   so that the source is kept); `committed` goes with it;
 * - no cost and no source become no line (`costs: []`; a lone "committed" meant nothing);
 * - an action that never had any of the three fields (created where costs are not edited) is left as
 *   it is: no `costs` means no lines.
 *
 * `down` converts back, losing what one cost cannot hold: `cost` is the sum of the amounts (null when
 * there is no line), `source` the first line's source, `committed` true only when every line is.
 *
 * Frozen in time: this migration never imports application code. JSON lives in text columns on both
 * engines, so it is read, changed and written back here, row by row, in one transaction.
 */
type Json = Record<string, unknown>
const OLD = ['cost', 'source', 'committed']

/** `data` with `replacement` where the first of `keys` was (the other keys keep their order). */
function replaceKeys(data: Json, keys: string[], replacement: Json): Json {
	const out: Json = {}
	let placed = false
	for (const [key, value] of Object.entries(data)) {
		if (keys.includes(key)) {
			if (!placed) Object.assign(out, replacement)
			placed = true
		} else out[key] = value
	}
	return out
}

function toLines(data: Json): Json | null {
	if (!OLD.some((key) => key in data)) return null
	const amount = typeof data.cost === 'number' ? data.cost : null
	const source = typeof data.source === 'string' && data.source ? data.source : null
	const costs = amount === null && source === null ? [] : [{ amount: amount ?? 0, source, committed: data.committed === true }]
	return replaceKeys(data, OLD, { costs })
}

function toSingleCost(data: Json): Json | null {
	if (!('costs' in data)) return null
	const lines = (Array.isArray(data.costs) ? data.costs : []) as Array<{ amount?: unknown; source?: unknown; committed?: unknown }>
	const amounts = lines.map((line) => (typeof line.amount === 'number' ? line.amount : 0))
	return replaceKeys(data, ['costs'], {
		cost: lines.length ? amounts.reduce((sum, amount) => sum + amount, 0) : null,
		source: typeof lines[0]?.source === 'string' ? lines[0].source : null,
		committed: lines.length > 0 && lines.every((line) => line.committed === true),
	})
}

/** A history side (`{ kind, parentId, position, data, … }`) with its data converted, or null when unchanged. */
function convertSnapshot(text: string | null, convert: (data: Json) => Json | null): string | null {
	if (text === null) return null
	const snapshot = JSON.parse(text) as unknown
	if (!snapshot || typeof snapshot !== 'object' || !('data' in snapshot)) return null
	const data = (snapshot as { data: unknown }).data
	if (!data || typeof data !== 'object' || Array.isArray(data)) return null
	const converted = convert(data as Json)
	return converted ? JSON.stringify({ ...snapshot, data: converted }) : null
}

async function convertAll(db: Kysely<any>, convert: (data: Json) => Json | null) {
	const work = async (trx: Kysely<any>) => {
		const items: Array<{ id: string; data: string }> = await trx
			.selectFrom('roadmap_items')
			.select(['id', 'data'])
			.where('kind', '=', 'action')
			.execute()
		for (const item of items) {
			const converted = convert(JSON.parse(item.data) as Json)
			if (converted)
				await trx
					.updateTable('roadmap_items')
					.set({ data: JSON.stringify(converted) })
					.where('id', '=', item.id)
					.execute()
		}
		const changes: Array<{ id: number; before: string | null; after: string | null }> = await trx
			.selectFrom('roadmap_changes')
			.select(['id', 'before', 'after'])
			.where('kind', '=', 'action')
			.execute()
		for (const change of changes) {
			const before = convertSnapshot(change.before, convert)
			const after = convertSnapshot(change.after, convert)
			if (before === null && after === null) continue
			await trx
				.updateTable('roadmap_changes')
				.set({ before: before ?? change.before, after: after ?? change.after })
				.where('id', '=', change.id)
				.execute()
		}
	}
	// The migrator runs a migration in a transaction where the engine allows DDL in one (PostgreSQL).
	await (db.isTransaction ? work(db) : db.transaction().execute(work))
}

export async function up(db: Kysely<any>) {
	await convertAll(db, toLines)
}

export async function down(db: Kysely<any>) {
	await convertAll(db, toSingleCost)
}
