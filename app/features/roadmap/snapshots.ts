/**
 * What the snapshots pages share with the browser: the take-one form's schema and a snapshot's name
 * as a person reads it.
 */
import { z } from 'zod'
import { formatDate } from '#app/utils/format.ts'
import type { Language } from '#app/utils/i18n.ts'

/** The longest name a snapshot may have. */
export const SNAPSHOT_NAME_MAX = 120

/** Taking a snapshot on demand: its name, 1–120 characters once trimmed. */
export const TakeSnapshotSchema = z.object({
	intent: z.literal('take'),
	name: z
		.string({ error: 'snapshots.errors.nameRequired' })
		.trim()
		.min(1, { error: 'snapshots.errors.nameRequired' })
		.max(SNAPSHOT_NAME_MAX, { error: 'snapshots.errors.nameTooLong' }),
})

type T = (key: string, options?: Record<string, unknown>) => string

/** A close snapshot is named after its cohort, in the reader's language; one taken on demand by its taker. */
export function snapshotName(snapshot: { name: string; reason: string; created_at: string }, language: Language, t: T) {
	return snapshot.reason === 'close'
		? t('snapshots.closeName', { cohort: snapshot.name, date: formatDate(snapshot.created_at, language) })
		: snapshot.name
}
