import { z } from 'zod'
import { getCatalogue, getCompiled, type LessonEntry, pickVersion } from '#app/features/curriculum/content.server.ts'
import { db } from '#app/utils/db.server.ts'
import type { Language } from '#app/utils/i18n.ts'
import { nowIso } from '#app/utils/misc.ts'

/** Lesson progress per user, stored by lesson key (`module/lesson`) so it survives content edits. */

type ProgressRow = { lessonKey: string; lastViewedAt: string; completedAt: string | null }

export async function getProgressRows(userId: string): Promise<ProgressRow[]> {
	const rows = await db
		.selectFrom('lesson_progress')
		.select(['lesson_key', 'last_viewed_at', 'completed_at'])
		.where('user_id', '=', userId)
		.execute()
	return rows.map((row) => ({
		lessonKey: row.lesson_key,
		lastViewedAt: row.last_viewed_at,
		completedAt: row.completed_at,
	}))
}

type ModuleProgress = {
	slug: string
	title: string
	total: number
	completed: number
	lessons: Array<{ key: string; slug: string; title: string; minutes: number; completed: boolean }>
}

type LearningSummary = {
	modules: ModuleProgress[]
	total: number
	completed: number
	minutesLeft: number
	/** The lesson to open next: the last one viewed and not finished, else the first not finished. */
	resume: { key: string; moduleSlug: string; slug: string; title: string; started: boolean } | null
}

/** What a learner has done of the whole curriculum, in the given language. */
export function summarize(rows: ProgressRow[], language: Language): LearningSummary {
	const catalogue = getCatalogue()
	const byKey = new Map(rows.map((row) => [row.lessonKey, row]))
	const isDone = (lesson: LessonEntry) => Boolean(byKey.get(lesson.key)?.completedAt)
	const modules = catalogue.modules.map((module) => {
		const lessons = module.lessons.map((lesson) => {
			const version = pickVersion(lesson.versions, language)
			return {
				key: lesson.key,
				slug: lesson.slug,
				title: version.title,
				minutes: version.minutes,
				completed: isDone(lesson),
			}
		})
		return {
			slug: module.slug,
			title: pickVersion(module.versions, language).title,
			total: lessons.length,
			completed: lessons.filter((lesson) => lesson.completed).length,
			lessons,
		}
	})
	const ordered = catalogue.modules.flatMap((module) => module.lessons)
	const unfinished = ordered.filter((lesson) => !isDone(lesson))
	const lastViewed = unfinished
		.filter((lesson) => byKey.has(lesson.key))
		.sort((a, b) => byKey.get(b.key)!.lastViewedAt.localeCompare(byKey.get(a.key)!.lastViewedAt))[0]
	const next = lastViewed ?? unfinished[0]
	return {
		modules,
		total: ordered.length,
		completed: ordered.length - unfinished.length,
		minutesLeft: unfinished.reduce((sum, lesson) => sum + pickVersion(lesson.versions, language).minutes, 0),
		resume: next
			? {
					key: next.key,
					moduleSlug: next.moduleSlug,
					slug: next.slug,
					title: pickVersion(next.versions, language).title,
					started: Boolean(lastViewed),
				}
			: null,
	}
}

/** A lesson reopened within this time, when it is already the person's latest, is not written again. */
const VIEW_REFRESH_MS = 60_000

/**
 * Records that the person opened a lesson (for "resume where you left off"). `rows`: their progress
 * rows, when the caller has read them already (the lesson page does), so that no query reads them again.
 */
export async function recordLessonView(userId: string, lessonKey: string, rows?: ProgressRow[]) {
	const now = nowIso()
	// Reloading the lesson one is on changes nothing "resume where you left off" shows: skip the write
	// (every write takes SQLite's one write lock, shared by all the app's workers).
	const latest = rows
		? rows.reduce<ProgressRow | undefined>((newest, row) => (!newest || row.lastViewedAt > newest.lastViewedAt ? row : newest), undefined)
		: await db
				.selectFrom('lesson_progress')
				.select(['lesson_key as lessonKey', 'last_viewed_at as lastViewedAt'])
				.where('user_id', '=', userId)
				.orderBy('last_viewed_at', 'desc')
				.limit(1)
				.executeTakeFirst()
	if (latest?.lessonKey === lessonKey && Date.parse(now) - Date.parse(latest.lastViewedAt) < VIEW_REFRESH_MS) return
	await db
		.insertInto('lesson_progress')
		.values({ user_id: userId, lesson_key: lessonKey, first_viewed_at: now, last_viewed_at: now })
		.onConflict((oc) => oc.columns(['user_id', 'lesson_key']).doUpdateSet({ last_viewed_at: now }))
		.execute()
}

/** The checks of a lesson (answer keys included — server only). */
export async function lessonChecks(lesson: LessonEntry) {
	// Checks are the same in every language (the content tests enforce it); English is the key.
	return (await getCompiled(lesson.versions.en!.file)).checks
}

export async function lessonReflections(lesson: LessonEntry) {
	return (await getCompiled(lesson.versions.en!.file)).reflections
}

/** check_attempts.answer: the chosen option values, as JSON. */
const StoredAnswer = z.array(z.string())

/** The latest attempt per check of a lesson for one user. */
export async function latestAttempts(userId: string, lessonKey: string) {
	const rows = await db
		.selectFrom('check_attempts')
		.select(['check_id', 'answer', 'correct', 'created_at'])
		.where('user_id', '=', userId)
		.where('lesson_key', '=', lessonKey)
		.orderBy('id', 'asc')
		.execute()
	const latest = new Map<string, { answer: string[]; correct: boolean; attempts: number }>()
	for (const row of rows) {
		const attempts = (latest.get(row.check_id)?.attempts ?? 0) + 1
		latest.set(row.check_id, {
			answer: StoredAnswer.parse(JSON.parse(row.answer)),
			correct: row.correct === 1,
			attempts,
		})
	}
	return latest
}

type CheckKey = Awaited<ReturnType<typeof lessonChecks>>[number]

/**
 * What a graded answer shows, in the language of the check it is given: the check's explanation and,
 * for each chosen option, its label and its own explanation (null where the lesson gives none).
 */
export function checkFeedback(check: CheckKey, answer: readonly string[]) {
	return {
		explanation: check.explanation,
		chosen: check.options
			.filter((option) => answer.includes(option.value))
			.map((option) => ({ value: option.value, label: option.label, explain: option.explain ?? null })),
	}
}

type GradeResult =
	| ({ ok: true; correct: boolean } & ReturnType<typeof checkFeedback>)
	| { ok: false; error: 'unknownCheck' | 'unknownOption' | 'noOption' | 'tooManyOptions' }

/**
 * Grades an answer on the server (against the English answer key) and stores the attempt; the
 * feedback comes from the reader's language version of the check.
 */
export async function answerCheck(
	userId: string,
	lesson: LessonEntry,
	checkId: string,
	selected: string[],
	language: Language,
): Promise<GradeResult> {
	const check = (await lessonChecks(lesson)).find((c) => c.id === checkId)
	if (!check) return { ok: false, error: 'unknownCheck' }
	const chosen = [...new Set(selected)].sort()
	if (chosen.length === 0) return { ok: false, error: 'noOption' }
	const values = new Set(check.options.map((option) => option.value))
	if (chosen.some((value) => !values.has(value))) return { ok: false, error: 'unknownOption' }
	if (!check.multiple && chosen.length > 1) return { ok: false, error: 'tooManyOptions' }
	const correct = chosen.length === check.correct.length && [...check.correct].sort().every((value, index) => value === chosen[index])
	await db
		.insertInto('check_attempts')
		.values({
			user_id: userId,
			lesson_key: lesson.key,
			check_id: check.id,
			answer: JSON.stringify(chosen),
			correct: correct ? 1 : 0,
			created_at: nowIso(),
		})
		.execute()
	const version = pickVersion(lesson.versions, language)
	const shown = (await getCompiled(version.file)).checks.find((c) => c.id === check.id) ?? check
	return { ok: true, correct, ...checkFeedback(shown, chosen) }
}

/** Marks a lesson complete — refused while some of its checks are unanswered. */
export async function completeLesson(userId: string, lesson: LessonEntry) {
	const checks = await lessonChecks(lesson)
	const attempts = await latestAttempts(userId, lesson.key)
	const unanswered = checks.filter((check) => !attempts.has(check.id)).map((check) => check.id)
	if (unanswered.length) return { ok: false as const, unanswered }
	const now = nowIso()
	await db
		.insertInto('lesson_progress')
		.values({
			user_id: userId,
			lesson_key: lesson.key,
			first_viewed_at: now,
			last_viewed_at: now,
			completed_at: now,
		})
		.onConflict((oc) =>
			oc.columns(['user_id', 'lesson_key']).doUpdateSet((eb) => ({
				completed_at: eb.fn.coalesce('lesson_progress.completed_at', eb.val(now)),
				last_viewed_at: now,
			})),
		)
		.execute()
	return { ok: true as const }
}

export async function reopenLesson(userId: string, lessonKey: string) {
	await db
		.updateTable('lesson_progress')
		.set({ completed_at: null })
		.where('user_id', '=', userId)
		.where('lesson_key', '=', lessonKey)
		.execute()
}

/**
 * Saves a reflection. Shared, it is shared with the facilitators of the cohort the person is in now
 * (their most recently joined): a reflection already shared keeps the cohort it was shared in, so a
 * later cohort's facilitators never see it; unshared, it is shared with nobody.
 */
export async function saveReflection(userId: string, lessonKey: string, reflectionId: string, body: string, shared: boolean) {
	const now = nowIso()
	await db.transaction().execute(async (trx) => {
		const existing = await trx
			.selectFrom('reflections')
			.select(['shared', 'shared_cohort_id'])
			.where('user_id', '=', userId)
			.where('lesson_key', '=', lessonKey)
			.where('reflection_id', '=', reflectionId)
			.executeTakeFirst()
		const current = shared
			? await trx
					.selectFrom('delegation_members as m')
					.innerJoin('delegations as d', 'd.id', 'm.delegation_id')
					.select('d.cohort_id')
					.where('m.user_id', '=', userId)
					.orderBy('m.joined_at', 'desc')
					.executeTakeFirst()
			: undefined
		const sharedCohortId = !shared
			? null
			: existing?.shared === 1 && existing.shared_cohort_id
				? existing.shared_cohort_id
				: (current?.cohort_id ?? null)
		await trx
			.insertInto('reflections')
			.values({
				user_id: userId,
				lesson_key: lessonKey,
				reflection_id: reflectionId,
				body,
				shared: shared ? 1 : 0,
				shared_cohort_id: sharedCohortId,
				created_at: now,
				updated_at: now,
			})
			.onConflict((oc) =>
				oc
					.columns(['user_id', 'lesson_key', 'reflection_id'])
					.doUpdateSet({ body, shared: shared ? 1 : 0, shared_cohort_id: sharedCohortId, updated_at: now }),
			)
			.execute()
	})
	return now
}

export async function getReflections(userId: string, lessonKey: string) {
	const rows = await db
		.selectFrom('reflections')
		.select(['reflection_id', 'body', 'shared', 'updated_at'])
		.where('user_id', '=', userId)
		.where('lesson_key', '=', lessonKey)
		.execute()
	return Object.fromEntries(rows.map((row) => [row.reflection_id, { body: row.body, shared: row.shared === 1, updatedAt: row.updated_at }]))
}
