import { Form, useLocation } from '@remix-run/react'
import { createContext, useContext } from 'react'
import { useTexts } from '#app/utils/use-texts.tsx'

/** An open offer of technical assistance, as `openOffers` reads it. */
export type OpenOffer = {
	id: string
	item_id: string | null
	gap_key: string
	section: string
	message: string
	offeredBy: string | null
	itemLabel: string | null
}

type Offers = { delegationId: string; offers: OpenOffer[]; canAnswer: boolean }

const OffersContext = createContext<Offers | null>(null)

/** The open offers of the roadmap's delegation, for the items of a section page to show beside them. */
export const OffersProvider = OffersContext.Provider

/**
 * "The Academy offers help: …" with, for those who may ask for assistance, Accept as a request (which
 * makes the request) and No, thanks. Both are plain forms to the delegation's TA page; declining
 * comes back here.
 */
export function OfferNotice({
	offer,
	delegationId,
	canAnswer,
	about,
}: {
	offer: OpenOffer
	delegationId: string
	canAnswer: boolean
	/** What the offer is about, when the page does not show it around the notice. */
	about?: string
}) {
	const { t } = useTexts()
	const location = useLocation()
	const messageId = `offer-${offer.id}-message`
	const action = `/roadmaps/${delegationId}/assistance`
	return (
		<aside className="offer-notice" aria-labelledby={messageId}>
			{about ? <p className="small muted">{about}</p> : null}
			<p id={messageId}>
				<strong>{t('offers.academyOffers')}</strong> {offer.message}
				{offer.offeredBy ? <span className="muted small"> — {offer.offeredBy}</span> : null}
			</p>
			{canAnswer ? (
				<div className="offer-notice__answers">
					<Form method="post" action={action} className="inline-form">
						<input type="hidden" name="intent" value="accept" />
						<input type="hidden" name="offerId" value={offer.id} />
						<button type="submit" className="button button--primary" aria-describedby={messageId}>
							{t('offers.accept')}
						</button>
					</Form>
					<Form method="post" action={action} className="inline-form">
						<input type="hidden" name="intent" value="decline" />
						<input type="hidden" name="offerId" value={offer.id} />
						<input type="hidden" name="returnTo" value={`${location.pathname}${location.search}`} />
						<button type="submit" className="button" aria-describedby={messageId}>
							{t('offers.decline')}
						</button>
					</Form>
				</div>
			) : null}
		</aside>
	)
}

/** The open offers about one item, beside it (nothing outside an OffersProvider). */
export function ItemOffers({ itemId }: { itemId: string }) {
	const offers = useContext(OffersContext)
	if (!offers) return null
	const mine = offers.offers.filter((offer) => offer.item_id === itemId)
	return mine.map((offer) => <OfferNotice key={offer.id} offer={offer} delegationId={offers.delegationId} canAnswer={offers.canAnswer} />)
}

/** The open offers about a section as a whole (one with nothing in it yet), at its top. */
export function SectionOffers({ section }: { section: string }) {
	const offers = useContext(OffersContext)
	if (!offers) return null
	const mine = offers.offers.filter((offer) => !offer.item_id && offer.section === section)
	return mine.map((offer) => <OfferNotice key={offer.id} offer={offer} delegationId={offers.delegationId} canAnswer={offers.canAnswer} />)
}
