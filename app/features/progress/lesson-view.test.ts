import { describe, expect, test } from 'vitest'
import { getProgressRows, recordLessonView } from '#app/features/progress/progress.server.ts'
import { db } from '#app/utils/db.server.ts'
import { userIdFor } from '#tests/helpers.ts'

const viewedAt = async (userId: string, lessonKey: string) =>
	(
		await db
			.selectFrom('lesson_progress')
			.select('last_viewed_at')
			.where('user_id', '=', userId)
			.where('lesson_key', '=', lessonKey)
			.executeTakeFirst()
	)?.last_viewed_at

// The lesson page hands over the progress rows it has read; other callers let it read them.
describe.each([
	['reading the latest view itself', false],
	['given the rows the lesson page read', true],
])('recording a lesson view, %s', (_name, withRows) => {
	const recordLessonViewOf = async (userId: string, lessonKey: string) =>
		withRows ? recordLessonView(userId, lessonKey, await getProgressRows(userId)) : recordLessonView(userId, lessonKey)

	test('reloading the lesson one is on writes nothing; opening another, then coming back, moves "resume" back', async () => {
		const userId = await userIdFor('delegate.bo@example.org')
		const a = 'localization/what-localization-means'
		const b = 'localization/working-with-local-networks'
		const minuteAgo = new Date(Date.now() - 30_000).toISOString()
		await db.deleteFrom('lesson_progress').where('user_id', '=', userId).execute()
		await db
			.insertInto('lesson_progress')
			.values({ user_id: userId, lesson_key: a, first_viewed_at: minuteAgo, last_viewed_at: minuteAgo })
			.execute()

		// Reloading a, the latest lesson, 30 s later: no write.
		await recordLessonViewOf(userId, a)
		expect(await viewedAt(userId, a)).toBe(minuteAgo)

		// Opening b, then a again: a is the latest once more, so "resume" points at it.
		await recordLessonViewOf(userId, b)
		await new Promise((resolve) => setTimeout(resolve, 5))
		await recordLessonViewOf(userId, a)
		const [afterA, afterB] = [await viewedAt(userId, a), await viewedAt(userId, b)]
		expect(afterA! > afterB!).toBe(true)

		// More than a minute later, a reload is recorded.
		const longAgo = new Date(Date.now() - 120_000).toISOString()
		await db.updateTable('lesson_progress').set({ last_viewed_at: longAgo }).where('user_id', '=', userId).execute()
		await recordLessonViewOf(userId, a)
		expect(await viewedAt(userId, a)).not.toBe(longAgo)
	})
})
