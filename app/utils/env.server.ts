import path from 'node:path'
import { z } from 'zod'
import { DatabaseEnvSchema } from '#db/connection.ts'

/** Environment variables, validated once at start-up (the database's with them). Every value has a working default. */
const EnvSchema = DatabaseEnvSchema.extend({
	NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
	PORT: z.coerce.number().int().min(1).max(65535).default(3000),
	/** Public origin (https://academy.example.org). Empty: trust the request's Host header. */
	APP_ORIGIN: z.union([z.literal(''), z.url()]).default(''),
	/** 1 when behind a reverse proxy that sets X-Forwarded-For. */
	TRUST_PROXY: z.enum(['0', '1']).default('0'),
	/** The curriculum: one folder per module, one MDX file per lesson and language. */
	CONTENT_DIR: z
		.string()
		.min(1)
		.default(() => path.join(process.cwd(), 'content')),
	/** Compiled curriculum kept on disk, so a restart does not compile every lesson again. */
	CONTENT_CACHE_DIR: z
		.string()
		.min(1)
		.default(() => path.join(process.cwd(), '.cache', 'content')),
	/**
	 * Outgoing mail: smtp://user:pass@host:587 (STARTTLS when the server offers it) or
	 * smtps://user:pass@host:465. Empty: mail is kept in the outbox and read in the app ("Sent mail").
	 */
	SMTP_URL: z
		.union([
			z.literal(''),
			z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.org:587' }),
		])
		.default(''),
	/** The sender of every message: an address, or "Name <address>". */
	MAIL_FROM: z
		.string()
		.trim()
		.regex(/^(?:[^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, {
			error: 'must be an address or "Name <address>", e.g. NAP Academy <academy@example.org>',
		})
		.default('NAP Academy <no-reply@localhost>'),
	/** How long the audit log keeps a row, in days: at least a year (the log's triggers refuse younger deletes). */
	AUDIT_RETENTION_DAYS: z.coerce
		.number()
		.int()
		.min(365, { error: 'must be at least 365 (the audit log is kept at least a year)' })
		.default(400),
}).refine((value) => !value.SMTP_URL || value.APP_ORIGIN, {
	path: ['APP_ORIGIN'],
	error: 'must be set when SMTP_URL is (the links in mail are built from it)',
})

const parsed = EnvSchema.safeParse(process.env)
if (!parsed.success) {
	const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
	throw new Error(`Invalid environment variables:\n${problems.join('\n')}`)
}

export const env = parsed.data

export function isProduction() {
	return env.NODE_ENV === 'production'
}
