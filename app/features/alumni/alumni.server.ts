import { listRequests } from '#app/features/assistance/assistance.server.ts'
import type { Viewer } from '#app/utils/permissions.server.ts'
import { db } from '#app/utils/db.server.ts'
import { ACTION_STATUSES } from '#app/features/roadmap/kinds.ts'
import { buildTree, getRoadmapByDelegation, latestImplementation, roadmapItems, type Tree } from '#app/features/roadmap/roadmap.server.ts'
import { closeSnapshot } from '#app/features/roadmap/snapshots.server.ts'

/** What an alumni home shows for a delegation: implementation status, what moved since the convening, latest values, TA requests. */
export async function alumniSummary(viewer: Viewer, delegationId: string) {
	const roadmap = await getRoadmapByDelegation(delegationId)
	const tree = roadmap ? buildTree(await roadmapItems(roadmap.id)) : null
	const latest = roadmap ? await latestImplementation(roadmap.id) : {}
	return {
		actions: Object.fromEntries(
			ACTION_STATUSES.map((s) => [s, tree?.actions.filter((a) => (a.data.status ?? 'planned') === s).length ?? 0]),
		),
		sinceConvening: roadmap && tree ? await sinceConvening(roadmap.id, tree) : null,
		indicators: (tree?.indicators ?? []).slice(0, 10).map((i) => ({
			id: i.id,
			statement: String(i.data.statement ?? ''),
			value: latest[i.id]?.value ?? null,
			period: latest[i.id]?.period ?? null,
		})),
		requests: (await listRequests(viewer, {}, { delegationId })).map((r) => ({ id: r.id, topic: r.topic, status: r.status, need: r.need })),
	}
}

const statusOf = (data: Record<string, unknown>) => String(data.status ?? 'planned')

/**
 * Since the convening, against the snapshot taken when the cohort closed: the actions that are done
 * (or delayed) now and were not at the close — new actions included — out of all the actions now.
 * Null when the roadmap has no close snapshot.
 */
export async function sinceConvening(roadmapId: string, tree: Tree) {
	const snapshot = await closeSnapshot(db, roadmapId)
	if (!snapshot) return null
	const then = new Map(snapshot.items.filter((i) => i.kind === 'action').map((i) => [i.id, statusOf(i.data)]))
	const moved = (status: string) => tree.actions.filter((a) => statusOf(a.data) === status && then.get(a.id) !== status).length
	return {
		snapshotId: snapshot.id,
		createdAt: snapshot.created_at,
		done: moved('done'),
		delayed: moved('delayed'),
		total: tree.actions.length,
	}
}
