/**
 * One pass of scheduled work, by hand or from cron (with SCHEDULED_WORK_SECONDS=0 on the servers):
 * pre-work reminders, the facilitators' weekly digest, alumni reminders, the hourly comment mail and
 * the daily digest. Idempotent: running it twice, or beside the servers' own passes, sends nothing twice.
 *   npm run notifications:run
 *   npm run notifications:run -- --now 2026-12-08T13:00:00Z   (as if it were then)
 */
import { mailOrigin } from '#app/features/mail/outbox.server.ts'
import { runScheduledWork } from '#app/features/notifications/scheduled.server.ts'
import { db } from '#app/utils/db.server.ts'

const at = process.argv.indexOf('--now')
const now = at === -1 ? new Date() : new Date(process.argv[at + 1] ?? '')
try {
	if (Number.isNaN(now.getTime())) {
		console.error('--now needs a date and time, e.g. --now 2026-12-08T13:00:00Z')
		process.exitCode = 2
	} else {
		const result = await runScheduledWork({ now, origin: mailOrigin() })
		console.log(
			[
				`Scheduled work at ${now.toISOString()}:`,
				`${result.preworkReminders} pre-work reminders,`,
				`${result.cohortDigests} facilitators' digests,`,
				`${result.alumniReminders} alumni reminders,`,
				`${result.batchMails} notification mails,`,
				`${result.dailyDigests} daily digests.`,
			].join(' '),
		)
	}
} finally {
	await db.destroy()
}
