/**
 * Snapshots: a roadmap frozen under a name, when its cohort closes (one per roadmap of the cohort, in
 * the same transaction as the status change) or when someone who runs the cohort takes one. A snapshot
 * keeps the items as `readItems` reads them, the currency and status of that moment and the number of
 * the last history row it includes, so it is exact: nothing written by a change that had not committed
 * is in it, and everything committed before is.
 *
 * Like items.server.ts, it takes the Kysely instance to use (the app's, or the seed's own connection)
 * and imports no database module itself.
 */
import type { Kysely } from 'kysely'
import { z } from 'zod'
import { type Item, lastChangeId, readItems } from '#app/features/roadmap/items.server.ts'
import { ROADMAP_STATUSES } from '#app/features/roadmap/kinds.ts'
import { ItemSnapshot } from '#app/features/roadmap/schemas.ts'
import { nowIso } from '#app/utils/misc.ts'
import type { Database, RoadmapSnapshotRow, SnapshotReason } from '#db/schema.ts'

type Executor = Kysely<Database>

/** One item of a snapshot, as stored: `readItems`'s item without who saved it last and when. */
const SnapshotItem = z.intersection(z.object({ id: z.string(), version: z.number().int() }), ItemSnapshot)
export type SnapshotItem = z.output<typeof SnapshotItem>
const SnapshotItems = z.array(SnapshotItem)

/** A stored snapshot with its items parsed by the kinds' schemas: a row that does not parse is a server error. */
export function parseSnapshot(row: RoadmapSnapshotRow) {
	let json: unknown
	try {
		json = JSON.parse(row.items)
	} catch {
		throw new Error(`roadmap_snapshots ${row.id}: items is not JSON`)
	}
	const items = SnapshotItems.safeParse(json)
	if (!items.success) throw new Error(`roadmap_snapshots ${row.id}: items do not fit: ${items.error.message}`)
	const status = z.enum(ROADMAP_STATUSES).safeParse(row.status)
	if (!status.success) throw new Error(`roadmap_snapshots ${row.id}: unknown status ${JSON.stringify(row.status)}`)
	return { ...row, status: status.data, items: items.data }
}
export type Snapshot = ReturnType<typeof parseSnapshot>

function stored(item: Item): SnapshotItem {
	return { id: item.id, kind: item.kind, parentId: item.parentId, position: item.position, version: item.version, data: item.data }
}

/**
 * Freezes a roadmap now (or, for the seed, with the moment given) and returns the snapshot's number.
 * Inside a caller's transaction (a cohort closing) it is part of it.
 */
export async function takeSnapshot(
	executor: Executor,
	roadmapId: string,
	input: { name: string; reason: SnapshotReason; userId: string | null; createdAt?: string },
) {
	const work = async (trx: Executor) => {
		// Touching the roadmap's row first waits for any change being written to it (every change ends by
		// updating that row) and holds off the next one until this snapshot is written: what is read
		// below is one moment of the roadmap, on both engines.
		const touched = await trx
			.updateTable('roadmaps')
			.set((eb) => ({ updated_at: eb.ref('updated_at') }))
			.where('id', '=', roadmapId)
			.executeTakeFirst()
		if (Number(touched.numUpdatedRows) !== 1) throw new Error(`No roadmap ${roadmapId} to take a snapshot of`)
		const roadmap = await trx.selectFrom('roadmaps').select(['currency', 'status']).where('id', '=', roadmapId).executeTakeFirstOrThrow()
		const items = await readItems(trx, roadmapId)
		const row = await trx
			.insertInto('roadmap_snapshots')
			.values({
				roadmap_id: roadmapId,
				name: input.name,
				reason: input.reason,
				items: JSON.stringify(items.map(stored)),
				currency: roadmap.currency,
				status: roadmap.status,
				change_id: await lastChangeId(trx, roadmapId),
				created_by: input.userId,
				created_at: input.createdAt ?? nowIso(),
			})
			.returning('id')
			.executeTakeFirstOrThrow()
		return Number(row.id)
	}
	return executor.isTransaction ? work(executor) : executor.transaction().execute(work)
}

/**
 * A cohort closing: every roadmap of its delegations frozen, named after the cohort. Run in the
 * transaction that closes the cohort, so a cohort is never closed without them.
 */
export async function snapshotCohortRoadmaps(
	executor: Executor,
	input: { cohortId: string; cohortName: string; userId: string | null; createdAt?: string },
) {
	const roadmaps = await executor
		.selectFrom('roadmaps as r')
		.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
		.select('r.id')
		.where('d.cohort_id', '=', input.cohortId)
		.orderBy('r.id')
		.execute()
	const ids: number[] = []
	for (const roadmap of roadmaps) {
		ids.push(
			await takeSnapshot(executor, roadmap.id, {
				name: input.cohortName,
				reason: 'close',
				userId: input.userId,
				createdAt: input.createdAt,
			}),
		)
	}
	return ids
}

/** A roadmap's snapshots, the latest first, with who took each (items left out: a list does not need them). */
export async function listSnapshots(executor: Executor, roadmapId: string) {
	return executor
		.selectFrom('roadmap_snapshots as s')
		.leftJoin('users as u', 'u.id', 's.created_by')
		.select(['s.id', 's.name', 's.reason', 's.currency', 's.status', 's.change_id', 's.created_at', 'u.name as createdBy'])
		.where('s.roadmap_id', '=', roadmapId)
		.orderBy('s.id', 'desc')
		.execute()
}
export type SnapshotSummary = Awaited<ReturnType<typeof listSnapshots>>[number]

/** A snapshot by its number, whichever roadmap it is of (the caller tells "not this roadmap's" from "none"). */
export async function getSnapshot(executor: Executor, id: number) {
	const row = await executor.selectFrom('roadmap_snapshots').selectAll().where('id', '=', id).executeTakeFirst()
	return row ? parseSnapshot(row) : null
}

/** The latest snapshot taken when the roadmap's cohort closed, if any. */
export async function closeSnapshot(executor: Executor, roadmapId: string) {
	const row = await executor
		.selectFrom('roadmap_snapshots')
		.selectAll()
		.where('roadmap_id', '=', roadmapId)
		.where('reason', '=', 'close')
		.orderBy('id', 'desc')
		.limit(1)
		.executeTakeFirst()
	return row ? parseSnapshot(row) : null
}
