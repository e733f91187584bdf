import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { Stats } from '#app/components/ui/stats.tsx'
import { TableWrap } from '#app/components/ui/table-wrap.tsx'
import { overview, roadmapActivity } from '#app/features/assistance/assistance.server.ts'
import { ASSISTANCE_TOPICS, topicForSection } from '#app/features/assistance/assistance.ts'
import { OFFER_GAPS } from '#app/features/assistance/offers.ts'
import { createOffer, findOffer, offerDelegation, roadmapGaps, withdrawOffer } from '#app/features/assistance/offers.server.ts'
import { type OpenOfferForm, pageSearch, RoadmapGaps } from '#app/features/assistance/roadmap-gaps.tsx'
import { OfferFormSchema } from '#app/features/assistance/schemas.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { isOneOf } from '#app/utils/vocabularies.ts'
import { countryName, formatDate, formatNumber } from '#app/utils/format.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { permissionForIntent, requireAssistanceQueue, requireDelegationAssistance } from '#app/utils/access.server.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request }: LoaderFunctionArgs) {
	const { viewer } = await requireAssistanceQueue(request, 'manage')
	const t = await getT(await getLanguage(request, viewer.language))
	const search = new URL(request.url).searchParams
	const months = Math.min(60, Math.max(1, Number(search.get('months')) || 6))
	return {
		title: `${t('assistance.overview.title')} · ${t('app.name')}`,
		stats: await overview(),
		activity: await roadmapActivity(months),
		months,
		gaps: await roadmapGaps(),
		openOffer: offerFormAsked(search),
		offered: search.get('offered'),
	}
}

/** The offer form asked for in the URL (`?offer=<delegation>&gap=<key>&target=<item or section>`), without JavaScript too. */
function offerFormAsked(search: URLSearchParams): OpenOfferForm | null {
	const delegationId = search.get('offer')
	const gap = search.get('gap')
	const target = search.get('target')
	if (!delegationId || !target || !isOneOf(OFFER_GAPS, gap)) return null
	const section = gap === 'emptySection' ? target : gap === 'indicatorWithoutBaseline' ? 'monitoring' : 'strategic-design'
	return { delegationId, gap, target, topic: topicForSection(section) }
}

/**
 * Staff's offers from the gaps (the `offer` and `withdraw` intents of INTENT_PERMISSIONS.offers):
 * an offer needs the delegation (404), an item of its roadmap for an item's gap (404) and no open
 * offer about the same gap (409); a withdrawal, an offer not yet answered (409).
 */
export async function action({ request }: ActionFunctionArgs) {
	const formData = await readFormData(request)
	const intent = formData.get('intent')
	if (intent !== 'offer' && intent !== 'withdraw') throw new Response('Unknown form intent', { status: 400, statusText: 'Bad Request' })
	const { viewer } = await requireAssistanceQueue(request, 'manage')
	const submission = parseWithZod(formData, { schema: OfferFormSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const refuse = (status: number, message: string) => data({ result: submission.reply({ formErrors: [message] }) }, { status })
	const value = submission.value
	// Back to the overview as it was shown (its months, its language).
	const back = (hash: string, offered?: string) => {
		const search = pageSearch(new URL(request.url).search)
		if (offered) search.set('offered', offered)
		return redirect(`/assistance/overview${search.size ? `?${search}` : ''}#${hash}`)
	}
	if (value.intent === 'offer') {
		const delegation = await offerDelegation(value.delegationId)
		if (!delegation) return refuse(404, 'offers.errors.notFound')
		requireDelegationAssistance(viewer, delegation, permissionForIntent('offers', value.intent))
		const result = await createOffer(viewer, value)
		if (!result.ok) return refuse(result.error === 'alreadyOffered' ? 409 : 404, `offers.errors.${result.error}`)
		throw back(`gaps-${delegation.id}`, result.id)
	}
	const offer = await findOffer(value.offerId)
	if (!offer) return refuse(404, 'offers.errors.notFound')
	requireDelegationAssistance(viewer, { id: offer.delegation_id, cohort_id: offer.cohort_id }, permissionForIntent('offers', value.intent))
	const result = await withdrawOffer(viewer, offer, request)
	if (!result.ok) return refuse(409, `offers.errors.${result.error}`)
	throw back(`gaps-${offer.delegation_id}`)
}

/** The offer form that was refused, open again with what was typed and its messages. */
function useRefusedOffer(): OpenOfferForm | null {
	const actionData = useActionData<typeof action>()
	const sent = actionData?.result.initialValue
	if (!sent || sent.intent !== 'offer') return null
	const text = (name: string) => (typeof sent[name] === 'string' ? (sent[name] as string) : '')
	const gap = text('gap')
	if (!isOneOf(OFFER_GAPS, gap)) return null
	const topic = text('topic')
	return {
		delegationId: text('delegationId'),
		gap,
		target: gap === 'emptySection' ? text('section') : text('itemId'),
		topic: isOneOf(ASSISTANCE_TOPICS, topic) ? topic : topicForSection(text('section')),
		message: text('message'),
		errors: actionData.result.error ?? undefined,
	}
}

/** Why an offer or a withdrawal was refused as a whole (gone, already offered, already answered). */
function useRefusal() {
	const actionData = useActionData<typeof action>()
	return actionData?.result.error?.['']?.[0] ?? null
}

type Row = { name: string; open: number; done: number; declined: number }

/** Horizontal bars: open (solid) and done (hatched), each with its number written beside it. */
function BarChart({ rows, label, nameOf }: { rows: Row[]; label: string; nameOf: (name: string) => string }) {
	const { t } = useTexts()
	const max = Math.max(1, ...rows.map((r) => r.open + r.done))
	const rowHeight = 34
	const labelWidth = 210
	const width = 640
	const scale = (width - labelWidth - 90) / max
	return (
		<svg role="img" aria-label={label} viewBox={`0 0 ${width} ${rows.length * rowHeight + 30}`} className="chart">
			<title>{label}</title>
			<defs>
				<pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
					<rect width="6" height="6" fill="#fff" />
					<line x1="0" y1="0" x2="0" y2="6" stroke="#1b1f24" strokeWidth="3" />
				</pattern>
			</defs>
			<g fontSize="13" fill="#1b1f24">
				<rect x={labelWidth} y={4} width={12} height={12} fill="#5b2a86" />
				<text x={labelWidth + 16} y={14}>
					{t('assistance.overview.open')}
				</text>
				<rect x={labelWidth + 110} y={4} width={12} height={12} fill="url(#hatch)" stroke="#1b1f24" />
				<text x={labelWidth + 126} y={14}>
					{t('assistance.overview.done')}
				</text>
				{rows.map((row, index) => {
					const y = 26 + index * rowHeight
					return (
						<g key={row.name}>
							<text x={labelWidth - 8} y={y + 16} textAnchor="end">
								{nameOf(row.name).slice(0, 28)}
							</text>
							<rect x={labelWidth} y={y + 4} width={row.open * scale} height={16} fill="#5b2a86" />
							<rect
								x={labelWidth + row.open * scale}
								y={y + 4}
								width={row.done * scale}
								height={16}
								fill="url(#hatch)"
								stroke="#1b1f24"
								strokeWidth="0.5"
							/>
							<text x={labelWidth + (row.open + row.done) * scale + 6} y={y + 16}>
								{row.open} / {row.done}
							</text>
						</g>
					)
				})}
			</g>
		</svg>
	)
}

export default function Overview() {
	const { stats, activity, months, gaps, openOffer, offered } = useLoaderData<typeof loader>()
	const refusedOffer = useRefusedOffer()
	const refusal = useRefusal()
	const { t } = useTexts()
	const language = useLanguage()
	const table = (rows: Row[], caption: string, nameOf: (name: string) => string) => (
		<TableWrap label={caption}>
			<table>
				<caption>{caption}</caption>
				<thead>
					<tr>
						<th scope="col">{caption}</th>
						<th scope="col">{t('assistance.overview.open')}</th>
						<th scope="col">{t('assistance.overview.done')}</th>
						<th scope="col">{t('assistance.statuses.declined')}</th>
					</tr>
				</thead>
				<tbody>
					{rows.map((row) => (
						<tr key={row.name}>
							<th scope="row">{nameOf(row.name)}</th>
							<td>{row.open}</td>
							<td>{row.done}</td>
							<td>{row.declined}</td>
						</tr>
					))}
				</tbody>
			</table>
		</TableWrap>
	)
	const topicName = (name: string) => t(`assistance.topics.${name}`)
	const country = (code: string) => countryName(code, language)
	return (
		<div className="page page--wide">
			<nav aria-label={t('learn.breadcrumb')} className="breadcrumb">
				<Link to="/assistance">{t('assistance.queue')}</Link>
			</nav>
			<h1>{t('assistance.overview.title')}</h1>
			<Stats
				items={[
					{ label: t('assistance.overview.total'), value: stats.total },
					{ label: t('assistance.overview.open'), value: stats.open },
					{ label: t('assistance.overview.done'), value: stats.done },
					{
						label: t('assistance.overview.median'),
						value:
							stats.medianDaysToDone === null
								? '—'
								: t('assistance.overview.days', {
										count: Math.round(stats.medianDaysToDone),
										formatted: formatNumber(Math.round(stats.medianDaysToDone), language),
									}),
					},
				]}
			/>
			<section aria-labelledby="topics-heading">
				<h2 id="topics-heading">{t('assistance.overview.byTopic')}</h2>
				<BarChart rows={stats.byTopic} label={t('assistance.overview.byTopic')} nameOf={topicName} />
				{table(stats.byTopic, t('assistance.topic'), topicName)}
			</section>
			<section aria-labelledby="countries-heading">
				<h2 id="countries-heading">{t('assistance.overview.byCountry')}</h2>
				<BarChart rows={stats.byCountry} label={t('assistance.overview.byCountry')} nameOf={country} />
				{table(stats.byCountry, t('delegation.country'), country)}
			</section>
			{refusal ? (
				<p className="alert alert--error" role="alert">
					{t(refusal)}
				</p>
			) : null}
			<RoadmapGaps countries={gaps} open={refusedOffer ?? openOffer} offered={offered} />
			<section aria-labelledby="activity-heading">
				<h2 id="activity-heading">{t('assistance.overview.activity')}</h2>
				<Form method="get" className="inline-fields">
					<label htmlFor="months">{t('assistance.overview.months')}</label>
					<input id="months" name="months" type="number" min={1} max={60} defaultValue={months} />
					<button type="submit" className="button">
						{t('reflections.filter')}
					</button>
				</Form>
				<p>{t('assistance.overview.staleCount', { count: activity.filter((a) => a.stale).length, months })}</p>
				<TableWrap label={t('assistance.overview.activity')}>
					<table>
						<thead>
							<tr>
								<th scope="col">{t('delegation.country')}</th>
								<th scope="col">{t('cohorts.cohort')}</th>
								<th scope="col">{t('assistance.overview.lastUpdate')}</th>
							</tr>
						</thead>
						<tbody>
							{activity.map((a) => (
								<tr key={a.id}>
									<th scope="row">
										<Link to={`/roadmaps/${a.id}`}>{country(a.country_code)}</Link>
									</th>
									<td>{a.cohortName}</td>
									<td>
										{a.updated_at ? formatDate(a.updated_at, language, 'medium') : t('assistance.overview.never')}
										{a.stale ? ` ⚠ ${t('assistance.overview.stale')}` : ''}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</TableWrap>
			</section>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
