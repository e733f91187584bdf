import { useId } from 'react'
import { useTexts } from '#app/utils/use-texts.tsx'

export type ListOfErrors = Array<string | null | undefined> | null | undefined

/** Error messages are translation keys (zod schemas name them); shown next to the field. */
export function ErrorList({ id, errors }: { id?: string; errors?: ListOfErrors }) {
	const { t } = useTexts()
	const messages = errors?.filter(Boolean) as string[] | undefined
	if (!messages?.length) return null
	return (
		// The alert role sits on a wrapper: on the <ul> itself it would hide that this is a list.
		<div id={id} className="field-errors" role="alert">
			<ul>
				{messages.map((message) => (
					<li key={message}>{t(message)}</li>
				))}
			</ul>
		</div>
	)
}

type FieldProps = {
	label: string
	hint?: string
	errors?: ListOfErrors
	inputProps: React.InputHTMLAttributes<HTMLInputElement> & { key?: string }
}

export function Field({ label, hint, errors, inputProps }: FieldProps) {
	const fallbackId = useId()
	const { key, ...props } = inputProps
	const id = props.id ?? fallbackId
	const errorId = errors?.length ? `${id}-error` : undefined
	const hintId = hint ? `${id}-hint` : undefined
	return (
		<div className="field">
			<label htmlFor={id}>{label}</label>
			{hint ? (
				<p id={hintId} className="field-hint">
					{hint}
				</p>
			) : null}
			<input
				key={key}
				{...props}
				id={id}
				aria-invalid={errorId ? true : undefined}
				aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
			/>
			<ErrorList id={errorId} errors={errors} />
		</div>
	)
}

type SelectFieldProps = {
	label: string
	errors?: ListOfErrors
	options: Array<{ value: string; label: string }>
	selectProps: React.SelectHTMLAttributes<HTMLSelectElement> & { key?: string }
}

export function SelectField({ label, errors, options, selectProps }: SelectFieldProps) {
	const fallbackId = useId()
	const { key, ...props } = selectProps
	const id = props.id ?? fallbackId
	const errorId = errors?.length ? `${id}-error` : undefined
	return (
		<div className="field">
			<label htmlFor={id}>{label}</label>
			<select key={key} {...props} id={id} aria-invalid={errorId ? true : undefined} aria-describedby={errorId}>
				{options.map((option) => (
					<option key={option.value} value={option.value}>
						{option.label}
					</option>
				))}
			</select>
			<ErrorList id={errorId} errors={errors} />
		</div>
	)
}

/** Errors about the whole form (not one field), e.g. a wrong password or a used invitation. */
export function FormErrors({ id, errors, values }: { id?: string; errors?: ListOfErrors; values?: Record<string, unknown> }) {
	const { t } = useTexts()
	const messages = errors?.filter(Boolean) as string[] | undefined
	if (!messages?.length) return null
	return (
		<div className="alert alert--error" id={id} role="alert">
			{messages.map((message) => (
				<p key={message}>{t(message, values)}</p>
			))}
		</div>
	)
}
