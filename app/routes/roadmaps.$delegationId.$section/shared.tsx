import { type useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ItemCommentCount, ItemComments } from '#app/features/roadmap/comment-threads.tsx'
import { formatMoney, type ItemFeedback, ItemControls, ItemForm } from '#app/features/roadmap/item-form.tsx'
import { ACTION_FIELDS_BY_SECTION, KINDS } from '#app/features/roadmap/kinds.ts'
import { planNumbers } from '#app/features/roadmap/numbering.ts'
import { useRootData } from '#app/root.tsx'
import { DEFAULT_LANGUAGE } from '#app/utils/i18n.ts'
import type { loader } from './route.tsx'

export type SectionData = ReturnType<typeof useLoaderData<typeof loader>>
export type Common = { currency: string; feedback: ItemFeedback | null }
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

type ListItem = { id: string; version: number; data: Record<string, string | number | boolean | null> }

export function ItemList({
	kind,
	items,
	editable,
	labelField,
	currency,
	feedback,
	taFor,
	numbers,
}: Common & {
	kind: 'pathway' | 'assumption' | 'risk' | 'member' | 'milestone' | 'partner' | 'indicator'
	items: ListItem[]
	editable: boolean
	labelField: string
	taFor?: TaLink
	/** The plan's numbering (indicators), shown before each item. */
	numbers?: Map<string, string>
}) {
	const { t } = useTranslation()
	if (!items.length) return <p className="muted">{t('roadmap.noneYet')}</p>
	return (
		<ol className="item-list">
			{items.map((item) => (
				<li key={item.id} id={`item-${item.id}`}>
					{numbers?.has(item.id) ? (
						<p className="action-card__number">
							{t(`roadmap.kinds.${kind}.one`)} {numbers.get(item.id)}
						</p>
					) : null}
					<ItemCommentCount itemId={item.id} />
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
					<ItemComments itemId={item.id} label={String(item.data[labelField] ?? '')} />
				</li>
			))}
		</ol>
	)
}

/** The actions by pillar, with the fields one section edits (gender budgeting, localization). */
export function ActionsBySection({
	section,
	tree,
	editable,
	currency,
	feedback,
	taFor,
}: Common & {
	section: 'gender-budgeting' | 'localization'
	tree: SectionData['tree']
	editable: boolean
	taFor?: TaLink
}) {
	const { t } = useTranslation()
	const fields = ACTION_FIELDS_BY_SECTION[section]!
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
										<p className="action-card__title">
											<span className="action-card__number">{numbers.get(action.id)}</span> {String(action.data.description)}
										</p>
										<ItemCommentCount itemId={action.id} />
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
										<ItemComments itemId={action.id} label={String(action.data.description)} />
									</li>
								))}
						</ol>
					</section>
				) : null,
			)}
		</>
	)
}

export function ReadOnly({
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
