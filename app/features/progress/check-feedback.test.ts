import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'

/**
 * Option explanations end to end on the server, on a small curriculum of its own (the shipped
 * lessons may not explain their options yet): graded answers return the chosen options'
 * explanations in the reader's language, the lesson page shows them once answered and not before.
 */
const MODULE = 'theory-of-change'
const LESSON = 'a-lesson'
const PATH = `/learn/${MODULE}/${LESSON}`

const front = (title: string) =>
	`---\ntitle: "${title}"\nsummary: "A summary that is long enough."\nminutes: 5\nobjectives:\n  - "Learn a thing."\n---\n\n`
const lesson = (language: 'en' | 'es') => {
	const [right, wrong, other] =
		language === 'en'
			? [
					'Right: the because part carries the rationale.',
					'Wrong: the then part says what changes, not why.',
					'Wrong: the if part is the action.',
				]
			: [
					'Correcto: el porque lleva el fundamento.',
					'Incorrecto: el entonces dice qué cambia, no por qué.',
					'Incorrecto: el si es la acción.',
				]
	return `${front(language === 'en' ? 'A lesson' : 'Una lección')}Body.

<KnowledgeCheck id="pathway-parts" question="${language === 'en' ? 'Which part says why?' : '¿Qué parte dice por qué?'}">
  <Option explain="${wrong}">${language === 'en' ? 'The then part' : 'El entonces'}</Option>
  <Option correct explain="${right}">${language === 'en' ? 'The because part' : 'El porque'}</Option>
  <Option explain="${other}">${language === 'en' ? 'The if part' : 'El si'}</Option>
  <Explanation>${language === 'en' ? 'The because clause carries the rationale.' : 'La cláusula porque lleva el fundamento.'}</Explanation>
</KnowledgeCheck>

<KnowledgeCheck id="plain" question="${language === 'en' ? 'Plain?' : '¿Simple?'}">
  <Option correct>${language === 'en' ? 'Yes' : 'Sí'}</Option>
  <Option>No</Option>
  <Explanation>${language === 'en' ? 'No option of this check has its own explanation.' : 'Ninguna opción de esta pregunta tiene explicación propia.'}</Explanation>
</KnowledgeCheck>
`
}

type Feedback = { explanation: string; chosen: Array<{ value: string; label: string; explain: string | null }> }
let modules: {
	progress: typeof import('#app/features/progress/progress.server.ts')
	content: typeof import('#app/features/curriculum/content.server.ts')
	route: typeof import('#app/routes/learn.$module.$lesson.tsx')
	helpers: typeof import('#tests/helpers.ts')
}

beforeAll(async () => {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'academy-feedback-'))
	fs.mkdirSync(path.join(dir, `01-${MODULE}`))
	for (const language of ['en', 'es'] as const) {
		fs.writeFileSync(path.join(dir, `01-${MODULE}`, `module.${language}.mdx`), `${front('A module')}Overview.\n`)
		fs.writeFileSync(path.join(dir, `01-${MODULE}`, `01-${LESSON}.${language}.mdx`), lesson(language))
	}
	// The app reads its environment when first imported: only now.
	process.env.CONTENT_DIR = dir
	modules = {
		progress: await import('#app/features/progress/progress.server.ts'),
		content: await import('#app/features/curriculum/content.server.ts'),
		route: await import('#app/routes/learn.$module.$lesson.tsx'),
		helpers: await import('#tests/helpers.ts'),
	}
})

describe('an explanation per option', () => {
	test('grading returns the chosen options’ explanations, in the reader’s language', async () => {
		const { answerCheck } = modules.progress
		const entry = modules.content.getLesson(MODULE, LESSON)!
		const userId = await modules.helpers.userIdFor('ec2@example.org')
		expect(await answerCheck(userId, entry, 'pathway-parts', ['a'], 'es')).toEqual({
			ok: true,
			correct: false,
			explanation: 'La cláusula porque lleva el fundamento.',
			chosen: [{ value: 'a', label: 'El entonces', explain: 'Incorrecto: el entonces dice qué cambia, no por qué.' }],
		})
		expect(await answerCheck(userId, entry, 'pathway-parts', ['b'], 'en')).toMatchObject({
			correct: true,
			chosen: [{ value: 'b', label: 'The because part', explain: 'Right: the because part carries the rationale.' }],
		})
		// An option without an explanation of its own is chosen with none.
		expect(await answerCheck(userId, entry, 'plain', ['b'], 'en')).toMatchObject({
			correct: false,
			chosen: [{ value: 'b', label: 'No', explain: null }],
		})
	})

	test('the lesson page shows the chosen options’ explanations once answered, and none before', async () => {
		const { requestAs, routeArgs, run } = modules.helpers
		const email = 'ec3@example.org'
		const params = { module: MODULE, lesson: LESSON }
		const load = async () =>
			(await run(async () => modules.route.loader(routeArgs(await requestAs(email, `${PATH}?lng=es`), params)))).data as {
				checks: Record<string, (Feedback & { correct: boolean }) | undefined>
			}
		const before = await load()
		expect(before.checks['pathway-parts']).toBeUndefined()
		expect(JSON.stringify(before)).not.toContain('Incorrecto:')
		expect(JSON.stringify(before)).not.toContain('Correcto:')

		// A plain form post (no JavaScript): graded, then redirected back to the check.
		const posted = await run(async () =>
			modules.route.action(
				routeArgs(await requestAs(email, `${PATH}?lng=es`, { form: { intent: 'answer', checkId: 'pathway-parts', option: 'a' } }), params),
			),
		)
		expect(posted.status).toBe(302)
		expect(posted.response!.headers.get('Location')).toBe(`${PATH}#check-pathway-parts`)
		const after = await load()
		expect(after.checks['pathway-parts']).toMatchObject({
			correct: false,
			explanation: 'La cláusula porque lleva el fundamento.',
			chosen: [{ value: 'a', label: 'El entonces', explain: 'Incorrecto: el entonces dice qué cambia, no por qué.' }],
		})
		// Only the chosen option's explanation: the others stay unread.
		expect(JSON.stringify(after)).not.toContain('Correcto: el porque')
		expect(JSON.stringify(after)).not.toContain('Incorrecto: el si')
	})
})
