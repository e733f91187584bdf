import { describe, expect, test } from 'vitest'
import { allContentFiles, scanCatalogue } from '#app/features/curriculum/content.server.ts'
import { MODULE_SLUGS } from '#app/utils/vocabularies.ts'
import { contentDirWith, frontMatter, nineModuleFiles } from '#tests/fixtures/curriculum.ts'

/** Which folders are modules, in which order, and where facilitator guides sit in the catalogue. */

const overview = `${frontMatter('A module')}Body.\n`
const lesson = `${frontMatter('A lesson')}Body.\n`
const guide = (body: string) => `${frontMatter('A guide', { objectives: false })}${body}`

describe('the module list', () => {
	test('nine module folders make nine modules, in teaching order, and the worked example folder is not one', () => {
		const catalogue = scanCatalogue(contentDirWith(nineModuleFiles()))
		expect(catalogue.modules.map((m) => m.slug)).toEqual([...MODULE_SLUGS])
		expect(catalogue.modules.map((m) => m.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
		expect(catalogue.lessons.size).toBe(18)
		expect(catalogue.lessons.get('regional-landscape/first-8')).toMatchObject({ moduleSlug: 'regional-landscape', order: 1 })
	})

	test('a subset of the modules is fine: a module without a folder is not shown', () => {
		const catalogue = scanCatalogue(
			contentDirWith({
				'01-theory-of-change/module.en.mdx': overview,
				'01-theory-of-change/01-a-lesson.en.mdx': lesson,
				'09-thematic-lenses/module.en.mdx': overview,
				'09-thematic-lenses/01-another-lesson.en.mdx': lesson,
			}),
		)
		expect(catalogue.modules.map((m) => m.slug)).toEqual(['theory-of-change', 'thematic-lenses'])
	})

	test('a folder whose slug is not in the list fails, naming the folder', () => {
		const dir = contentDirWith({ '10-peace-processes/module.en.mdx': overview })
		expect(() => scanCatalogue(dir)).toThrow(/10-peace-processes: "peace-processes" is not a module slug/)
	})

	test('folder numbers against the teaching order fail', () => {
		const dir = contentDirWith({
			'01-the-nap-process/module.en.mdx': overview,
			'02-theory-of-change/module.en.mdx': overview,
		})
		expect(() => scanCatalogue(dir)).toThrow(/the-nap-process: numbered before "theory-of-change"/)
	})
})

describe('facilitator guides in the catalogue', () => {
	test('a guide belongs to its module, is compiled with the content, and is never a lesson', () => {
		const catalogue = scanCatalogue(contentDirWith(nineModuleFiles()))
		const design = catalogue.modules.find((m) => m.slug === 'strategic-design')!
		expect(design.guide.en).toMatchObject({ title: 'Guide to strategic design', minutes: 20, language: 'en' })
		expect(design.guide.es).toMatchObject({ title: 'Guía de diseño estratégico', language: 'es' })
		expect(design.lessons.map((l) => l.slug)).toEqual(['first-3', 'second-3'])
		expect(catalogue.modules.find((m) => m.slug === 'the-nap-process')!.guide).toEqual({
			en: expect.objectContaining({ file: '07-the-nap-process/guide.en.mdx' }),
		})
		expect(catalogue.modules.find((m) => m.slug === 'localization')!.guide).toEqual({})
		expect([...catalogue.lessons.keys()].some((key) => key.includes('guide'))).toBe(false)
		expect(allContentFiles(catalogue)).toEqual(
			expect.arrayContaining(['03-strategic-design/guide.en.mdx', '03-strategic-design/guide.es.mdx', '07-the-nap-process/guide.en.mdx']),
		)
	})

	test('a guide needs its title, summary and minutes', () => {
		const dir = contentDirWith({
			'01-theory-of-change/module.en.mdx': overview,
			'01-theory-of-change/guide.en.mdx': guide('Body.\n').replace('minutes: 10\n', ''),
		})
		expect(() => scanCatalogue(dir)).toThrow(/01-theory-of-change\/guide\.en\.mdx: front matter field "minutes"/)
	})

	test('a guide holds Markdown and callouts only: a knowledge check or a reflection fails', () => {
		const withCheck = contentDirWith({
			'01-theory-of-change/module.en.mdx': overview,
			'01-theory-of-change/guide.en.mdx': guide(
				'<KnowledgeCheck id="q" question="Which?">\n  <Option correct>A</Option>\n  <Option>B</Option>\n  <Explanation>Because.</Explanation>\n</KnowledgeCheck>\n',
			),
		})
		expect(() => scanCatalogue(withCheck)).toThrow(
			/guide\.en\.mdx: a facilitator guide may use Markdown and <Callout> only, not <KnowledgeCheck>/,
		)
		const withReflection = contentDirWith({
			'01-theory-of-change/module.en.mdx': overview,
			'01-theory-of-change/guide.es.mdx': guide('<Reflection id="r" prompt="Why?" />\n'),
		})
		expect(() => scanCatalogue(withReflection)).toThrow(/not <Reflection>/)
		// Code may show a component's name without using it.
		const withCode = contentDirWith({
			'01-theory-of-change/module.en.mdx': overview,
			'01-theory-of-change/guide.en.mdx': guide('Lessons use `<Reflection>`:\n\n```mdx\n<Reflection id="r" prompt="Why?" />\n```\n'),
		})
		expect(scanCatalogue(withCode).modules[0]!.guide.en).toBeDefined()
	})

	test('"guide" cannot be a lesson slug: its address is the guide’s', () => {
		const dir = contentDirWith({ '01-theory-of-change/module.en.mdx': overview, '01-theory-of-change/01-guide.en.mdx': lesson })
		expect(() => scanCatalogue(dir)).toThrow(/01-guide\.en\.mdx: "guide" cannot be a lesson slug/)
	})
})
