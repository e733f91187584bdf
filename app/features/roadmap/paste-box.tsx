/**
 * The paste box under an objective, once someone opens it (PasteRows in paste-form.tsx keeps its
 * state; this is what it shows): loaded on demand (app/utils/on-demand.tsx).
 */
import { Form, type useFetcher } from '@remix-run/react'
import { type Dispatch, type RefObject, type SetStateAction, useId } from 'react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { ErrorList } from '#app/components/ui/forms.tsx'
import { TableWrap } from '#app/components/ui/table-wrap.tsx'
import { formatMoney } from '#app/features/roadmap/item-values.tsx'
import { ACTION_STATUSES, FUNDING_SOURCES } from '#app/features/roadmap/kinds.ts'
import {
	PASTE_COLUMNS,
	PASTE_MAX_ROWS,
	type PasteAnswer,
	type PasteColumn,
	type PastedRow,
	type PasteProblem,
	type PasteResult,
} from '#app/features/roadmap/paste.ts'

export function PasteBox({
	fetcher,
	formKey,
	objectiveId,
	currency,
	text,
	setText,
	headingRef,
	noticeRef,
	added,
	action,
	answer,
	answeredByFetcher,
}: {
	fetcher: ReturnType<typeof useFetcher>
	formKey: string
	objectiveId: string
	currency: string
	text: string
	setText: Dispatch<SetStateAction<string>>
	headingRef: RefObject<HTMLHeadingElement>
	noticeRef: RefObject<HTMLParagraphElement>
	added: number
	action: string
	answer: PasteAnswer | null
	/** The answer is this box's own preview request's, not yet done with. */
	answeredByFetcher: boolean
}) {
	const { t, language } = useTexts()
	const uid = useId()
	const preview = answer?.paste?.preview ?? null
	const textErrors = answer?.result?.error?.rows ?? undefined
	const errorId = textErrors?.length ? `${uid}-error` : undefined
	const changed = Boolean(answer?.paste && text !== answer.paste.text)
	const showPreview = Boolean(preview || (answeredByFetcher && answer?.feedback?.message))
	return (
		<div id={formKey} className="paste">
			{added ? (
				<p className="alert alert--success" role="status" tabIndex={-1} ref={noticeRef}>
					{t('roadmap.paste.added', { count: added })}
				</p>
			) : null}
			<details className="paste-fold" open>
				<summary>{t('roadmap.paste.fold')}</summary>
				<fetcher.Form method="post" action={action} preventScrollReset className="paste-form">
					<input type="hidden" name="intent" value="pastePreview" />
					<input type="hidden" name="formKey" value={formKey} />
					<input type="hidden" name="parentId" value={objectiveId} />
					<div className="field">
						<label htmlFor={`${uid}-rows`}>{t('roadmap.paste.label')}</label>
						<p id={`${uid}-hint`} className="field-hint">
							{t('roadmap.paste.hint')} {t('roadmap.paste.hintValues', { currency, max: PASTE_MAX_ROWS })}
						</p>
						<textarea
							id={`${uid}-rows`}
							name="rows"
							rows={6}
							value={text}
							onChange={(event) => setText(event.target.value)}
							aria-describedby={[`${uid}-hint`, errorId].filter(Boolean).join(' ')}
							aria-invalid={errorId ? true : undefined}
							spellCheck={false}
							// One pasted row per line, as in the sheet: long rows scroll sideways.
							wrap="off"
							className="paste-text"
						/>
						<ErrorList id={errorId} errors={textErrors} />
					</div>
					<button type="submit" className="button">
						{t('roadmap.paste.preview')}
					</button>
				</fetcher.Form>
				{showPreview ? (
					<section className="paste-preview" aria-labelledby={`${uid}-preview`}>
						<h5 id={`${uid}-preview`} tabIndex={-1} ref={headingRef}>
							{t('roadmap.paste.previewTitle')}
						</h5>
						{answer?.feedback?.message ? (
							<p className="alert alert--error" role="alert">
								{t(answer.feedback.message)}
							</p>
						) : null}
						{preview ? (
							<Preview
								preview={preview}
								currency={currency}
								language={language}
								createForm={
									preview.ok ? (
										changed ? (
											<p className="alert">{t('roadmap.paste.changed')}</p>
										) : (
											// Creating ends in a redirect to the page: a plain form's navigation (a fetcher's
											// redirect is a navigation too, and one whose form goes away on the way fails).
											<Form method="post" action={action} preventScrollReset>
												<input type="hidden" name="intent" value="paste" />
												<input type="hidden" name="formKey" value={formKey} />
												<input type="hidden" name="parentId" value={objectiveId} />
												<input type="hidden" name="rows" value={answer?.paste?.text ?? ''} />
												<button type="submit" className="button button--primary">
													{t('roadmap.paste.create', { count: preview.rows.length })}
												</button>
											</Form>
										)
									) : null
								}
							/>
						) : null}
					</section>
				) : null}
			</details>
		</div>
	)
}

function Preview({
	preview,
	currency,
	language,
	createForm,
}: {
	preview: PasteResult
	currency: string
	language: string
	createForm: React.ReactNode
}) {
	const { t } = useTexts()
	const columnName = (column: PasteColumn) => t(`roadmap.paste.columns.${column}`)
	const options = {
		source: FUNDING_SOURCES.map((code) => t(`roadmap.options.source.${code}`)).join(', '),
		status: ACTION_STATUSES.map((code) => t(`roadmap.options.status.${code}`)).join(', '),
	}
	const message = (problem: PasteProblem) =>
		t(problem.key, { ...problem.values, options: problem.column === 'status' ? options.status : options.source })
	const problems = [...preview.problems, ...preview.rows.flatMap((row) => row.problems)]
	// The usual columns, and the status too when the header names it or a row has one.
	const shown = PASTE_COLUMNS.filter(
		(column) =>
			preview.columns.includes(column) && (column !== 'status' || preview.hasHeader || preview.rows.some((row) => row.values.status)),
	)
	const where = (problem: PasteProblem) =>
		[problem.row ? t('roadmap.paste.rowNumber', { number: problem.row }) : null, problem.column ? columnName(problem.column) : null]
			.filter(Boolean)
			.join(' · ')

	return (
		<>
			{problems.length ? (
				<div className="alert alert--error">
					<p>
						<strong>{t('roadmap.paste.problems', { count: problems.length })}</strong>
					</p>
					<ul>
						{problems.map((problem, index) => (
							<li key={index}>
								{where(problem) ? <strong>{where(problem)}: </strong> : null}
								{message(problem)}
							</li>
						))}
					</ul>
				</div>
			) : (
				<p className="alert alert--success">{t('roadmap.paste.ready', { count: preview.rows.length })}</p>
			)}
			{preview.rows.length ? (
				<TableWrap label={t('roadmap.paste.tableLabel')}>
					<table className="paste-table">
						<thead>
							<tr>
								<th scope="col">{t('roadmap.paste.row')}</th>
								{shown.map((column) => (
									<th key={column} scope="col">
										{columnName(column)}
										{column === 'cost' ? <span className="muted small"> ({currency})</span> : null}
									</th>
								))}
							</tr>
						</thead>
						<tbody>
							{preview.rows.map((row) => (
								<tr key={row.number} className={row.problems.length ? 'paste-row paste-row--invalid' : 'paste-row'}>
									<th scope="row">
										{row.number}
										<CellProblems problems={row.problems.filter((p) => p.column === null)} message={message} />
									</th>
									{shown.map((column) => (
										<td key={column}>
											<Cell row={row} column={column} currency={currency} language={language} />
											<CellProblems problems={row.problems.filter((p) => p.column === column)} message={message} />
										</td>
									))}
								</tr>
							))}
						</tbody>
					</table>
				</TableWrap>
			) : null}
			{createForm}
		</>
	)
}

function Cell({ row, column, currency, language }: { row: PastedRow; column: PasteColumn; currency: string; language: string }) {
	const { t } = useTexts()
	const value = row.values[column]
	if (value === null || value === '') return <span className="muted">—</span>
	const readWell = !row.problems.some((p) => p.column === column)
	if (column === 'cost' && typeof value === 'number') return <>{formatMoney(value, currency, language)}</>
	if ((column === 'source' || column === 'status') && readWell) return <>{t(`roadmap.options.${column}.${String(value)}`)}</>
	return <span className="paste-cell">{String(value)}</span>
}

function CellProblems({ problems, message }: { problems: PasteProblem[]; message: (problem: PasteProblem) => string }) {
	if (!problems.length) return null
	return (
		<div className="field-errors">
			<ul>
				{problems.map((problem, index) => (
					<li key={index}>{message(problem)}</li>
				))}
			</ul>
		</div>
	)
}
