import { useTexts } from '#app/utils/use-texts.tsx'
import { ASSISTANCE_STATUSES, type AssistanceStatus } from '#app/features/assistance/assistance.ts'
import { isOneOf } from '#app/utils/vocabularies.ts'

const SYMBOL: Record<AssistanceStatus, string> = { open: '○', scheduled: '◷', in_progress: '◐', done: '✓', declined: '✕' }

/** A TA request's status as a symbol and words (never colour alone). */
export function AssistanceStatusBadge({ status }: { status: string }) {
	const { t } = useTexts()
	return <StatusBadge status={status} label={t(`assistance.statuses.${status}`)} />
}

/** The same badge with its words given: for a list that has looked them up once (the TA queue). */
export function StatusBadge({ status, label }: { status: string; label: string }) {
	return (
		<span className={`badge badge--ta-${status}`}>
			<span aria-hidden="true">{`${isOneOf(ASSISTANCE_STATUSES, status) ? SYMBOL[status] : '·'} `}</span>
			{label}
		</span>
	)
}
