import { Form, Link } from '@remix-run/react'
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import { ErrorList } from '#app/components/ui/forms.tsx'
import { plain } from '#app/utils/format.ts'
import { type FieldSpec, type ItemData, type Kind, KINDS } from '#app/features/roadmap/kinds.ts'

export type ItemFeedback = {
	itemId?: string | null
	formKey?: string
	errors?: Record<string, string[]>
	conflict?: { current: { data: ItemData; version: number }; mine: ItemData }
	/** What the person typed, given back when the save was refused so nothing typed is lost. */
	submitted?: Record<string, string>
	message?: string
}

/** Shows an amount stored in minor units as the person would type it. */
export function formatMinor(value: unknown, currency: string, language: string) {
	if (typeof value !== 'number') return ''
	const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
	return new Intl.NumberFormat(language, { minimumFractionDigits: 0, maximumFractionDigits: digits, useGrouping: false }).format(
		value / 10 ** digits,
	)
}

export function formatMoney(value: number, currency: string, language: string) {
	const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
	return plain(new Intl.NumberFormat(language, { style: 'currency', currency }).format(value / 10 ** digits))
}

function fieldValue(spec: FieldSpec, data: ItemData | undefined, currency: string, language: string) {
	const value = data?.[spec.name]
	if (spec.type === 'money') return typeof value === 'string' ? value : formatMinor(value, currency, language)
	if (value === null || value === undefined) return ''
	return String(value)
}

/**
 * One form for one item of any kind (or a new one), with the fields the section edits. Works as a
 * plain form; the version it started from goes with it so a stale save is caught on the server.
 */
export function ItemForm({
	kind,
	fields,
	item,
	parentId,
	currency,
	feedback,
	submitLabel,
	formKey,
	compact,
	parentChoices,
}: {
	kind: Kind
	/** Lets the person choose what the new item hangs under (an indicator: the objective or one of its actions). */
	parentChoices?: { label: string; options: Array<{ value: string; label: string }> }
	fields?: readonly string[]
	item?: { id: string; version: number; data: ItemData }
	parentId?: string
	currency: string
	feedback?: ItemFeedback | null
	submitLabel: string
	formKey: string
	compact?: boolean
}) {
	const { t, i18n } = useTranslation()
	const uid = useId()
	const specs = (KINDS[kind].fields as readonly FieldSpec[]).filter((f) => !fields || fields.includes(f.name))
	const mine = feedback?.formKey === formKey ? feedback : null
	const conflict = mine?.conflict
	// After a conflict the form holds the person's own text, on top of the other person's version.
	const data: ItemData | undefined = conflict
		? { ...conflict.current.data, ...conflict.mine }
		: mine?.submitted
			? mine.submitted
			: item?.data
	const version = conflict ? conflict.current.version : item?.version
	return (
		<Form method="post" className={compact ? 'item-form item-form--compact' : 'item-form'} preventScrollReset>
			<input type="hidden" name="intent" value={item ? 'update' : 'create'} />
			<input type="hidden" name="kind" value={kind} />
			<input type="hidden" name="formKey" value={formKey} />
			{item ? <input type="hidden" name="id" value={item.id} /> : null}
			{item ? <input type="hidden" name="version" value={version} /> : null}
			{parentId && !parentChoices ? <input type="hidden" name="parentId" value={parentId} /> : null}
			{parentChoices ? (
				<div className="field">
					<label htmlFor={`${uid}-parent`}>{parentChoices.label}</label>
					<select id={`${uid}-parent`} name="parentId" defaultValue={parentId}>
						{parentChoices.options.map((option) => (
							<option key={option.value} value={option.value}>
								{option.label}
							</option>
						))}
					</select>
				</div>
			) : null}
			{conflict ? (
				<div className="alert alert--error" role="alert">
					<p>
						<strong>{t('roadmap.conflict.title')}</strong>
					</p>
					<p>{t('roadmap.conflict.body')}</p>
					<dl className="conflict">
						{specs.map((spec) => {
							const theirs = fieldValue(spec, conflict.current.data, currency, i18n.language)
							const yours = fieldValue(spec, conflict.mine, currency, i18n.language)
							if (theirs === yours) return null
							return (
								<div key={spec.name}>
									<dt>{t(`roadmap.fields.${kind}.${spec.name}`)}</dt>
									<dd>
										<span className="muted small">{t('roadmap.conflict.theirs')}</span> {theirs || '—'}
									</dd>
									<dd>
										<span className="muted small">{t('roadmap.conflict.yours')}</span> {yours || '—'}
									</dd>
								</div>
							)
						})}
					</dl>
				</div>
			) : null}
			<div className="item-fields">
				{specs.map((spec) => {
					const id = `${uid}-${spec.name}`
					const errors = mine?.errors?.[spec.name]
					const errorId = errors?.length ? `${id}-error` : undefined
					const common = {
						id,
						name: spec.name,
						'aria-invalid': errorId ? true : undefined,
						'aria-describedby': errorId,
					}
					const label = t(`roadmap.fields.${kind}.${spec.name}`)
					const value = fieldValue(spec, data, currency, i18n.language)
					if (spec.type === 'checkbox') {
						return (
							<div key={spec.name} className="field field--checkbox">
								<label className="choice" htmlFor={id}>
									<input {...common} type="checkbox" value="on" defaultChecked={data?.[spec.name] === true || data?.[spec.name] === 'on'} />
									<span>{label}</span>
								</label>
								<ErrorList id={errorId} errors={errors} />
							</div>
						)
					}
					return (
						<div key={spec.name} className={`field field--${spec.type}`}>
							<label htmlFor={id}>
								{label}
								{spec.required ? <span aria-hidden="true"> *</span> : null}
								{spec.type === 'money' ? <span className="muted small"> ({currency})</span> : null}
							</label>
							{spec.type === 'textarea' ? (
								<textarea
									{...common}
									rows={compact ? 2 : 3}
									defaultValue={value}
									required={spec.required}
									maxLength={spec.max}
									key={`${version}-${value}`}
								/>
							) : spec.type === 'select' ? (
								<select {...common} defaultValue={value} key={`${version}-${value}`}>
									<option value="">{t('forms.choose')}</option>
									{spec.options!.map((option) => (
										<option key={option} value={option}>
											{t(`roadmap.options.${spec.name}.${option}`)}
										</option>
									))}
								</select>
							) : (
								<input
									{...common}
									type="text"
									inputMode={spec.type === 'money' || spec.type === 'year' ? 'decimal' : undefined}
									placeholder={spec.type === 'period' ? '2026-Q1' : undefined}
									defaultValue={value}
									required={spec.required}
									maxLength={spec.max}
									key={`${version}-${value}`}
								/>
							)}
							<ErrorList id={errorId} errors={errors} />
						</div>
					)
				})}
			</div>
			<button type="submit" className="button">
				{submitLabel}
			</button>
		</Form>
	)
}

/** Move up / move down / delete for an item in a list. */
export function ItemControls({
	item,
	label,
	canDelete = true,
	canMove = true,
	ta,
}: {
	item: { id: string; version: number }
	label: string
	canDelete?: boolean
	canMove?: boolean
	/** Where to ask for technical assistance about this item, and how many requests are open. */
	ta?: { href: string; open: number }
}) {
	const { t } = useTranslation()
	return (
		<div className="item-controls">
			{ta ? (
				<span>
					<Link to={ta.href}>{t('assistance.askAboutItem')}</Link>
					{ta.open ? <span className="badge badge--ta-open"> {t('assistance.openBadge', { count: ta.open })}</span> : null}
				</span>
			) : null}
			{canMove ? (
				<Form method="post" preventScrollReset className="inline-form">
					<input type="hidden" name="intent" value="move" />
					<input type="hidden" name="id" value={item.id} />
					<button type="submit" name="direction" value="up" className="link-button" aria-label={t('roadmap.moveUp', { label })}>
						↑ {t('roadmap.up')}
					</button>{' '}
					<button type="submit" name="direction" value="down" className="link-button" aria-label={t('roadmap.moveDown', { label })}>
						↓ {t('roadmap.down')}
					</button>
				</Form>
			) : null}
			{canDelete ? (
				<Form method="post" preventScrollReset className="inline-form">
					<input type="hidden" name="intent" value="delete" />
					<input type="hidden" name="id" value={item.id} />
					<input type="hidden" name="version" value={item.version} />
					<button type="submit" className="link-button danger" aria-label={t('roadmap.deleteItem', { label })}>
						{t('roadmap.delete')}
					</button>
				</Form>
			) : null}
		</div>
	)
}
