import { useTexts } from '#app/utils/use-texts.tsx'
import { formatDateTime } from '#app/utils/format.ts'
import { useLanguage } from '#app/utils/use-language.ts'

type Event = {
	id: number
	kind: string
	internal: number
	body: string | null
	from_value: string | null
	to_value: string | null
	created_at: string
	userName: string | null
}

/** A request's history: its creation, messages, notes (for those who may read them), status changes. */
export function Timeline({ events }: { events: Event[] }) {
	const { t } = useTexts()
	const language = useLanguage()
	return (
		<ol className="plain-list timeline">
			{events.map((event) => (
				<li key={event.id} className={event.internal ? 'comment internal-note' : 'comment'}>
					<p className="muted small">
						{event.userName ?? '—'} · {formatDateTime(event.created_at, language)}
						{event.internal ? ` · 🔒 ${t('assistance.internal')}` : ''}
					</p>
					{event.kind === 'message' || event.kind === 'note' ? (
						<p className="comment__body">{event.body}</p>
					) : event.kind === 'status' ? (
						<p>
							{t('assistance.statusChanged', {
								from: t(`assistance.statuses.${event.from_value}`),
								to: t(`assistance.statuses.${event.to_value}`),
							})}
							{event.body ? ` (${event.body})` : ''}
						</p>
					) : event.kind === 'assign' ? (
						<p>{t('assistance.assignedEvent')}</p>
					) : (
						<p>{t('assistance.createdEvent')}</p>
					)}
				</li>
			))}
		</ol>
	)
}
