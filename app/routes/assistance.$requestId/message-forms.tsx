import { Form } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { ErrorList } from '#app/components/ui/forms.tsx'
import { describedBy, type FormErrors } from './errors.ts'

/** A message to the delegation and, for those who run the cohort, an internal note: each its own form. */
export function MessageForms({
	allowed,
	errorsOf,
}: {
	allowed: { message: boolean; note: boolean }
	errorsOf: (intent: 'message' | 'note') => FormErrors
}) {
	const { t } = useTexts()
	const forms = [
		{ intent: 'message', label: t('assistance.addMessage'), submit: t('assistance.send') },
		{ intent: 'note', label: t('assistance.addNote'), submit: t('assistance.saveNote') },
	] as const
	return (
		<>
			{forms
				.filter((form) => allowed[form.intent])
				.map((form) => {
					const errors = errorsOf(form.intent)
					return (
						<Form key={form.intent} method="post" className="stack">
							<input type="hidden" name="intent" value={form.intent} />
							<div className="field">
								<label htmlFor={`${form.intent}-body`}>{form.label}</label>
								<textarea id={`${form.intent}-body`} name="body" rows={3} {...describedBy(errors, 'body', form.intent)} />
								<ErrorList id={`${form.intent}-error`} errors={errors?.body} />
							</div>
							<button type="submit" className="button">
								{form.submit}
							</button>
						</Form>
					)
				})}
		</>
	)
}
