import { createContext, useContext } from 'react'

export type CheckState = {
	answer: string[]
	correct: boolean
	attempts: number
	explanation: string
}

export type ReflectionState = { body: string; shared: boolean; updatedAt: string }

export type LessonContextValue = {
	checks: Record<string, CheckState | undefined>
	reflections: Record<string, ReflectionState | undefined>
	/** The action's error for one form (`check:<id>` / `reflection:<id>`), when the page was posted without JavaScript. */
	formError: { formId: string; error: string; draft?: string } | null
}

export const LessonContext = createContext<LessonContextValue>({
	checks: {},
	reflections: {},
	formError: null,
})

export function useLessonContext() {
	return useContext(LessonContext)
}
