/**
 * One delivery pass of the outbox, by hand: sends every message that is due now (what the app's
 * background sender does every few seconds) and says how it went.
 *   npm run mail:send
 * Without SMTP_URL there is nothing to send: mail is kept and read in the app at /mail.
 */
import { mailIsKept } from '#app/features/mail/outbox.server.ts'
import { deliverDueMail } from '#app/features/mail/sender.server.ts'
import { db } from '#app/utils/db.server.ts'

try {
	if (mailIsKept()) {
		console.log('SMTP_URL is not set: mail is kept in the outbox and read in the app at /mail. Nothing to send.')
	} else {
		let total = { sent: 0, retrying: 0, failed: 0 }
		for (;;) {
			const result = await deliverDueMail()
			total = { sent: total.sent + result.sent, retrying: total.retrying + result.retrying, failed: total.failed + result.failed }
			if (result.sent + result.retrying + result.failed === 0) break
			if (result.retrying) break
		}
		console.log(`Mail: ${total.sent} sent, ${total.retrying} to retry later, ${total.failed} not delivered (see /mail).`)
		process.exitCode = total.retrying || total.failed ? 1 : 0
	}
} finally {
	await db.destroy()
}
