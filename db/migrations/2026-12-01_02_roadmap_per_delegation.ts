import { type Kysely } from 'kysely'

/**
 * A roadmap per delegation, made with the delegation (pages only read it from now on): every
 * delegation without one gets it now, with the four usual pillars, each recorded in the history as
 * created. Pillar names in Spanish for Spanish-speaking countries, in English otherwise.
 *
 * Frozen in time: this migration never imports application code, so the names are copied here.
 */
const PILLARS = {
	en: ['Prevention', 'Participation', 'Protection', 'Relief and recovery'],
	es: ['Prevención', 'Participación', 'Protección', 'Socorro y recuperación'],
}
const SPANISH_SPEAKING = new Set([
	'AR',
	'BO',
	'CL',
	'CO',
	'CR',
	'CU',
	'DO',
	'EC',
	'ES',
	'GQ',
	'GT',
	'HN',
	'MX',
	'NI',
	'PA',
	'PE',
	'PR',
	'PY',
	'SV',
	'UY',
	'VE',
])

export async function up(db: Kysely<any>) {
	const missing: Array<{ id: string; country_code: string }> = await db
		.selectFrom('delegations as d')
		.leftJoin('roadmaps as r', 'r.delegation_id', 'd.id')
		.select(['d.id', 'd.country_code'])
		.where('r.id', 'is', null)
		.orderBy('d.id')
		.execute()
	const now = new Date().toISOString()
	for (const delegation of missing) {
		const roadmapId = `roadmap-${delegation.id}`
		await db.insertInto('roadmaps').values({ id: roadmapId, delegation_id: delegation.id, created_at: now, updated_at: now }).execute()
		const names = PILLARS[SPANISH_SPEAKING.has(delegation.country_code) ? 'es' : 'en']
		for (const [position, name] of names.entries()) {
			const id = crypto.randomUUID()
			const data = { name }
			await db
				.insertInto('roadmap_items')
				.values({
					id,
					roadmap_id: roadmapId,
					kind: 'pillar',
					parent_id: null,
					position,
					data: JSON.stringify(data),
					version: 1,
					created_at: now,
					updated_at: now,
					updated_by: null,
				})
				.execute()
			await db
				.insertInto('roadmap_changes')
				.values({
					roadmap_id: roadmapId,
					item_id: id,
					kind: 'pillar',
					change: 'create',
					before: null,
					after: JSON.stringify({ kind: 'pillar', parentId: null, position, data }),
					user_id: null,
					created_at: now,
				})
				.execute()
		}
	}
}

/** Nothing to undo: the roadmaps it made are like any other, and may have been edited since. */
export async function down() {}
