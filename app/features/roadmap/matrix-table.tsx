import { Form, Link, useFetcher } from '@remix-run/react'
import type { Translate } from '#app/utils/translate.ts'
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { TableWrap } from '#app/components/ui/table-wrap.tsx'
import { formatMoney } from '#app/features/roadmap/item-values.tsx'
import { ACTION_STATUSES, LEVELS } from '#app/features/roadmap/kinds.ts'
import {
	actionFormValues,
	type InlineField,
	MATRIX_DIRECTIONS,
	MATRIX_SORTS,
	type MatrixQuery,
	type MatrixRow,
	type MatrixSort,
} from '#app/features/roadmap/matrix.ts'
import { formatPercent } from '#app/utils/format.ts'
import type { Language } from '#app/utils/i18n.ts'
import { useHydrated } from '#app/utils/use-hydrated.ts'

const DASH = '—'
const dash = (value: string) => value || DASH

type Choices = { pillars: Array<{ id: string; label: string }>; leads: string[] }

/** The filter and sort form: a GET form, so it works without JavaScript and its address can be shared. */
export function MatrixFilters({ query, choices, base }: { query: MatrixQuery; choices: Choices; base: string }) {
	const { t } = useTexts()
	const uid = useId()
	const select = (name: keyof MatrixQuery, label: string, options: Array<{ value: string; label: string }>, all = true) => (
		<div className="field">
			<label htmlFor={`${uid}-${name}`}>{label}</label>
			<select id={`${uid}-${name}`} name={name} defaultValue={query[name] ?? ''}>
				{all ? <option value="">{t('roadmap.matrix.all')}</option> : null}
				{options.map((option) => (
					<option key={option.value} value={option.value}>
						{option.label}
					</option>
				))}
			</select>
		</div>
	)
	return (
		<Form method="get" className="filters matrix-filters" aria-label={t('roadmap.matrix.filters')}>
			{select(
				'pillar',
				t('roadmap.matrix.columns.pillar'),
				choices.pillars.map((p) => ({ value: p.id, label: p.label })),
			)}
			{select(
				'lead',
				t('roadmap.matrix.columns.lead'),
				choices.leads.map((lead) => ({ value: lead, label: lead })),
			)}
			{select(
				'status',
				t('roadmap.matrix.columns.status'),
				ACTION_STATUSES.map((s) => ({ value: s, label: t(`roadmap.options.status.${s}`) })),
			)}
			{select(
				'sort',
				t('roadmap.matrix.sortBy'),
				MATRIX_SORTS.map((s) => ({ value: s, label: t(`roadmap.matrix.sorts.${s}`) })),
				false,
			)}
			{select(
				'dir',
				t('roadmap.matrix.direction'),
				MATRIX_DIRECTIONS.map((d) => ({ value: d, label: t(`roadmap.matrix.directions.${d}`) })),
				false,
			)}
			<button type="submit" className="button">
				{t('roadmap.matrix.apply')}
			</button>
			<Link to={base}>{t('roadmap.matrix.clear')}</Link>
		</Form>
	)
}

type TableProps = {
	rows: MatrixRow[]
	count: number
	totals: { total: number; committed: number; funded: number | null }
	query: MatrixQuery
	delegationId: string
	currency: string
	language: Language
	editable: boolean
}

/** The columns before the cost, for the totals row. */
const LEADING_COLUMNS = 9

/**
 * The matrix: one row per line of action. Column headers that sort are links (with `aria-sort`); each
 * row, its cost and its indicators link to the action's one form; with JavaScript, a person who may edit
 * changes the text and select cells in place.
 */
export function MatrixTable({ rows, count, totals, query, delegationId, currency, language, editable }: TableProps) {
	const { t } = useTexts()
	const formHref = (row: MatrixRow) =>
		`/roadmaps/${delegationId}/strategic-design?${editable ? `edit=${row.id}` : ''}#item-${row.id}`.replace('?#', '#')
	const sortHref = (sort: MatrixSort) => {
		const params = new URLSearchParams()
		if (query.pillar) params.set('pillar', query.pillar)
		if (query.lead) params.set('lead', query.lead)
		if (query.status) params.set('status', query.status)
		params.set('sort', sort)
		params.set('dir', query.sort === sort && query.dir === 'asc' ? 'desc' : 'asc')
		return `?${params}`
	}
	const header = (name: string, sort?: MatrixSort) => {
		const label = t(`roadmap.matrix.columns.${name}`)
		if (!sort) return <th scope="col">{label}</th>
		const current = query.sort === sort
		return (
			<th scope="col" aria-sort={current ? (query.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
				<Link to={sortHref(sort)} className="matrix__sort" preventScrollReset>
					{label}
					<span aria-hidden="true">{current ? (query.dir === 'asc' ? ' ▲' : ' ▼') : ' ↕'}</span>
				</Link>
			</th>
		)
	}
	const cell = { delegationId, currency, language, editable }
	return (
		<>
			<p className="matrix__count">{t('roadmap.matrix.count', { shown: rows.length, count })}</p>
			{editable ? <p className="small muted matrix__help">{t('roadmap.matrix.keyboardHelp')}</p> : null}
			{!rows.length ? (
				<p className="alert" role="status">
					{count ? t('roadmap.matrix.noMatch') : t('roadmap.matrix.empty')}{' '}
					{count ? (
						<Link to={`/roadmaps/${delegationId}/matrix`}>{t('roadmap.matrix.clear')}</Link>
					) : (
						<Link to={`/roadmaps/${delegationId}/strategic-design`}>{t('roadmap.sections.strategic-design.title')}</Link>
					)}
				</p>
			) : (
				<TableWrap label={t('roadmap.matrix.tableLabel')}>
					<table className="results-matrix">
						<thead>
							<tr>
								{header('number', 'number')}
								{header('pillar', 'pillar')}
								{header('objective')}
								{header('description')}
								{header('lead', 'lead')}
								{header('partners')}
								{header('start', 'start')}
								{header('end')}
								{header('status', 'status')}
								{header('cost', 'cost')}
								{header('sources')}
								{header('funded', 'funded')}
								{header('level')}
								{header('indicators')}
								{header('form')}
							</tr>
						</thead>
						<tbody>
							{rows.map((row) => (
								<tr key={row.id} id={`row-${row.id}`}>
									<th scope="row" className="matrix__number">
										{row.number}
									</th>
									<td>
										{row.pillarNumber}. {dash(row.pillar)}
									</td>
									<td className="matrix__long">
										{row.objectiveNumber} {dash(row.objective)}
									</td>
									<MatrixCell row={row} field="description" {...cell} className="matrix__long" />
									<MatrixCell row={row} field="lead" {...cell} />
									<MatrixCell row={row} field="partners" {...cell} />
									<MatrixCell row={row} field="start" {...cell} className="matrix__period" />
									<MatrixCell row={row} field="end" {...cell} className="matrix__period" />
									<MatrixCell row={row} field="status" {...cell} />
									<td className="matrix__money">
										<Link
											to={formHref(row)}
											aria-label={t('roadmap.matrix.costOf', {
												number: row.number,
												cost: row.costs.length ? formatMoney(row.total, currency, language) : t('roadmap.matrix.noCost'),
											})}
										>
											{row.costs.length ? formatMoney(row.total, currency, language) : DASH}
										</Link>
									</td>
									<td>{dash(row.sources.map((s) => (s ? t(`roadmap.options.source.${s}`) : t('roadmap.budget.noSource'))).join(', '))}</td>
									<td className="matrix__money">{row.funded === null ? DASH : formatPercent(row.funded, language)}</td>
									<MatrixCell row={row} field="level" {...cell} />
									<td className="matrix__long">
										{row.indicators.length ? (
											<ul className="matrix__indicators">
												{row.indicators.map((indicator) => (
													<li key={indicator.id}>
														<Link to={formHref(row)}>{indicatorText(indicator)}</Link>
													</li>
												))}
											</ul>
										) : (
											<Link to={formHref(row)} aria-label={t('roadmap.matrix.noIndicators', { number: row.number })}>
												{DASH}
											</Link>
										)}
									</td>
									<td>
										<Link
											to={formHref(row)}
											aria-label={t(editable ? 'roadmap.matrix.editRow' : 'roadmap.matrix.openRow', { number: row.number })}
										>
											{editable ? t('roadmap.edit') : t('roadmap.matrix.open')}
										</Link>
									</td>
								</tr>
							))}
						</tbody>
						<tfoot>
							<tr>
								<th scope="row" colSpan={LEADING_COLUMNS}>
									{t('roadmap.matrix.totals', { count: rows.length })}
								</th>
								<td className="matrix__money">{formatMoney(totals.total, currency, language)}</td>
								<td />
								<td className="matrix__money">
									{t('roadmap.matrix.committed', {
										amount: formatMoney(totals.committed, currency, language),
										share: totals.funded === null ? DASH : formatPercent(totals.funded, language),
									})}
								</td>
								<td colSpan={3} />
							</tr>
						</tfoot>
					</table>
				</TableWrap>
			)}
		</>
	)
}

/** "1.2.1.a Shelters open: 2 → 9 shelters"; just the number and the statement while it has no values. */
export function indicatorText(indicator: MatrixRow['indicators'][number]) {
	const head = `${indicator.number} ${indicator.statement}`
	if (!indicator.baseline && !indicator.target) return head
	return `${head}: ${dash(indicator.baseline)} → ${dash(indicator.target)}${indicator.unit ? ` ${indicator.unit}` : ''}`
}

const SELECT_OPTIONS: Partial<Record<InlineField, readonly string[]>> = { status: ACTION_STATUSES, level: LEVELS }

function shownValue(field: InlineField, value: string, t: Translate) {
	if (!value) return DASH
	return SELECT_OPTIONS[field] ? t(`roadmap.options.${field}.${value}`) : value
}

type CellProps = {
	row: MatrixRow
	field: InlineField
	delegationId: string
	currency: string
	language: Language
	editable: boolean
	className?: string
}

/** A text or select cell: its value, and with JavaScript (for who may edit) its editor in place. */
function MatrixCell({ className, ...props }: CellProps) {
	const { t } = useTexts()
	const hydrated = useHydrated()
	return (
		<td className={className} data-matrix-cell={props.editable && hydrated ? '' : undefined}>
			{props.editable && hydrated ? <InlineEdit {...props} /> : shownValue(props.field, props.row[props.field], t)}
		</td>
	)
}

type Answer = {
	saved?: boolean
	message?: string
	result?: { error?: Record<string, string[] | null> | null }
	feedback?: { message?: string; conflict?: unknown }
}

/** What a refused save says: the field's message, a conflict, or the page's message. */
function refusal(answer: Answer | undefined, field: InlineField, t: Translate) {
	const errors = Object.entries(answer?.result?.error ?? {}).filter((entry): entry is [string, string[]] => Boolean(entry[1]?.length))
	const own = errors.find(([name]) => name === field)
	if (own) return t(own[1][0]!)
	if (errors[0]) {
		const [name, messages] = errors[0]
		return `${t(`roadmap.matrix.columns.${name.replace(/\[.*$/, '')}`, { defaultValue: name })}: ${t(messages[0]!)}`
	}
	if (answer?.feedback?.conflict || answer?.feedback?.message === 'roadmap.errors.conflict') return t('roadmap.matrix.conflict')
	const message = answer?.feedback?.message ?? answer?.message
	return message ? t(message) : t('roadmap.matrix.failed')
}

type SaveState = 'idle' | 'saving' | 'saved' | 'error'

/**
 * One cell edited in place, keyboard first: Enter (or a double click, or its edit button) opens it;
 * Enter saves, Escape cancels, Tab saves and moves to the next cell. The save is the action's own
 * update with all its fields as stored (so nothing else changes) and this one as typed; a refusal
 * reopens the cell with what was typed and the message.
 */
function InlineEdit({ row, field, delegationId, currency, language }: Omit<CellProps, 'className' | 'editable'>) {
	const { t } = useTexts()
	const uid = useId()
	const fetcher = useFetcher<Answer>()
	const value = row[field]
	const [editing, setEditing] = useState(false)
	const [draft, setDraft] = useState(value)
	const [state, setState] = useState<SaveState>('idle')
	// The refused answer, not its message: the message is read at render, in the page's language.
	const [refused, setRefused] = useState<{ answer: Answer | undefined } | null>(null)
	const error = refused ? refusal(refused.answer, field, t) : null
	const buttonRef = useRef<HTMLButtonElement>(null)
	const editorRef = useRef<HTMLInputElement & HTMLSelectElement>(null)
	const pending = useRef(false)
	const refocus = useRef(false)
	const options = SELECT_OPTIONS[field]
	const label = t(`roadmap.matrix.cellLabel`, { field: t(`roadmap.matrix.columns.${field}`), number: row.number })

	useEffect(() => {
		if (editing) {
			editorRef.current?.focus()
			if (editorRef.current instanceof HTMLInputElement) editorRef.current.select()
		} else if (refocus.current) {
			refocus.current = false
			buttonRef.current?.focus()
		}
	}, [editing])

	useEffect(() => {
		if (fetcher.state !== 'idle' || !pending.current) return
		pending.current = false
		if (fetcher.data?.saved) {
			setState('saved')
			return
		}
		setRefused({ answer: fetcher.data })
		setState('error')
		setEditing(true)
	}, [fetcher.state, fetcher.data])

	const open = () => {
		setDraft(state === 'error' ? draft : value)
		setEditing(true)
	}
	const cancel = () => {
		setDraft(value)
		setRefused(null)
		setState('idle')
		setEditing(false)
	}
	const save = () => {
		setEditing(false)
		if (draft === value && state !== 'error') return
		const values = actionFormValues(row.data, currency, language)
		values[field] = draft
		void fetcher.submit(
			{ intent: 'update', kind: 'action', formKey: `item-${row.id}`, id: row.id, version: String(row.version), ...values },
			{ method: 'post', action: `/roadmaps/${delegationId}/matrix` },
		)
		pending.current = true
		setRefused(null)
		setState('saving')
	}
	const onKeyDown = (event: KeyboardEvent<HTMLInputElement | HTMLSelectElement>) => {
		if (event.nativeEvent.isComposing) return
		if (event.key === 'Enter') {
			event.preventDefault()
			refocus.current = true
			save()
		} else if (event.key === 'Escape') {
			event.preventDefault()
			refocus.current = true
			cancel()
		} else if (event.key === 'Tab') {
			// Tab leaves the cell as a spreadsheet does: what was typed is saved, the next cell gets the focus.
			const cells = Array.from(event.currentTarget.closest('table')?.querySelectorAll('td[data-matrix-cell]') ?? [])
			const here = cells.indexOf(event.currentTarget.closest('td')!)
			const next = cells[here + (event.shiftKey ? -1 : 1)]
			event.preventDefault()
			// The last cell (or the first, going back) keeps the focus on its own button; Tab again goes on.
			if (!next) refocus.current = true
			save()
			next?.querySelector<HTMLButtonElement>('.matrix-cell__edit')?.focus()
		}
	}

	const errorId = error ? `${uid}-error` : undefined
	if (editing) {
		const common = {
			ref: editorRef,
			id: `${uid}-editor`,
			'aria-label': label,
			'aria-invalid': error ? true : undefined,
			'aria-describedby': errorId,
			value: draft,
			onKeyDown,
		}
		return (
			<div className="matrix-cell matrix-cell--editing">
				{options ? (
					<select {...common} onChange={(event) => setDraft(event.currentTarget.value)}>
						<option value="">{DASH}</option>
						{options.map((option) => (
							<option key={option} value={option}>
								{t(`roadmap.options.${field}.${option}`)}
							</option>
						))}
					</select>
				) : (
					<input {...common} type="text" onChange={(event) => setDraft(event.currentTarget.value)} />
				)}
				<span className="matrix-cell__actions">
					<button type="button" className="matrix-cell__button" onClick={save} aria-label={`${t('roadmap.save')}: ${label}`}>
						✓
					</button>
					<button
						type="button"
						className="matrix-cell__button"
						onClick={() => {
							refocus.current = true
							cancel()
						}}
						aria-label={`${t('roadmap.cancel')}: ${label}`}
					>
						✕
					</button>
				</span>
				{error ? (
					<p id={errorId} className="field-errors" role="alert">
						{error}
					</p>
				) : null}
			</div>
		)
	}
	return (
		<div className="matrix-cell" onDoubleClick={open}>
			<span className="matrix-cell__value">{shownValue(field, state === 'saving' ? draft : value, t)}</span>
			<button
				type="button"
				ref={buttonRef}
				className="matrix-cell__edit"
				aria-label={t('roadmap.matrix.editCell', { field: t(`roadmap.matrix.columns.${field}`), number: row.number })}
				onClick={open}
			>
				<span aria-hidden="true">✎</span>
			</button>
			<span className={`save-state save-state--${state}`} role="status">
				{state === 'saving' ? t('roadmap.saveState.saving') : state === 'saved' ? t('roadmap.saveState.saved') : ''}
			</span>
		</div>
	)
}
