/**
 * The TOTP secrets of two-step sign-in, encrypted at rest.
 *
 * A TOTP secret cannot be hashed (the server computes the codes from it), so it is encrypted with
 * AES-256-GCM under a key that never sits in the database or the repository: `TWO_STEP_KEY`, or,
 * when that is empty, a random key made on first use and kept in `TWO_STEP_KEY_FILE` (mode 0600).
 * A copy of the database (a backup) alone therefore cannot produce anyone's codes. Each secret is
 * bound to its owner (the person's id is the additional authenticated data), so a secret copied to
 * another row does not decrypt. The stored form names the key by a short fingerprint, so a server
 * started with another key says so instead of refusing every code in silence.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { env } from '#app/utils/env.server.ts'

let cachedKey: Buffer | undefined

function decodeKey(text: string) {
	const trimmed = text.trim()
	const key = /^[0-9a-fA-F]{64}$/.test(trimmed) ? Buffer.from(trimmed, 'hex') : Buffer.from(trimmed, 'base64')
	if (key.length !== 32) throw new Error('The two-step key must be 32 bytes (64 hex characters or base64).')
	return key
}

/** The key file, made once: of two processes starting together, one writes it and both read it. */
function keyFromFile(file: string) {
	try {
		return decodeKey(fs.readFileSync(file, 'utf8'))
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
	}
	fs.mkdirSync(path.dirname(file), { recursive: true })
	try {
		fs.writeFileSync(file, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600, flag: 'wx' })
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
	}
	return decodeKey(fs.readFileSync(file, 'utf8'))
}

function key() {
	cachedKey ??= env.TWO_STEP_KEY ? decodeKey(env.TWO_STEP_KEY) : keyFromFile(env.TWO_STEP_KEY_FILE)
	return cachedKey
}

function keyId(value: Buffer) {
	return createHash('sha256').update('two-step key id').update(value).digest('hex').slice(0, 12)
}

export function encryptSecret(secret: string, userId: string) {
	const k = key()
	const iv = randomBytes(12)
	const cipher = createCipheriv('aes-256-gcm', k, iv)
	cipher.setAAD(Buffer.from(userId))
	const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()])
	return ['v1', keyId(k), iv.toString('base64'), ciphertext.toString('base64'), cipher.getAuthTag().toString('base64')].join(':')
}

/** The secret, or throws when it was encrypted with another key or altered. */
export function decryptSecret(stored: string, userId: string) {
	const [version, id, iv, ciphertext, tag] = stored.split(':')
	if (version !== 'v1' || !id || !iv || !ciphertext || !tag) throw new Error('Unreadable two-step secret.')
	const k = key()
	if (id !== keyId(k)) {
		throw new Error(
			`This two-step secret was encrypted with another key (${id}, this server's is ${keyId(k)}): every app server needs the same TWO_STEP_KEY.`,
		)
	}
	const decipher = createDecipheriv('aes-256-gcm', k, Buffer.from(iv, 'base64'))
	decipher.setAAD(Buffer.from(userId))
	decipher.setAuthTag(Buffer.from(tag, 'base64'))
	return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64')), decipher.final()]).toString('utf8')
}
