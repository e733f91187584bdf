import { useTranslation } from 'react-i18next'

const SYMBOL: Record<string, string> = { open: '○', scheduled: '◷', in_progress: '◐', done: '✓', declined: '✕' }

/** A TA request's status as a symbol and words (never colour alone). */
export function AssistanceStatusBadge({ status }: { status: string }) {
	const { t } = useTranslation()
	return (
		<span className={`badge badge--ta-${status}`}>
			<span aria-hidden="true">{SYMBOL[status] ?? '·'} </span>
			{t(`assistance.statuses.${status}`)}
		</span>
	)
}
