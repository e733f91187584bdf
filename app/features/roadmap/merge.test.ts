import { describe, expect, test } from 'vitest'
import { applyChange, mergeFields } from '#app/features/roadmap/items.server.ts'
import { getRoadmapByDelegation, roadmapItems } from '#app/features/roadmap/roadmap.server.ts'
import { db } from '#app/utils/db.server.ts'
import { requestAs, routeArgs, run, userIdFor } from '#tests/helpers.ts'

/**
 * Two people save one item from forms opened at the same version: when they changed different
 * fields, both changes stand; when they changed the same field, the second is told, with both texts,
 * and nothing is written.
 */
const delegationId = 'panama-2025-pa'
const path = `/roadmaps/${delegationId}/strategic-design`
const LEAD = 'delegate.pa@example.org'
const MEMBER = 'pa2@example.org'

async function post(email: string, form: Record<string, string>) {
	const route = await import('#tests/roadmap-section.ts')
	return run(async () => route.action(routeArgs(await requestAs(email, path, { form }), { delegationId, section: 'strategic-design' })))
}

const ACTION_FIELDS = ['description', 'lead', 'partners', 'start', 'end', 'level', 'places', 'responsibleRole']

/** A new action (under a new objective), and its form as a page would render it: every field, version and base. */
async function openAction(tag: string) {
	const roadmap = (await getRoadmapByDelegation(delegationId))!
	const userId = await userIdFor(LEAD)
	const pillar = (await roadmapItems(roadmap.id)).find((i) => i.kind === 'pillar')!
	const objective = await applyChange(db, roadmap.id, userId, {
		type: 'create',
		section: 'strategic-design',
		kind: 'objective',
		parentId: pillar.id,
		form: { statement: `Objective ${tag}` },
	})
	const action = await applyChange(db, roadmap.id, userId, {
		type: 'create',
		section: 'strategic-design',
		kind: 'action',
		parentId: objective.ok ? objective.id : null,
		form: { description: `Training for police officers ${tag}`, lead: 'Ministry of Security', partners: 'Women’s network' },
	})
	if (!action.ok) throw new Error('setup')
	const item = (await roadmapItems(roadmap.id)).find((i) => i.id === action.id)!
	const form = (changes: Record<string, string>) => {
		const values = Object.fromEntries(ACTION_FIELDS.map((name) => [name, String(item.data[name as keyof typeof item.data] ?? '')]))
		return {
			intent: 'update',
			kind: 'action',
			formKey: `item-${item.id}`,
			id: item.id,
			version: String(item.version),
			base: JSON.stringify(Object.fromEntries(ACTION_FIELDS.map((name) => [name, item.data[name as keyof typeof item.data] ?? null]))),
			...values,
			...changes,
		}
	}
	const stored = async () => (await roadmapItems(roadmap.id)).find((i) => i.id === item.id)!
	return { item, form, stored }
}

describe('saving over another person’s change', () => {
	test('different fields of one action: both changes stand, and the second save says it was merged', async () => {
		const { form, stored } = await openAction('different fields')
		const ana = await post(LEAD, form({ lead: 'Ministry of Women' }))
		expect(ana.status).toBe(302)
		const pablo = await post(MEMBER, form({ partners: 'UN Women; police academy' }))
		expect(pablo.status).toBe(302)
		expect(pablo.response!.headers.get('Location')).toMatch(/merged=1/)
		const now = await stored()
		expect(now.data).toMatchObject({ lead: 'Ministry of Women', partners: 'UN Women; police academy' })
		expect(now.version).toBe(3)
		// The history has both, each by its author.
		const history = await db
			.selectFrom('roadmap_changes')
			.select(['user_id'])
			.where('item_id', '=', now.id)
			.where('change', '=', 'update')
			.orderBy('id')
			.execute()
		expect(history.map((h) => h.user_id)).toEqual([await userIdFor(LEAD), await userIdFor(MEMBER)])
	})

	test('the same field: a conflict naming that field, with both texts; nothing is written', async () => {
		const { form, stored } = await openAction('same field')
		expect((await post(LEAD, form({ lead: 'Ministry of Women', partners: 'Ombudsperson' }))).status).toBe(302)
		const pablo = await post(MEMBER, form({ lead: 'Ministry of the Interior', start: '2027-Q1' }))
		expect(pablo.status).toBe(409)
		const { feedback } = pablo.data as {
			feedback: { conflict: { fields: string[]; current: { data: Record<string, unknown> }; mine: Record<string, unknown> } }
		}
		expect(feedback.conflict.fields).toEqual(['lead'])
		expect(feedback.conflict.current.data.lead).toBe('Ministry of Women')
		// The form comes back with the other person's other change and this person's own texts.
		expect(feedback.conflict.mine).toMatchObject({ lead: 'Ministry of the Interior', partners: 'Ombudsperson', start: '2027-Q1' })
		const now = await stored()
		expect(now.data).toMatchObject({ lead: 'Ministry of Women', partners: 'Ombudsperson' })
		expect(now.data.start ?? null).toBeNull()
		expect(now.version).toBe(2)
	})

	test('both made the same change: no conflict', async () => {
		const { form, stored } = await openAction('same change')
		expect((await post(LEAD, form({ lead: 'Ministry of Women' }))).status).toBe(302)
		expect((await post(MEMBER, form({ lead: 'Ministry of Women', end: '2028-Q4' }))).status).toBe(302)
		expect((await stored()).data).toMatchObject({ lead: 'Ministry of Women', end: '2028-Q4' })
	})

	test('a form that does not say what it started from conflicts as a whole, as before', async () => {
		const { form, stored } = await openAction('no base')
		expect((await post(LEAD, form({ lead: 'Ministry of Women' }))).status).toBe(302)
		const { base: _base, ...withoutBase } = form({ partners: 'Another partner' })
		const pablo = await post(MEMBER, withoutBase)
		expect(pablo.status).toBe(409)
		expect((pablo.data as { feedback: { conflict: { fields?: string[] } } }).feedback.conflict.fields).toBeUndefined()
		expect((await stored()).data.partners).toBe('Women’s network')
		// A base that is not JSON is no base either.
		expect((await post(MEMBER, { ...withoutBase, base: '{not json' })).status).toBe(409)
	})
})

describe('mergeFields', () => {
	const base = { lead: 'A', partners: 'B', costs: [{ amount: 100, source: 'national_budget', committed: true }] }
	test('keeps the stored value of a field the person left alone, takes theirs where only they changed it', () => {
		const current = { ...base, lead: 'A2' }
		const merged = mergeFields(current, base, { lead: 'A', partners: 'B2', costs: base.costs })
		expect(merged).toEqual({ data: { ...base, lead: 'A2', partners: 'B2' }, conflicts: [] })
	})
	test('empty, unset and unticked are the same nothing', () => {
		expect(mergeFields({ lead: null }, { lead: '' }, { lead: '' }).conflicts).toEqual([])
		expect(mergeFields({ partners: 'X' }, {}, { partners: '' }).data.partners).toBe('X')
	})
	test('cost lines are one field: two different changes to them conflict', () => {
		const current = { ...base, costs: [{ amount: 200, source: 'national_budget', committed: true }] }
		const mine = { ...base, costs: [{ amount: 300, source: 'donor', committed: false }] }
		expect(mergeFields(current, base, mine).conflicts).toEqual(['costs'])
	})
})
