/**
 * Turns two-step sign-in off for a person who lost both their phone and their recovery codes, after
 * staff have made sure who is asking:
 *   npm run user:turn-off-two-step -- --email person@example.org
 * Their secret, recovery codes and pending sign-ins are deleted; they sign in with their password
 * and can set two-step up again (or must, when REQUIRE_TWO_STEP lists their role).
 */
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { assertDatabaseReady, describeDatabase, openDatabase } from '#db/connection.ts'

const { values } = parseArgs({ options: { email: { type: 'string' } } })
const parsed = z.object({ email: z.email().transform((email) => email.toLowerCase()) }).safeParse(values)
if (!parsed.success) {
	console.error('Usage: npm run user:turn-off-two-step -- --email person@example.org')
	process.exit(2)
}
const connection = openDatabase()
try {
	await assertDatabaseReady(connection)
} catch (error) {
	console.error((error as Error).message)
	await connection.db.destroy()
	process.exit(1)
}
const db = connection.db
const user = await db.selectFrom('users').select('id').where('email', '=', parsed.data.email).executeTakeFirst()
if (!user) {
	console.error(`No account with the address ${parsed.data.email} in ${describeDatabase(connection.config)}.`)
	await db.destroy()
	process.exit(1)
}
const turnedOff = await db.transaction().execute(async (trx) => {
	await trx.deleteFrom('two_step_recovery_codes').where('user_id', '=', user.id).execute()
	await trx.deleteFrom('two_step_pending').where('user_id', '=', user.id).execute()
	const result = await trx.deleteFrom('two_step').where('user_id', '=', user.id).executeTakeFirst()
	return Number(result.numDeletedRows) === 1
})
console.log(
	turnedOff
		? `Two-step sign-in is off for ${parsed.data.email}; they sign in with their password and can set it up again.`
		: `${parsed.data.email} did not have two-step sign-in on; nothing changed.`,
)
await db.destroy()
