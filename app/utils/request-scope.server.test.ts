import { describe, expect, test } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import { getViewer } from '#app/utils/permissions.server.ts'
import { REQUEST_ID_HEADER } from '#app/utils/request-scope.server.ts'
import { cookieFor, userIdFor } from '#tests/helpers.ts'

/** One HTTP request as server.js hands it on: its id in a header, and the session's cookie. */
function incoming(path: string, cookie: string, method = 'GET') {
	return new Request(`http://localhost${path}`, { method, headers: { Cookie: cookie, [REQUEST_ID_HEADER]: crypto.randomUUID() } })
}
/** What Remix does for each loader of one request: a Request of its own, with the same URL and headers. */
const copyOf = (request: Request, method = 'GET') => new Request(request.url, { method, headers: request.headers })

describe('the viewer, once per request', () => {
	test('the loaders of one request share one viewer although each has a Request of its own; the next request reads it again', async () => {
		const cookie = await cookieFor('delegate.pa@example.org')
		const request = incoming('/learn', cookie)
		const [root, page] = [getViewer(copyOf(request)), getViewer(copyOf(request))]
		expect(page).toBe(root)
		expect((await root)?.email).toBe('delegate.pa@example.org')
		expect(getViewer(copyOf(incoming('/learn', cookie)))).not.toBe(root)
	})

	test("another cookie under the same id is another viewer: a request's id never lends one person's viewer to another", async () => {
		const request = incoming('/home', await cookieFor('delegate.pa@example.org'))
		const other = new Request(request.url, {
			headers: { Cookie: await cookieFor('delegate.bo@example.org'), [REQUEST_ID_HEADER]: request.headers.get(REQUEST_ID_HEADER)! },
		})
		expect((await getViewer(request))?.email).toBe('delegate.pa@example.org')
		expect((await getViewer(other))?.email).toBe('delegate.bo@example.org')
	})

	test("an action's viewer is not its page's: the page rendered after a change sees the change", async () => {
		const email = 'delegate.bo@example.org'
		const userId = await userIdFor(email)
		const post = incoming('/settings', await cookieFor(email), 'POST')
		const before = (await db.selectFrom('users').select('language').where('id', '=', userId).executeTakeFirstOrThrow()).language
		const after = before === 'es' ? 'en' : 'es'
		try {
			expect((await getViewer(post))?.language).toBe(before)
			await db.updateTable('users').set({ language: after }).where('id', '=', userId).execute()
			expect((await getViewer(copyOf(post)))?.language).toBe(after)
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
			expect(await getViewer(incoming('/home', cookie))).toBeNull()
		} finally {
			await db.updateTable('users').set({ deactivated_at: null }).where('id', '=', userId).execute()
		}
	})
})
