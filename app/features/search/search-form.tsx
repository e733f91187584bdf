import { Form } from '@remix-run/react'
import { type ReactNode, useId } from 'react'
import { useTexts } from '#app/utils/use-texts.tsx'

/**
 * The search form: a plain GET form to /search, so it works without JavaScript. The search page
 * passes its own input handling and marks; elsewhere (the learning pages) it is a short form that
 * opens the search page.
 */
export function SearchForm({
	query = '',
	hiddenLabel = false,
	onChange,
	onSubmit,
	children,
	...rest
}: {
	query?: string
	hiddenLabel?: boolean
	onChange?: (value: string) => void
	onSubmit?: (event: React.FormEvent<HTMLFormElement>) => void
	children?: ReactNode
} & Record<`data-${string}`, string | undefined>) {
	const { t } = useTexts()
	const id = useId()
	return (
		<Form method="get" action="/search" role="search" className="search-form" onSubmit={onSubmit} {...rest}>
			<label htmlFor={id} className={hiddenLabel ? 'visually-hidden' : 'search-form__label'}>
				{t('search.label')}
			</label>
			<div className="search-form__row">
				<input
					id={id}
					type="search"
					name="q"
					enterKeyHint="search"
					autoComplete="off"
					spellCheck={false}
					maxLength={100}
					{...(onChange ? { value: query, onChange: (event) => onChange(event.target.value) } : { defaultValue: query })}
				/>
				<button type="submit" className="button">
					{t('search.submit')}
				</button>
			</div>
			{children}
		</Form>
	)
}
