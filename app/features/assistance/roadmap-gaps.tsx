import { Form, Link, useLocation } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { ErrorList } from '#app/components/ui/forms.tsx'
import { ASSISTANCE_TOPICS, type AssistanceTopic } from '#app/features/assistance/assistance.ts'
import { ITEM_GAPS, type OfferGap, type OfferStatus } from '#app/features/assistance/offers.ts'
import { formatMoney } from '#app/features/roadmap/item-values.tsx'
import { countryName, formatDate, formatPercent } from '#app/utils/format.ts'
import { useLanguage } from '#app/utils/use-language.ts'

/** The overview's gaps of one country's roadmap, as its loader sends them (see `roadmapGaps`). */
export type CountryGaps = {
	delegationId: string
	countryCode: string
	cohortName: string
	alumni: boolean
	currency: string
	budget: { total: number; unfunded: number; unfundedShare: number | null }
	itemGaps: Record<
		(typeof ITEM_GAPS)[number],
		Array<{ itemId: string; number: string; title: string; section: string; offer: Offer | null }>
	>
	emptySections: Array<{ section: string; offer: Offer | null }>
}
type Offer = { id: string; status: OfferStatus; created_at: string; answered_at: string | null; request_id: string | null }

/** The gap whose offer form is open: asked for in the URL (`?offer=…`), or refused and sent back. */
export type OpenOfferForm = {
	delegationId: string
	gap: OfferGap
	target: string
	topic: AssistanceTopic
	errors?: Record<string, string[] | null | undefined>
	message?: string
}

/** "Roadmap gaps by country": per country what its roadmap lacks, each gap expandable to its items and offered from. */
export function RoadmapGaps({
	countries,
	open,
	offered,
}: {
	countries: CountryGaps[]
	open: OpenOfferForm | null
	offered: string | null
}) {
	const { t } = useTexts()
	const language = useLanguage()
	return (
		<section aria-labelledby="gaps-heading">
			<h2 id="gaps-heading">{t('offers.overview.title')}</h2>
			<p>{t('offers.overview.intro')}</p>
			{offered ? (
				<p className="alert alert--success" role="status">
					{t('offers.overview.offered')}
				</p>
			) : null}
			{countries.length === 0 ? <p className="muted">{t('offers.overview.none')}</p> : null}
			{countries.map((country) => {
				const isOpen = (gap: OfferGap) => open?.delegationId === country.delegationId && open.gap === gap
				return (
					<section
						key={country.delegationId}
						id={`gaps-${country.delegationId}`}
						className="panel gap-country"
						aria-labelledby={`gaps-${country.delegationId}-heading`}
					>
						<h3 id={`gaps-${country.delegationId}-heading`}>
							<Link to={`/roadmaps/${country.delegationId}`}>{countryName(country.countryCode, language)}</Link>
						</h3>
						<p className="muted small">
							{country.cohortName}
							{country.alumni ? ` · ${t('offers.overview.alumni')}` : ''}
						</p>
						<p>
							{country.budget.unfundedShare === null
								? t('offers.overview.noCosts')
								: t('offers.overview.unfunded', {
										amount: formatMoney(country.budget.unfunded, country.currency, language),
										total: formatMoney(country.budget.total, country.currency, language),
										share: formatPercent(country.budget.unfundedShare, language),
									})}
						</p>
						<ul className="gap-list">
							{ITEM_GAPS.map((gap) => {
								const items = country.itemGaps[gap]
								const label = t(`offers.gaps.${gap}`, { count: items.length })
								if (!items.length) return <li key={gap}>{label}</li>
								return (
									<li key={gap}>
										<details open={isOpen(gap) || undefined}>
											<summary>{label}</summary>
											<ol className="gap-items">
												{items.map((item) => (
													<GapRow
														key={item.itemId}
														delegationId={country.delegationId}
														gap={gap}
														target={item.itemId}
														section={item.section}
														offer={item.offer}
														open={isOpen(gap) && open?.target === item.itemId ? open : null}
													>
														<span className="doc-number">{item.number}</span> {item.title}
													</GapRow>
												))}
											</ol>
										</details>
									</li>
								)
							})}
							<li>
								{country.emptySections.length ? (
									<details open={isOpen('emptySection') || undefined}>
										<summary>{t('offers.gaps.emptySection', { count: country.emptySections.length })}</summary>
										<ul className="gap-items">
											{country.emptySections.map((empty) => (
												<GapRow
													key={empty.section}
													delegationId={country.delegationId}
													gap="emptySection"
													target={empty.section}
													section={empty.section}
													offer={empty.offer}
													open={isOpen('emptySection') && open?.target === empty.section ? open : null}
												>
													{t(`roadmap.sections.${empty.section}.title`)}
												</GapRow>
											))}
										</ul>
									</details>
								) : (
									t('offers.gaps.emptySection', { count: 0 })
								)}
							</li>
						</ul>
					</section>
				)
			})}
		</section>
	)
}

/** One gap: what it is about, the latest offer made from it (and its withdrawal), and the way to offer help. */
function GapRow({
	delegationId,
	gap,
	target,
	section,
	offer,
	open,
	children,
}: {
	delegationId: string
	gap: OfferGap
	target: string
	section: string
	offer: Offer | null
	open: OpenOfferForm | null
	children: React.ReactNode
}) {
	const { t } = useTexts()
	const language = useLanguage()
	const formId = `offer-${delegationId}-${gap}-${target}`
	const canOffer = !offer || offer.status === 'declined' || offer.status === 'withdrawn'
	// The page's own query (the months shown, the language) stays; the offer form is asked for on top.
	const search = pageSearch(useLocation().search)
	const asked = new URLSearchParams(search)
	for (const [name, value] of Object.entries({ offer: delegationId, gap, target })) asked.set(name, value)
	return (
		<li className="gap-item">
			<p className="gap-item__title">{children}</p>
			{offer ? (
				<p className="small">
					<span className={`badge badge--offer-${offer.status}`}>{t(`offers.statuses.${offer.status}`)}</span>{' '}
					{t('offers.overview.offeredOn', { date: formatDate(offer.created_at, language, 'medium') })}
					{offer.request_id ? (
						<>
							{' · '}
							<Link to={`/assistance/${offer.request_id}`}>{t('offers.overview.request')}</Link>
						</>
					) : null}
				</p>
			) : null}
			{offer?.status === 'offered' ? (
				<Form method="post" className="inline-form">
					<input type="hidden" name="intent" value="withdraw" />
					<input type="hidden" name="offerId" value={offer.id} />
					<button type="submit" className="link-button">
						{t('offers.withdraw')}
					</button>
				</Form>
			) : null}
			{canOffer && open ? (
				<Form method="post" className="stack offer-form" id={formId} aria-label={t('offers.offer')}>
					<input type="hidden" name="intent" value="offer" />
					<input type="hidden" name="delegationId" value={delegationId} />
					<input type="hidden" name="gap" value={gap} />
					<input type="hidden" name="section" value={section} />
					{gap === 'emptySection' ? null : <input type="hidden" name="itemId" value={target} />}
					<div className="field">
						<label htmlFor={`${formId}-topic`}>{t('assistance.topic')}</label>
						<select id={`${formId}-topic`} name="topic" defaultValue={open.topic}>
							{ASSISTANCE_TOPICS.map((topic) => (
								<option key={topic} value={topic}>
									{t(`assistance.topics.${topic}`)}
								</option>
							))}
						</select>
						<ErrorList errors={open.errors?.topic} />
					</div>
					<div className="field">
						<label htmlFor={`${formId}-message`}>{t('offers.message')}</label>
						<p className="field-hint" id={`${formId}-message-hint`}>
							{t('offers.messageHint')}
						</p>
						<textarea
							id={`${formId}-message`}
							name="message"
							rows={4}
							required
							minLength={10}
							maxLength={2000}
							defaultValue={open.message ?? ''}
							aria-invalid={open.errors?.message ? true : undefined}
							aria-describedby={open.errors?.message ? `${formId}-message-hint ${formId}-message-error` : `${formId}-message-hint`}
							autoFocus
						/>
						<ErrorList id={`${formId}-message-error`} errors={open.errors?.message} />
					</div>
					<p className="form-actions">
						<button type="submit" className="button button--primary">
							{t('offers.offer')}
						</button>{' '}
						<Link to={`/assistance/overview${search.size ? `?${search}` : ''}#gaps-${delegationId}`} preventScrollReset>
							{t('roadmap.cancel')}
						</Link>
					</p>
				</Form>
			) : canOffer ? (
				<p className="small">
					<Link to={`/assistance/overview?${asked}#${formId}`} preventScrollReset>
						{t('offers.offer')}
					</Link>
				</p>
			) : null}
		</li>
	)
}

/** The overview's query without what asks for an offer form or says one was sent. */
export function pageSearch(search: string) {
	const params = new URLSearchParams(search)
	for (const name of ['offer', 'gap', 'target', 'offered']) params.delete(name)
	return params
}
