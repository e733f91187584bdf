import { Form, Link } from '@remix-run/react'
import { useId, useState } from 'react'
import { type TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { ErrorList } from '#app/components/ui/forms.tsx'
import { formatPercent, plain } from '#app/utils/format.ts'
import type { Language } from '#app/utils/i18n.ts'
import { useHydrated } from '#app/utils/use-hydrated.ts'
import { type CostLine, costLinesOf, costTotals, type FieldSpec, type ItemData, type Kind, KINDS } from '#app/features/roadmap/kinds.ts'

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

/** Cost lines in one line of text: "40000 National budget ✓ committed; 60000 International cooperation". */
export function costLinesText(lines: readonly CostLine[], currency: string, language: string, t: TFunction) {
	return lines
		.map((line) =>
			[
				formatMoney(line.amount, currency, language),
				line.source ? t(`roadmap.options.source.${line.source}`) : '',
				line.committed ? `✓ ${t('roadmap.doc.committed')}` : '',
			]
				.filter(Boolean)
				.join(' '),
		)
		.join('; ')
}

/**
 * What a refused form sent back (Conform's `initialValue`, where `costs[0].amount` comes back nested as
 * `{ costs: [{ amount }] }`) as flat field names again, so each input finds what was typed in it.
 */
export function flatFormValues(value: unknown, prefix = ''): Record<string, string> {
	if (typeof value === 'string') return prefix ? { [prefix]: value } : {}
	if (Array.isArray(value)) return Object.assign({}, ...value.map((inner, index) => flatFormValues(inner, `${prefix}[${index}]`)))
	if (value && typeof value === 'object') {
		return Object.assign({}, ...Object.entries(value).map(([key, inner]) => flatFormValues(inner, prefix ? `${prefix}.${key}` : key)))
	}
	return {}
}

function fieldValue(spec: FieldSpec, data: ItemData | undefined, currency: string, language: string, t: TFunction) {
	const value = data?.[spec.name]
	if (spec.type === 'costLines') return costLinesText(costLinesOf(data), currency, language, t)
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
	/** Cost lines as the form shows them: what was typed when a save was refused, else the lines held. */
	const draftLines = (name: string): DraftLine[] =>
		!conflict && mine?.submitted
			? draftsFromForm(mine.submitted, name)
			: costLinesOf(data).map((line) => ({
					amount: formatMinor(line.amount, currency, i18n.language),
					source: line.source ?? '',
					committed: line.committed,
				}))
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
							const theirs = fieldValue(spec, conflict.current.data, currency, i18n.language, t)
							const yours = fieldValue(spec, conflict.mine, currency, i18n.language, t)
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
					if (spec.type === 'costLines') {
						const lines = draftLines(spec.name)
						return (
							<CostLinesField
								key={`${version}-${JSON.stringify(lines)}`}
								id={id}
								spec={spec}
								legend={label}
								lines={lines}
								saved={costLinesOf(item?.data)}
								errors={mine?.errors ?? {}}
								currency={currency}
							/>
						)
					}
					const value = fieldValue(spec, data, currency, i18n.language, t)
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

type DraftLine = { amount: string; source: string; committed: boolean }

/** The lines of a refused form, in their order in the form (`costs[0].…`, `costs[1].…`). */
function draftsFromForm(submitted: Record<string, string>, name: string): DraftLine[] {
	const drafts: DraftLine[] = []
	for (const [key, value] of Object.entries(submitted)) {
		const match = /^(\w+)\[(\d+)\]\.(amount|source|committed)$/.exec(key)
		if (!match || match[1] !== name) continue
		const index = Number(match[2])
		const draft = (drafts[index] ??= { amount: '', source: '', committed: false })
		if (match[3] === 'committed') draft.committed = value === 'on' || value === 'true'
		else draft[match[3] as 'amount' | 'source'] = value
	}
	return Array.from(drafts, (draft) => draft ?? { amount: '', source: '', committed: false })
}

const emptyLine = (): DraftLine => ({ amount: '', source: '', committed: false })

/**
 * An action's cost lines: one row per line (amount, source, committed) and one empty row, so that
 * without JavaScript a line is added by filling the empty row and saving, and removed by clearing it.
 * With JavaScript, "Add a line" adds a row and each row has its own "Remove". The saved total shows
 * under the lines.
 */
function CostLinesField({
	id,
	spec,
	legend,
	lines,
	saved,
	errors,
	currency,
}: {
	id: string
	spec: FieldSpec
	legend: string
	lines: DraftLine[]
	saved: CostLine[]
	errors: Record<string, string[]>
	currency: string
}) {
	const { t, i18n } = useTranslation()
	const hydrated = useHydrated()
	const max = spec.max ?? Infinity
	const [rows, setRows] = useState(() => {
		const initial = lines.length < max ? [...lines, emptyLine()] : lines
		return initial.map((line, index) => ({ ...line, key: index }))
	})
	const [nextKey, setNextKey] = useState(rows.length)
	const language = i18n.language as Language
	const { total, committed } = costTotals(saved)
	const fieldErrors = errors[spec.name]
	const errorId = fieldErrors?.length ? `${id}-error` : undefined
	return (
		<fieldset className="field field--lines cost-lines" aria-describedby={errorId}>
			<legend>{legend}</legend>
			<p className="field-hint" id={`${id}-hint`}>
				{t('roadmap.costLines.hint')}
			</p>
			<ol className="cost-lines__rows">
				{rows.map((row, index) => {
					const name = `${spec.name}[${index}]`
					const rowId = `${id}-${row.key}`
					const number = index + 1
					const amountErrors = errors[`${name}.amount`]
					const sourceErrors = errors[`${name}.source`]
					const amountErrorId = amountErrors?.length ? `${rowId}-amount-error` : undefined
					const sourceErrorId = sourceErrors?.length ? `${rowId}-source-error` : undefined
					return (
						<li key={row.key}>
							<fieldset className="cost-line">
								<legend className="cost-line__legend">{t('roadmap.costLines.line', { number })}</legend>
								<div className="field field--money">
									<label htmlFor={`${rowId}-amount`}>
										{t('roadmap.costLines.amount')} <span className="muted small">({currency})</span>
									</label>
									<input
										id={`${rowId}-amount`}
										name={`${name}.amount`}
										type="text"
										inputMode="decimal"
										defaultValue={row.amount}
										aria-invalid={amountErrorId ? true : undefined}
										aria-describedby={amountErrorId}
									/>
									<ErrorList id={amountErrorId} errors={amountErrors} />
								</div>
								<div className="field field--select">
									<label htmlFor={`${rowId}-source`}>{t('roadmap.costLines.source')}</label>
									<select
										id={`${rowId}-source`}
										name={`${name}.source`}
										defaultValue={row.source}
										aria-invalid={sourceErrorId ? true : undefined}
										aria-describedby={sourceErrorId}
									>
										<option value="">{t('forms.choose')}</option>
										{spec.options!.map((option) => (
											<option key={option} value={option}>
												{t(`roadmap.options.source.${option}`)}
											</option>
										))}
									</select>
									<ErrorList id={sourceErrorId} errors={sourceErrors} />
								</div>
								<div className="field field--checkbox">
									<label className="choice" htmlFor={`${rowId}-committed`}>
										<input id={`${rowId}-committed`} name={`${name}.committed`} type="checkbox" value="on" defaultChecked={row.committed} />
										<span>{t('roadmap.costLines.committed')}</span>
									</label>
								</div>
								{hydrated ? (
									<button
										type="button"
										className="link-button danger cost-line__remove"
										aria-label={t('roadmap.costLines.removeLine', { number })}
										onClick={() => setRows((current) => current.filter((r) => r.key !== row.key))}
									>
										{t('roadmap.costLines.remove')}
									</button>
								) : null}
							</fieldset>
						</li>
					)
				})}
			</ol>
			{hydrated && rows.length < max ? (
				<button
					type="button"
					className="link-button cost-lines__add"
					onClick={() => {
						setRows((current) => [...current, { ...emptyLine(), key: nextKey }])
						setNextKey((key) => key + 1)
					}}
				>
					{t('roadmap.costLines.add')}
				</button>
			) : null}
			<ErrorList id={errorId} errors={fieldErrors} />
			<p className="cost-lines__total">
				{saved.length
					? t('roadmap.costLines.total', {
							total: formatMoney(total, currency, language),
							committed: formatMoney(committed, currency, language),
							share: formatPercent(total ? committed / total : 0, language),
						})
					: t('roadmap.costLines.none')}
			</p>
		</fieldset>
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
