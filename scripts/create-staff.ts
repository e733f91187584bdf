/**
 * Creates the first Academy staff account on a real install:
 *   npm run user:create-staff -- --email you@example.org --name "Your Name"
 * A random password is printed once; change it under Settings after signing in.
 */
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import { hash } from '@node-rs/argon2'
import { z } from 'zod'
import { assertDatabaseReady, describeDatabase, openDatabase } from '#db/connection.ts'

const { values } = parseArgs({
	options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
})
const parsed = z
	.object({
		email: z.email().transform((email) => email.toLowerCase()),
		name: z.string().trim().min(2).max(100),
		password: z.string().min(10).max(200).optional(),
	})
	.safeParse(values)
if (!parsed.success) {
	console.error('Usage: npm run user:create-staff -- --email you@example.org --name "Your Name" [--password …]')
	for (const issue of parsed.error.issues) console.error(`  --${issue.path.join('.')}: ${issue.message}`)
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
/** The audit log's line for the new role, as recordAudit writes it (this script runs without the app's modules). */
const staffGranted = (userId: string) => ({
	at: new Date().toISOString(),
	actor_id: null,
	actor_name: null,
	action: 'role.staff_granted',
	target_type: 'user',
	target_id: userId,
	cohort_id: null,
	ip: null,
	details: JSON.stringify({ by: 'npm run user:create-staff' }),
})
const existing = await db.selectFrom('users').select('id').where('email', '=', parsed.data.email).executeTakeFirst()
if (existing) {
	await db.transaction().execute(async (trx) => {
		await trx.updateTable('users').set({ is_staff: 1 }).where('id', '=', existing.id).execute()
		await trx.insertInto('audit_log').values(staffGranted(existing.id)).execute()
	})
	console.log(`${parsed.data.email} already had an account; it is now Academy staff.`)
} else {
	const password = parsed.data.password ?? randomBytes(12).toString('base64url')
	const id = crypto.randomUUID()
	const passwordHash = await hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 })
	await db.transaction().execute(async (trx) => {
		await trx
			.insertInto('users')
			.values({
				id,
				email: parsed.data.email,
				name: parsed.data.name,
				password_hash: passwordHash,
				is_staff: 1,
				language: null,
				created_at: new Date().toISOString(),
			})
			.execute()
		await trx.insertInto('audit_log').values(staffGranted(id)).execute()
	})
	console.log(`Created staff account ${parsed.data.email} in ${describeDatabase(connection.config)}.`)
	if (!parsed.data.password) console.log(`Its password (shown once): ${password}`)
}
await db.destroy()
