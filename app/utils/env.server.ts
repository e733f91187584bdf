import { isIP } from 'node:net'
import path from 'node:path'
import { z } from 'zod'
import { BackupEnvSchema } from '#db/backup.ts'
import { DatabaseEnvSchema } from '#db/connection.ts'

export type TrustProxy = { hops: number } | { proxies: ReadonlySet<string> }

/** IPv4 addresses arrive as `::ffff:1.2.3.4` on a dual-stack socket: compared as `1.2.3.4`. */
export function normaliseAddress(address: string) {
	const trimmed = address.trim()
	return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(trimmed) ? trimmed.slice(7) : trimmed.toLowerCase()
}

const TrustProxySchema = z
	.string()
	.trim()
	.default('0')
	.transform((value, ctx): TrustProxy => {
		if (/^\d+$/.test(value)) return { hops: Number(value) }
		const addresses = value.split(',').map(normaliseAddress).filter(Boolean)
		const wrong = addresses.filter((address) => !isIP(address))
		if (addresses.length === 0 || wrong.length > 0) {
			ctx.addIssue({
				code: 'custom',
				message: `must be a number of proxy hops (0, 1, 2…) or the proxies' addresses separated by commas (not: ${wrong.join(', ') || value})`,
			})
			return z.NEVER
		}
		return { proxies: new Set(addresses) }
	})

/** Environment variables, validated once at start-up (the database's with them). Every value has a working default. */
const EnvSchema = DatabaseEnvSchema.extend(BackupEnvSchema.shape)
	.extend({
		NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
		PORT: z.coerce.number().int().min(1).max(65535).default(3000),
		/** Public origin (https://academy.example.org). Empty: trust the request's Host header. */
		APP_ORIGIN: z.union([z.literal(''), z.url()]).default(''),
		/**
		 * Which reverse proxies to believe about the client's address (X-Forwarded-For): 0 (none, the
		 * default), a number of proxy hops in front of the app (1: one proxy), or a comma-separated list
		 * of the proxies' own addresses. Only what the trusted hops appended is read: the client's
		 * address is the right-most one that no trusted proxy sent.
		 */
		TRUST_PROXY: TrustProxySchema,
		/**
		 * The server's secret for signed device cookies (HMAC-SHA-256), at least 32 characters, the same on
		 * every app server. Unset: one is generated at first start into APP_SECRET_FILE (mode 0600).
		 */
		APP_SECRET: z
			.string()
			.min(32, { error: 'must have at least 32 characters (e.g. openssl rand -base64 48)' })
			.optional()
			.or(z.literal('').transform(() => undefined)),
		/** Where the generated secret is kept when APP_SECRET is unset. */
		APP_SECRET_FILE: z
			.string()
			.min(1)
			.default(() => path.join(process.cwd(), 'data', 'app-secret')),
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
		/** How long the audit log is kept (days); at least a year. Older rows are pruned at start-up and daily. */
		AUDIT_RETENTION_DAYS: z.coerce
			.number()
			.int()
			.min(365, { error: 'must be at least 365 (the audit log is kept at least a year)' })
			.default(400),
	})
	.refine((value) => !value.SMTP_URL || value.APP_ORIGIN, {
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
