import { randomBytes } from 'node:crypto'
import { applyChange, createRoadmap } from '../../app/features/roadmap/items.server.ts'
import { planRoadmap } from '../../app/features/roadmap/transfer.server.ts'
import { mexicoRoadmap } from '../fixtures/mexico-roadmap.ts'
import { createDelegate, db } from './fixtures.ts'

/**
 * A cohort of its own with one delegation, its roadmap (the four usual pillars, or Mexico's whole
 * 4/10/16/23 plan) and a delegate of it: a test that writes a whole plan never meets another's items.
 */
export async function newDelegation(options: { language: 'en' | 'es'; mexico?: boolean; country?: string }) {
	const suffix = randomBytes(5).toString('hex')
	const now = new Date().toISOString()
	const cohortId = `e2e-plan-${suffix}`
	await db
		.insertInto('cohorts')
		.values({
			id: cohortId,
			name: `Plan cohort ${suffix}`,
			host_city: 'Mexico City',
			host_country: 'MX',
			venue: null,
			start_date: '2027-06-01',
			end_date: '2027-06-03',
			prework_due_date: null,
			status: 'open',
			created_at: now,
			updated_at: now,
		})
		.execute()
	const delegationId = `${cohortId}-${(options.country ?? 'MX').toLowerCase()}`
	await db
		.insertInto('delegations')
		.values({ id: delegationId, cohort_id: cohortId, country_code: options.country ?? 'MX', created_at: now })
		.execute()
	const { id: roadmapId } = await createRoadmap(db, { delegationId, language: options.language, userId: null, currency: 'MXN' })
	if (options.mexico) {
		const planned = planRoadmap(JSON.stringify(mexicoRoadmap()))
		if (!planned.ok) throw new Error(`The Mexico roadmap does not import: ${planned.errors.join(', ')}`)
		const imported = await applyChange(db, roadmapId, null, { type: 'import', currency: planned.currency, items: planned.items })
		if (!imported.ok) throw new Error(`The Mexico roadmap was refused: ${imported.reason}`)
	}
	const { email } = await createDelegate({ delegationId, language: options.language })
	return { delegationId, roadmapId, email, base: `/roadmaps/${delegationId}` }
}
