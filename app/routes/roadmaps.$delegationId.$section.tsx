import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { formatMoney, type ItemFeedback, ItemControls, ItemForm } from '#app/features/roadmap/item-form.tsx'
import { BudgetTables } from '#app/features/roadmap/roadmap-document.tsx'
import { RoadmapHeader } from '#app/features/roadmap/roadmap-header.tsx'
import { useRootData } from '#app/root.tsx'
import { openRequestsByItem } from '#app/features/assistance/assistance.server.ts'
import { formatDateTime, formatPercent } from '#app/utils/format.ts'
import { getT } from '#app/utils/i18n.server.ts'
import { DEFAULT_LANGUAGE } from '#app/utils/i18n.ts'
import { invariantResponse } from '#app/utils/permissions.server.ts'
import { requireRoadmap } from '#app/features/roadmap/access.server.ts'
import { ACTION_FIELDS_BY_SECTION, isKind, KINDS, type Section, SECTIONS, SECTION_MODULE } from '#app/features/roadmap/kinds.ts'
import {
	addComment,
	budgetTotals,
	buildTree,
	completeness,
	createItem,
	deleteItem,
	moveItem,
	reportingCalendar,
	roadmapComments,
	roadmapItems,
	setCommentResolved,
	setCurrency,
	SettingsSchema,
	updateItem,
} from '#app/features/roadmap/roadmap.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { pageMeta } from '#app/utils/meta.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

function sectionOf(value: string | undefined): Section {
	const section = SECTIONS.find((s) => s === value)
	invariantResponse(section)
	return section
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const section = sectionOf(params.section)
	const { delegation, roadmap, language, abilities } = await requireRoadmap(request, params.delegationId, 'view')
	const t = await getT(language)
	const tree = buildTree(await roadmapItems(roadmap.id))
	return {
		title: `${t(`roadmap.sections.${section}.title`)} · ${t('roadmap.title')}`,
		section,
		module: SECTION_MODULE[section],
		delegation,
		roadmap,
		abilities,
		tree,
		totals: budgetTotals(tree),
		gaps: completeness(tree).filter((gap) => gap.section === section),
		calendar: reportingCalendar(tree, new Date().getUTCFullYear()),
		comments: await roadmapComments(roadmap.id, section),
		openTa: await openRequestsByItem(delegation.id),
		commentTargets: commentTargets(tree, section),
	}
}

/** The items of a section a comment can be about, with a short label. */
function commentTargets(tree: ReturnType<typeof buildTree>, section: Section) {
	const label = (value: unknown) => String(value ?? '').slice(0, 80)
	switch (section) {
		case 'theory-of-change':
			return [
				...tree.pathways.map((p) => ({ id: p.id, label: label(p.data.if) })),
				...tree.assumptions.map((a) => ({ id: a.id, label: label(a.data.text) })),
				...tree.risks.map((r) => ({ id: r.id, label: label(r.data.risk) })),
			]
		case 'strategic-design':
			return [
				...tree.pillars.map((p) => ({ id: p.id, label: label(p.data.name) })),
				...tree.objectives.map((o) => ({ id: o.id, label: label(o.data.statement) })),
				...tree.actions.map((a) => ({ id: a.id, label: label(a.data.description) })),
			]
		case 'gender-budgeting':
		case 'localization':
			return [
				...tree.actions.map((a) => ({ id: a.id, label: label(a.data.description) })),
				...(section === 'localization' ? tree.partners.map((p) => ({ id: p.id, label: label(p.data.name) })) : []),
			]
		case 'coordination':
			return [
				...(tree.mechanism ? [{ id: tree.mechanism.id, label: label(tree.mechanism.data.name) }] : []),
				...tree.members.map((m) => ({ id: m.id, label: label(m.data.institution) })),
			]
		case 'monitoring':
			return tree.indicators.map((i) => ({ id: i.id, label: label(i.data.statement) }))
	}
}

const CommentSchema = z.object({
	body: z.string().trim().min(1, { error: 'roadmap.errors.commentEmpty' }).max(4000, { error: 'roadmap.errors.tooLong' }),
	itemId: z.string().max(100).optional(),
})

export async function action({ request, params }: ActionFunctionArgs) {
	const section = sectionOf(params.section)
	const form = Object.fromEntries(await readFormData(request))
	const intent = String(form.intent ?? '')
	const formKey = typeof form.formKey === 'string' ? form.formKey : undefined
	const needs = intent === 'comment' || intent === 'resolve' ? 'comment' : 'edit'
	const { viewer, roadmap } = await requireRoadmap(request, params.delegationId, needs)
	const back = (anchor = '') => redirect(`${new URL(request.url).pathname}${anchor}`)
	const submitted = Object.fromEntries(
		Object.entries(form)
			.filter(([, v]) => typeof v === 'string')
			.map(([k, v]) => [k, String(v).slice(0, 5000)]),
	)
	const fail = (status: number, feedback: ItemFeedback) => data({ feedback: { formKey, submitted, ...feedback } }, { status })
	if (roadmap.status === 'final' && needs === 'edit') return fail(409, { message: 'roadmap.errors.final' })

	switch (intent) {
		case 'create': {
			const kind = form.kind
			if (!isKind(kind) || KINDS[kind].section !== section) {
				return fail(400, { message: 'roadmap.errors.badKind' })
			}
			const result = await createItem(roadmap, viewer.id, {
				kind,
				parentId: typeof form.parentId === 'string' ? form.parentId : null,
				form,
			})
			if (result.ok) return back(`#item-${result.id}`)
			if (result.reason === 'invalid') return fail(400, { errors: result.errors })
			return fail(400, { message: 'roadmap.errors.badParent' })
		}
		case 'update': {
			const version = Number(form.version)
			const kind = form.kind
			if (!isKind(kind) || !Number.isInteger(version)) return fail(400, { message: 'roadmap.errors.badKind' })
			// An action is shared by several sections: each saves only its own fields.
			const fields = kind === 'action' ? ACTION_FIELDS_BY_SECTION[section] : undefined
			if (kind === 'action' && !fields) return fail(400, { message: 'roadmap.errors.badKind' })
			const result = await updateItem(roadmap, viewer.id, { id: String(form.id ?? ''), version, fields, form })
			if (result.ok) return back(`#item-${result.id}`)
			if (result.reason === 'invalid') return fail(400, { itemId: String(form.id), errors: result.errors })
			if (result.reason === 'conflict') {
				return fail(409, {
					itemId: result.current.id,
					conflict: { current: { data: result.current.data, version: result.current.version }, mine: result.mine },
				})
			}
			return fail(404, { message: 'roadmap.errors.notFound' })
		}
		case 'delete': {
			const result = await deleteItem(roadmap, viewer.id, { id: String(form.id ?? ''), version: Number(form.version) })
			if (result.ok) return back()
			const status = result.reason === 'notFound' ? 404 : 409
			return fail(status, { message: `roadmap.errors.${result.reason}` })
		}
		case 'move': {
			const direction = form.direction === 'up' ? 'up' : form.direction === 'down' ? 'down' : null
			if (!direction) return fail(400, { message: 'roadmap.errors.badKind' })
			const result = await moveItem(roadmap, viewer.id, { id: String(form.id ?? ''), direction })
			if (!result.ok) return fail(404, { message: 'roadmap.errors.notFound' })
			return back(`#item-${String(form.id)}`)
		}
		case 'currency': {
			const parsed = SettingsSchema.safeParse(form)
			if (!parsed.success) return fail(400, { formKey: 'currency', errors: { currency: ['roadmap.errors.currency'] } })
			await setCurrency(roadmap, viewer.id, parsed.data.currency)
			return back()
		}
		case 'comment': {
			const parsed = CommentSchema.safeParse(form)
			if (!parsed.success) return fail(400, { formKey: 'comment', errors: { body: [parsed.error.issues[0]!.message] } })
			const added = await addComment(roadmap, viewer.id, { section, itemId: parsed.data.itemId || null, body: parsed.data.body })
			if (!added.ok) return fail(404, { formKey: 'comment', message: 'roadmap.errors.notFound' })
			return back('#comments')
		}
		case 'resolve': {
			const ok = await setCommentResolved(roadmap, viewer.id, Number(form.commentId), form.resolved === 'true')
			if (!ok) return fail(404, { message: 'roadmap.errors.notFound' })
			return back('#comments')
		}
		default:
			return fail(400, { message: 'roadmap.errors.badKind' })
	}
}

export default function RoadmapSection() {
	const loaderData = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	const language = useRootData()?.language ?? DEFAULT_LANGUAGE
	const { section, tree, roadmap, abilities, gaps } = loaderData
	const feedback = actionData?.feedback ?? null
	const currency = roadmap.currency
	const editable = abilities.edit && roadmap.status !== 'final'
	const common = { currency, feedback }
	// Without JavaScript a refused form comes back in a new page: keep its fold open.
	const taFor = (id: string) => ({
		href: `/roadmaps/${loaderData.delegation.id}/assistance?section=${section}&item=${id}#ask`,
		open: loaderData.openTa.byItem[id] ?? 0,
	})
	const openFor = (...keys: string[]) => (feedback?.formKey && keys.includes(feedback.formKey) ? true : undefined)

	return (
		<div className="page page--wide roadmap">
			<RoadmapHeader delegation={loaderData.delegation} roadmap={roadmap} section={section} />
			<h2 className="section-title">{t(`roadmap.sections.${section}.title`)}</h2>
			<p className="lead">{t(`roadmap.sections.${section}.question`)}</p>
			<p className="small">
				<Link to={`/learn/${loaderData.module}`}>{t('roadmap.learnMore')}</Link>
				{abilities.edit ? (
					<>
						{' · '}
						<Link to={`/roadmaps/${loaderData.delegation.id}/assistance?section=${section}#ask`}>{t('assistance.askAboutSection')}</Link>
					</>
				) : null}
				{loaderData.openTa.bySection[section]
					? ` · 🛈 ${t('assistance.openForSection', { count: loaderData.openTa.bySection[section] })}`
					: ''}
			</p>
			{roadmap.status === 'final' ? <p className="alert">{t('roadmap.finalNote')}</p> : null}
			{feedback?.message ? (
				<p className="alert alert--error" role="alert">
					{t(feedback.message)}
				</p>
			) : null}
			{gaps.length ? (
				<details className="gaps">
					<summary>{t('roadmap.gapsCount', { count: gaps.length })}</summary>
					<ul>
						{gaps.map((gap, index) => (
							<li key={index}>
								{gap.itemId ? <a href={`#item-${gap.itemId}`}>{t(`roadmap.gaps.${gap.key}`)}</a> : t(`roadmap.gaps.${gap.key}`)}
								{gap.label ? <span className="muted small"> — {gap.label}</span> : null}
							</li>
						))}
					</ul>
				</details>
			) : (
				<p className="alert alert--success">{t('roadmap.sectionComplete')}</p>
			)}

			{section === 'theory-of-change' ? (
				<>
					<section className="panel" id={tree.toc ? `item-${tree.toc.id}` : undefined}>
						<h3>{t('roadmap.toc.heading')}</h3>
						{editable ? (
							<ItemForm {...common} kind="toc" item={tree.toc ?? undefined} formKey="toc" submitLabel={t('roadmap.save')} />
						) : (
							<ReadOnly kind="toc" data={tree.toc?.data} />
						)}
					</section>
					{(['pathway', 'assumption', 'risk'] as const).map((kind) => {
						const list = kind === 'pathway' ? tree.pathways : kind === 'assumption' ? tree.assumptions : tree.risks
						return (
							<section key={kind} className="panel">
								<h3>{t(`roadmap.kinds.${kind}.plural`)}</h3>
								<ItemList
									kind={kind}
									items={list}
									editable={editable}
									{...common}
									labelField={kind === 'pathway' ? 'if' : kind === 'risk' ? 'risk' : 'text'}
								/>
								{editable ? (
									<ItemForm {...common} kind={kind} formKey={`new-${kind}`} submitLabel={t(`roadmap.kinds.${kind}.add`)} compact />
								) : null}
							</section>
						)
					})}
				</>
			) : null}

			{section === 'strategic-design' ? (
				<>
					{tree.pillars.map((pillar) => (
						<section key={pillar.id} id={`item-${pillar.id}`} className="panel pillar">
							<h3>
								{t('roadmap.kinds.pillar.one')}: {String(pillar.data.name)}
							</h3>
							{editable ? (
								<details open={openFor(`item-${pillar.id}`)}>
									<summary>{t('roadmap.renamePillar')}</summary>
									<ItemForm {...common} kind="pillar" item={pillar} formKey={`item-${pillar.id}`} submitLabel={t('roadmap.save')} compact />
									<ItemControls item={pillar} label={String(pillar.data.name)} />
								</details>
							) : null}
							{pillar.objectives.map((objective, o) => (
								<article key={objective.id} id={`item-${objective.id}`} className="objective">
									<h4>
										{t('roadmap.kinds.objective.one')} {o + 1}: {String(objective.data.statement)}
									</h4>
									{editable ? (
										<details open={openFor(`item-${objective.id}`)}>
											<summary>{t('roadmap.editObjective')}</summary>
											<ItemForm
												{...common}
												kind="objective"
												item={objective}
												formKey={`item-${objective.id}`}
												submitLabel={t('roadmap.save')}
												compact
											/>
											<ItemControls item={objective} label={String(objective.data.statement)} ta={taFor(objective.id)} />
										</details>
									) : null}
									<ol className="actions-list">
										{objective.actions.map((action) => (
											<li key={action.id} id={`item-${action.id}`} className="action-card">
												{editable ? (
													<>
														<ItemForm
															{...common}
															kind="action"
															item={action}
															fields={ACTION_FIELDS_BY_SECTION['strategic-design']}
															formKey={`item-${action.id}`}
															submitLabel={t('roadmap.save')}
															compact
														/>
														<ItemControls item={action} label={String(action.data.description)} ta={taFor(action.id)} />
													</>
												) : (
													<ReadOnly kind="action" data={action.data} fields={ACTION_FIELDS_BY_SECTION['strategic-design']} />
												)}
											</li>
										))}
									</ol>
									{editable ? (
										<details className="add" open={openFor(`new-action-${objective.id}`)}>
											<summary>{t('roadmap.kinds.action.add')}</summary>
											<ItemForm
												{...common}
												kind="action"
												parentId={objective.id}
												fields={ACTION_FIELDS_BY_SECTION['strategic-design']}
												formKey={`new-action-${objective.id}`}
												submitLabel={t('roadmap.kinds.action.add')}
												compact
											/>
										</details>
									) : null}
								</article>
							))}
							{editable ? (
								<details className="add" open={openFor(`new-objective-${pillar.id}`)}>
									<summary>{t('roadmap.kinds.objective.add')}</summary>
									<ItemForm
										{...common}
										kind="objective"
										parentId={pillar.id}
										formKey={`new-objective-${pillar.id}`}
										submitLabel={t('roadmap.kinds.objective.add')}
										compact
									/>
								</details>
							) : null}
						</section>
					))}
					{editable ? (
						<section className="panel">
							<h3>{t('roadmap.kinds.pillar.add')}</h3>
							<ItemForm {...common} kind="pillar" formKey="new-pillar" submitLabel={t('roadmap.kinds.pillar.add')} compact />
						</section>
					) : null}
				</>
			) : null}

			{section === 'gender-budgeting' ? (
				<>
					<section className="panel">
						<h3>{t('roadmap.budget.totals')}</h3>
						<BudgetTotals totals={loaderData.totals} currency={currency} language={language} />
						{editable ? (
							<Form method="post" className="inline-fields" preventScrollReset>
								<input type="hidden" name="intent" value="currency" />
								<label htmlFor="currency">{t('roadmap.budget.currency')}</label>
								<input
									id="currency"
									name="currency"
									type="text"
									defaultValue={currency}
									maxLength={3}
									size={4}
									aria-describedby="currency-hint"
								/>
								<span id="currency-hint" className="muted small">
									{t('roadmap.budget.currencyHint')}
								</span>
								<button type="submit" className="button">
									{t('roadmap.save')}
								</button>
								{feedback?.formKey === 'currency' ? (
									<p className="field-errors" role="alert">
										{t('roadmap.errors.currency')}
									</p>
								) : null}
							</Form>
						) : null}
					</section>
					<ActionsBySection section="gender-budgeting" tree={tree} editable={editable} {...common} taFor={taFor} />
				</>
			) : null}

			{section === 'coordination' ? (
				<>
					<section className="panel" id={tree.mechanism ? `item-${tree.mechanism.id}` : undefined}>
						<h3>{t('roadmap.kinds.mechanism.one')}</h3>
						{editable ? (
							<ItemForm
								{...common}
								kind="mechanism"
								item={tree.mechanism ?? undefined}
								formKey="mechanism"
								submitLabel={t('roadmap.save')}
							/>
						) : (
							<ReadOnly kind="mechanism" data={tree.mechanism?.data} />
						)}
					</section>
					<section className="panel">
						<h3>{t('roadmap.kinds.member.plural')}</h3>
						<ItemList kind="member" items={tree.members} editable={editable} {...common} labelField="institution" />
						{editable ? (
							<ItemForm {...common} kind="member" formKey="new-member" submitLabel={t('roadmap.kinds.member.add')} compact />
						) : null}
					</section>
				</>
			) : null}

			{section === 'localization' ? (
				<>
					<ActionsBySection section="localization" tree={tree} editable={editable} {...common} taFor={taFor} />
					<section className="panel">
						<h3>{t('roadmap.kinds.partner.plural')}</h3>
						<ItemList kind="partner" items={tree.partners} editable={editable} {...common} labelField="name" />
						{editable ? (
							<ItemForm {...common} kind="partner" formKey="new-partner" submitLabel={t('roadmap.kinds.partner.add')} compact />
						) : null}
					</section>
				</>
			) : null}

			{section === 'monitoring' ? (
				<>
					{tree.objectives.map((objective) => {
						const indicators = [...objective.indicators, ...objective.actions.flatMap((a) => a.indicators)]
						return (
							<section key={objective.id} className="panel">
								<h3>{String(objective.data.statement)}</h3>
								<ItemList kind="indicator" items={indicators} editable={editable} {...common} labelField="statement" taFor={taFor} />
								{editable ? (
									<details className="add" open={openFor(`new-indicator-${objective.id}`)}>
										<summary>{t('roadmap.kinds.indicator.add')}</summary>
										<ItemForm
											{...common}
											kind="indicator"
											parentId={objective.id}
											parentChoices={{
												label: t('roadmap.attachedTo'),
												options: [
													{
														value: objective.id,
														label: `${t('roadmap.kinds.objective.one')}: ${String(objective.data.statement).slice(0, 60)}`,
													},
													...objective.actions.map((action) => ({
														value: action.id,
														label: `${t('roadmap.kinds.action.one')}: ${String(action.data.description).slice(0, 60)}`,
													})),
												],
											}}
											formKey={`new-indicator-${objective.id}`}
											submitLabel={t('roadmap.kinds.indicator.add')}
											compact
										/>
									</details>
								) : null}
							</section>
						)
					})}
					{tree.objectives.length === 0 ? <p>{t('roadmap.needObjectives')}</p> : null}
					<section className="panel">
						<h3>{t('roadmap.calendar.title', { year: loaderData.calendar.year })}</h3>
						{loaderData.calendar.months.length === 0 ? <p>{t('roadmap.calendar.empty')}</p> : null}
						<ul className="plain-list">
							{loaderData.calendar.months.map((month) => (
								<li key={month.month}>
									<strong>
										{new Intl.DateTimeFormat(language, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2000, month.month, 1)))}
									</strong>
									: {month.indicators.map((i) => i.statement.slice(0, 60) + (i.reporter ? ` (${i.reporter})` : '')).join('; ')}
								</li>
							))}
						</ul>
					</section>
				</>
			) : null}

			<section id="comments" className="panel" aria-labelledby="comments-heading">
				<h3 id="comments-heading">{t('roadmap.comments.title', { count: loaderData.comments.filter((c) => !c.resolved_at).length })}</h3>
				<ul className="plain-list">
					{loaderData.comments.map((comment) => (
						<li key={comment.id} className={comment.resolved_at ? 'comment is-resolved' : 'comment'}>
							<p className="muted small">
								{comment.author ?? '—'} · {formatDateTime(comment.created_at, language)}
								{comment.resolved_at ? ` · ✓ ${t('roadmap.comments.resolvedBy', { name: comment.resolvedBy ?? '—' })}` : ''}
							</p>
							{comment.item_id ? (
								<p className="small">
									{t('roadmap.comments.about')}{' '}
									<a href={`#item-${comment.item_id}`}>
										{loaderData.commentTargets.find((target) => target.id === comment.item_id)?.label ?? t('roadmap.comments.deletedItem')}
									</a>
								</p>
							) : null}
							<p className="comment__body">{comment.body}</p>
							{abilities.comment ? (
								<Form method="post" preventScrollReset>
									<input type="hidden" name="intent" value="resolve" />
									<input type="hidden" name="commentId" value={comment.id} />
									<input type="hidden" name="resolved" value={comment.resolved_at ? 'false' : 'true'} />
									<button type="submit" className="link-button">
										{comment.resolved_at ? t('roadmap.comments.reopen') : t('roadmap.comments.resolve')}
									</button>
								</Form>
							) : null}
						</li>
					))}
				</ul>
				{abilities.comment ? (
					<Form method="post" className="stack" preventScrollReset>
						<input type="hidden" name="intent" value="comment" />
						{loaderData.commentTargets.length ? (
							<div className="field">
								<label htmlFor="comment-item">{t('roadmap.comments.aboutLabel')}</label>
								<select id="comment-item" name="itemId" defaultValue="">
									<option value="">{t('roadmap.comments.wholeSection')}</option>
									{loaderData.commentTargets.map((target) => (
										<option key={target.id} value={target.id}>
											{target.label}
										</option>
									))}
								</select>
							</div>
						) : null}
						<div className="field">
							<label htmlFor="comment-body">{t('roadmap.comments.add')}</label>
							<textarea
								id="comment-body"
								name="body"
								rows={3}
								aria-invalid={feedback?.formKey === 'comment' && feedback.errors ? true : undefined}
								aria-describedby={feedback?.formKey === 'comment' && feedback.errors ? 'comment-error' : undefined}
							/>
							{feedback?.formKey === 'comment' && feedback.errors?.body ? (
								<p id="comment-error" className="field-errors" role="alert">
									{t(feedback.errors.body[0]!)}
								</p>
							) : null}
						</div>
						<button type="submit" className="button">
							{t('roadmap.comments.submit')}
						</button>
					</Form>
				) : null}
			</section>
		</div>
	)
}

type Common = { currency: string; feedback: ItemFeedback | null }
type ListItem = { id: string; version: number; data: Record<string, string | number | boolean | null> }

function ItemList({
	kind,
	items,
	editable,
	labelField,
	currency,
	feedback,
	taFor,
}: Common & {
	kind: 'pathway' | 'assumption' | 'risk' | 'member' | 'partner' | 'indicator'
	items: ListItem[]
	editable: boolean
	labelField: string
	taFor?: (id: string) => { href: string; open: number }
}) {
	const { t } = useTranslation()
	if (!items.length) return <p className="muted">{t('roadmap.noneYet')}</p>
	return (
		<ol className="item-list">
			{items.map((item) => (
				<li key={item.id} id={`item-${item.id}`}>
					{editable ? (
						<>
							<ItemForm
								kind={kind}
								item={item}
								currency={currency}
								feedback={feedback}
								formKey={`item-${item.id}`}
								submitLabel={t('roadmap.save')}
								compact
							/>
							<ItemControls item={item} label={String(item.data[labelField] ?? '').slice(0, 60)} ta={taFor?.(item.id)} />
						</>
					) : (
						<ReadOnly kind={kind} data={item.data} />
					)}
				</li>
			))}
		</ol>
	)
}

function ActionsBySection({
	section,
	tree,
	editable,
	currency,
	feedback,
	taFor,
}: Common & {
	section: 'gender-budgeting' | 'localization'
	tree: ReturnType<typeof useLoaderData<typeof loader>>['tree']
	editable: boolean
	taFor?: (id: string) => { href: string; open: number }
}) {
	const { t } = useTranslation()
	const fields = ACTION_FIELDS_BY_SECTION[section]!
	if (!tree.actions.length) return <p>{t('roadmap.needActions')}</p>
	return (
		<>
			{tree.pillars.map((pillar) =>
				pillar.objectives.some((o) => o.actions.length) ? (
					<section key={pillar.id} className="panel">
						<h3>{String(pillar.data.name)}</h3>
						<ol className="actions-list">
							{pillar.objectives
								.flatMap((o) => o.actions)
								.map((action) => (
									<li key={action.id} id={`item-${action.id}`} className="action-card">
										<p className="action-card__title">{String(action.data.description)}</p>
										{editable ? (
											<>
												<ItemForm
													kind="action"
													item={action}
													fields={fields}
													currency={currency}
													feedback={feedback}
													formKey={`item-${action.id}`}
													submitLabel={t('roadmap.save')}
													compact
												/>
												{taFor ? (
													<ItemControls
														item={action}
														label={String(action.data.description)}
														canMove={false}
														canDelete={false}
														ta={taFor(action.id)}
													/>
												) : null}
											</>
										) : (
											<ReadOnly kind="action" data={action.data} fields={fields} currency={currency} />
										)}
									</li>
								))}
						</ol>
					</section>
				) : null,
			)}
		</>
	)
}

function ReadOnly({
	kind,
	data,
	fields,
	currency,
}: {
	kind: keyof typeof KINDS
	data?: Record<string, string | number | boolean | null>
	fields?: readonly string[]
	currency?: string
}) {
	const { t } = useTranslation()
	const language = useRootData()?.language ?? DEFAULT_LANGUAGE
	if (!data) return <p className="muted">{t('roadmap.noneYet')}</p>
	const specs = KINDS[kind].fields.filter((f) => !fields || fields.includes(f.name))
	return (
		<dl className="read-only">
			{specs.map((spec) => {
				const value = data[spec.name]
				if (value === null || value === undefined || value === '') return null
				const shown =
					spec.type === 'money' && typeof value === 'number'
						? formatMoney(value, currency ?? 'USD', language)
						: spec.type === 'checkbox'
							? value
								? t('csv.yes')
								: t('csv.no')
							: spec.type === 'select'
								? t(`roadmap.options.${spec.name}.${String(value)}`)
								: String(value)
				return (
					<div key={spec.name}>
						<dt>{t(`roadmap.fields.${kind}.${spec.name}`)}</dt>
						<dd>{shown}</dd>
					</div>
				)
			})}
		</dl>
	)
}

function BudgetTotals({
	totals,
	currency,
	language,
}: {
	totals: ReturnType<typeof useLoaderData<typeof loader>>['totals']
	currency: string
	language: string
}) {
	const { t } = useTranslation()
	return (
		<>
			<p className="lead">
				{t('roadmap.budget.summary', {
					total: formatMoney(totals.total, currency, language),
					funded: formatMoney(totals.funded, currency, language),
					share: formatPercent(totals.fundedShare, language as 'en' | 'es'),
				})}
			</p>
			<BudgetTables totals={totals} currency={currency} language={language as 'en' | 'es'} />
		</>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
