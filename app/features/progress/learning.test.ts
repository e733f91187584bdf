import { describe, expect, test } from 'vitest'
import { getLesson, getCatalogue } from '#app/features/curriculum/content.server.ts'
import { db } from '#app/utils/db.server.ts'
import { answerCheck, completeLesson, getProgressRows, lessonChecks, summarize } from '#app/features/progress/progress.server.ts'
import { requestAs, routeArgs, run, userIdFor } from '#tests/helpers.ts'

const MODULE = 'theory-of-change'
const LESSON = 'why-a-theory-of-change'
const PATH = `/learn/${MODULE}/${LESSON}`
const params = { module: MODULE, lesson: LESSON }

async function post(email: string, form: Record<string, string | string[]>) {
	const { action } = await import('#app/routes/learn.$module.$lesson.tsx')
	const request = await requestAs(email, PATH, { form: { via: 'js', ...form } })
	return run(() => action(routeArgs(request, params)))
}

/** Every message of a refused post's reply (Conform's `submission.reply()`), whole-form and per field. */
function messages(data: unknown): string[] {
	const errors = (data as { result?: { error?: Record<string, string[] | null> | null } }).result?.error ?? {}
	return Object.values(errors).flatMap((list) => list ?? [])
}

describe('knowledge checks', () => {
	test('are graded on the server and every attempt is kept', async () => {
		const lesson = getLesson(MODULE, LESSON)!
		const [check] = await lessonChecks(lesson)
		const userId = await userIdFor('ec2@example.org')
		const wrong = check!.options.map((o) => o.value).find((v) => !check!.correct.includes(v))!
		expect(await answerCheck(userId, lesson, check!.id, [wrong], 'en')).toMatchObject({ ok: true, correct: false })
		expect(await answerCheck(userId, lesson, check!.id, check!.correct, 'en')).toMatchObject({ ok: true, correct: true })
		const attempts = await db.selectFrom('check_attempts').selectAll().where('user_id', '=', userId).execute()
		expect(attempts.map((a) => a.correct)).toEqual([0, 1])
	})

	test('an unknown check or option is refused with a message and a 4xx', async () => {
		const unknownCheck = await post('ec3@example.org', { intent: 'answer', checkId: 'no-such-check', option: 'a' })
		expect(unknownCheck.status).toBe(404)
		expect(messages(unknownCheck.data)).toContain('learn.errors.unknownCheck')
		const [check] = await lessonChecks(getLesson(MODULE, LESSON)!)
		const unknownOption = await post('ec3@example.org', { intent: 'answer', checkId: check!.id, option: 'z' })
		expect(unknownOption.status).toBe(400)
		expect(messages(unknownOption.data)).toContain('learn.errors.unknownOption')
		const none = await post('ec3@example.org', { intent: 'answer', checkId: check!.id })
		expect(none.status).toBe(400)
		expect(messages(none.data)).toContain('learn.errors.noOption')
		const garbage = await post('ec3@example.org', { intent: 'explode' })
		expect(garbage.status).toBe(400)
	})

	test('the lesson page data holds no answer before the delegate answers', async () => {
		const { loader } = await import('#app/routes/learn.$module.$lesson.tsx')
		const request = await requestAs('ec4@example.org', PATH)
		const page = (await run(() => loader(routeArgs(request, params)))).data as { checks: Record<string, unknown>; contentHash: string }
		expect(Object.values(page.checks).every((state) => state === undefined)).toBe(true)
		// The lesson's code travels as its own module: that must hold no answer either.
		const { loader: moduleLoader } = await import('#app/routes/mdx.$file.tsx')
		const moduleRequest = await requestAs('ec4@example.org', `/mdx/${page.contentHash}.js`)
		const module = await run(() => moduleLoader(routeArgs(moduleRequest, { file: `${page.contentHash}.js` })))
		expect(module.status).toBe(200)
		const source = await module.response!.text()
		const checks = await lessonChecks(getLesson(MODULE, LESSON)!)
		expect(checks.length).toBeGreaterThan(0)
		for (const check of checks) {
			expect(JSON.stringify(page)).not.toContain(check.explanation.slice(0, 30))
			expect(source).not.toContain(check.explanation.slice(0, 30))
		}
	})

	test('curriculum modules are served to signed-in people only, by hash, and cached for good', async () => {
		const { loader } = await import('#app/routes/learn.$module.$lesson.tsx')
		const { loader: moduleLoader } = await import('#app/routes/mdx.$file.tsx')
		const page = (await run(async () => loader(routeArgs(await requestAs('ec4@example.org', PATH), params)))).data as {
			contentHash: string
		}
		const file = `${page.contentHash}.js`
		const signedIn = await run(async () => moduleLoader(routeArgs(await requestAs('ec4@example.org', `/mdx/${file}`), { file })))
		expect(signedIn.status).toBe(200)
		expect(signedIn.response!.headers.get('Content-Type')).toMatch(/^text\/javascript/)
		expect(signedIn.response!.headers.get('Cache-Control')).toContain('immutable')
		const source = await signedIn.response!.text()
		expect(source).toMatch(/^export default function \(React, ReactDOM, _jsx_runtime\)/)
		expect(source).toContain('return Component')
		const anonymous = await run(async () => moduleLoader(routeArgs(await requestAs(null, `/mdx/${file}`), { file })))
		expect(anonymous.status).toBe(302)
		for (const bad of ['0'.repeat(32) + '.js', '../../etc/passwd', `${page.contentHash}.json`, 'x.js']) {
			const outcome = await run(async () => moduleLoader(routeArgs(await requestAs('ec4@example.org', `/mdx/x`), { file: bad })))
			expect(outcome.status, bad).toBe(404)
		}
	})
})

describe('reflections', () => {
	async function reflectionId() {
		const { lessonReflections } = await import('#app/features/progress/progress.server.ts')
		return (await lessonReflections(getLesson(MODULE, LESSON)!))[0]!.id
	}

	test('are saved per delegate, with the choice to share them', async () => {
		const id = await reflectionId()
		const saved = await post('ec5@example.org', {
			intent: 'reflect',
			reflectionId: id,
			body: 'Our plan must start with the border provinces.',
			shared: 'on',
		})
		expect(saved.status).toBe(200)
		const row = await db
			.selectFrom('reflections')
			.selectAll()
			.where('user_id', '=', await userIdFor('ec5@example.org'))
			.executeTakeFirstOrThrow()
		expect(row).toMatchObject({ reflection_id: id, body: 'Our plan must start with the border provinces.', shared: 1 })
	})

	test('an empty or 50 000-character reflection is refused and the saved text is kept', async () => {
		const id = await reflectionId()
		const email = 'ec6@example.org'
		expect((await post(email, { intent: 'reflect', reflectionId: id, body: 'First thoughts.' })).status).toBe(200)
		const empty = await post(email, { intent: 'reflect', reflectionId: id, body: '   ' })
		expect(empty.status).toBe(400)
		expect(messages(empty.data)).toContain('learn.errors.reflectionEmpty')
		const huge = await post(email, { intent: 'reflect', reflectionId: id, body: 'x'.repeat(50_000) })
		expect(huge.status).toBe(400)
		expect(messages(huge.data)).toContain('learn.errors.reflectionTooLong')
		const unknown = await post(email, { intent: 'reflect', reflectionId: 'no-such-prompt', body: 'Text' })
		expect(unknown.status).toBe(404)
		const row = await db
			.selectFrom('reflections')
			.select('body')
			.where('user_id', '=', await userIdFor(email))
			.executeTakeFirstOrThrow()
		expect(row.body).toBe('First thoughts.')
	})
})

describe('progress', () => {
	test('a lesson completes only once its checks are answered, and the module progress moves', async () => {
		const email = 'cr2@example.org'
		const userId = await userIdFor(email)
		const lesson = getLesson(MODULE, LESSON)!
		const refused = await post(email, { intent: 'complete' })
		expect(refused.status).toBe(400)
		expect(messages(refused.data)).toContain('learn.errors.unansweredChecks')
		for (const check of await lessonChecks(lesson)) {
			await answerCheck(userId, lesson, check.id, [check.options[0]!.value], 'es')
		}
		expect(await completeLesson(userId, lesson)).toEqual({ ok: true })
		const summary = summarize(await getProgressRows(userId), 'es')
		expect(summary.modules.find((m) => m.slug === MODULE)).toMatchObject({ completed: 1, total: 3 })
		expect(summary.completed).toBe(1)
		expect(summary.resume?.key).toBe(`${MODULE}/from-problem-to-change`)
	})

	test('"resume" returns to the last lesson viewed and not finished', async () => {
		const { loader } = await import('#app/routes/learn.$module.$lesson.tsx')
		const email = 'cr3@example.org'
		const request = await requestAs(email, '/learn/localization/working-with-local-networks')
		await run(() => loader(routeArgs(request, { module: 'localization', lesson: 'working-with-local-networks' })))
		const summary = summarize(await getProgressRows(await userIdFor(email)), 'en')
		expect(summary.resume).toMatchObject({ key: 'localization/working-with-local-networks', started: true })
	})

	test('progress is stored by lesson slug, so it survives content edits that keep the slug', async () => {
		const rows = await db.selectFrom('lesson_progress').select('lesson_key').distinct().execute()
		const keys = new Set(getCatalogue().lessons.keys())
		for (const row of rows) expect(keys.has(row.lesson_key), row.lesson_key).toBe(true)
	})
})

describe('the lesson page’s forms (Conform replies)', () => {
	type Reply = { formId: string; result: { error?: Record<string, string[] | null> | null; initialValue?: Record<string, unknown> } }
	const attempts = async (email: string) =>
		(
			await db
				.selectFrom('check_attempts')
				.select('id')
				.where('user_id', '=', await userIdFor(email))
				.execute()
		).length

	test('each refused post says which form and which field, and changes nothing', async () => {
		const email = 'bo2@example.org'
		const attemptsBefore = await attempts(email)
		const reflectionsOf = async () =>
			db
				.selectFrom('reflections')
				.select(['reflection_id', 'body', 'updated_at'])
				.where('user_id', '=', await userIdFor(email))
				.execute()
		const reflectionsBefore = await reflectionsOf()
		const [check] = await lessonChecks(getLesson(MODULE, LESSON)!)
		const { lessonReflections } = await import('#app/features/progress/progress.server.ts')
		const [reflection] = await lessonReflections(getLesson(MODULE, LESSON)!)
		const none = await post(email, { intent: 'answer', checkId: check!.id })
		expect(none.status).toBe(400)
		expect(none.data).toMatchObject({ formId: `check:${check!.id}` })
		expect((none.data as Reply).result.error?.option).toEqual(['learn.errors.noOption'])
		const empty = await post(email, { intent: 'reflect', reflectionId: reflection!.id, body: '' })
		expect(empty.status).toBe(400)
		expect(empty.data).toMatchObject({ formId: `reflection:${reflection!.id}` })
		expect((empty.data as Reply).result.error?.body).toEqual(['learn.errors.reflectionEmpty'])
		const unknown = await post(email, { intent: 'answer', checkId: 'no-such-check', option: 'a' })
		expect((unknown.data as Reply).result.error?.['']).toEqual(['learn.errors.unknownCheck'])
		const garbage = await post(email, { intent: 'explode' })
		expect(garbage.status).toBe(400)
		expect(garbage.data).toMatchObject({ formId: 'lesson' })
		expect(await attempts(email)).toBe(attemptsBefore)
		expect(await reflectionsOf()).toEqual(reflectionsBefore)
	})

	test('without JavaScript a saved answer redirects back to its check, and a refused reflection returns the typed text', async () => {
		const { action } = await import('#app/routes/learn.$module.$lesson.tsx')
		const email = 'jm2@example.org'
		const attemptsBefore = await attempts(email)
		const [check] = await lessonChecks(getLesson(MODULE, LESSON)!)
		const saved = await run(async () =>
			action(routeArgs(await requestAs(email, PATH, { form: { intent: 'answer', checkId: check!.id, option: check!.correct } }), params)),
		)
		expect(saved.status).toBe(302)
		expect(saved.response!.headers.get('Location')).toBe(`${PATH}#check-${check!.id}`)
		expect(await attempts(email)).toBe(attemptsBefore + 1)
		const { lessonReflections } = await import('#app/features/progress/progress.server.ts')
		const [reflection] = await lessonReflections(getLesson(MODULE, LESSON)!)
		const long = `${'x'.repeat(10_001)}`
		const refused = await run(async () =>
			action(routeArgs(await requestAs(email, PATH, { form: { intent: 'reflect', reflectionId: reflection!.id, body: long } }), params)),
		)
		expect(refused.status).toBe(400)
		const { lessonFormError } = await import('#app/features/curriculum/lesson-context.tsx')
		expect(lessonFormError(refused.data as Reply)).toEqual({
			formId: `reflection:${reflection!.id}`,
			error: 'learn.errors.reflectionTooLong',
			draft: long,
		})
	})
})
