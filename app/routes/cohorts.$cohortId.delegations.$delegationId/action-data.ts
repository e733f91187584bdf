import { type SubmissionResult } from '@conform-to/react'
import { type RosterError } from '#app/features/cohorts/roster.server.ts'
import { type SharedLink } from '#app/features/share/invitation-share.server.ts'

/** What the delegation page's action answers (see actions.server.ts), as the page's pieces read it. */
export type DelegationActionData = {
	intent: string
	result: SubmissionResult<string[]>
	message?: string
	messageValues?: Record<string, string>
	links?: SharedLink[]
	rosterErrors?: RosterError[]
	imported?: number
	rosterText?: string
}

/** The field errors of the form just posted, when it was the form with this intent (and this member). */
export function fieldErrorsOf(actionData: DelegationActionData | undefined, intent: string, userId?: string) {
	if (actionData?.intent !== intent) return undefined
	if (userId !== undefined && actionData.result.initialValue?.userId !== userId) return undefined
	return actionData.result.error ?? undefined
}

/** The values the form with this intent was just posted with, to show them again next to its errors. */
export function postedValuesOf(actionData: DelegationActionData | undefined, intent: string) {
	if (actionData?.intent !== intent || !actionData.result.error) return undefined
	return (actionData.result.initialValue ?? undefined) as Record<string, string | undefined> | undefined
}
