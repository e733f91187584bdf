import { describe, expect, test } from 'vitest'
import { getRoadmapByDelegation } from '#app/features/roadmap/roadmap.server.ts'
import { loadTree } from '#app/features/roadmap/transfer.server.ts'
import { type PasteResult } from '#app/features/roadmap/paste.ts'
import { db } from '#app/utils/db.server.ts'
import { requestAs, routeArgs, run } from '#tests/helpers.ts'

const params = { delegationId: 'panama-2025-pa', section: 'strategic-design' }
const path = '/roadmaps/panama-2025-pa/strategic-design'
const OBJECTIVE = 'pa-objective-1'

async function post(form: Record<string, string>, who = 'delegate.pa@example.org', at = params) {
	const section = await import('#tests/roadmap-section.ts')
	return run(async () => section.action(routeArgs(await requestAs(who, `/roadmaps/${at.delegationId}/${at.section}`, { form }), at)))
}
type Answer = { feedback: { formKey?: string; message?: string }; paste: { text: string; preview: PasteResult | null } }
const answerOf = (response: Awaited<ReturnType<typeof post>>) => response.data as Answer

const tsv = (...rows: string[][]) => rows.map((cells) => cells.join('\t')).join('\r\n')
const SIX = [
	[
		'Diagnóstico de la carrera policial con enfoque de género',
		'Ministerio de Seguridad Pública',
		'Universidad de Panamá',
		'2026-Q1',
		'2026-Q2',
		'25.000',
		'Presupuesto nacional',
	],
	[
		'Protocolo contra el acoso sexual en la policía',
		'Ministerio de Seguridad Pública',
		'Ministerio de la Mujer',
		'2026-Q2',
		'2026-Q3',
		'8000',
		'national_budget',
	],
	['Becas para mujeres en la academia policial', 'Academia de Policía', '', '2026-Q3', '2028-Q4', '150,000', 'International cooperation'],
	['Red de mujeres policías', 'Policía Nacional', 'ONU Mujeres', '2026-Q1', '2030-Q4', '', ''],
	[
		'Campaña de reclutamiento en provincias',
		'Ministerio de Seguridad Pública',
		'Gobiernos locales',
		'2026-07',
		'2026-12',
		'40000',
		'Partida de un ministerio',
	],
	['Informe anual de paridad', 'Ministerio de la Mujer', 'Sociedad civil', '2027-Q1', '2027-Q1', '2000', 'Aún no identificada'],
]
const PREVIEWED = { intent: 'pastePreview', formKey: `paste-${OBJECTIVE}`, parentId: OBJECTIVE }
const PASTE = { ...PREVIEWED, intent: 'paste' }

async function actionsOf(objectiveId: string) {
	const roadmap = (await getRoadmapByDelegation('panama-2025-pa'))!
	const tree = await loadTree(roadmap.id)
	return tree.actions.filter((a) => a.parentId === objectiveId)
}

describe('pasting lines of action under an objective', () => {
	test('a paste with one bad row creates nothing; the fixed one creates all six, in order, after the existing one, each in the history', async () => {
		const roadmap = (await getRoadmapByDelegation('panama-2025-pa'))!
		const before = await actionsOf(OBJECTIVE)
		expect(before.map((a) => a.data.description)).toEqual(['Programa de reclutamiento con enfoque de género'])
		const historyBefore = await db.selectFrom('roadmap_changes').select('id').where('roadmap_id', '=', roadmap.id).execute()

		// One row ends before it starts: the preview says where, and so does a paste that skips the preview.
		const broken = SIX.map((row, index) => (index === 3 ? [...row.slice(0, 3), '2027-Q1', '2026-Q4', ...row.slice(5)] : row))
		const preview = await post({ ...PREVIEWED, rows: tsv(...broken) })
		expect(preview.status).toBe(400)
		const previewed = answerOf(preview).paste
		expect(previewed.text).toBe(tsv(...broken))
		expect(previewed.preview!.rows).toHaveLength(6)
		expect(previewed.preview!.rows[3]!.problems).toEqual([{ row: 4, column: 'end', key: 'roadmap.errors.endBeforeStart' }])
		const pasted = await post({ ...PASTE, rows: tsv(...broken) })
		expect(pasted.status).toBe(400)
		expect(answerOf(pasted).paste.preview!.ok).toBe(false)
		expect(await actionsOf(OBJECTIVE)).toHaveLength(1)
		expect(await db.selectFrom('roadmap_changes').select('id').where('roadmap_id', '=', roadmap.id).execute()).toHaveLength(
			historyBefore.length,
		)

		// Fixed: the preview reads all six, and the paste creates them.
		const good = await post({ ...PREVIEWED, rows: tsv(...SIX) })
		expect(good.status).toBe(200)
		expect(answerOf(good).paste.preview!.ok).toBe(true)
		expect(await actionsOf(OBJECTIVE)).toHaveLength(1)
		const created = await post({ ...PASTE, rows: tsv(...SIX) })
		expect(created.status).toBe(302)
		expect(created.response!.headers.get('Location')).toBe(`${path}?pasted=6&under=${OBJECTIVE}#paste-${OBJECTIVE}`)

		const after = await actionsOf(OBJECTIVE)
		expect(after.map((a) => a.data.description)).toEqual(['Programa de reclutamiento con enfoque de género', ...SIX.map((row) => row[0])])
		expect(after[1]!.data).toMatchObject({
			lead: 'Ministerio de Seguridad Pública',
			partners: 'Universidad de Panamá',
			start: '2026-Q1',
			end: '2026-Q2',
			costs: [{ amount: 2_500_000, source: 'national_budget', committed: false }],
		})
		expect(after[3]!.data).toMatchObject({ costs: [{ amount: 15_000_000, source: 'international_cooperation', committed: false }] })
		expect(after[4]!.data).toMatchObject({ costs: [] })
		expect(after[6]!.data.costs).toEqual([expect.objectContaining({ source: 'not_identified' })])
		const history = await db
			.selectFrom('roadmap_changes')
			.select(['item_id', 'change', 'kind', 'user_id'])
			.where('roadmap_id', '=', roadmap.id)
			.where('id', '>', Math.max(0, ...historyBefore.map((h) => h.id)))
			.where('kind', '=', 'action')
			.orderBy('id')
			.execute()
		expect(history.map((h) => h.item_id)).toEqual(after.slice(1).map((a) => a.id))
		expect(new Set(history.map((h) => h.change))).toEqual(new Set(['create']))
		expect(history.every((h) => h.user_id)).toBe(true)
	})

	test('under a missing objective, one of another roadmap, or a pillar; from another section; an empty text', async () => {
		const rows = tsv(SIX[0]!)
		const count = (await actionsOf(OBJECTIVE)).length
		expect((await post({ ...PASTE, parentId: 'no-such-objective', rows })).status).toBe(404)
		// An objective of another delegation's roadmap: Panama's page cannot reach it.
		const other = await db
			.selectFrom('roadmap_items')
			.innerJoin('roadmaps', 'roadmaps.id', 'roadmap_items.roadmap_id')
			.select('roadmap_items.id')
			.where('roadmaps.delegation_id', '<>', 'panama-2025-pa')
			.where('roadmap_items.kind', '=', 'objective')
			.executeTakeFirstOrThrow()
		expect((await post({ ...PASTE, parentId: other.id, rows })).status).toBe(404)
		const pillar = await post({ ...PASTE, parentId: 'pa-pillar-1', rows })
		expect(pillar.status).toBe(400)
		expect(answerOf(pillar).feedback.message).toBe('roadmap.paste.errors.notObjective')
		expect((await post({ ...PREVIEWED, parentId: 'pa-pillar-1', rows })).status).toBe(400)
		expect((await post({ ...PASTE, rows }, 'delegate.pa@example.org', { ...params, section: 'monitoring' })).status).toBe(400)
		const empty = await post({ ...PREVIEWED, rows: '' })
		expect(empty.status).toBe(400)
		expect((empty.data as { result: { error: Record<string, string[]> } }).result.error.rows).toEqual(['roadmap.paste.errors.empty'])
		expect(await actionsOf(OBJECTIVE)).toHaveLength(count)
		expect(await actionsOf('pa-pillar-1')).toHaveLength(0)
	})

	test('a final roadmap takes no paste (409), and a facilitator may not paste (403)', async () => {
		const rows = tsv(SIX[0]!)
		const count = (await actionsOf(OBJECTIVE)).length
		expect((await post({ ...PREVIEWED, rows }, 'facilitator@example.org')).status).toBe(403)
		expect((await post({ ...PASTE, rows }, 'facilitator@example.org')).status).toBe(403)
		await db.updateTable('roadmaps').set({ status: 'final' }).where('delegation_id', '=', 'panama-2025-pa').execute()
		const final = await post({ ...PASTE, rows })
		expect(final.status).toBe(409)
		expect(answerOf(final).feedback.message).toBe('roadmap.errors.final')
		expect(await actionsOf(OBJECTIVE)).toHaveLength(count)
	})
})
