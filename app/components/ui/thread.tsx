import { Form } from '@remix-run/react'
import { type ReactNode } from 'react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { formatDateTime } from '#app/utils/format.ts'
import { useLanguage } from '#app/utils/use-language.ts'

/** One message of a thread: who wrote it and when, then what they wrote (its lines kept). */
export function ThreadMessage({
	id,
	author,
	createdAt,
	body,
	note,
	className = 'comment',
}: {
	id?: string
	author: string | null
	createdAt: string
	body: string
	/** Said after the date (resolved by whom, about which item). */
	note?: ReactNode
	className?: string
}) {
	const language = useLanguage()
	return (
		<article id={id} className={className}>
			<p className="muted small">
				<span className="comment__author">{author ?? '—'}</span> · {formatDateTime(createdAt, language)}
				{note}
			</p>
			<p className="comment__body">{body}</p>
		</article>
	)
}

/**
 * A fold with a labelled textarea that posts as a plain form (it works without JavaScript): the
 * reply to a thread, or a new thread beside an item. A refused post comes back with the fold open,
 * the message next to the field and the text as it was typed.
 */
export function MessageFold({
	id,
	summary,
	label,
	submitLabel,
	hidden,
	error,
	typed,
	className = 'thread-fold',
	open,
}: {
	/** Open when the page is shown (it was asked for). */
	open?: boolean
	/** Unique on the page: the textarea's id and the base of its message's. */
	id: string
	summary: string
	label: string
	submitLabel: string
	/** The form's hidden fields (intent, ids). */
	hidden: Record<string, string | number>
	/** A refused post's message (a translation key), shown next to the field. */
	error?: string
	/** A refused post's text, given back. */
	typed?: string
	className?: string
}) {
	const { t } = useTexts()
	const refused = Boolean(error)
	return (
		<details className={className} open={refused || open || undefined}>
			<summary>{summary}</summary>
			<Form method="post" className="stack thread-fold__form" preventScrollReset>
				{Object.entries(hidden).map(([name, value]) => (
					<input key={name} type="hidden" name={name} value={value} />
				))}
				<div className="field">
					<label htmlFor={id}>{label}</label>
					<textarea
						id={id}
						name="body"
						rows={3}
						defaultValue={typed}
						aria-invalid={refused || undefined}
						aria-describedby={refused ? `${id}-error` : undefined}
					/>
					{error ? (
						<p id={`${id}-error`} className="field-errors" role="alert">
							{t(error)}
						</p>
					) : null}
				</div>
				<button type="submit" className="button">
					{submitLabel}
				</button>
			</Form>
		</details>
	)
}
