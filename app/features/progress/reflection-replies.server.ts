/**
 * Replies to shared reflections: someone who runs a cohort (its facilitators, Academy staff) answers
 * a reflection that a delegate of the cohort shared with facilitators. The delegate reads the
 * replies under their reflection in the lesson; on the cohort's reflections page, those who run the
 * cohort read the replies written in it — nobody else reads them.
 */
import { z } from 'zod'
import { db } from '#app/utils/db.server.ts'
import { nowIso } from '#app/utils/misc.ts'

export const REFLECTION_REPLY_MAX_LENGTH = 4000

/** The reply form of the cohort's reflections page: which reflection (its author, lesson, prompt), and the reply. */
export const ReflectionReplySchema = z.object({
	intent: z.literal('reply'),
	userId: z.string({ error: 'reflections.badRequest' }).max(100, { error: 'reflections.badRequest' }),
	lessonKey: z.string({ error: 'reflections.badRequest' }).max(200, { error: 'reflections.badRequest' }),
	reflectionId: z.string({ error: 'reflections.badRequest' }).max(100, { error: 'reflections.badRequest' }),
	body: z
		.string({ error: 'reflections.replyEmpty' })
		.trim()
		.min(1, { error: 'reflections.replyEmpty' })
		.max(REFLECTION_REPLY_MAX_LENGTH, { error: 'reflections.replyTooLong' }),
})

export type ReflectionKey = { userId: string; lessonKey: string; reflectionId: string }

/** One string per reflection, to group replies by and to name its reply form on the page. */
export function reflectionKey(key: ReflectionKey) {
	return `${key.userId}-${key.lessonKey}-${key.reflectionId}`.replace(/[^\w-]/g, '-')
}

/**
 * Answers a reflection as `authorId`, in the cohort: the reflection must exist, be shared with
 * facilitators and belong to a delegate of that cohort (else null, a 404 for the page). The caller
 * has checked that the author runs the cohort.
 */
export async function replyToReflection(cohortId: string, authorId: string, input: ReflectionKey & { body: string }) {
	const reflection = await db
		.selectFrom('reflections as r')
		.innerJoin('delegation_members as m', 'm.user_id', 'r.user_id')
		.innerJoin('delegations as d', 'd.id', 'm.delegation_id')
		.select('r.user_id')
		.where('r.user_id', '=', input.userId)
		.where('r.lesson_key', '=', input.lessonKey)
		.where('r.reflection_id', '=', input.reflectionId)
		.where('r.shared', '=', 1)
		.where('r.shared_cohort_id', '=', cohortId)
		.where('d.cohort_id', '=', cohortId)
		.executeTakeFirst()
	if (!reflection) return null
	const row = await db
		.insertInto('reflection_replies')
		.values({
			reflection_user_id: input.userId,
			lesson_key: input.lessonKey,
			reflection_id: input.reflectionId,
			cohort_id: cohortId,
			user_id: authorId,
			body: input.body,
			created_at: nowIso(),
		})
		.returning('id')
		.executeTakeFirstOrThrow()
	return { id: row.id }
}

function replies() {
	return db
		.selectFrom('reflection_replies as p')
		.leftJoin('users as u', 'u.id', 'p.user_id')
		.select(['p.id', 'p.reflection_user_id', 'p.lesson_key', 'p.reflection_id', 'p.body', 'p.created_at', 'u.name as author'])
		.orderBy('p.id')
}

export type ReflectionReplyView = { id: number; author: string | null; body: string; created_at: string }

/** The replies written in a cohort, in order, by reflection (`reflectionKey`). */
export async function cohortReflectionReplies(cohortId: string) {
	const rows = await replies().where('p.cohort_id', '=', cohortId).execute()
	const byReflection: Record<string, ReflectionReplyView[]> = {}
	for (const row of rows) {
		const key = reflectionKey({ userId: row.reflection_user_id, lessonKey: row.lesson_key, reflectionId: row.reflection_id })
		;(byReflection[key] ??= []).push({ id: row.id, author: row.author, body: row.body, created_at: row.created_at })
	}
	return byReflection
}

/** The replies to the viewer's own reflections of one lesson, in order, by reflection id (whoever answered, in any of their cohorts). */
export async function repliesToOwnReflections(userId: string, lessonKey: string) {
	const rows = await replies().where('p.reflection_user_id', '=', userId).where('p.lesson_key', '=', lessonKey).execute()
	const byReflection: Record<string, ReflectionReplyView[]> = {}
	for (const row of rows) {
		;(byReflection[row.reflection_id] ??= []).push({ id: row.id, author: row.author, body: row.body, created_at: row.created_at })
	}
	return byReflection
}
