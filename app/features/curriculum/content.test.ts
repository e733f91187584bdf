import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import {
	allContentFiles,
	type Catalogue,
	type CompiledContent,
	getCompiled,
	scanCatalogue,
} from '#app/features/curriculum/content.server.ts'
import { LANGUAGES } from '#app/utils/i18n.ts'
import { AREA_SLUGS, MODULE_SLUGS } from '#app/utils/vocabularies.ts'

/** The roadmap builder's sections (another issue builds them; lessons link to where they live). */
const ROADMAP_SECTIONS = ['theory-of-change', 'strategic-design', 'gender-budgeting', 'coordination', 'localization', 'monitoring']

let catalogue: Catalogue
const compiled = new Map<string, CompiledContent>()

beforeAll(async () => {
	catalogue = scanCatalogue()
	for (const file of allContentFiles(catalogue)) compiled.set(file, await getCompiled(file))
}, 120_000)

describe('the shipped curriculum', () => {
	test('has the six areas and any further modules in teaching order, each with an overview and at least two lessons', () => {
		const slugs = catalogue.modules.map((m) => m.slug)
		expect(slugs).toEqual(MODULE_SLUGS.filter((slug) => slugs.includes(slug)))
		expect(slugs).toEqual(expect.arrayContaining([...AREA_SLUGS]))
		for (const module of catalogue.modules) {
			expect(module.lessons.length, module.slug).toBeGreaterThanOrEqual(2)
		}
	})

	test('every module overview and every lesson exists in English and Spanish', () => {
		for (const module of catalogue.modules) {
			for (const language of LANGUAGES) {
				expect(module.versions[language], `${module.slug} overview (${language})`).toBeDefined()
				for (const lesson of module.lessons) {
					expect(lesson.versions[language], `${lesson.key} (${language})`).toBeDefined()
				}
			}
		}
	})

	test('lesson slugs are unique across the curriculum', () => {
		const slugs = catalogue.modules.flatMap((m) => m.lessons.map((l) => l.slug))
		expect(new Set(slugs).size).toBe(slugs.length)
	})

	test('every knowledge check has an answer key and an explanation, and both languages agree', () => {
		let checks = 0
		for (const lesson of catalogue.lessons.values()) {
			const en = compiled.get(lesson.versions.en!.file)!
			const es = compiled.get(lesson.versions.es!.file)!
			for (const check of [...en.checks, ...es.checks]) {
				expect(check.correct.length, `${lesson.key} ${check.id}`).toBeGreaterThan(0)
				expect(check.explanation.length, `${lesson.key} ${check.id}`).toBeGreaterThan(10)
			}
			expect(es.checks.map((c) => [c.id, c.options.length, c.correct, c.multiple])).toEqual(
				en.checks.map((c) => [c.id, c.options.length, c.correct, c.multiple]),
			)
			expect(es.reflections.map((r) => r.id)).toEqual(en.reflections.map((r) => r.id))
			checks += en.checks.length
		}
		expect(checks).toBeGreaterThanOrEqual(18)
	})

	test('the compiled code sent to browsers carries no answer key', () => {
		for (const [file, result] of compiled) {
			for (const check of result.checks) {
				expect(result.code, file).not.toMatch(/correct:\s*true/)
				expect(result.code, file).not.toContain(check.explanation.slice(0, 40))
				for (const option of check.options) {
					if (option.explain) expect(result.code, `${file} ${check.id}`).not.toContain(option.explain.slice(0, 40))
				}
			}
		}
	})

	test('every internal link resolves', () => {
		const valid = new Set<string>(['/glossary', '/learn', '/roadmap/example'])
		for (const module of catalogue.modules) {
			valid.add(`/learn/${module.slug}`)
			for (const lesson of module.lessons) valid.add(`/learn/${lesson.key}`)
		}
		for (const section of ROADMAP_SECTIONS) valid.add(`/roadmap/${section}`)
		for (const [file, result] of compiled) {
			for (const link of result.links) {
				expect(valid.has(link.split('#')[0]!), `${file} links to ${link}`).toBe(true)
			}
		}
	})

	test("each area module's last lesson points to its roadmap section", () => {
		for (const module of catalogue.modules.filter((m) => (AREA_SLUGS as readonly string[]).includes(m.slug))) {
			const last = module.lessons[module.lessons.length - 1]!
			for (const language of LANGUAGES) {
				const links = compiled.get(last.versions[language]!.file)!.links
				expect(
					links.some((link) => link.startsWith('/roadmap/')),
					`${last.key} (${language})`,
				).toBe(true)
			}
		}
	})

	test('lessons are substantive: 600 words or more in each language', () => {
		for (const lesson of catalogue.lessons.values()) {
			for (const language of LANGUAGES) {
				const file = path.join('content', lesson.versions[language]!.file)
				const words = fs.readFileSync(file, 'utf8').split(/\s+/).filter(Boolean).length
				expect(words, file).toBeGreaterThanOrEqual(600)
			}
		}
	})
})

describe('content validation', () => {
	function contentWith(files: Record<string, string>) {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'academy-content-'))
		for (const [name, text] of Object.entries(files)) {
			fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true })
			fs.writeFileSync(path.join(dir, name), text)
		}
		return dir
	}
	const good = `---\ntitle: "A module"\nsummary: "A summary that is long enough."\nminutes: 5\nobjectives:\n  - "Learn a thing."\n---\n\nBody.\n`

	test('a lesson with a missing front matter field fails, naming the file and the field', () => {
		const dir = contentWith({
			'01-theory-of-change/module.en.mdx': good,
			'01-theory-of-change/01-a-lesson.en.mdx': good.replace('minutes: 5\n', ''),
		})
		expect(() => scanCatalogue(dir)).toThrow(/01-theory-of-change\/01-a-lesson\.en\.mdx: front matter field "minutes"/)
	})

	test('a lesson with a bad front matter value fails, naming the file and the field', () => {
		const dir = contentWith({
			'01-theory-of-change/module.en.mdx': good,
			'01-theory-of-change/01-a-lesson.es.mdx': good,
			'01-theory-of-change/01-a-lesson.en.mdx': good.replace('objectives:\n  - "Learn a thing."', 'objectives: []'),
		})
		expect(() => scanCatalogue(dir)).toThrow(/01-a-lesson\.en\.mdx: front matter field "objectives"/)
	})

	test('a lesson with no Spanish version falls back to English and says so', async () => {
		const { pickVersion } = await import('#app/features/curriculum/content.server.ts')
		const dir = contentWith({
			'01-theory-of-change/module.en.mdx': good,
			'01-theory-of-change/01-a-lesson.en.mdx': good.replace('A module', 'An English lesson'),
		})
		const lesson = scanCatalogue(dir).lessons.get('theory-of-change/a-lesson')!
		expect(pickVersion(lesson.versions, 'es')).toMatchObject({ title: 'An English lesson', language: 'en', fallback: true })
		expect(pickVersion(lesson.versions, 'en')).toMatchObject({ fallback: false })
	})

	test('a knowledge check without an answer key or explanation fails to compile', async () => {
		const { compileSource } = await import('#app/features/curriculum/content.server.ts')
		const noKey = `${good}\n<KnowledgeCheck id="q" question="Which?">\n  <Option>A</Option>\n  <Option>B</Option>\n  <Explanation>Because.</Explanation>\n</KnowledgeCheck>\n`
		await expect(compileSource('x/01-a.en.mdx', noKey)).rejects.toThrow(/no option marked correct/)
		const noExplanation = `${good}\n<KnowledgeCheck id="q" question="Which?">\n  <Option correct>A</Option>\n  <Option>B</Option>\n</KnowledgeCheck>\n`
		await expect(compileSource('x/01-a.en.mdx', noExplanation)).rejects.toThrow(/exactly one <Explanation>/)
	})

	test('each option keeps its own explanation in the answer key and out of the compiled code', async () => {
		const { compileSource } = await import('#app/features/curriculum/content.server.ts')
		// Values hold spaces and punctuation (even > and /), never a double quote.
		const right = 'Right: the because clause says why; it carries the rationale > the rest.'
		const wrong = 'Wrong: the then/result part states what changes, not why it would happen.'
		const source = `${good}
<KnowledgeCheck id="pathway-parts" question="Which part of a pathway states why?">
  <Option explain="${wrong}">The then part</Option>
  <Option correct explain="${right}">The because part</Option>
  <Option>The if part</Option>
  <Explanation>The because clause carries the rationale.</Explanation>
</KnowledgeCheck>
`
		const result = await compileSource('x/01-a.en.mdx', source)
		expect(result.checks[0]!.options).toEqual([
			{ value: 'a', label: 'The then part', explain: wrong },
			{ value: 'b', label: 'The because part', explain: right },
			{ value: 'c', label: 'The if part' },
		])
		expect(result.checks[0]!.correct).toEqual(['b'])
		expect(result.code).toContain('The because part')
		expect(result.code).not.toContain('Right:')
		expect(result.code).not.toContain('Wrong:')
		expect(result.code).not.toContain('explain')
		expect(result.code).not.toContain('carries the rationale')
	})

	test('an option with an empty explain fails to compile, naming the check and the option', async () => {
		const { compileSource } = await import('#app/features/curriculum/content.server.ts')
		const source = `${good}\n<KnowledgeCheck id="q" question="Which?">\n  <Option correct explain=" ">A</Option>\n  <Option>B</Option>\n  <Explanation>Because.</Explanation>\n</KnowledgeCheck>\n`
		await expect(compileSource('x/01-a.en.mdx', source)).rejects.toThrow(/KnowledgeCheck "q": option 1 has an empty explain/)
	})
})
