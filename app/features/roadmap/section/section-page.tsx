/**
 * A roadmap section's page, which each section's route renders with its own view
 * (app/routes/roadmaps.$delegationId.<section>.tsx): one route per section, so that a page loads
 * the code and the texts of its own section only.
 */
import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { type ComponentType } from 'react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { OffersProvider, SectionOffers } from '#app/features/assistance/offer-notice.tsx'
import { CommentThreadsProvider } from '#app/features/roadmap/comment-threads.tsx'
import { EditingProvider, useEditing } from '#app/features/roadmap/editing.tsx'
import { gapHref } from '#app/features/roadmap/gaps.ts'
import { flatFormValues, type ItemFeedback } from '#app/features/roadmap/item-values.tsx'
import { LiveProvider, useHeldTree, useLastingActionData } from '#app/features/roadmap/live.tsx'
import { RoadmapHeader } from '#app/features/roadmap/roadmap-header.tsx'
import { pageMeta } from '#app/utils/meta.ts'
import { onDemand } from '#app/utils/on-demand.tsx'
import { CommentsPanel } from './comments-panel.tsx'
import type { loadSection, sectionAction } from './section.server.ts'
import { type SectionProps } from './shared.tsx'

/** What a deletion shows (asking to confirm, "deleted meanwhile", "deleted — restore"): loaded when one happens. */
const deleteNotices = onDemand('roadmap-delete-notices', () => import('./delete-notices.tsx'))
const ConfirmDelete = deleteNotices.part('ConfirmDelete')
const DeletedMeanwhile = deleteNotices.part('DeletedMeanwhile')
const DeletedNotice = deleteNotices.part('DeletedNotice')

/** What a section route's loader and action are: the section's, with the section the route is for. */
export type SectionLoader = (args: LoaderFunctionArgs) => ReturnType<typeof loadSection>
export type SectionAction = (args: ActionFunctionArgs) => ReturnType<typeof sectionAction>

export const sectionMeta = pageMeta<SectionLoader>((data) => [{ title: data.title }])

/** What the action said, in the shape the item forms read: the refused form's key, its errors, what was typed. */
function useFeedback(): ItemFeedback | null {
	const actionData = useLastingActionData<SectionAction>()
	if (!actionData) return null
	const errors = Object.fromEntries(
		Object.entries(actionData.result.error ?? {}).filter((entry): entry is [string, string[]] => Boolean(entry[0] && entry[1]?.length)),
	)
	// What was typed, flat as the form names it (`costs[0].amount`, an action's `indicators[0].statement`).
	const typed = actionData.result.initialValue ?? {}
	const submitted = flatFormValues(typed)
	return { ...actionData.feedback, errors: Object.keys(errors).length ? errors : undefined, submitted }
}

/** The page of a section, showing it with its view. */
export function SectionPage({ View }: { View: ComponentType<SectionProps> }) {
	const data = useLoaderData<SectionLoader>()
	const feedback = useFeedback()
	return (
		<LiveProvider delegationId={data.delegation.id} after={data.liveAfter}>
			<EditingProvider refused={feedback?.formKey}>
				<SectionContent data={data} feedback={feedback} View={View} />
			</EditingProvider>
		</LiveProvider>
	)
}

function SectionContent({
	data: fresh,
	feedback,
	View,
}: {
	data: SectionProps['data']
	feedback: ItemFeedback | null
	View: ComponentType<SectionProps>
}) {
	const { t } = useTexts()
	// The item open for editing stays as its form showed it while others' changes come in.
	const held = useHeldTree(fresh.tree, useEditing().current)
	const data = held.tree === fresh.tree ? fresh : { ...fresh, tree: held.tree }
	const { section, roadmap, abilities, gaps } = data
	const props: SectionProps = {
		data,
		editable: abilities.edit && roadmap.status !== 'final',
		common: { currency: roadmap.currency, roadmapVersion: roadmap.version, feedback, changedMeanwhile: held.meanwhile },
		// Without JavaScript a refused form comes back in a new page: keep its fold open.
		openFor: (...keys) => (feedback?.formKey && keys.includes(feedback.formKey) ? true : undefined),
		taFor: (id) => ({
			href: `/roadmaps/${data.delegation.id}/assistance?section=${section}&item=${id}#ask`,
			open: data.openTa.byItem[id] ?? 0,
		}),
	}
	// Each gap opens the form where it is filled (for those who may edit; others go to the item).
	const gapLink = (gap: (typeof gaps)[number]) =>
		props.editable ? gapHref(data.delegation.id, gap) : gap.itemId ? `#item-${gap.itemId}` : null

	return (
		<OffersProvider value={{ delegationId: data.delegation.id, offers: data.offers.list, canAnswer: data.offers.canAnswer }}>
			<div className="page page--wide roadmap">
				<RoadmapHeader delegation={data.delegation} roadmap={roadmap} section={section} />
				<h2 className="section-title">{t(`roadmap.sections.${section}.title`)}</h2>
				<p className="lead">{t(`roadmap.sections.${section}.question`)}</p>
				<p className="small">
					<Link to={`/learn/${data.module}`}>{t('roadmap.learnMore')}</Link>
					{abilities.edit ? (
						<>
							{' · '}
							<Link to={`/roadmaps/${data.delegation.id}/assistance?section=${section}#ask`}>{t('assistance.askAboutSection')}</Link>
						</>
					) : null}
					{data.openTa.bySection[section] ? ` · 🛈 ${t('assistance.openForSection', { count: data.openTa.bySection[section] })}` : ''}
				</p>
				{abilities.inspect ? null : <p className="alert">{t('sharedRoadmap.peerNote')}</p>}
				{roadmap.status === 'final' ? <p className="alert">{t('roadmap.finalNote')}</p> : null}
				<SectionOffers section={section} />
				{feedback?.message ? (
					<p className="alert alert--error" role="alert">
						{t(feedback.message)}
					</p>
				) : null}
				{feedback?.deletion && props.editable ? <DeletedMeanwhile deletion={feedback.deletion} submitted={feedback.submitted} /> : null}
				{data.confirmDelete && props.editable ? <ConfirmDelete confirm={data.confirmDelete} /> : null}
				{data.deleted ? <DeletedNotice deleted={data.deleted} editable={props.editable} /> : null}
				{gaps.length ? (
					<details className="gaps">
						<summary>{t('roadmap.gapsCount', { count: gaps.length })}</summary>
						<ul>
							{gaps.map((gap, index) => (
								<li key={index}>
									{gapLink(gap) ? (
										<Link to={gapLink(gap)!} preventScrollReset>
											{t(`roadmap.gaps.${gap.key}`)}
										</Link>
									) : (
										t(`roadmap.gaps.${gap.key}`)
									)}
									{gap.label ? <span className="muted small"> — {gap.label}</span> : null}
								</li>
							))}
						</ul>
					</details>
				) : (
					<p className="alert alert--success">{t('roadmap.sectionComplete')}</p>
				)}

				{/* The threads about each item are read beside it (ItemComments), the rest in the panel. */}
				<CommentThreadsProvider value={{ threadsByItem: data.threadsByItem, canComment: abilities.comment, feedback }}>
					<View {...props} />

					{data.showComments ? <CommentsPanel threads={data.sectionThreads} targets={data.commentTargets} /> : null}
				</CommentThreadsProvider>
			</div>
		</OffersProvider>
	)
}

export function SectionErrorBoundary() {
	return <GeneralErrorBoundary />
}
