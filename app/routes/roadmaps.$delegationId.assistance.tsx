import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { ErrorList } from '#app/components/ui/forms.tsx'
import { RoadmapHeader } from '#app/features/roadmap/roadmap-header.tsx'
import { AssistanceStatusBadge } from '#app/features/assistance/assistance-status.tsx'
import { createRequest, listRequests } from '#app/features/assistance/assistance.server.ts'
import { ASSISTANCE_FORMATS, ASSISTANCE_TOPICS, ASSISTANCE_URGENCIES, topicForSection } from '#app/features/assistance/assistance.ts'
import { OfferNotice } from '#app/features/assistance/offer-notice.tsx'
import { acceptOffer, declineOffer, openOffers } from '#app/features/assistance/offers.server.ts'
import { NewRequestSchema, OfferAnswerSchema } from '#app/features/assistance/schemas.ts'
import { delegationOfferAbilities, permissionForIntent, requireDelegationAssistance, requireRoadmap } from '#app/utils/access.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { safeRedirect } from '#app/utils/misc.ts'
import { roadmapItems } from '#app/features/roadmap/roadmap.server.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, delegation, roadmap, language } = await requireRoadmap(request, params.delegationId, 'view')
	const { intents } = requireDelegationAssistance(viewer, delegation, 'view')
	const t = await getT(language)
	const url = new URL(request.url)
	const items = await roadmapItems(roadmap.id)
	const item = items.find((i) => i.id === url.searchParams.get('item'))
	const section = url.searchParams.get('section')
	const label = (value: unknown) => String(value ?? '').slice(0, 120)
	return {
		title: `${t('assistance.title')} · ${t('roadmap.title')}`,
		delegation,
		roadmap,
		canAsk: intents.ask,
		canAnswerOffers: delegationOfferAbilities(viewer, delegation).accept,
		offers: await openOffers(delegation.id),
		accepted: url.searchParams.get('accepted'),
		requests: await listRequests(viewer, {}, { delegationId: delegation.id }),
		about: item
			? {
					itemId: item.id,
					section,
					label: `${t(`roadmap.kinds.${item.kind}.one`)}: ${label(item.data.description ?? item.data.statement ?? item.data.name ?? item.data.institution ?? item.data.text ?? item.data.if)}`,
				}
			: section
				? { itemId: null, section, label: t(`roadmap.sections.${section}.title`, { defaultValue: section }) }
				: null,
		defaultTopic: topicForSection(section),
		language,
		itemLabels: Object.fromEntries(
			items.map((i) => [
				i.id,
				label(i.data.description ?? i.data.statement ?? i.data.name ?? i.data.institution ?? i.data.text ?? i.data.if),
			]),
		),
	}
}

/**
 * The page's forms, told apart by `intent`: a delegate asks (`ask`, INTENT_PERMISSIONS.assistance),
 * or answers an offer of the Academy's (`accept` or `decline`, INTENT_PERMISSIONS.offers), from here
 * or from beside the item it is about.
 */
export async function action({ request, params }: ActionFunctionArgs) {
	const { viewer, delegation, language } = await requireRoadmap(request, params.delegationId, 'view')
	const formData = await readFormData(request)
	const intent = formData.get('intent')
	if (intent === 'accept' || intent === 'decline') {
		requireDelegationAssistance(viewer, delegation, permissionForIntent('offers', intent))
		const submission = parseWithZod(formData, { schema: OfferAnswerSchema })
		if (submission.status !== 'success') return data({ offerError: 'offers.errors.notFound' }, { status: 400 })
		const { offerId, returnTo } = submission.value
		const refused = (error: string) => data({ offerError: `offers.errors.${error}` }, { status: error === 'notFound' ? 404 : 409 })
		if (intent === 'decline') {
			const result = await declineOffer(viewer, delegation.id, offerId)
			if (!result.ok) return refused(result.error)
			// Back to the page it was declined from, when that is a page of this roadmap.
			const back = safeRedirect(returnTo, '')
			throw redirect(back.startsWith(`/roadmaps/${delegation.id}/`) ? back : `/roadmaps/${delegation.id}/assistance`)
		}
		const t = await getT(language)
		const result = await acceptOffer(viewer, delegation.id, offerId, {
			language,
			need: ({ gap, section, item }) =>
				gap === 'emptySection'
					? t('offers.need.section', { section: t(`roadmap.sections.${section}.title`, { defaultValue: section }) })
					: item
						? t('offers.need.item', { gap: t(`roadmap.gaps.${gap}`), item })
						: t('offers.need.itemGone', { gap: t(`roadmap.gaps.${gap}`) }),
		})
		if (!result.ok) return refused(result.error)
		throw redirect(
			`/roadmaps/${delegation.id}/assistance?${new URLSearchParams({ accepted: result.requestId })}#request-${result.requestId}`,
		)
	}
	if (intent !== 'ask') throw new Response('Unknown form intent', { status: 400, statusText: 'Bad Request' })
	requireDelegationAssistance(viewer, delegation, permissionForIntent('assistance', intent))
	const submission = parseWithZod(formData, { schema: NewRequestSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const result = await createRequest(viewer, delegation.id, submission.value)
	if (!result.ok) return data({ result: submission.reply({ fieldErrors: { itemId: ['assistance.errors.unknownItem'] } }) }, { status: 404 })
	throw redirect(`/assistance/${result.id}`)
}

export default function DelegationAssistance() {
	const {
		delegation,
		roadmap,
		canAsk,
		canAnswerOffers,
		offers,
		accepted,
		requests,
		about,
		defaultTopic,
		language: viewerLanguage,
		itemLabels,
	} = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTexts()
	const language = useLanguage()
	const result = actionData && 'result' in actionData ? actionData.result : undefined
	const offerError = actionData && 'offerError' in actionData ? actionData.offerError : undefined
	const errors = result?.error ?? undefined
	const submitted = result?.initialValue ?? undefined
	const value = (name: string, fallback = '') => {
		const sent = submitted?.[name]
		return typeof sent === 'string' ? sent : fallback
	}
	const field = (name: string) => ({
		id: `ta-${name}`,
		name,
		'aria-invalid': errors?.[name] ? true : undefined,
		'aria-describedby': errors?.[name] ? `ta-${name}-error` : undefined,
	})
	return (
		<div className="page page--wide roadmap">
			<RoadmapHeader delegation={delegation} roadmap={roadmap} section="assistance" />
			<h2 className="section-title">{t('assistance.title')}</h2>
			<p className="lead">{t('assistance.intro')}</p>
			{offerError ? (
				<p className="alert alert--error" role="alert">
					{t(offerError)}
				</p>
			) : null}
			{accepted && requests.some((r) => r.id === accepted) ? (
				<p className="alert alert--success" role="status">
					{t('offers.acceptedNotice')} <Link to={`/assistance/${accepted}`}>{t('offers.openRequest')}</Link>
				</p>
			) : null}

			{offers.length ? (
				<section aria-labelledby="offers-heading">
					<h3 id="offers-heading">{t('offers.fromAcademy', { count: offers.length })}</h3>
					{offers.map((offer) => (
						<OfferNotice
							key={offer.id}
							offer={offer}
							delegationId={delegation.id}
							canAnswer={canAnswerOffers}
							about={`${t('assistance.about')}: ${offer.gap_key === 'emptySection' ? t(`roadmap.sections.${offer.section}.title`, { defaultValue: offer.section }) : `${t(`roadmap.gaps.${offer.gap_key}`)}${offer.itemLabel ? ` — ${offer.itemLabel}` : ''}`}`}
						/>
					))}
				</section>
			) : null}

			<section aria-labelledby="requests-heading">
				<h3 id="requests-heading">{t('assistance.yourRequests', { count: requests.length })}</h3>
				{requests.length === 0 ? <p className="muted">{t('assistance.none')}</p> : null}
				<ul className="card-list">
					{requests.map((r) => (
						<li key={r.id} id={`request-${r.id}`} className="card">
							<p>
								<AssistanceStatusBadge status={r.status} /> · {t(`assistance.topics.${r.topic}`)} · {t(`assistance.urgencies.${r.urgency}`)}
							</p>
							<p>
								<Link to={`/assistance/${r.id}`}>{r.need.slice(0, 140)}</Link>
							</p>
							<p className="muted small">
								{r.item_id && itemLabels[r.item_id] ? `${t('assistance.about')} ${itemLabels[r.item_id]} · ` : ''}
								{r.due_date ? t('assistance.dueBy', { date: formatDate(r.due_date, language, 'medium') }) : t('assistance.noDue')}
								{r.scheduled_for ? ` · ${t('assistance.scheduledFor', { date: formatDate(r.scheduled_for, language, 'medium') })}` : ''}
							</p>
						</li>
					))}
				</ul>
			</section>

			{canAsk ? (
				<section className="panel" aria-labelledby="ask-heading" id="ask">
					<h3 id="ask-heading">{t('assistance.ask')}</h3>
					{about ? <p>{t('assistance.aboutThis', { what: about.label })}</p> : null}
					<Form method="post" className="stack">
						<input type="hidden" name="intent" value="ask" />
						{about?.itemId ? <input type="hidden" name="itemId" value={about.itemId} /> : null}
						{about?.section ? <input type="hidden" name="section" value={about.section} /> : null}
						<ErrorList errors={errors?.itemId} />
						<div className="field">
							<label htmlFor="ta-topic">{t('assistance.topic')}</label>
							<select {...field('topic')} defaultValue={value('topic', defaultTopic)}>
								{ASSISTANCE_TOPICS.map((topic) => (
									<option key={topic} value={topic}>
										{t(`assistance.topics.${topic}`)}
									</option>
								))}
							</select>
							<ErrorList id="ta-topic-error" errors={errors?.topic} />
						</div>
						<div className="field">
							<label htmlFor="ta-need">{t('assistance.need')}</label>
							<p className="field-hint">{t('assistance.needHint')}</p>
							<textarea {...field('need')} rows={5} defaultValue={value('need')} />
							<ErrorList id="ta-need-error" errors={errors?.need} />
						</div>
						<div className="field">
							<label htmlFor="ta-urgency">{t('assistance.urgency')}</label>
							<select {...field('urgency')} defaultValue={value('urgency', 'medium')}>
								{ASSISTANCE_URGENCIES.map((u) => (
									<option key={u} value={u}>
										{t(`assistance.urgencies.${u}`)}
									</option>
								))}
							</select>
							<ErrorList id="ta-urgency-error" errors={errors?.urgency} />
						</div>
						<div className="field">
							<label htmlFor="ta-dueDate">{t('assistance.dueDate')}</label>
							<input {...field('dueDate')} type="date" defaultValue={value('dueDate')} />
							<ErrorList id="ta-dueDate-error" errors={errors?.dueDate} />
						</div>
						<div className="field">
							<label htmlFor="ta-language">{t('assistance.language')}</label>
							<select {...field('language')} defaultValue={value('language', viewerLanguage)}>
								<option value="es">Español</option>
								<option value="en">English</option>
							</select>
							<ErrorList id="ta-language-error" errors={errors?.language} />
						</div>
						<div className="field">
							<label htmlFor="ta-format">{t('assistance.format')}</label>
							<select {...field('format')} defaultValue={value('format', 'remote_session')}>
								{ASSISTANCE_FORMATS.map((f) => (
									<option key={f} value={f}>
										{t(`assistance.formats.${f}`)}
									</option>
								))}
							</select>
							<ErrorList id="ta-format-error" errors={errors?.format} />
						</div>
						<button type="submit" className="button button--primary">
							{t('assistance.submit')}
						</button>
					</Form>
				</section>
			) : null}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
