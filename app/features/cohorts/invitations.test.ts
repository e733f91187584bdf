import { describe, expect, test } from 'vitest'
import { sha256 } from '#app/features/auth/auth.server.ts'
import { db } from '#app/utils/db.server.ts'
import {
	acceptInvitation,
	createInvitation,
	findInvitation,
	invitationState,
	InvitationUnavailableError,
} from '#app/features/cohorts/invitations.server.ts'

const joiner = { sector: 'civil_society' as const, organisation: 'A network', position: 'Member' }

function newUser(email: string) {
	return { email, name: 'Invented Person', passwordHash: 'x', language: 'es' as const }
}

describe('invitations', () => {
	test('only the hash of the token is stored', async () => {
		const { token, id } = await createInvitation({
			cohortId: 'panama-2025',
			delegationId: 'panama-2025-ec',
			role: 'delegate',
			email: 'new.ec@example.org',
			createdBy: null,
		})
		const row = await db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
		expect(row.token_hash).toBe(sha256(token))
		expect(JSON.stringify(row)).not.toContain(token)
		expect((await findInvitation(token))?.id).toBe(id)
	})

	test('accepting adds the person to the invitation’s delegation', async () => {
		const { token, id } = await createInvitation({
			cohortId: 'panama-2025',
			delegationId: 'panama-2025-cr',
			role: 'delegate',
			email: 'new.cr@example.org',
			createdBy: null,
		})
		const userId = crypto.randomUUID()
		await acceptInvitation({ invitationId: id, userId, newUser: newUser('new.cr@example.org'), joiner })
		const member = await db.selectFrom('delegation_members').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow()
		expect(member.delegation_id).toBe('panama-2025-cr')
		expect(invitationState((await findInvitation(token))!)).toBe('used')
	})

	test('a link used by two requests at the same moment succeeds once, and leaves one account', async () => {
		const { id } = await createInvitation({
			cohortId: 'panama-2025',
			delegationId: 'panama-2025-bo',
			role: 'delegate',
			email: 'race.bo@example.org',
			createdBy: null,
		})
		const attempts = await Promise.allSettled(
			['a', 'b', 'c'].map((suffix) =>
				acceptInvitation({
					invitationId: id,
					userId: `race-${suffix}`,
					newUser: newUser(`race-${suffix}@example.org`),
					joiner,
				}),
			),
		)
		expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1)
		for (const failed of attempts.filter((a) => a.status === 'rejected')) {
			expect((failed as PromiseRejectedResult).reason).toBeInstanceOf(InvitationUnavailableError)
		}
		const users = await db.selectFrom('users').select('id').where('id', 'like', 'race-%').execute()
		expect(users).toHaveLength(1)
	})

	test('expired and revoked links cannot be accepted', async () => {
		const expired = await createInvitation({
			cohortId: 'panama-2025',
			delegationId: 'panama-2025-pa',
			role: 'delegate',
			email: 'late.pa@example.org',
			createdBy: null,
			now: new Date(Date.now() - 20 * 86_400_000),
		})
		expect(invitationState((await findInvitation(expired.token))!)).toBe('expired')
		await expect(
			acceptInvitation({ invitationId: expired.id, userId: 'late', newUser: newUser('late.pa@example.org'), joiner }),
		).rejects.toBeInstanceOf(InvitationUnavailableError)

		const revoked = await createInvitation({
			cohortId: 'panama-2025',
			delegationId: 'panama-2025-pa',
			role: 'delegate',
			email: 'revoked.pa@example.org',
			createdBy: null,
		})
		await db.updateTable('invitations').set({ revoked_at: new Date().toISOString() }).where('id', '=', revoked.id).execute()
		expect(invitationState((await findInvitation(revoked.token))!)).toBe('revoked')
		await expect(
			acceptInvitation({ invitationId: revoked.id, userId: 'rev', newUser: newUser('revoked.pa@example.org'), joiner }),
		).rejects.toBeInstanceOf(InvitationUnavailableError)
	})

	test('an unknown or malformed token finds nothing', async () => {
		expect(await findInvitation('x'.repeat(43))).toBeUndefined()
		expect(await findInvitation('../../etc/passwd')).toBeUndefined()
	})
})
