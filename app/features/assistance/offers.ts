/**
 * Offers of technical assistance made by Academy staff from a gap of a roadmap: the vocabularies,
 * shared by forms, the server and the database types (db/schema.ts).
 */

/** An offer is open (`offered`) until the delegation accepts or declines it, or staff withdraw it. */
export const OFFER_STATUSES = ['offered', 'accepted', 'declined', 'withdrawn'] as const
export type OfferStatus = (typeof OFFER_STATUSES)[number]

/**
 * The gaps staff offer help from: three gaps of the completeness check about one item (their keys
 * are the check's), and a section with nothing in it.
 */
export const ITEM_GAPS = ['actionWithoutLead', 'actionWithoutPeriod', 'indicatorWithoutBaseline'] as const
export const OFFER_GAPS = [...ITEM_GAPS, 'emptySection'] as const
export type OfferGap = (typeof OFFER_GAPS)[number]
