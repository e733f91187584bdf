/** The errors Conform's `submission.reply()` sends back for one form, by field name ('' for the whole form). */
export type FormErrors = Record<string, string[] | null> | undefined

/** What a field's control needs to point at its errors. */
export function describedBy(errors: FormErrors, name: string, id = name) {
	return errors?.[name]?.length ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {}
}
