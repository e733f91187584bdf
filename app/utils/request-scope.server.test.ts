import { describe, expect, test } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import { getViewer } from '#app/utils/permissions.server.ts'
import { requestScope } from '#app/utils/request-scope.server.ts'
import { cookieFor, userIdFor } from '#tests/helpers.ts'

/** What Remix does for each loader of one request: a Request of its own, with the same URL and headers. */
const copyOf = (request: Request, method = 'GET') => new Request(request.url, { method, headers: request.headers })

describe('the viewer, once per request', () => {
	test('the loaders of one request share one viewer although each has a Request of its own', async () => {
		const cookie = await cookieFor('delegate.pa@example.org')
		const request = new Request('http://localhost/learn', { headers: { Cookie: cookie } })
		await requestScope.run(new Map(), async () => {
			const [root, page] = [getViewer(request), getViewer(copyOf(request))]
			expect(page).toBe(root)
			expect((await root)?.email).toBe('delegate.pa@example.org')
		})
		// Another request (another scope) reads it again.
		const other = requestScope.run(new Map(), () => getViewer(copyOf(request)))
		expect(other).not.toBe(await requestScope.run(new Map(), () => getViewer(copyOf(request))))
	})

	test("an action's viewer is not its page's: the page rendered after a change sees the change", async () => {
		const email = 'delegate.bo@example.org'
		const userId = await userIdFor(email)
		const cookie = await cookieFor(email)
		const post = new Request('http://localhost/settings', { method: 'POST', headers: { Cookie: cookie } })
		const before = (await db.selectFrom('users').select('language').where('id', '=', userId).executeTakeFirstOrThrow()).language
		try {
			await requestScope.run(new Map(), async () => {
				expect((await getViewer(post))?.language).toBe(before)
				await db
					.updateTable('users')
					.set({ language: before === 'es' ? 'en' : 'es' })
					.where('id', '=', userId)
					.execute()
				expect((await getViewer(copyOf(post)))?.language).toBe(before === 'es' ? 'en' : 'es')
			})
		} finally {
			await db.updateTable('users').set({ language: before }).where('id', '=', userId).execute()
		}
	})

	test('a deactivated account is nobody, though its cookie still names a session', async () => {
		const email = 'delegate.pa@example.org'
		const userId = await userIdFor(email)
		const cookie = await cookieFor(email)
		await db.updateTable('users').set({ deactivated_at: new Date().toISOString() }).where('id', '=', userId).execute()
		try {
			const request = new Request('http://localhost/home', { headers: { Cookie: cookie } })
			expect(await requestScope.run(new Map(), () => getViewer(request))).toBeNull()
			expect(await getViewer(copyOf(request))).toBeNull()
		} finally {
			await db.updateTable('users').set({ deactivated_at: null }).where('id', '=', userId).execute()
		}
	})
})
