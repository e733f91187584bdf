import fs from 'node:fs'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { type CompiledContent, contentDir, getCompiled, scanCatalogue } from '#app/features/curriculum/content.server.ts'
import { LANGUAGES } from '#app/utils/i18n.ts'

/**
 * How deep every lesson goes, in both languages: its length, its knowledge checks (each option
 * explained), its sources, and module overviews whose minutes add up. Each failure names the file
 * and the figure.
 */
const ENGLISH_WORDS = { min: 1500, max: 2200 }
/** Spanish takes more words than English to say the same: a shorter Spanish lesson has lost something. */
const SPANISH_RATIO = 1.05
const CHECKS = { min: 3, max: 5 }
const SOURCES_HEADING = { en: 'Sources', es: 'Fuentes' } as const

const catalogue = scanCatalogue()
const lessons = catalogue.modules.flatMap((module) => module.lessons)

function source(file: string) {
	return fs.readFileSync(path.join(contentDir(), file), 'utf8')
}

/** `wc -w`: whitespace-separated tokens of the whole file, front matter included. */
function words(file: string) {
	return source(file).split(/\s+/).filter(Boolean).length
}

/** The list items of a `## <heading>` section (up to the next heading of level 2 or above). */
function sectionItems(text: string, heading: string) {
	const lines = text.split('\n')
	const start = lines.findIndex((line) => line.trim() === `## ${heading}`)
	if (start < 0) return null
	const rest = lines.slice(start + 1)
	const end = rest.findIndex((line) => /^#{1,2}\s/.test(line))
	return (end < 0 ? rest : rest.slice(0, end)).filter((line) => /^\s*(?:[-*+]|\d+[.)])\s+\S/.test(line))
}

const files = lessons.flatMap((lesson) =>
	LANGUAGES.map((language) => ({ lesson, language, file: lesson.versions[language]?.file ?? `${lesson.key} (${language}: missing)` })),
)
const compiled = new Map<string, CompiledContent>()

beforeAll(async () => {
	for (const { file } of files) if (!file.endsWith('missing)')) compiled.set(file, await getCompiled(file))
}, 120_000)

describe('lesson depth', () => {
	test.each(lessons.map((lesson) => [lesson.versions.en!.file, lesson] as const))('%s has 1,500–2,200 words (wc -w)', (file) => {
		const count = words(file)
		expect(count, `${file}: ${count} words, wanted ${ENGLISH_WORDS.min}–${ENGLISH_WORDS.max}`).toBeGreaterThanOrEqual(ENGLISH_WORDS.min)
		expect(count, `${file}: ${count} words, wanted ${ENGLISH_WORDS.min}–${ENGLISH_WORDS.max}`).toBeLessThanOrEqual(ENGLISH_WORDS.max)
	})

	test.each(lessons.map((lesson) => [lesson.versions.es?.file ?? `${lesson.key} (es: missing)`, lesson] as const))(
		`%s has at least ${SPANISH_RATIO} times the words of its English version`,
		(file, lesson) => {
			expect(lesson.versions.es, `${file}`).toBeDefined()
			const spanish = words(file)
			const english = words(lesson.versions.en!.file)
			const ratio = spanish / english
			expect(
				ratio,
				`${file}: ${spanish} words against ${english} in ${lesson.versions.en!.file}, a ratio of ${ratio.toFixed(3)} (wanted ≥ ${SPANISH_RATIO})`,
			).toBeGreaterThanOrEqual(SPANISH_RATIO)
		},
	)

	test.each(files.map((entry) => [entry.file, entry] as const))('%s has 3–5 knowledge checks', (file) => {
		const result = compiled.get(file)
		expect(result, `${file} is missing`).toBeDefined()
		const count = result!.checks.length
		expect(count, `${file}: ${count} knowledge checks, wanted ${CHECKS.min}–${CHECKS.max}`).toBeGreaterThanOrEqual(CHECKS.min)
		expect(count, `${file}: ${count} knowledge checks, wanted ${CHECKS.min}–${CHECKS.max}`).toBeLessThanOrEqual(CHECKS.max)
	})

	test.each(files.map((entry) => [entry.file, entry] as const))('%s explains every option of its checks', (file) => {
		const result = compiled.get(file)
		expect(result, `${file} is missing`).toBeDefined()
		const unexplained = result!.checks.flatMap((check) =>
			check.options.filter((option) => !option.explain?.trim()).map((option) => `${check.id} option ${option.value}`),
		)
		const total = result!.checks.reduce((sum, check) => sum + check.options.length, 0)
		expect(unexplained, `${file}: ${unexplained.length} of ${total} options have no explain="…"`).toEqual([])
	})

	test.each(files.map((entry) => [entry.file, entry] as const))('%s ends with its sources', (file, { language }) => {
		const heading = SOURCES_HEADING[language]
		const items = sectionItems(source(file), heading)
		expect(items, `${file}: no "## ${heading}" section`).not.toBeNull()
		expect(items!.length, `${file}: "## ${heading}" has ${items!.length} list items, wanted at least 1`).toBeGreaterThanOrEqual(1)
	})
})

describe('module overviews', () => {
	const overviews = catalogue.modules.flatMap((module) =>
		LANGUAGES.flatMap((language) => {
			const overview = module.versions[language]
			return overview ? [[overview.file, { module, language, overview }] as const] : []
		}),
	)

	test.each(overviews)("%s: minutes are the sum of its lessons' minutes", (file, { module, language, overview }) => {
		const parts = module.lessons.map((lesson) => {
			const version = lesson.versions[language] ?? lesson.versions.en!
			return { file: version.file, minutes: version.minutes }
		})
		const sum = parts.reduce((total, part) => total + part.minutes, 0)
		expect(
			overview.minutes,
			`${file}: minutes ${overview.minutes}, its lessons add up to ${sum} (${parts.map((part) => `${path.basename(part.file)} ${part.minutes}`).join(' + ')})`,
		).toBe(sum)
	})
})
