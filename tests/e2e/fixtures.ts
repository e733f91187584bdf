import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import { hash } from '@node-rs/argon2'
import { test as base, type Page, expect } from '@playwright/test'
import { configFor, openDatabase } from '../../db/connection.ts'
import { E2E_DATABASE } from './db.ts'

export const DEMO_PASSWORD = 'academy-demo'

/** The database the e2e server runs on (SQLite, or PostgreSQL with E2E_DATABASE_URL), for test set-up. */
export const db = openDatabase(configFor(E2E_DATABASE, { poolSize: 2 })).db

function sha256(value: string) {
	return createHash('sha256').update(value).digest('hex')
}

/** A new delegate in a delegation, so tests do not step on each other's progress. */
export async function createDelegate(
	options: {
		delegationId?: string
		language?: 'en' | 'es'
		password?: string
	} = {},
) {
	const id = `e2e-${randomBytes(6).toString('hex')}`
	const email = `${id}@example.org`
	await db
		.insertInto('users')
		.values({
			id,
			email,
			name: `Test Delegate ${id.slice(-4)}`,
			password_hash: await hash(options.password ?? DEMO_PASSWORD),
			language: options.language ?? 'es',
			created_at: new Date().toISOString(),
		})
		.execute()
	await db
		.insertInto('delegation_members')
		.values({
			delegation_id: options.delegationId ?? 'panama-2025-ec',
			user_id: id,
			sector: 'government',
			organisation: 'Test ministry',
			position: 'Analyst',
			joined_at: new Date().toISOString(),
		})
		.execute()
	return { id, email }
}

/** An invitation link straight in the database; returns the token for /invite/<token>. */
export async function createInvitationLink(options: {
	delegationId: string
	cohortId: string
	email: string
	name?: string
	expiresInDays?: number
}) {
	const token = randomBytes(32).toString('base64url')
	const now = new Date()
	await db
		.insertInto('invitations')
		.values({
			id: randomBytes(8).toString('hex'),
			token_hash: sha256(token),
			cohort_id: options.cohortId,
			delegation_id: options.delegationId,
			role: 'delegate',
			email: options.email,
			name: options.name ?? '',
			sector: null,
			organisation: null,
			position: null,
			created_by: null,
			created_at: now.toISOString(),
			expires_at: new Date(now.getTime() + (options.expiresInDays ?? 14) * 86_400_000).toISOString(),
		})
		.execute()
	return token
}

/** Signs a browser context in by creating the session in the database (no form). */
export async function loginAs(page: Page, email: string) {
	const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
	const sessionId = randomBytes(20).toString('hex')
	await db
		.insertInto('sessions')
		.values({
			id: sha256(sessionId),
			user_id: user.id,
			expires_at: Math.floor(Date.now() / 1000) + 3600,
			created_at: Math.floor(Date.now() / 1000),
		})
		.execute()
	const baseURL = test.info().project.use.baseURL ?? 'http://localhost:3210'
	await page.context().addCookies([{ name: 'academy_session', value: sessionId, url: baseURL, httpOnly: true, sameSite: 'Lax' }])
}

/** An opening tag's attributes: `name="value"` (no double quote inside a value) or a bare `name`. */
function tagAttributes(source: string) {
	const attributes = new Map<string, string | true>()
	for (const match of source.matchAll(/([A-Za-z][\w-]*)(?:="([^"]*)")?/g)) attributes.set(match[1]!, match[2] ?? true)
	return attributes
}

/** The correct options and explanations of a lesson's checks, read from its MDX source as the e2e server has it. */
/** How many lessons the curriculum has (one English file per lesson in each module folder). */
export const LESSON_COUNT = fs
	.readdirSync('content', { withFileTypes: true })
	.filter((entry) => entry.isDirectory() && /^\d\d-/.test(entry.name))
	.flatMap((folder) => fs.readdirSync(`content/${folder.name}`).filter((file) => /^\d\d-.+\.en\.mdx$/.test(file))).length

/** The attributes part of an opening tag: names, and quoted values that may hold `>`, `/` or spaces. */
const ATTRIBUTES = String.raw`((?:\s+[A-Za-z][\w-]*(?:="[^"]*")?)*)\s*`

export function answerKey(file: string) {
	const source = fs.readFileSync(`content/${file}`, 'utf8')
	const checks = [...source.matchAll(new RegExp(`<KnowledgeCheck${ATTRIBUTES}>([\\s\\S]*?)</KnowledgeCheck>`, 'g'))]
	return checks.map((match) => {
		const attributes = tagAttributes(match[1]!)
		const options = [...match[2]!.matchAll(new RegExp(`<Option${ATTRIBUTES}>([\\s\\S]*?)</Option>`, 'g'))].map((o) => {
			const optionAttributes = tagAttributes(o[1]!)
			const explain = optionAttributes.get('explain')
			return {
				correct: optionAttributes.has('correct'),
				label: o[2]!.trim(),
				explain: typeof explain === 'string' ? explain : null,
			}
		})
		const explanation = /<Explanation>([\s\S]*?)<\/Explanation>/.exec(match[2]!)![1]!.trim()
		return { id: String(attributes.get('id')), multiple: attributes.has('multiple'), options, explanation }
	})
}

/**
 * `page.goto` and `page.reload` wait until React has hydrated the page (when JavaScript is on), so
 * a click is never lost in the moment between the HTML arriving and the scripts taking over.
 */
export const test = base.extend({
	page: async ({ page, javaScriptEnabled }, provide) => {
		const waitForHydration = async () => {
			if (javaScriptEnabled !== false) await page.locator('html[data-hydrated]').waitFor({ state: 'attached' })
		}
		const goto = page.goto.bind(page)
		const reload = page.reload.bind(page)
		page.goto = async (...args: Parameters<typeof goto>) => {
			const response = await goto(...args)
			await waitForHydration()
			return response
		}
		page.reload = async (...args: Parameters<typeof reload>) => {
			const response = await reload(...args)
			await waitForHydration()
			return response
		}
		// Any error in the browser fails the test: a hydration mismatch (the server's HTML thrown away
		// and re-rendered), a Content-Security-Policy violation, an uncaught exception. Failed loads
		// (a 403 page, a refused form) are expected in some tests and are not errors here.
		const errors: string[] = []
		page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`))
		page.on('console', (message) => {
			if (message.type() !== 'error' || message.text().startsWith('Failed to load resource')) return
			errors.push(message.text().slice(0, 300))
		})
		await provide(page)
		expect(errors, 'errors in the browser console').toEqual([])
	},
})
export { expect }
