import { Form, useLocation, useNavigation } from '@remix-run/react'
import type { Translate } from '#app/utils/translate.ts'
import { type FormEvent, type ReactNode, type RefObject, useContext, useEffect, useId, useRef, useState } from 'react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { ErrorList } from '#app/components/ui/forms.tsx'
import { CancelLink, draftStorageKey, UnsavedContext } from '#app/features/roadmap/editing.tsx'
import { formatDateTime, formatPercent } from '#app/utils/format.ts'
import { useHydrated } from '#app/utils/use-hydrated.ts'
import {
	type CostLine,
	costLinesOf,
	costTotals,
	type FieldSpec,
	FORM_PARTS,
	type ItemData,
	type Kind,
	KINDS,
} from '#app/features/roadmap/kinds.ts'
import { AssistanceLink, baseOf, costLinesText, formatMinor, formatMoney, type ItemFeedback } from '#app/features/roadmap/item-values.tsx'

function fieldValue(spec: FieldSpec, data: FieldValues | undefined, currency: string, language: string, t: Translate) {
	const value = data?.[spec.name]
	if (spec.type === 'costLines') return costLinesText(costLinesOf(data as ItemData | undefined), currency, language, t)
	if (spec.type === 'money') return typeof value === 'string' ? value : formatMinor(value, currency, language)
	if (value === null || value === undefined) return ''
	return String(value)
}

type FieldValues = ItemData | Record<string, string>

/**
 * The fields of one item, named `<prefix><field>` (an action's form holds its indicators as
 * `indicators[0].statement`, …). A text over its limit is not cut: a counter shows it, the server refuses it.
 */
export function ItemFields({
	kind,
	specs,
	data,
	errors,
	currency,
	compact,
	prefix = '',
	version,
	autoFocus,
	optional,
	stored,
}: {
	/** The item as saved (its cost lines' saved total shows under the lines). */
	stored?: ItemData
	kind: Kind
	/** None of the fields is required in the browser (a new item inside another's form, left empty to add nothing). */
	optional?: boolean
	specs: readonly FieldSpec[]
	data: FieldValues | undefined
	errors?: Record<string, string[]>
	currency: string
	compact?: boolean
	prefix?: string
	version?: number
	/** Focus the first field (true), or the field of this name. */
	autoFocus?: boolean | string
}) {
	const { t, language } = useTexts()
	const uid = useId()
	return (
		<div className="item-fields">
			{specs.map((spec, index) => {
				const name = `${prefix}${spec.name}`
				const id = `${uid}-${spec.name}`
				const fieldErrors = errors?.[name]
				const errorId = fieldErrors?.length ? `${id}-error` : undefined
				const counterId = spec.max ? `${id}-count` : undefined
				const common = {
					id,
					name,
					autoFocus: (typeof autoFocus === 'string' ? autoFocus === spec.name : autoFocus && index === 0) || undefined,
					'aria-invalid': errorId ? true : undefined,
					'aria-describedby': [errorId, counterId].filter(Boolean).join(' ') || undefined,
				}
				const label = t(`roadmap.fields.${kind}.${spec.name}`)
				if (spec.type === 'costLines') {
					const lines = linesShown(data, name, currency, language)
					return (
						<CostLinesField
							key={`${version}-${JSON.stringify(lines)}`}
							id={id}
							spec={spec}
							name={name}
							legend={label}
							lines={lines}
							saved={costLinesOf(stored)}
							errors={errors ?? {}}
							currency={currency}
							autoFocus={autoFocus === spec.name}
						/>
					)
				}
				const value = fieldValue(spec, data, currency, language, t)
				if (spec.type === 'checkbox') {
					return (
						<div key={spec.name} className="field field--checkbox">
							<label className="choice" htmlFor={id}>
								<input {...common} type="checkbox" value="on" defaultChecked={data?.[spec.name] === true || data?.[spec.name] === 'on'} />
								<span>{label}</span>
							</label>
							<ErrorList id={errorId} errors={fieldErrors} />
						</div>
					)
				}
				return (
					<div key={spec.name} className={`field field--${spec.type}`}>
						<label htmlFor={id}>
							{label}
							{spec.required && !optional ? <span aria-hidden="true"> *</span> : null}
							{spec.type === 'money' ? <span className="muted small"> ({currency})</span> : null}
						</label>
						{spec.type === 'select' ? (
							<select {...common} defaultValue={value} key={`${version}-${value}`}>
								<option value="">{t('forms.choose')}</option>
								{spec.options!.map((option) => (
									<option key={option} value={option}>
										{t(`roadmap.options.${spec.name}.${option}`)}
									</option>
								))}
							</select>
						) : (
							<TextInput
								common={common}
								multiline={spec.type === 'textarea'}
								rows={compact ? 2 : 3}
								value={value}
								required={spec.required && !optional}
								max={spec.max}
								counterId={counterId}
								inputMode={spec.type === 'money' || spec.type === 'year' ? 'decimal' : undefined}
								placeholder={spec.type === 'period' ? '2026-Q1' : undefined}
								key={`${version}-${value}`}
							/>
						)}
						<ErrorList id={errorId} errors={fieldErrors} />
					</div>
				)
			})}
		</div>
	)
}

/** A text field with a counter of its limit, which warns as the limit nears and says when it is over. */
function TextInput({
	common,
	multiline,
	rows,
	value,
	required,
	max,
	counterId,
	inputMode,
	placeholder,
}: {
	common: Record<string, unknown> & { id: string; name: string }
	multiline: boolean
	rows: number
	value: string
	required?: boolean
	max?: number
	counterId?: string
	inputMode?: 'decimal'
	placeholder?: string
}) {
	const { t } = useTexts()
	const [length, setLength] = useState(value.length)
	const onInput = (event: FormEvent<HTMLInputElement | HTMLTextAreaElement>) => setLength(event.currentTarget.value.length)
	const over = max !== undefined && length > max
	return (
		<>
			{multiline ? (
				<textarea {...common} rows={rows} defaultValue={value} required={required} onInput={onInput} />
			) : (
				<input
					{...common}
					type="text"
					inputMode={inputMode}
					placeholder={placeholder}
					defaultValue={value}
					required={required}
					onInput={onInput}
				/>
			)}
			{max !== undefined && length >= max * 0.8 ? (
				<span id={counterId} className={over ? 'counter counter--over' : 'counter'} aria-live={over ? 'polite' : 'off'}>
					{over ? t('roadmap.counter.over', { count: length - max, max }) : t('roadmap.counter.of', { length, max })}
				</span>
			) : null}
		</>
	)
}

/** A part of a long form: the first shows, the others fold (open when one of their fields has a message). */
export function FormPart({
	title,
	summary,
	open,
	first,
	children,
}: {
	title: string
	summary?: string
	open?: boolean
	first?: boolean
	children: ReactNode
}) {
	if (first) return <>{children}</>
	return (
		<details className="form-part" open={open || undefined}>
			<summary>
				<span className="form-part__title">{title}</span>
				{summary ? <span className="muted small form-part__summary"> {summary}</span> : null}
			</summary>
			{children}
		</details>
	)
}

/** A short reading of what a part already holds, for its closed fold ("Ministry of Women · 2026-Q1 – 2027-Q4"). */
function partSummary(
	kind: Kind,
	specs: readonly FieldSpec[],
	data: FieldValues | undefined,
	currency: string,
	language: string,
	t: Translate,
) {
	if (!data) return ''
	return specs
		.map((spec) => {
			const value = data[spec.name]
			if (value === null || value === undefined || value === '' || value === false) return ''
			if (spec.type === 'costLines') return costLinesText(costLinesOf(data as ItemData), currency, language, t)
			if (spec.type === 'checkbox') return t(`roadmap.fields.${kind}.${spec.name}`)
			if (spec.type === 'select') return t(`roadmap.options.${spec.name}.${String(value)}`)
			if (spec.type === 'money') return typeof value === 'number' ? formatMoney(value, currency, language) : String(value)
			return String(value).slice(0, 40)
		})
		.filter(Boolean)
		.join(' · ')
}

/** A field has messages, itself or one of its lines (`costs[1].amount`). */
function hasErrors(errors: Record<string, string[]> | undefined, name: string) {
	return Object.entries(errors ?? {}).some(([key, messages]) => (key === name || key.startsWith(`${name}[`)) && messages.length)
}

/** Which saved state to say beside the button. */
type SaveState = 'idle' | 'saving' | 'saved' | 'offline'

/**
 * One form for one item of any kind (or a new one), with the fields the section edits. Works as a
 * plain form; the version it started from goes with it so a stale save is caught on the server. With
 * JavaScript it keeps a draft in the browser as the person types (restored if they come back before
 * saving), says "Saving…", "Saved" or "Not saved", and warns before leaving the page with unsaved text.
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
	cancel,
	autoFocus,
	children,
	saved,
	meanwhile,
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
	/** Shows Cancel (the form is an item's edit mode). */
	cancel?: boolean
	/** Focus the first field (true), or the field of this name (a gap links to the field to fill). */
	autoFocus?: boolean | string
	/** More parts inside the same form (an action's indicators). */
	children?: ReactNode
	/** This form was just saved (the page came back with `saved=<its key>`): its draft is done with. */
	saved?: boolean
	/** The item as someone else saved it since this form opened (and who): the form says what changed. */
	meanwhile?: { data: ItemData; by: string | null }
}) {
	const { t, language } = useTexts()
	const uid = useId()
	const formRef = useRef<HTMLFormElement>(null)
	const navigation = useNavigation()
	const specs = (KINDS[kind].fields as readonly FieldSpec[]).filter((f) => !fields || fields.includes(f.name))
	const mine = feedback?.formKey === formKey ? feedback : null
	const conflict = mine?.conflict
	// After a conflict the form holds the person's own text, on top of the other person's version.
	const data: FieldValues | undefined = conflict
		? { ...conflict.current.data, ...conflict.mine }
		: mine?.submitted
			? mine.submitted
			: item?.data
	const version = conflict ? conflict.current.version : item?.version
	// What the form started from, sent with the save: a change someone else made meanwhile to other
	// fields is then kept (merged on the server), and only a field both changed is a conflict.
	const base = item ? baseOf(conflict ? conflict.current.data : item.data, specs) : undefined
	const draft = useDraft(formRef, formKey, { saved: Boolean(saved), version, base })
	const submitting = navigation.state !== 'idle' && navigation.formData?.get('formKey') === formKey
	const [offline, setOffline] = useState(false)
	const state: SaveState = submitting ? 'saving' : offline ? 'offline' : saved ? 'saved' : 'idle'
	const parts = (FORM_PARTS[kind] ?? [{ name: 'all', fields: specs.map((s) => s.name) }])
		.map((part) => ({ ...part, specs: specs.filter((s) => part.fields.includes(s.name)) }))
		.filter((part) => part.specs.length)
	return (
		<Form
			method="post"
			className={compact ? 'item-form item-form--compact' : 'item-form'}
			preventScrollReset
			ref={formRef}
			id={formKey}
			onInput={draft.onInput}
			onChange={draft.onInput}
			onSubmit={(event) => {
				// Without a connection the save cannot reach the server: keep the text and say so.
				if (typeof navigator !== 'undefined' && navigator.onLine === false) {
					event.preventDefault()
					setOffline(true)
					return
				}
				setOffline(false)
				draft.onSubmit()
			}}
		>
			<input type="hidden" name="intent" value={item ? 'update' : 'create'} />
			<input type="hidden" name="kind" value={kind} />
			<input type="hidden" name="formKey" value={formKey} />
			{item ? <input type="hidden" name="id" value={item.id} /> : null}
			{item ? <input type="hidden" name="version" value={version} /> : null}
			{base ? <input type="hidden" name="base" value={base} /> : null}
			{parentId && !parentChoices ? <input type="hidden" name="parentId" value={parentId} /> : null}
			{draft.restoredAt ? (
				<p className="alert alert--info" role="status">
					{t('roadmap.draft.restored', { when: formatDateTime(draft.restoredAt, language) })}{' '}
					<button type="button" className="link-button" onClick={draft.discard}>
						{t('roadmap.draft.discard')}
					</button>
				</p>
			) : null}
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
			{conflict ? <ConflictNotice kind={kind} specs={specs} conflict={conflict} currency={currency} /> : null}
			{meanwhile && item && !conflict ? (
				<ChangedMeanwhile kind={kind} specs={specs} before={item.data} after={meanwhile.data} by={meanwhile.by} currency={currency} />
			) : null}
			{parts.map((part, index) => (
				<FormPart
					key={part.name}
					first={index === 0}
					// The first part has no fold, so no title (a kind with one part has no name for it).
					title={index === 0 ? '' : t(`roadmap.parts.${kind}.${part.name}`)}
					summary={partSummary(kind, part.specs, data, currency, language, t)}
					// A new item shows all its parts; an item being edited, its first two (the rest say what they hold).
					open={
						!item || index === 1 || part.specs.some((s) => hasErrors(mine?.errors, s.name) || s.name === autoFocus) || Boolean(conflict)
					}
				>
					<ItemFields
						kind={kind}
						specs={part.specs}
						data={data}
						errors={mine?.errors}
						currency={currency}
						compact={compact}
						version={version}
						autoFocus={typeof autoFocus === 'string' ? autoFocus : autoFocus && index === 0}
						stored={item?.data}
					/>
				</FormPart>
			))}
			{children}
			<div className="form-actions">
				<button type="submit" className="button" aria-describedby={`${uid}-state`}>
					{submitLabel}
				</button>
				{cancel ? <CancelLink onCancel={draft.discard} /> : null}
				<span id={`${uid}-state`} className={`save-state save-state--${state}`} role="status">
					{state === 'idle' ? '' : t(`roadmap.saveState.${state}`)}
				</span>
			</div>
		</Form>
	)
}

function ConflictNotice({
	kind,
	specs,
	conflict,
	currency,
}: {
	kind: Kind
	specs: readonly FieldSpec[]
	conflict: NonNullable<ItemFeedback['conflict']>
	currency: string
}) {
	const { t, language } = useTexts()
	return (
		<div className="alert alert--error" role="alert">
			<p>
				<strong>{t('roadmap.conflict.title')}</strong>
			</p>
			<p>{t(conflict.fields ? 'roadmap.conflict.bodyFields' : 'roadmap.conflict.body')}</p>
			<dl className="conflict">
				{specs.map((spec) => {
					if (conflict.fields && !conflict.fields.includes(spec.name)) return null
					const theirs = fieldValue(spec, conflict.current.data, currency, language, t)
					const yours = fieldValue(spec, conflict.mine, currency, language, t)
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
	)
}

/**
 * Someone else saved the item open in this form: which fields changed, to what. The form keeps what
 * the person typed; saving keeps the other person's changes to the fields this person left alone.
 */
function ChangedMeanwhile({
	kind,
	specs,
	before,
	after,
	by,
	currency,
}: {
	kind: Kind
	specs: readonly FieldSpec[]
	before: ItemData
	after: ItemData
	by: string | null
	currency: string
}) {
	const { t, language } = useTexts()
	const changed = specs.filter((spec) => fieldValue(spec, before, currency, language, t) !== fieldValue(spec, after, currency, language, t))
	return (
		<div className="alert alert--info" role="status">
			<p>
				<strong>{by ? t('roadmap.live.changedBy', { name: by }) : t('roadmap.live.changed')}</strong>
			</p>
			{changed.length ? (
				<dl className="conflict">
					{changed.map((spec) => (
						<div key={spec.name}>
							<dt>{t(`roadmap.fields.${kind}.${spec.name}`)}</dt>
							<dd>{fieldValue(spec, after, currency, language, t) || '—'}</dd>
						</div>
					))}
				</dl>
			) : null}
			<p>{t('roadmap.live.mergeHint')}</p>
		</div>
	)
}

type Draft = { at: string; version?: number; base?: string; values: Record<string, string> }

/** The form's fields a person typed in (not the hidden ones), as the form would send them. */
function readFields(form: HTMLFormElement) {
	const values: Record<string, string> = {}
	for (const element of Array.from(form.elements)) {
		if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement)) continue
		if (!element.name || element.type === 'hidden' || element.type === 'submit') continue
		values[element.name] =
			element instanceof HTMLInputElement && element.type === 'checkbox' ? (element.checked ? 'on' : '') : element.value
	}
	return values
}

function writeFields(form: HTMLFormElement, values: Record<string, string>) {
	for (const [name, value] of Object.entries(values)) {
		const element = form.elements.namedItem(name)
		if (element instanceof HTMLInputElement && element.type === 'checkbox') element.checked = value === 'on'
		else if (element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) {
			element.value = value
			element.dispatchEvent(new Event('input', { bubbles: true }))
		}
	}
}

/**
 * Keeps what a person types in a form in this browser until it is saved, so that leaving the page,
 * losing the connection or closing the tab loses nothing: a draft is restored when the form opens
 * again, with the version it started from (a save then meets the other person's change, never
 * overwrites it). Leaving the page with unsaved text asks first.
 */
function useDraft(
	formRef: RefObject<HTMLFormElement | null>,
	formKey: string,
	{ saved, version, base }: { saved: boolean; version?: number; base?: string },
) {
	const location = useLocation()
	const key = draftStorageKey(location.pathname, formKey)
	const initial = useRef<Record<string, string> | null>(null)
	const submitting = useRef(false)
	const [restoredAt, setRestoredAt] = useState<string | null>(null)
	const [dirty, setDirty] = useState(false)

	useEffect(() => {
		const form = formRef.current
		if (!form) return
		initial.current = readFields(form)
		submitting.current = false
		try {
			if (saved) {
				localStorage.removeItem(key)
				return
			}
			const raw = localStorage.getItem(key)
			if (!raw) return
			const draft = JSON.parse(raw) as Draft
			writeFields(form, draft.values)
			// The draft goes on from the version it started from (and what that version held).
			for (const [name, value] of [
				['version', draft.version === undefined ? undefined : String(draft.version)],
				['base', draft.base],
			] as const) {
				const field = form.elements.namedItem(name)
				if (value !== undefined && field instanceof HTMLInputElement) field.value = value
			}
			setRestoredAt(draft.at)
			setDirty(true)
		} catch {
			// No storage (private mode) or a draft from another version of the app: nothing to restore.
		}
	}, [formRef, key, saved])

	const onInput = () => {
		const form = formRef.current
		if (!form || !initial.current) return
		const values = readFields(form)
		const changed = Object.keys(values).some((name) => values[name] !== (initial.current![name] ?? ''))
		setDirty(changed)
		try {
			if (changed) localStorage.setItem(key, JSON.stringify({ at: new Date().toISOString(), version, base, values } satisfies Draft))
			else localStorage.removeItem(key)
		} catch {
			// Storage full or refused: the form still works, only the draft is not kept.
		}
	}
	const discard = () => {
		try {
			localStorage.removeItem(key)
		} catch {
			// Nothing kept.
		}
		if (formRef.current && initial.current) writeFields(formRef.current, initial.current)
		setRestoredAt(null)
		setDirty(false)
	}
	// The page asks before it is left while a form holds unsaved text (one guard for all its forms).
	const reportDirty = useContext(UnsavedContext)
	useEffect(() => reportDirty?.(formKey, dirty), [reportDirty, formKey, dirty])
	useEffect(() => () => reportDirty?.(formKey, false), [reportDirty, formKey])
	return {
		restoredAt,
		onInput,
		discard,
		onSubmit: () => {
			submitting.current = true
			reportDirty?.(formKey, false)
		},
	}
}

type DraftLine = { amount: string; source: string; committed: boolean }

/**
 * Cost lines as the form shows them: what was typed when a save was refused (the flat names of the
 * form, `costs[0].amount`), else the lines held.
 */
function linesShown(data: FieldValues | undefined, name: string, currency: string, language: string): DraftLine[] {
	const typed = data && Object.keys(data).some((key) => key.startsWith(`${name}[`))
	if (typed) return draftsFromForm(data as Record<string, string>, name)
	return costLinesOf(data as ItemData | undefined).map((line) => ({
		amount: formatMinor(line.amount, currency, language),
		source: line.source ?? '',
		committed: line.committed,
	}))
}

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
	name: fieldName,
	legend,
	lines,
	saved,
	errors,
	currency,
	autoFocus,
}: {
	id: string
	spec: FieldSpec
	/** The field's name in the form (`costs`, or `…costs` inside another item's form). */
	name: string
	legend: string
	lines: DraftLine[]
	saved: CostLine[]
	errors: Record<string, string[]>
	currency: string
	/** Focus the first line's amount (a gap "no cost" links here). */
	autoFocus?: boolean
}) {
	const { t, language } = useTexts()
	const hydrated = useHydrated()
	const max = spec.max ?? Infinity
	const [rows, setRows] = useState(() => {
		const initial = lines.length < max ? [...lines, emptyLine()] : lines
		return initial.map((line, index) => ({ ...line, key: index }))
	})
	const [nextKey, setNextKey] = useState(rows.length)

	const { total, committed } = costTotals(saved)
	const fieldErrors = errors[fieldName]
	const errorId = fieldErrors?.length ? `${id}-error` : undefined
	return (
		<fieldset className="field field--lines cost-lines" aria-describedby={errorId}>
			<legend>{legend}</legend>
			<p className="field-hint" id={`${id}-hint`}>
				{t('roadmap.costLines.hint')}
			</p>
			<ol className="cost-lines__rows">
				{rows.map((row, index) => {
					const name = `${fieldName}[${index}]`
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
										autoFocus={(autoFocus && index === 0) || undefined}
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
	const { t } = useTexts()
	return (
		<div className="item-controls">
			{ta ? <AssistanceLink ta={ta} /> : null}
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
