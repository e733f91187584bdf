/**
 * The results matrix's loader and the action its inline edits post to. The rows are read from the
 * roadmap's tree and filtered and sorted here, on the server, so the GET form works without JavaScript.
 */
import { data } from '@remix-run/node'
import { sectionAction } from '#app/features/roadmap/section/section.server.ts'
import { requireRoadmap } from '#app/utils/access.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { getT } from '#app/utils/i18n.server.ts'
import { buildTree, roadmapItems } from '#app/features/roadmap/roadmap.server.ts'
import { filterRows, matrixChoices, matrixRows, matrixTotals, sortRows } from '#app/features/roadmap/matrix.ts'
import { readMatrixQuery } from '#app/features/roadmap/matrix-query.server.ts'

export async function loadMatrix(request: Request, params: { delegationId?: string }) {
	const { delegation, roadmap, language, abilities } = await requireRoadmap(request, params.delegationId, 'view')
	const t = await getT(language)
	const tree = buildTree(await roadmapItems(roadmap.id))
	const all = matrixRows(tree)
	const query = readMatrixQuery(new URL(request.url).searchParams)
	const rows = sortRows(filterRows(all, query), query)
	return {
		title: `${t('roadmap.matrix.title')} · ${t('roadmap.title')}`,
		delegation,
		roadmap,
		abilities,
		editable: abilities.edit && roadmap.status !== 'final',
		query,
		rows,
		count: all.length,
		totals: matrixTotals(rows),
		choices: matrixChoices(tree, all),
	}
}

/**
 * An inline edit of one action: the strategic design's own `update` (the same checks, the same
 * history), answered with data instead of its redirect. A fetcher follows a redirect as a navigation,
 * which would take the person away from the matrix; with data it stays, and the matrix's loader
 * revalidates. Only an action's update is taken here.
 */
export async function matrixAction(request: Request, params: { delegationId?: string }) {
	const form = await readFormData(request.clone())
	if (form.get('intent') !== 'update' || form.get('kind') !== 'action') {
		// Authorization first: who may not edit this roadmap learns nothing more.
		await requireRoadmap(request, params.delegationId, 'edit')
		return data({ saved: false as const, message: 'roadmap.errors.badKind' }, { status: 400 })
	}
	const answer = await sectionAction(request, { delegationId: params.delegationId, section: 'strategic-design' })
	if (answer instanceof Response && answer.status >= 300 && answer.status < 400) return data({ saved: true as const })
	return answer
}
