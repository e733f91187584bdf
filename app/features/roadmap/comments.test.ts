import { describe, expect, test } from 'vitest'
import * as overview from '#app/routes/roadmaps.$delegationId._index.tsx'
import * as section from '#tests/roadmap-section.ts'
import { db } from '#app/utils/db.server.ts'
import { type CommentThread, countComments } from '#app/features/roadmap/threads.ts'
import { requestAs, routeArgs, run, userIdFor } from '#tests/helpers.ts'

/**
 * Comment threads on a roadmap's section pages, through the page's own loader and action: threads
 * about an item (listed beside it) or the whole section, replies in order, resolving and reopening
 * the thread, and what is refused.
 */
const MEMBER = 'pa2@example.org'
const FACILITATOR = 'facilitator@example.org'
const ACTION = 'pa-action-1'
const pa = { delegationId: 'panama-2025-pa' }
const path = (name: string) => `/roadmaps/panama-2025-pa/${name}`

type SectionPage = { threadsByItem: Record<string, CommentThread[]>; sectionThreads: CommentThread[] }
type Refusal = {
	result: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> }
	feedback: { formKey?: string; message?: string }
}

async function post(email: string, form: Record<string, string>, name = 'strategic-design', delegation = pa) {
	const request = await requestAs(email, `/roadmaps/${delegation.delegationId}/${name}`, { form })
	return run(() => section.action(routeArgs(request, { ...delegation, section: name })))
}

async function page(email = MEMBER, name = 'strategic-design') {
	const request = await requestAs(email, path(name))
	const result = await run(() => section.loader(routeArgs(request, { ...pa, section: name })))
	expect(result.status).toBe(200)
	return result.data as SectionPage
}

/** The id of the comment a successful post points at (`#comment-<id>`). */
function postedId(result: Awaited<ReturnType<typeof post>>) {
	expect(result.status).toBe(302)
	const location = result.response!.headers.get('Location')!
	expect(location).toMatch(/^\/roadmaps\/panama-2025-pa\/[a-z-]+#comment-\d+$/)
	return Number(location.split('#comment-')[1])
}

describe('comment threads', () => {
	test('a member starts a thread on an action, a facilitator replies, replies come in order under it, and the counts follow', async () => {
		const started = postedId(await post(MEMBER, { intent: 'comment', itemId: ACTION, body: '¿Quién financia el programa en 2027?' }))
		const first = postedId(
			await post(FACILITATOR, { intent: 'reply', commentId: String(started), body: 'El presupuesto nacional, según el plan.' }),
		)
		// Replying to a reply joins the same thread (threads are one level deep), about the same action.
		const second = postedId(await post(MEMBER, { intent: 'reply', commentId: String(first), body: 'Gracias, lo anotamos.' }))
		const sectionThread = postedId(await post(FACILITATOR, { intent: 'comment', body: 'Buen avance en el diseño.' }))

		const data = await page()
		const threads = data.threadsByItem[ACTION]!
		expect(threads).toHaveLength(1)
		expect(threads[0]).toMatchObject({ id: started, item_id: ACTION, body: '¿Quién financia el programa en 2027?', resolved_at: null })
		expect(threads[0]!.replies.map((r) => [r.id, r.body, r.author])).toEqual([
			[first, 'El presupuesto nacional, según el plan.', 'Fernando Ficticio'],
			[second, 'Gracias, lo anotamos.', 'Pablo Ejemplo'],
		])
		expect(countComments(threads)).toEqual({ comments: 3, open: 1 })
		// The section's own thread stays in the panel, not beside an item.
		expect(data.sectionThreads.map((t) => t.id)).toEqual([sectionThread])
		const saved = await db
			.selectFrom('roadmap_comments')
			.select(['id', 'parent_id', 'item_id'])
			.where('id', 'in', [first, second])
			.execute()
		expect(saved).toEqual(
			expect.arrayContaining([
				{ id: first, parent_id: started, item_id: ACTION },
				{ id: second, parent_id: started, item_id: ACTION },
			]),
		)
		// Another section of the roadmap lists none of them.
		const monitoring = await page(MEMBER, 'monitoring')
		expect(monitoring.sectionThreads).toEqual([])
		expect(Object.keys(monitoring.threadsByItem)).toEqual([])
	})

	test('resolving a reply resolves its thread; reopening opens it again; the overview counts open threads', async () => {
		const started = postedId(await post(FACILITATOR, { intent: 'comment', itemId: 'pa-objective-1', body: '¿Es 30 % realista?' }))
		const reply = postedId(await post(MEMBER, { intent: 'reply', commentId: String(started), body: 'Sí, con la ley de cuotas.' }))
		const openThreads = async () => {
			const request = await requestAs(MEMBER, '/roadmaps/panama-2025-pa')
			const result = await run(() => overview.loader(routeArgs(request, pa)))
			return (result.data as { openComments: Record<string, number> }).openComments['strategic-design'] ?? 0
		}
		const before = await openThreads()

		const resolved = await post(MEMBER, { intent: 'resolve', commentId: String(reply), resolved: 'true' })
		expect(resolved.status).toBe(302)
		expect(resolved.response!.headers.get('Location')).toBe(`${path('strategic-design')}#comment-${started}`)
		let thread = (await page()).threadsByItem['pa-objective-1']![0]!
		expect(thread.resolved_at).not.toBeNull()
		expect(thread.resolvedBy).toBe('Pablo Ejemplo')
		expect(countComments([thread])).toEqual({ comments: 2, open: 0 })
		const rows = await db.selectFrom('roadmap_comments').select(['id', 'resolved_by']).where('id', 'in', [started, reply]).execute()
		expect(rows).toEqual(
			expect.arrayContaining([
				{ id: started, resolved_by: await userIdFor(MEMBER) },
				{ id: reply, resolved_by: null },
			]),
		)
		expect(await openThreads()).toBe(before - 1)

		expect((await post(FACILITATOR, { intent: 'resolve', commentId: String(started), resolved: 'false' })).status).toBe(302)
		thread = (await page()).threadsByItem['pa-objective-1']![0]!
		expect(thread.resolved_at).toBeNull()
		expect(await openThreads()).toBe(before)
	})

	test('an empty or too long reply is a 400 next to its field, with the text given back; nothing is saved', async () => {
		const started = postedId(await post(MEMBER, { intent: 'comment', itemId: ACTION, body: 'Un hilo para probar' }))
		const count = async () => (await db.selectFrom('roadmap_comments').select('id').execute()).length
		const before = await count()
		for (const [body, message] of [
			['   ', 'roadmap.errors.commentEmpty'],
			['x'.repeat(4001), 'roadmap.errors.commentTooLong'],
		] as const) {
			const result = await post(FACILITATOR, { intent: 'reply', commentId: String(started), body })
			expect(result.status).toBe(400)
			const refusal = result.data as Refusal
			expect(refusal.feedback.formKey).toBe(`reply-${started}`)
			expect(refusal.result.error?.body).toEqual([message])
			expect(refusal.result.initialValue?.body).toBe(body)
		}
		// A new thread beside the item says so beside that item's fold.
		const empty = await post(MEMBER, { intent: 'comment', itemId: ACTION, body: '' })
		expect(empty.status).toBe(400)
		expect((empty.data as Refusal).feedback.formKey).toBe(`comment-item-${ACTION}`)
		expect(await count()).toBe(before)
	})

	test('a reply to a comment of another roadmap or section, or to none, is a 404; so is resolving one', async () => {
		const here = postedId(await post(MEMBER, { intent: 'comment', body: 'Sobre el diseño' }))
		// A comment of Costa Rica's roadmap, by its own member.
		const crStarted = await post('cr1@example.org', { intent: 'comment', body: 'Costa Rica' }, 'strategic-design', {
			delegationId: 'panama-2025-cr',
		})
		expect(crStarted.status).toBe(302)
		const foreign = Number(crStarted.response!.headers.get('Location')!.split('#comment-')[1])
		const before = (await db.selectFrom('roadmap_comments').select('id').execute()).length
		for (const form of [
			{ intent: 'reply', commentId: String(foreign), body: 'Intruso' },
			{ intent: 'reply', commentId: '999999', body: 'A nadie' },
			{ intent: 'resolve', commentId: String(foreign), resolved: 'true' },
		] as Array<Record<string, string>>) {
			const result = await post(FACILITATOR, form)
			expect(result.status, JSON.stringify(form)).toBe(404)
			expect((result.data as Refusal).feedback.message).toBe('roadmap.errors.commentNotFound')
		}
		// The same roadmap's comment, posted to another section's page.
		expect((await post(FACILITATOR, { intent: 'reply', commentId: String(here), body: 'Otra sección' }, 'monitoring')).status).toBe(404)
		expect((await post(MEMBER, { intent: 'resolve', commentId: String(here), resolved: 'true' }, 'coordination')).status).toBe(404)
		expect((await db.selectFrom('roadmap_comments').select('id').execute()).length).toBe(before)
		const cr = await db.selectFrom('roadmap_comments').select('resolved_at').where('id', '=', foreign).executeTakeFirstOrThrow()
		expect(cr.resolved_at).toBeNull()
	})

	test('only members and those who run the cohort reply: another delegation and another cohort’s facilitator are refused', async () => {
		const started = postedId(await post(MEMBER, { intent: 'comment', body: 'Pregunta abierta' }))
		for (const email of ['delegate.bo@example.org', 'facilitator.pos@example.org', 'alumni.tt@example.org']) {
			expect((await post(email, { intent: 'reply', commentId: String(started), body: 'No debería' })).status, email).toBe(403)
			expect((await post(email, { intent: 'resolve', commentId: String(started), resolved: 'true' })).status, email).toBe(403)
		}
		expect((await post('staff@example.org', { intent: 'reply', commentId: String(started), body: 'Desde la Academia' })).status).toBe(302)
		const thread = (await page()).sectionThreads.find((t) => t.id === started)!
		expect(thread.replies.map((r) => r.body)).toEqual(['Desde la Academia'])
		expect(thread.resolved_at).toBeNull()
	})
})
