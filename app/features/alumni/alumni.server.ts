import { listRequests } from '#app/features/assistance/assistance.server.ts'
import type { Viewer } from '#app/utils/permissions.server.ts'
import { ACTION_STATUSES } from '#app/features/roadmap/kinds.ts'
import { buildTree, getRoadmapByDelegation, latestImplementation, roadmapItems } from '#app/features/roadmap/roadmap.server.ts'

/** What an alumni home shows for a delegation: implementation status, latest values, TA requests. */
export async function alumniSummary(viewer: Viewer, delegationId: string) {
	const roadmap = await getRoadmapByDelegation(delegationId)
	const tree = roadmap ? buildTree(await roadmapItems(roadmap.id)) : null
	const latest = roadmap ? await latestImplementation(roadmap.id) : {}
	return {
		actions: Object.fromEntries(
			ACTION_STATUSES.map((s) => [s, tree?.actions.filter((a) => (a.data.status ?? 'planned') === s).length ?? 0]),
		),
		indicators: (tree?.indicators ?? []).slice(0, 10).map((i) => ({
			id: i.id,
			statement: String(i.data.statement ?? ''),
			value: latest[i.id]?.value ?? null,
			period: latest[i.id]?.period ?? null,
		})),
		requests: (await listRequests(viewer, {}, { delegationId })).map((r) => ({ id: r.id, topic: r.topic, status: r.status, need: r.need })),
	}
}
