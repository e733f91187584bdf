import { describe, expect, test, vi } from 'vitest'

// No mail server: the Academy keeps its mail in the app (the demo, a newcomer's machine).
vi.hoisted(() => {
	delete process.env.SMTP_URL
})

import { db } from '#app/utils/db.server.ts'
import { requestAs, routeArgs, run } from '#tests/helpers.ts'

const params = { cohortId: 'panama-2025', delegationId: 'panama-2025-cr' }
const path = `/cohorts/${params.cohortId}/delegations/${params.delegationId}`

describe('invitation mail without a mail server', () => {
	test('it is kept in the app: the page says to share the link, and the list says "kept"', async () => {
		const route = await import('#app/routes/cohorts.$cohortId.delegations.$delegationId/route.tsx')
		const invited = await run(async () =>
			route.action(
				routeArgs(
					await requestAs('facilitator@example.org', path, {
						form: { intent: 'inviteOne', name: 'Guardada', email: 'kept.cr@example.org', sector: 'government' },
					}),
					params,
				),
			),
		)
		expect(invited.status).toBe(200)
		expect((invited.data as { message: string }).message).toBe('invitations.mailKept')
		const message = await db.selectFrom('mail_outbox').selectAll().where('to_address', '=', 'kept.cr@example.org').executeTakeFirstOrThrow()
		expect(message.status).toBe('kept')
		expect(message.subject).toBe('Su invitación a la delegación de Costa Rica — Academia PAN')

		const page = await run(async () => route.loader(routeArgs(await requestAs('facilitator@example.org', path), params)))
		const invitations = (page.data as { invitations: Array<{ email: string; mail: unknown }> }).invitations
		expect(invitations.find((invitation) => invitation.email === 'kept.cr@example.org')!.mail).toEqual({ status: 'kept', error: null })
	})
})
