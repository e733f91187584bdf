import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { env } from '#app/utils/env.server.ts'

let secret: string | undefined

/**
 * The server's secret (APP_SECRET). When it is not configured, one is generated at first start and
 * kept in APP_SECRET_FILE (created with mode 0600, never in the repository): every worker of this
 * machine reads the same file; the first to start writes it.
 */
export function appSecret(): string {
	if (secret) return secret
	if (env.APP_SECRET) return (secret = env.APP_SECRET)
	const file = env.APP_SECRET_FILE
	try {
		secret = fs.readFileSync(file, 'utf8').trim()
	} catch {
		fs.mkdirSync(path.dirname(file), { recursive: true })
		// Written whole under a name of its own, then linked into place: another worker starting at the
		// same moment either wins the link (and this one reads its secret) or finds no file half-written.
		const draft = `${file}.${process.pid}.tmp`
		fs.writeFileSync(draft, randomBytes(48).toString('base64url'), { mode: 0o600 })
		try {
			fs.linkSync(draft, file)
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
		} finally {
			fs.rmSync(draft, { force: true })
		}
		secret = fs.readFileSync(file, 'utf8').trim()
	}
	if (secret.length < 32) throw new Error(`The secret in ${file} is shorter than 32 characters: delete the file to make a new one.`)
	return secret
}
