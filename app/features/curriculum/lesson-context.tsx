import { createContext, useContext } from 'react'

type CheckState = {
	answer: string[]
	correct: boolean
	attempts: number
	explanation: string
	/** The options chosen in the latest answer, each with its own explanation (null when it has none). */
	chosen: Array<{ value: string; label: string; explain: string | null }>
}

type ReflectionState = { body: string; shared: boolean; updatedAt: string }

/** A reply of someone who runs the delegate's cohort to a reflection the delegate shared. */
export type ReflectionReply = { id: number; author: string | null; body: string; created_at: string }

type LessonContextValue = {
	checks: Record<string, CheckState | undefined>
	reflections: Record<string, ReflectionState | undefined>
	/** Replies to the delegate's shared reflections, by reflection id. */
	replies: Record<string, ReflectionReply[] | undefined>
	/** The action's error for one form (`check:<id>` / `reflection:<id>`), when the page was posted without JavaScript. */
	formError: { formId: string; error: string; draft?: string } | null
}

/** What the lesson page's action answers: the form the post came from and Conform's reply to it. */
export type LessonActionResult = {
	formId?: string
	result?: { error?: Record<string, string[] | null> | null; initialValue?: Record<string, unknown> | null }
	correct?: boolean
	savedAt?: string
}

/** The first message of a reply: about the whole form, else about one of its fields. */
export function firstError(result: LessonActionResult['result']): string | null {
	const errors = result?.error
	if (!errors) return null
	return errors['']?.[0] ?? Object.values(errors).find((messages) => messages?.length)?.[0] ?? null
}

/** A refused post without JavaScript: its form, its message and (a reflection's) typed text to bring back. */
export function lessonFormError(actionData: LessonActionResult | undefined): LessonContextValue['formError'] {
	const error = firstError(actionData?.result)
	if (!actionData?.formId || !error) return null
	const draft = actionData.result?.initialValue?.body
	return { formId: actionData.formId, error, draft: typeof draft === 'string' ? draft.slice(0, 60_000) : undefined }
}

export const LessonContext = createContext<LessonContextValue>({
	checks: {},
	reflections: {},
	replies: {},
	formError: null,
})

export function useLessonContext() {
	return useContext(LessonContext)
}
