import { randomBytes } from 'node:crypto'
import { applyChange, createRoadmap, type ItemTree } from '../../app/features/roadmap/items.server.ts'
import { mexicoRoadmap } from '../fixtures/mexico-roadmap.ts'
import { createDelegate, db } from './fixtures.ts'

/**
 * A cohort of its own (open, in June 2027) with one delegation of `country` and no roadmap yet: a test
 * that writes to it never meets another test's items. `tag` names the test in the ids; `name` starts
 * the cohort's name (followed by the same random suffix as its id).
 */
export async function newCohortWithDelegation(tag: string, country: string, options: { name?: string } = {}) {
	const suffix = randomBytes(5).toString('hex')
	const now = new Date().toISOString()
	const cohortId = `e2e-${tag}-${suffix}`
	await db
		.insertInto('cohorts')
		.values({
			id: cohortId,
			name: `${options.name ?? `Cohort ${tag}`} ${suffix}`,
			host_city: 'Panama City',
			host_country: 'PA',
			venue: null,
			start_date: '2027-06-01',
			end_date: '2027-06-03',
			prework_due_date: null,
			status: 'open',
			created_at: now,
			updated_at: now,
		})
		.execute()
	const delegationId = `${cohortId}-${country.toLowerCase()}`
	await db.insertInto('delegations').values({ id: delegationId, cohort_id: cohortId, country_code: country, created_at: now }).execute()
	return { cohortId, delegationId, suffix }
}

/**
 * A cohort of its own with one delegation, its roadmap (the four usual pillars, or Mexico's whole
 * 4/10/16/23 plan) and a delegate of it: a test that writes a whole plan never meets another's items.
 */
export async function newDelegation(options: { language: 'en' | 'es'; mexico?: boolean; country?: string }) {
	const { delegationId } = await newCohortWithDelegation('plan', options.country ?? 'MX')
	const { id: roadmapId } = await createRoadmap(db, { delegationId, language: options.language, userId: null, currency: 'MXN' })
	if (options.mexico) {
		const imported = await applyChange(db, roadmapId, null, { type: 'import', currency: 'MXN', items: mexicoItems() })
		if (!imported.ok) throw new Error(`The Mexico roadmap was refused: ${imported.reason}`)
	}
	const { email } = await createDelegate({ delegationId, language: options.language })
	return { delegationId, roadmapId, email, base: `/roadmaps/${delegationId}` }
}

/**
 * Mexico's plan as items (the import's own reader needs the locale files, which the browser tests'
 * loader cannot import): its pillars, objectives, actions and indicators, and its mechanism.
 */
function mexicoItems(): ItemTree[] {
	const doc = mexicoRoadmap() as {
		pillars: Array<{
			name: string
			objectives: Array<{ statement: string; indicators: object[]; actions: Array<{ indicators: object[] }> }>
		}>
		coordination: { mechanism: object; members: object[] }
	}
	const strip = ({ indicators: _indicators, actions: _actions, objectives: _objectives, ...data }: Record<string, unknown>) => data
	const indicator = (data: object): ItemTree => ({ kind: 'indicator', data: data as Record<string, unknown> })
	return [
		...doc.pillars.map((pillar) => ({
			kind: 'pillar' as const,
			data: { name: pillar.name },
			children: pillar.objectives.map((objective) => ({
				kind: 'objective' as const,
				data: strip(objective),
				children: [
					...objective.indicators.map(indicator),
					...objective.actions.map((action) => ({
						kind: 'action' as const,
						data: strip(action),
						children: action.indicators.map(indicator),
					})),
				],
			})),
		})),
		{ kind: 'mechanism', data: doc.coordination.mechanism as Record<string, unknown> },
		...doc.coordination.members.map((member) => ({ kind: 'member' as const, data: member as Record<string, unknown> })),
	]
}
