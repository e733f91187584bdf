import { beforeAll, describe, expect, test } from 'vitest'
import { saveReflection } from '#app/features/progress/progress.server.ts'
import * as lessonPage from '#app/routes/learn.$module.$lesson.tsx'
import * as reflectionsPage from '#app/routes/cohorts.$cohortId.reflections.tsx'
import { db } from '#app/utils/db.server.ts'
import { requestAs, routeArgs, run } from '#tests/helpers.ts'

/**
 * Facilitators (and staff) answer the reflections delegates of their cohort share with them; the
 * delegate reads the answer under their reflection in the lesson, those who run the cohort read it
 * on the cohort's reflections page, and nobody else reads it or writes one.
 */
const LESSON = { module: 'theory-of-change', lesson: 'why-a-theory-of-change' }
const LESSON_KEY = 'theory-of-change/why-a-theory-of-change'
const REFLECTION = 'our-bet'
const BOLIVIA = 'user-delegate-bo'
const PANAMA = 'user-delegate-pa'
const ALUMNI = 'user-alumni-tt'

type Page = {
	reflections: Array<{
		user_id: string
		reflection_id: string
		body: string
		replies: Array<{ id: number; author: string | null; body: string }>
	}>
}
type Refusal = {
	formKey: string
	message: string | null
	result: { error?: Record<string, string[]>; initialValue?: Record<string, unknown> }
}

async function reply(email: string, cohortId: string, form: Record<string, string>) {
	const request = await requestAs(email, `/cohorts/${cohortId}/reflections`, { form: { intent: 'reply', ...form } })
	return run(() => reflectionsPage.action(routeArgs(request, { cohortId })))
}
const to = (userId: string, body: string) => ({ userId, lessonKey: LESSON_KEY, reflectionId: REFLECTION, body })

async function cohortPage(email: string, cohortId: string) {
	const request = await requestAs(email, `/cohorts/${cohortId}/reflections`)
	const result = await run(() => reflectionsPage.loader(routeArgs(request, { cohortId })))
	expect(result.status).toBe(200)
	return result.data as Page
}
async function ownReplies(email: string) {
	const request = await requestAs(email, `/learn/${LESSON.module}/${LESSON.lesson}`)
	const result = await run(() => lessonPage.loader(routeArgs(request, LESSON)))
	expect(result.status).toBe(200)
	return (result.data as { reflectionReplies: Record<string, Array<{ author: string | null; body: string }>> }).reflectionReplies
}
const replyCount = async () => (await db.selectFrom('reflection_replies').select('id').execute()).length

beforeAll(async () => {
	await saveReflection(BOLIVIA, LESSON_KEY, REFLECTION, 'Si el plan tiene presupuesto, las mujeres rurales serán escuchadas.', true)
	await saveReflection(PANAMA, LESSON_KEY, REFLECTION, 'Solo para mí, todavía.', false)
	// Trinidad and Tobago's alumni shares a reflection in the 2024 cohort, then also joins a 2025
	// delegation (one delegate in two cohorts) and saves it again there.
	await saveReflection(ALUMNI, LESSON_KEY, REFLECTION, 'La coordinación interinstitucional es nuestra apuesta.', true)
	await db
		.insertInto('delegation_members')
		.values({ delegation_id: 'panama-2025-bo', user_id: ALUMNI, sector: 'government', joined_at: new Date().toISOString() })
		.execute()
	await saveReflection(ALUMNI, LESSON_KEY, REFLECTION, 'La coordinación interinstitucional sigue siendo nuestra apuesta.', true)
})

describe('replies to shared reflections', () => {
	test('a facilitator of the cohort replies; the delegate reads it in the lesson, the cohort’s page lists it', async () => {
		const result = await reply('facilitator@example.org', 'panama-2025', to(BOLIVIA, '  Gracias: ¿qué presupuesto tiene en mente?  '))
		expect(result.status).toBe(302)
		expect(result.response!.headers.get('Location')).toMatch(/^\/cohorts\/panama-2025\/reflections#reflection-reply-\d+$/)
		expect((await reply('staff@example.org', 'panama-2025', to(BOLIVIA, 'La Academia puede apoyar con costeo.'))).status).toBe(302)

		const mine = await ownReplies('delegate.bo@example.org')
		expect(mine[REFLECTION]!.map((r) => [r.author, r.body])).toEqual([
			['Fernando Ficticio', 'Gracias: ¿qué presupuesto tiene en mente?'],
			['Sofía Ejemplo', 'La Academia puede apoyar con costeo.'],
		])
		const listed = (await cohortPage('facilitator@example.org', 'panama-2025')).reflections.find((r) => r.user_id === BOLIVIA)!
		expect(listed.replies.map((r) => r.body)).toEqual(['Gracias: ¿qué presupuesto tiene en mente?', 'La Academia puede apoyar con costeo.'])
		// Another delegate of the same cohort does not get them with their own reflection of that prompt.
		expect(await ownReplies('delegate.pa@example.org')).toEqual({})
	})

	test('delegates and another cohort’s facilitator cannot reply (403); an unshared, foreign or missing reflection is a 404', async () => {
		const before = await replyCount()
		for (const email of ['delegate.bo@example.org', 'delegate.pa@example.org', 'facilitator.pos@example.org', 'alumni.tt@example.org']) {
			expect((await reply(email, 'panama-2025', to(BOLIVIA, 'No debería poder'))).status, email).toBe(403)
		}
		for (const [cohortId, userId] of [
			['panama-2025', PANAMA], // not shared
			['port-of-spain-2024', BOLIVIA], // shared, but Bolivia's delegate is not in that cohort
			['panama-2025', 'user-nobody'],
		] as const) {
			const result = await reply('staff@example.org', cohortId, to(userId, 'Hola'))
			expect(result.status, `${cohortId} ${userId}`).toBe(404)
			expect((result.data as Refusal).message).toBe('reflections.notShared')
		}
		expect(
			(await reply('facilitator.pos@example.org', 'port-of-spain-2024', { ...to(BOLIVIA, 'Hola'), reflectionId: 'our-problem' })).status,
		).toBe(404)
		expect(await replyCount()).toBe(before)
	})

	test('an empty or too long reply is refused next to its field, with the text given back', async () => {
		const before = await replyCount()
		for (const [body, message] of [
			['   ', 'reflections.replyEmpty'],
			['y'.repeat(4001), 'reflections.replyTooLong'],
		] as const) {
			const result = await reply('facilitator@example.org', 'panama-2025', to(BOLIVIA, body))
			expect(result.status).toBe(400)
			const refusal = result.data as Refusal
			expect(refusal.message).toBeNull()
			expect(refusal.result.error?.body).toEqual([message])
			expect(refusal.result.initialValue?.body).toBe(body)
			expect(refusal.formKey).toBe(`${BOLIVIA}-${LESSON_KEY}-${REFLECTION}`.replace(/[^\w-]/g, '-'))
		}
		expect((await reply('facilitator@example.org', 'panama-2025', { ...to(BOLIVIA, 'ok'), userId: 'u'.repeat(101) })).status).toBe(400)
		expect(await replyCount()).toBe(before)
	})

	test('a reply stays with the cohort it was written in: the other cohort’s facilitators do not read it, the delegate does', async () => {
		expect(
			(await reply('facilitator.pos@example.org', 'port-of-spain-2024', to(ALUMNI, 'Desde Puerto España: bien pensado.'))).status,
		).toBe(302)
		const in2024 = (await cohortPage('facilitator.pos@example.org', 'port-of-spain-2024')).reflections.find((r) => r.user_id === ALUMNI)!
		expect(in2024.body).toBe('La coordinación interinstitucional sigue siendo nuestra apuesta.')
		expect(in2024.replies.map((r) => r.body)).toEqual(['Desde Puerto España: bien pensado.'])
		expect((await ownReplies('alumni.tt@example.org'))[REFLECTION]!.map((r) => r.body)).toEqual(['Desde Puerto España: bien pensado.'])
	})

	test('a reflection shared in one cohort stays there: the facilitators of a cohort the person joins later neither read nor answer it', async () => {
		const in2025 = await cohortPage('facilitator@example.org', 'panama-2025')
		expect(in2025.reflections.find((r) => r.user_id === ALUMNI)).toBeUndefined()
		expect(in2025.reflections.find((r) => r.user_id === BOLIVIA)).toBeDefined()
		expect((await reply('facilitator@example.org', 'panama-2025', to(ALUMNI, 'Desde Panamá.'))).status).toBe(404)
		// The drill-down of the delegate in the later cohort does not show it either.
		const { delegateDetail } = await import('#app/features/progress/dashboard.server.ts')
		expect((await delegateDetail('panama-2025', ALUMNI, 'es'))!.reflections).toEqual([])
		expect((await delegateDetail('port-of-spain-2024', ALUMNI, 'es'))!.reflections).toHaveLength(1)
		// Unshared, then shared again now: it is shared with the cohort the person is in now.
		await saveReflection(ALUMNI, LESSON_KEY, REFLECTION, 'Ahora para el grupo de 2025.', false)
		expect(
			(await cohortPage('facilitator.pos@example.org', 'port-of-spain-2024')).reflections.find((r) => r.user_id === ALUMNI),
		).toBeUndefined()
		await saveReflection(ALUMNI, LESSON_KEY, REFLECTION, 'Ahora para el grupo de 2025.', true)
		expect((await cohortPage('facilitator@example.org', 'panama-2025')).reflections.find((r) => r.user_id === ALUMNI)?.body).toBe(
			'Ahora para el grupo de 2025.',
		)
		expect(
			(await cohortPage('facilitator.pos@example.org', 'port-of-spain-2024')).reflections.find((r) => r.user_id === ALUMNI),
		).toBeUndefined()
	})
})
