import { Link, type useLoaderData, useLocation } from '@remix-run/react'
import type { Translate } from '#app/utils/translate.ts'
import { type ReactNode, useEffect, useState } from 'react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { ItemOffers } from '#app/features/assistance/offer-notice.tsx'
import { ItemCommentCount, ItemComments } from '#app/features/roadmap/comment-threads.tsx'
import { EditLink, useEditing } from '#app/features/roadmap/editing.tsx'
import { EditingBadge, useLive } from '#app/features/roadmap/live.tsx'
import { AssistanceLink, formatMoney, type ItemFeedback } from '#app/features/roadmap/item-values.tsx'
import { ItemControls, ItemForm } from '#app/features/roadmap/editing-forms.tsx'
import { costLinesOf, type FieldSpec, type ItemData, type Kind, KINDS, LABEL_FIELD } from '#app/features/roadmap/kinds.ts'
import { CostLinesList } from '#app/features/roadmap/cost-lines-view.tsx'
import { planNumbers } from '#app/features/roadmap/numbering.ts'
import { useRootData } from '#app/root.tsx'
import { DEFAULT_LANGUAGE } from '#app/utils/i18n.ts'
import type { SectionLoader } from './section-page.tsx'

export type SectionData = ReturnType<typeof useLoaderData<SectionLoader>>
/** `changedMeanwhile`: the item open for editing as someone else saved it since the form opened (by id). */
/** `roadmapVersion`: the roadmap version the page was made from, sent back by the currency form. */
export type Common = {
	currency: string
	roadmapVersion: number
	feedback: ItemFeedback | null
	changedMeanwhile?: Record<string, ItemData>
}
export type TaLink = (id: string) => { href: string; open: number }

/** What every section's view gets from the page. */
export type SectionProps = {
	data: SectionData
	editable: boolean
	common: Common
	/** Open when the refused form is one of these (so its fold stays open without JavaScript). */
	openFor: (...formKeys: string[]) => true | undefined
	taFor: TaLink
}

type ListItem = { id: string; version: number; data: ItemData }
type ListKind = 'pathway' | 'assumption' | 'risk' | 'member' | 'milestone' | 'partner' | 'indicator'

/**
 * One item of the document: it reads like the printed roadmap (its number, its text, what is filled
 * in), with one Edit control; in edit mode (at most one item of the page) it is its form, with Cancel,
 * move and delete. A refused save keeps the form open with what was typed.
 */
export function DocItem({
	kind,
	item,
	editable,
	common,
	title,
	titleAs: Title = 'p',
	fields,
	controls = {},
	ta,
	formChildren,
	children,
	className,
	as: Wrapper = 'li',
}: {
	kind: Kind
	item: ListItem
	editable: boolean
	common: Common
	/** The item's heading as the document reads it ("Objective 1.2: …"); its label field otherwise. */
	title?: ReactNode
	titleAs?: 'h3' | 'h4' | 'p'
	fields?: readonly string[]
	controls?: { canMove?: boolean; canDelete?: boolean }
	ta?: { href: string; open: number }
	/** More parts of the same form (an action's indicators). */
	formChildren?: ReactNode
	/** What follows the item in the document (a pillar's objectives, an objective's actions). */
	children?: ReactNode
	className?: string
	as?: 'li' | 'section' | 'article' | 'div'
}) {
	const { t } = useTexts()
	const editing = useEditing()
	const label = String(item.data[LABEL_FIELD[kind]] ?? '').slice(0, 60)
	const open = editable && editing.current === item.id
	const justSaved = editing.saved === `item-${item.id}`
	const live = useLive()
	const lastChange = live?.changes[item.id]
	// Someone else's change, just now: the item is marked for a moment.
	const changedLive = useFlash(lastChange && lastChange.userId !== live?.me ? lastChange.id : null)
	return (
		<Wrapper
			id={`item-${item.id}`}
			className={[className, open ? 'is-editing' : '', justSaved ? 'is-saved' : '', changedLive && !open ? 'is-live-changed' : '']
				.filter(Boolean)
				.join(' ')}
		>
			{open ? (
				<>
					{title ? <Title className="doc-item__title">{title}</Title> : null}
					<EditingBadge editKey={item.id} />
					<ItemForm
						{...common}
						meanwhile={
							common.changedMeanwhile?.[item.id] ? { data: common.changedMeanwhile[item.id]!, by: lastChange?.by ?? null } : undefined
						}
						kind={kind}
						item={item}
						fields={fields}
						formKey={`item-${item.id}`}
						submitLabel={t('roadmap.save')}
						cancel
						autoFocus={editing.field ?? true}
					>
						{formChildren}
					</ItemForm>
					<ItemControls item={item} label={label} {...controls} ta={ta} />
				</>
			) : (
				<div className="doc-item">
					<div className="doc-item__body">
						{title ? <Title className="doc-item__title">{title}</Title> : null}
						<ItemView kind={kind} data={item.data} fields={fields} currency={common.currency} withTitle={!title} />
						<ItemCommentCount itemId={item.id} />
						<EditingBadge editKey={item.id} />
						<ItemOffers itemId={item.id} />
					</div>
					{editable && justSaved ? (
						<p className="doc-item__edit">
							<EditLink editKey={item.id} label={label} />
							<span className="save-state save-state--saved" role="status">
								{' '}
								{t(editing.merged ? 'roadmap.saveState.merged' : 'roadmap.saveState.saved')}
							</span>
						</p>
					) : editable ? (
						// The link itself, no wrapper: a plan has many of them.
						<EditLink editKey={item.id} label={label} className="doc-item__edit" />
					) : null}
				</div>
			)}
			{/* The threads about this item, beside it (before what hangs under it). */}
			<ItemComments itemId={item.id} label={label} offerStart={!editable || open} />
			{children}
		</Wrapper>
	)
}

/** True for a few seconds after `id` changes to a new value (not at first). */
function useFlash(id: number | null) {
	const [flash, setFlash] = useState(false)
	useEffect(() => {
		if (id === null) return
		setFlash(true)
		const timer = setTimeout(() => setFlash(false), 4000)
		return () => clearTimeout(timer)
	}, [id])
	return flash
}

/**
 * "Add …": a link that opens an empty form in place (with JavaScript) or on the page's URL with
 * `?edit=<form key>` (without), so a page holds no form nobody asked for. After it saves, the page
 * comes back with the same form open, empty, focus in its first field, saying "Saved", ready for the
 * next one. `folded={false}`: the form always shows (a list's only way to start).
 */
export function AddItem({
	kind,
	formKey,
	parentId,
	common,
	fields,
	parentChoices,
	openFor,
	folded = true,
	children,
}: {
	kind: Kind
	formKey: string
	parentId?: string
	common: Common
	fields?: readonly string[]
	parentChoices?: { label: string; options: Array<{ value: string; label: string }> }
	openFor: SectionProps['openFor']
	folded?: boolean
	children?: ReactNode
}) {
	const { t } = useTexts()
	const editing = useEditing()
	const location = useLocation()
	const justSaved = editing.saved === formKey
	const open = !folded || editing.current === formKey || Boolean(openFor(formKey))
	if (!open) {
		return (
			// Its link's anchor is the open form's (below), so the closed one needs no id.
			<p className="add">
				<EditLink editKey={formKey} label={t(`roadmap.kinds.${kind}.add`)}>
					{t(`roadmap.kinds.${kind}.add`)}
				</EditLink>
			</p>
		)
	}
	return (
		<div className={folded ? 'add add--open' : 'add'} id={formKey}>
			{folded ? <p className="add__title">{t(`roadmap.kinds.${kind}.add`)}</p> : null}
			<ItemForm
				{...common}
				// A new, empty form after each save (with JavaScript the page stays, so it must be reset).
				key={justSaved ? location.key : 'new'}
				kind={kind}
				parentId={parentId}
				parentChoices={parentChoices}
				fields={fields}
				formKey={formKey}
				submitLabel={t(`roadmap.kinds.${kind}.add`)}
				autoFocus={folded}
				saved={justSaved}
				cancel={folded}
				compact
			>
				{children}
			</ItemForm>
		</div>
	)
}

export function ItemList({
	kind,
	items,
	editable,
	common,
	taFor,
	numbers,
	below,
}: {
	kind: ListKind
	items: ListItem[]
	editable: boolean
	common: Common
	taFor?: TaLink
	/** The plan's numbering (indicators), shown before each item. */
	numbers?: Map<string, string>
	/** What follows an item in the document (an indicator's values over time). */
	below?: (id: string) => ReactNode
}) {
	const { t } = useTexts()
	if (!items.length) return <p className="muted">{t('roadmap.noneYet')}</p>
	return (
		<ol className="item-list">
			{items.map((item) => (
				<DocItem
					key={item.id}
					kind={kind}
					item={item}
					editable={editable}
					common={common}
					ta={taFor?.(item.id)}
					title={
						numbers?.has(item.id) ? (
							<>
								<span className="doc-number">{numbers.get(item.id)}</span> {String(item.data[LABEL_FIELD[kind]] ?? '')}
							</>
						) : undefined
					}
				>
					{below?.(item.id)}
				</DocItem>
			))}
		</ol>
	)
}

/** The actions by pillar, showing what one section is about; each links to the action's one form. */
export function ActionsBySection({
	section,
	tree,
	editable,
	currency,
	delegationId,
	taFor,
}: {
	section: 'gender-budgeting' | 'localization'
	tree: SectionData['tree']
	editable: boolean
	currency: string
	delegationId: string
	taFor?: TaLink
}) {
	const { t } = useTexts()
	const fields = SECTION_ACTION_VIEW[section]
	const numbers = planNumbers(tree)
	if (!tree.actions.length) return <p>{t('roadmap.needActions')}</p>
	return (
		<>
			{tree.pillars.map((pillar) =>
				pillar.objectives.some((o) => o.actions.length) ? (
					<section key={pillar.id} className="panel">
						<h3>
							{t('roadmap.kinds.pillar.one')} {numbers.get(pillar.id)}: {String(pillar.data.name)}
						</h3>
						<ol className="actions-list">
							{pillar.objectives
								.flatMap((o) => o.actions)
								.map((action) => (
									<li key={action.id} id={`item-${action.id}`} className="action-card">
										<div className="doc-item">
											<div className="doc-item__body">
												<p className="doc-item__title">
													<span className="doc-number">{numbers.get(action.id)}</span> {String(action.data.description)}
												</p>
												<ItemView kind="action" data={action.data} fields={fields} currency={currency} empty={t('roadmap.notFilled')} />
												<ItemCommentCount itemId={action.id} />
												<ItemOffers itemId={action.id} />
											</div>
											{editable ? (
												<p className="doc-item__edit">
													{taFor ? <AssistanceLink ta={taFor(action.id)} /> : null}
													<Link
														to={`/roadmaps/${delegationId}/strategic-design?edit=${action.id}#item-${action.id}`}
														aria-label={t('roadmap.editItem', { label: String(action.data.description).slice(0, 60) })}
													>
														{t('roadmap.edit')}
													</Link>
												</p>
											) : null}
										</div>
										<ItemComments itemId={action.id} label={String(action.data.description).slice(0, 60)} />
									</li>
								))}
						</ol>
					</section>
				) : null,
			)}
		</>
	)
}

/** The action fields each view section shows (all of an action is edited in its one form). */
const SECTION_ACTION_VIEW = {
	'gender-budgeting': ['costs'],
	localization: ['level', 'places'],
} as const

/**
 * An item as the document reads it: its label field as its text (unless a title is shown above), then
 * what is filled in, field by field; nothing for empty fields.
 */
export function ItemView({
	kind,
	data,
	fields,
	currency,
	withTitle = true,
	empty,
}: {
	kind: Kind
	data: ItemData
	fields?: readonly string[]
	currency: string
	withTitle?: boolean
	/** What to say when none of the fields shown is filled in. */
	empty?: string
}) {
	const { t } = useTexts()
	const language = useRootData()?.language ?? DEFAULT_LANGUAGE
	const labelField = LABEL_FIELD[kind]
	if (kind === 'pathway') {
		return (
			<p className="doc-item__text">
				<strong>{t('roadmap.fields.pathway.if')}</strong> {String(data.if ?? '')} <strong>{t('roadmap.fields.pathway.then')}</strong>{' '}
				{String(data.then ?? '')}
				{data.because ? (
					<>
						{' '}
						<strong>{t('roadmap.fields.pathway.because')}</strong> {String(data.because)}
					</>
				) : null}
			</p>
		)
	}
	// The fields asked for; otherwise all but the label field, which reads as the item's text.
	const rest = (KINDS[kind].fields as readonly FieldSpec[]).filter((f) => (fields ? fields.includes(f.name) : f.name !== labelField))
	const filled = (name: string) => {
		const value = data[name]
		return value !== null && value !== undefined && value !== '' && value !== false && !(Array.isArray(value) && !value.length)
	}
	// A period reads as one value ("2026-Q1 – 2027-Q4"), under the start's place.
	const shown = rest.filter((spec) => filled(spec.name) && !(spec.type === 'period' && spec.name === 'end' && filled('start')))
	const period = (spec: FieldSpec) =>
		spec.type === 'period' && spec.name === 'start' ? [data.start, data.end].filter(Boolean).join(' – ') : null
	return (
		<>
			{withTitle && !fields ? <p className="doc-item__text">{String(data[labelField] ?? '')}</p> : null}
			{shown.length ? (
				<dl className="doc-meta">
					{shown.map((spec) => (
						<div key={spec.name}>
							<dt>{period(spec) ? t('roadmap.doc.period') : t(`roadmap.fields.${kind}.${spec.name}`)}</dt>
							<dd>{period(spec) ?? shownValue(spec, data[spec.name], currency, language, t)}</dd>
						</div>
					))}
				</dl>
			) : empty ? (
				<p className="muted small">{empty}</p>
			) : null}
		</>
	)
}

function shownValue(spec: FieldSpec, value: unknown, currency: string, language: string, t: Translate): ReactNode {
	if (spec.type === 'costLines')
		return (
			<CostLinesList lines={costLinesOf({ costs: value as ItemData[string] })} currency={currency} language={language as 'en' | 'es'} />
		)
	if (spec.type === 'money' && typeof value === 'number') return formatMoney(value, currency, language)
	if (spec.type === 'checkbox') return value ? t('csv.yes') : t('csv.no')
	if (spec.type === 'select') return t(`roadmap.options.${spec.name}.${String(value)}`)
	return String(value)
}
