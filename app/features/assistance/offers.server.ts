/**
 * Offers of technical assistance: from the TA overview, Academy staff see what each country's roadmap
 * lacks and offer help from a gap; the delegation sees the offer beside the item (and on its TA page)
 * and accepts it as a request — made through `insertRequest`, like any other — or declines it.
 *
 * Every change of an offer is one conditional update (`where status = 'offered'`), so two answers at
 * once cannot both succeed: accepting twice, or accepting what staff just withdrew, is refused.
 */
import type { Kysely } from 'kysely'
import { recordAudit } from '#app/features/audit/audit.server.ts'
import { db } from '#app/utils/db.server.ts'
import { nowIso } from '#app/utils/misc.ts'
import type { Viewer } from '#app/utils/permissions.server.ts'
import { insertRequest } from '#app/features/assistance/assistance.server.ts'
import { ITEM_GAPS, type OfferGap, type OfferStatus } from '#app/features/assistance/offers.ts'
import { type NewOffer, NewRequestSchema } from '#app/features/assistance/schemas.ts'
import { parseItemRow } from '#app/features/roadmap/items.server.ts'
import { costLinesOf, type Kind, LABEL_FIELD, type Section, SECTIONS } from '#app/features/roadmap/kinds.ts'
import { planNumbers } from '#app/features/roadmap/numbering.ts'
import { budgetTotals, buildTree, completeness, type Tree } from '#app/features/roadmap/roadmap.server.ts'
import type { Item } from '#app/features/roadmap/roadmap.server.ts'
import type { Database } from '#db/schema.ts'

/** Where each gap about an item is filled, and the kind of item it is about. */
const ITEM_GAP_TARGETS: Record<(typeof ITEM_GAPS)[number], { section: Section; kind: Kind }> = {
	actionWithoutLead: { section: 'strategic-design', kind: 'action' },
	actionWithoutPeriod: { section: 'strategic-design', kind: 'action' },
	indicatorWithoutBaseline: { section: 'monitoring', kind: 'indicator' },
}

function isItemGap(gap: OfferGap): gap is (typeof ITEM_GAPS)[number] {
	return gap !== 'emptySection'
}

/**
 * The sections with nothing in them yet. The strategic design starts with its pillars, so it is empty
 * until it has an objective; the budget and localization read the actions, so they are empty until
 * an action has a cost line, or a level (or the localization a local partner).
 */
export function emptySections(tree: Tree): Section[] {
	const filled: Record<Section, boolean> = {
		'theory-of-change': Boolean(
			tree.toc?.data.problem || tree.toc?.data.change || tree.pathways.length || tree.assumptions.length || tree.risks.length,
		),
		'strategic-design': tree.objectives.length > 0,
		'gender-budgeting': tree.actions.some((action) => costLinesOf(action.data).length > 0),
		coordination: Boolean(tree.mechanism?.data.name || tree.members.length || tree.milestones.length),
		localization: tree.partners.length > 0 || tree.actions.some((action) => Boolean(action.data.level)),
		monitoring: tree.indicators.length > 0,
	}
	return SECTIONS.filter((section) => !filled[section])
}

const itemLabel = (item: Pick<Item, 'kind' | 'data'>) => String(item.data[LABEL_FIELD[item.kind]] ?? '').slice(0, 160)

type OfferRow = {
	id: string
	delegation_id: string
	item_id: string | null
	gap_key: OfferGap
	section: string
	status: OfferStatus
	created_at: string
	answered_at: string | null
	request_id: string | null
}

/** The latest offer about each gap, by `gap key` + item (or section). */
const gapKey = (offer: Pick<OfferRow, 'gap_key' | 'item_id' | 'section'>) => `${offer.gap_key}:${offer.item_id ?? offer.section}`

/**
 * What each country's roadmap lacks, for the delegations of cohorts under way or closed (alumni):
 * the unfunded share of its costs, its actions without a lead or a period, its indicators without a
 * baseline and its empty sections — each item numbered as the plan reads — with the latest offer
 * made about each gap. Three queries whatever the number of roadmaps.
 */
export async function roadmapGaps() {
	const roadmaps = await db
		.selectFrom('delegations as d')
		.innerJoin('cohorts as c', 'c.id', 'd.cohort_id')
		.innerJoin('roadmaps as r', 'r.delegation_id', 'd.id')
		.select([
			'd.id as delegationId',
			'd.country_code',
			'c.name as cohortName',
			'c.status as cohortStatus',
			'r.id as roadmapId',
			'r.currency',
		])
		.where('c.status', '!=', 'planned')
		.orderBy('c.start_date', 'desc')
		.orderBy('d.country_code')
		.execute()
	if (!roadmaps.length) return []
	const ids = roadmaps.map((r) => r.roadmapId)
	const [rows, offers] = await Promise.all([
		db
			.selectFrom('roadmap_items')
			.selectAll()
			.where('roadmap_id', 'in', ids)
			.orderBy('position')
			.orderBy('created_at')
			.orderBy('id')
			.execute(),
		db
			.selectFrom('assistance_offers')
			.select(['id', 'delegation_id', 'item_id', 'gap_key', 'section', 'status', 'created_at', 'answered_at', 'request_id'])
			.where(
				'delegation_id',
				'in',
				roadmaps.map((r) => r.delegationId),
			)
			.orderBy('created_at')
			.execute(),
	])
	const itemsByRoadmap = new Map<string, Item[]>()
	for (const row of rows) {
		const list = itemsByRoadmap.get(row.roadmap_id) ?? []
		list.push(parseItemRow(row))
		itemsByRoadmap.set(row.roadmap_id, list)
	}
	const latestOffer = new Map<string, OfferRow>()
	for (const offer of offers) latestOffer.set(`${offer.delegation_id}|${gapKey(offer)}`, offer)
	return roadmaps.map((roadmap) => {
		const tree = buildTree(itemsByRoadmap.get(roadmap.roadmapId) ?? [])
		const numbers = planNumbers(tree)
		const offerFor = (gap: Pick<OfferRow, 'gap_key' | 'item_id' | 'section'>) =>
			latestOffer.get(`${roadmap.delegationId}|${gapKey(gap)}`) ?? null
		const gaps = completeness(tree)
		const byId = new Map([...tree.actions, ...tree.indicators].map((item) => [item.id, item]))
		const itemGaps = Object.fromEntries(
			ITEM_GAPS.map((key) => [
				key,
				gaps
					.filter((gap) => gap.key === key && gap.itemId && byId.has(gap.itemId))
					.map((gap) => {
						const item = byId.get(gap.itemId!)!
						return {
							itemId: item.id,
							number: numbers.get(item.id) ?? '',
							title: itemLabel(item),
							section: ITEM_GAP_TARGETS[key].section,
							offer: offerFor({ gap_key: key, item_id: item.id, section: ITEM_GAP_TARGETS[key].section }),
						}
					}),
			]),
		) as Record<
			(typeof ITEM_GAPS)[number],
			Array<{ itemId: string; number: string; title: string; section: Section; offer: OfferRow | null }>
		>
		const totals = budgetTotals(tree)
		return {
			delegationId: roadmap.delegationId,
			countryCode: roadmap.country_code,
			cohortName: roadmap.cohortName,
			alumni: roadmap.cohortStatus === 'closed',
			currency: roadmap.currency,
			budget: { total: totals.total, unfunded: totals.gap, unfundedShare: totals.total ? totals.gap / totals.total : null },
			itemGaps,
			emptySections: emptySections(tree).map((section) => ({
				section,
				offer: offerFor({ gap_key: 'emptySection', item_id: null, section }),
			})),
		}
	})
}

/** A delegation that may receive offers (with its cohort, for the permission check), or null. */
export function offerDelegation(delegationId: string) {
	return db.selectFrom('delegations').select(['id', 'cohort_id']).where('id', '=', delegationId).executeTakeFirst()
}

export type OfferRefusal = 'notFound' | 'itemGone' | 'alreadyOffered' | 'accepted' | 'declined' | 'withdrawn'
type OfferResult = { ok: true; id: string } | { ok: false; error: OfferRefusal }

/**
 * Staff offer help from a gap. A gap about an item names an item of the delegation's roadmap of the
 * right kind, and its section is where that gap is filled; a section's gap names no item. One open
 * offer per gap: a second is refused until the first is answered or withdrawn.
 */
export async function createOffer(viewer: Viewer, input: NewOffer): Promise<OfferResult> {
	let itemId: string | null = null
	let section: Section = input.section
	if (isItemGap(input.gap)) {
		const target = ITEM_GAP_TARGETS[input.gap]
		const item = input.itemId
			? await db
					.selectFrom('roadmap_items as i')
					.innerJoin('roadmaps as r', 'r.id', 'i.roadmap_id')
					.select('i.id')
					.where('i.id', '=', input.itemId)
					.where('i.kind', '=', target.kind)
					.where('r.delegation_id', '=', input.delegationId)
					.executeTakeFirst()
			: undefined
		if (!item) return { ok: false, error: 'itemGone' }
		itemId = item.id
		section = target.section
	}
	return db.transaction().execute(async (trx) => {
		const open = await trx
			.selectFrom('assistance_offers')
			.select('id')
			.where('delegation_id', '=', input.delegationId)
			.where('gap_key', '=', input.gap)
			.where('section', '=', section)
			.where((eb) => (itemId ? eb('item_id', '=', itemId) : eb('item_id', 'is', null)))
			.where('status', '=', 'offered')
			.executeTakeFirst()
		if (open) return { ok: false as const, error: 'alreadyOffered' as const }
		const id = crypto.randomUUID()
		await trx
			.insertInto('assistance_offers')
			.values({
				id,
				delegation_id: input.delegationId,
				item_id: itemId,
				gap_key: input.gap,
				section,
				topic: input.topic,
				message: input.message,
				offered_by: viewer.id,
				created_at: nowIso(),
			})
			.execute()
		return { ok: true as const, id }
	})
}

/** An offer and the delegation it is for (staff's withdrawal finds it by id alone), or null. */
export function findOffer(offerId: string) {
	return db
		.selectFrom('assistance_offers as o')
		.innerJoin('delegations as d', 'd.id', 'o.delegation_id')
		.selectAll('o')
		.select('d.cohort_id')
		.where('o.id', '=', offerId)
		.executeTakeFirst()
}

/** Why an offer that is no longer open cannot change: it was accepted, declined or withdrawn. */
function closed(status: OfferStatus): OfferRefusal {
	return status === 'offered' ? 'notFound' : status
}

/** Moves an open offer of the delegation to `to` (one conditional update), or says why it cannot. */
async function answer(
	executor: Kysely<Database>,
	viewer: Viewer,
	delegationId: string,
	offerId: string,
	to: Exclude<OfferStatus, 'offered'>,
) {
	const offer = await executor
		.selectFrom('assistance_offers')
		.selectAll()
		.where('id', '=', offerId)
		.where('delegation_id', '=', delegationId)
		.executeTakeFirst()
	if (!offer) return { ok: false as const, error: 'notFound' as const }
	if (offer.status !== 'offered') return { ok: false as const, error: closed(offer.status) }
	const result = await executor
		.updateTable('assistance_offers')
		.set({ status: to, answered_by: viewer.id, answered_at: nowIso() })
		.where('id', '=', offerId)
		.where('status', '=', 'offered')
		.executeTakeFirst()
	if (!result.numUpdatedRows) {
		const now = await executor.selectFrom('assistance_offers').select('status').where('id', '=', offerId).executeTakeFirstOrThrow()
		return { ok: false as const, error: closed(now.status) }
	}
	return { ok: true as const, offer }
}

/** Staff withdraw an offer the delegation has not answered yet. */
export async function withdrawOffer(
	viewer: Viewer,
	offer: { id: string; delegation_id: string; cohort_id: string },
	request: Request,
): Promise<OfferResult> {
	const result = await db.transaction().execute(async (trx) => {
		const answered = await answer(trx, viewer, offer.delegation_id, offer.id, 'withdrawn')
		if (answered.ok) {
			await recordAudit(trx, request, {
				actor: viewer,
				action: 'offer.withdrawn',
				targetType: 'assistance_offer',
				targetId: offer.id,
				cohortId: offer.cohort_id,
				details: { delegation: offer.delegation_id },
			})
		}
		return answered
	})
	return result.ok ? { ok: true, id: offer.id } : result
}

/** The delegation says no, thanks. */
export async function declineOffer(viewer: Viewer, delegationId: string, offerId: string): Promise<OfferResult> {
	const result = await answer(db, viewer, delegationId, offerId, 'declined')
	return result.ok ? { ok: true, id: offerId } : result
}

/**
 * The delegation accepts an offer as a request, in one transaction: the offer is marked accepted,
 * the request is made through `insertRequest` (open, about the offer's item and section, in the
 * topic staff chose; `need` says what it is about, in the language of who accepts), the offer's
 * message becomes the request's first message, from who offered it, and the offer keeps the
 * request's id. An item deleted since leaves the request about its section.
 */
export async function acceptOffer(
	viewer: Viewer,
	delegationId: string,
	offerId: string,
	options: { language: 'en' | 'es'; need: (offer: { gap: OfferGap; section: string; item: string | null }) => string },
): Promise<{ ok: true; requestId: string } | { ok: false; error: OfferRefusal }> {
	return db.transaction().execute(async (trx) => {
		const answered = await answer(trx, viewer, delegationId, offerId, 'accepted')
		if (!answered.ok) return answered
		const { offer } = answered
		const itemRow = offer.item_id
			? await trx
					.selectFrom('roadmap_items as i')
					.innerJoin('roadmaps as r', 'r.id', 'i.roadmap_id')
					.selectAll('i')
					.where('i.id', '=', offer.item_id)
					.where('r.delegation_id', '=', delegationId)
					.executeTakeFirst()
			: undefined
		const item = itemRow ? parseItemRow(itemRow) : null
		const input = NewRequestSchema.parse({
			topic: offer.topic,
			need: options.need({ gap: offer.gap_key, section: offer.section, item: item ? itemLabel(item) : null }),
			urgency: 'medium',
			language: options.language,
			format: 'remote_session',
			section: offer.section,
			itemId: item?.id,
		})
		const created = await insertRequest(trx, viewer, delegationId, input)
		if (!created.ok) throw new Error(`An accepted offer's request was refused: ${created.error}`)
		await trx
			.insertInto('assistance_events')
			.values({
				request_id: created.id,
				kind: 'message',
				internal: 0,
				body: offer.message,
				user_id: offer.offered_by,
				created_at: nowIso(),
			})
			.execute()
		await trx.updateTable('assistance_offers').set({ request_id: created.id }).where('id', '=', offer.id).execute()
		return { ok: true as const, requestId: created.id }
	})
}

/** A delegation's open offers (not yet answered), oldest first, with who made them and the label of their item. */
export async function openOffers(delegationId: string) {
	const offers = await db
		.selectFrom('assistance_offers as o')
		.leftJoin('users as u', 'u.id', 'o.offered_by')
		.select(['o.id', 'o.item_id', 'o.gap_key', 'o.section', 'o.topic', 'o.message', 'o.created_at', 'u.name as offeredBy'])
		.where('o.delegation_id', '=', delegationId)
		.where('o.status', '=', 'offered')
		.orderBy('o.created_at')
		.execute()
	const itemIds = offers.flatMap((offer) => (offer.item_id ? [offer.item_id] : []))
	const items = itemIds.length
		? await db
				.selectFrom('roadmap_items as i')
				.innerJoin('roadmaps as r', 'r.id', 'i.roadmap_id')
				.selectAll('i')
				.where('r.delegation_id', '=', delegationId)
				.where('i.id', 'in', itemIds)
				.execute()
		: []
	const labels = new Map(items.map((row) => [row.id, itemLabel(parseItemRow(row))]))
	return offers.map((offer) => ({ ...offer, itemLabel: offer.item_id ? (labels.get(offer.item_id) ?? null) : null }))
}
