import { describe, expect, test } from 'vitest'
import { exportRoadmap, importRoadmap, loadTree } from '#app/features/roadmap/transfer.server.ts'
import { getRoadmapByDelegation } from '#app/features/roadmap/roadmap.server.ts'
import { db } from '#app/utils/db.server.ts'
import { requestAs, routeArgs, run, userIdFor } from '#tests/helpers.ts'

const params = { delegationId: 'panama-2025-pa', section: 'coordination' }
const path = '/roadmaps/panama-2025-pa/coordination'

async function post(form: Record<string, string>, who = 'delegate.pa@example.org') {
	const section = await import('#tests/roadmap-section.ts')
	return run(async () => section.action(routeArgs(await requestAs(who, path, { form }), params)))
}

describe('the NAP process timeline', () => {
	test('the usual steps are added once, in the language of who adds them, then dated one by one', async () => {
		const roadmap = (await getRoadmapByDelegation('panama-2025-pa'))!
		expect((await loadTree(roadmap.id)).milestones).toHaveLength(0)
		await db.updateTable('users').set({ language: 'es' }).where('email', '=', 'delegate.pa@example.org').execute()

		const added = await post({ intent: 'timeline' })
		expect(added.status).toBe(302)
		const steps = (await loadTree(roadmap.id)).milestones
		expect(steps.map((s) => s.data.step)).toEqual([
			'Mandato e institución rectora',
			'Análisis de género y de conflicto',
			'Consulta con la sociedad civil y las organizaciones de mujeres',
			'Redacción',
			'Taller de validación',
			'Adopción (decreto, resolución o ley)',
			'Lanzamiento y comunicación',
			'Revisión de medio término',
			'Evaluación final y el próximo plan',
		])
		expect(steps[0]!.data.output).toBe('El instrumento que ordena elaborar el plan')
		// Each step is in the history, like any item.
		const history = await db
			.selectFrom('roadmap_changes')
			.select('item_id')
			.where('roadmap_id', '=', roadmap.id)
			.where('kind', '=', 'milestone')
			.execute()
		expect(history).toHaveLength(9)

		// A second time is refused with a message; nothing is duplicated.
		const again = await post({ intent: 'timeline' })
		expect(again.status).toBe(409)
		expect((again.data as { feedback: { message: string } }).feedback.message).toBe('roadmap.timeline.exists')
		expect((await loadTree(roadmap.id)).milestones).toHaveLength(9)

		// A step is dated like any item; a bad period is refused and keeps what was typed.
		const mandate = steps[0]!
		const dated = await post({
			intent: 'update',
			kind: 'milestone',
			id: mandate.id,
			version: String(mandate.version),
			step: String(mandate.data.step),
			lead: 'Ministerio de la Mujer',
			start: '2026-Q1',
			end: '2026-03',
			output: String(mandate.data.output),
		})
		expect(dated.status).toBe(302)
		const bad = await post({ intent: 'create', kind: 'milestone', step: 'Informe anual', start: '2026-13' })
		expect(bad.status).toBe(400)
		const tree = await loadTree(roadmap.id)
		expect(tree.milestones.find((m) => m.id === mandate.id)!.data).toMatchObject({
			lead: 'Ministerio de la Mujer',
			start: '2026-Q1',
			end: '2026-03',
		})
		expect(tree.milestones).toHaveLength(9)

		// The steps travel with the roadmap's JSON and come back in order.
		const exported = exportRoadmap(roadmap, tree)
		expect(exported.coordination.milestones).toHaveLength(9)
		const other = (await getRoadmapByDelegation('panama-2025-ec'))!
		const imported = await importRoadmap(other, await userIdFor('ec1@example.org'), JSON.stringify(exported))
		expect(imported).toMatchObject({ ok: true })
		expect((await loadTree(other.id)).milestones.map((m) => m.data.step)).toEqual(tree.milestones.map((m) => m.data.step))
	})

	test('a facilitator, who may comment, may not add the steps', async () => {
		const refused = await post({ intent: 'timeline' }, 'facilitator@example.org')
		expect(refused.status).toBe(403)
	})
})
