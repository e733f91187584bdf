import { type Migration } from 'kysely'
import * as foundation from './2026-11-22_01_foundation.ts'
import * as curriculum from './2026-11-22_02_curriculum.ts'
import * as roadmaps from './2026-11-22_03_roadmaps.ts'
import * as assistance from './2026-11-22_04_assistance.ts'
import * as assistanceNames from './2026-12-01_01_assistance_names.ts'
import * as roadmapPerDelegation from './2026-12-01_02_roadmap_per_delegation.ts'
import * as actionCostLines from './2026-12-01_03_action_cost_lines.ts'
import * as commentThreads from './2026-12-02_01_comment_threads.ts'
import * as livePresence from './2026-12-03_01_live_presence.ts'
import * as roadmapSnapshots from './2026-12-03_02_roadmap_snapshots.ts'
import * as assistanceOffers from './2026-12-03_03_assistance_offers.ts'
import * as mailOutbox from './2026-12-04_01_mail_outbox.ts'
import * as calendarFeeds from './2026-12-04_02_calendar_feeds.ts'
import * as notifications from './2026-12-05_01_notifications.ts'
import * as reflectionSharedCohort from './2026-12-06_01_reflection_shared_cohort.ts'
import * as signInDevices from './2026-12-07_01_sign_in_devices.ts'
import * as scheduledJobs from './2026-12-07_02_scheduled_jobs.ts'
import * as twoStep from './2026-12-08_01_two_step.ts'
import * as auditLog from './2026-12-09_01_audit_log.ts'
import * as lessonProgressCompleted from './2026-12-10_01_lesson_progress_completed.ts'

/**
 * Every migration, by name (ISO date prefix). Listed here rather than read from the folder so that
 * the same list works in scripts, tests and the bundled production server.
 */
export const migrations: Record<string, Migration> = {
	'2026-11-22_01_foundation': foundation,
	'2026-11-22_02_curriculum': curriculum,
	'2026-11-22_03_roadmaps': roadmaps,
	'2026-11-22_04_assistance': assistance,
	'2026-12-01_01_assistance_names': assistanceNames,
	'2026-12-01_02_roadmap_per_delegation': roadmapPerDelegation,
	'2026-12-01_03_action_cost_lines': actionCostLines,
	'2026-12-02_01_comment_threads': commentThreads,
	'2026-12-03_01_live_presence': livePresence,
	'2026-12-03_02_roadmap_snapshots': roadmapSnapshots,
	'2026-12-03_03_assistance_offers': assistanceOffers,
	'2026-12-04_01_mail_outbox': mailOutbox,
	'2026-12-04_02_calendar_feeds': calendarFeeds,
	'2026-12-05_01_notifications': notifications,
	'2026-12-06_01_reflection_shared_cohort': reflectionSharedCohort,
	'2026-12-07_01_sign_in_devices': signInDevices,
	'2026-12-07_02_scheduled_jobs': scheduledJobs,
	'2026-12-08_01_two_step': twoStep,
	'2026-12-09_01_audit_log': auditLog,
	'2026-12-10_01_lesson_progress_completed': lessonProgressCompleted,
}
