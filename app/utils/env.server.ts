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
	/** The hour (UTC) from which the daily digest goes out: 12 is 6–9 in the morning across Latin America and the Caribbean. */
	DIGEST_HOUR_UTC: z.coerce.number().int().min(0).max(23).default(12),
	/** How often each app process runs scheduled work (reminders, digests, batched mail); 0: never (run `npm run notifications:run` from cron instead). */
	SCHEDULED_WORK_SECONDS: z.coerce.number().int().min(0).max(86_400).default(60),
	/**
	 * The key that encrypts two-step sign-in secrets: 32 random bytes as 64 hex characters or base64
	 * (`openssl rand -base64 32`). Empty: a key made on first use and kept in TWO_STEP_KEY_FILE.
	 */
	TWO_STEP_KEY: z
		.string()
		.trim()
		.regex(/^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/, {
			error: 'must be 32 bytes as 64 hex characters or base64, e.g. the output of `openssl rand -base64 32`',
		})
		.or(z.literal(''))
		.default(''),
	/** Where the two-step key is kept when TWO_STEP_KEY is empty (made on first use, mode 0600). */
	TWO_STEP_KEY_FILE: z
		.string()
		.min(1)
		.default(() => path.join(process.cwd(), 'data', 'two-step.key')),
	/** Roles that must use two-step sign-in: a comma-separated list of `staff` and `facilitators`, or empty. */
	REQUIRE_TWO_STEP: z
		.string()
		.default('')
		.transform((value) =>
			value
				.split(',')
				.map((part) => part.trim().toLowerCase())
				.filter(Boolean),
		)
		.pipe(z.array(z.enum(['staff', 'facilitators'], { error: 'must list only staff and facilitators, e.g. staff,facilitators' })))
		.transform((roles) => [...new Set(roles)]),
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
