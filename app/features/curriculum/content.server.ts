import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import matter from 'gray-matter'
import { bundleMDX } from 'mdx-bundler'
import remarkGfm from 'remark-gfm'
import { z } from 'zod'
import { env, isProduction } from '#app/utils/env.server.ts'
import { type Language, LANGUAGES } from '#app/utils/i18n.ts'
import { type LessonExtract, remarkAcademy } from '#app/features/curriculum/remark-academy.server.ts'
import { GUIDE_FILE, type GuideVersion, readGuideFile } from '#app/features/curriculum/guide-files.server.ts'
import { isOneOf, MODULE_SLUGS } from '#app/utils/vocabularies.ts'

/**
 * The curriculum: `content/NN-module/` folders holding `module.<lang>.mdx` and
 * `NN-lesson.<lang>.mdx` files, and optionally a facilitator guide `guide.<lang>.mdx` (never a
 * lesson: see guide-files.server.ts). See content/AUTHORING.md.
 */

const FrontMatterSchema = z.object({
	title: z.string().trim().min(3).max(140),
	summary: z.string().trim().min(10).max(300),
	minutes: z.number().int().min(1).max(120),
	objectives: z.array(z.string().trim().min(3).max(300)).min(1).max(6),
})
const OverviewFrontMatterSchema = FrontMatterSchema.extend({ minutes: z.number().int().min(1).max(600) })
type FrontMatter = z.infer<typeof FrontMatterSchema>

type ContentVersion = FrontMatter & { file: string; language: Language }
export type LessonEntry = {
	key: string
	slug: string
	moduleSlug: string
	order: number
	versions: Partial<Record<Language, ContentVersion>>
}
type ModuleEntry = {
	slug: string
	order: number
	versions: Partial<Record<Language, ContentVersion>>
	lessons: LessonEntry[]
	/** The facilitator guide, in the languages it is written in (none: the module has no guide). */
	guide: Partial<Record<Language, GuideVersion>>
}
export type Catalogue = { modules: ModuleEntry[]; lessons: Map<string, LessonEntry> }

class ContentError extends Error {
	constructor(file: string, message: string) {
		super(`${file}: ${message}`)
		this.name = 'ContentError'
	}
}

function messageOf(error: unknown) {
	return error instanceof Error ? error.message : String(error)
}

/** What esbuild (behind mdx-bundler) throws: its messages, each with where it happened. */
const EsbuildErrors = z.object({
	errors: z.array(z.object({ text: z.string(), location: z.object({ line: z.number() }).nullish() })),
})

export function contentDir() {
	return path.resolve(env.CONTENT_DIR)
}

function cacheDir() {
	return path.resolve(env.CONTENT_CACHE_DIR)
}

const MODULE_DIR = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)$/
const LESSON_FILE = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.([a-z]{2})\.mdx$/
const MODULE_FILE = /^module\.([a-z]{2})\.mdx$/
/** Folders of content/ that are not modules (the worked example's roadmap files). */
const OTHER_FOLDERS = new Set(['sample-roadmap'])
/** A lesson slug that would hide a module's page of the same name (/learn/<module>/guide). */
const RESERVED_LESSON_SLUGS = new Set(['guide'])

/** Reads and validates a file's front matter; the error names the file and the field. */
export function readFrontMatter(root: string, relative: string, language: Language): ContentVersion {
	const source = fs.readFileSync(path.join(root, relative), 'utf8')
	let data: unknown
	try {
		data = matter(source).data
	} catch (error) {
		throw new ContentError(relative, `front matter is not valid YAML (${messageOf(error)})`)
	}
	// A module overview's minutes are the module's total (the sum of its lessons'), so they may run longer.
	const schema = /(^|\/)module\.[a-z]{2}\.mdx$/.test(relative) ? OverviewFrontMatterSchema : FrontMatterSchema
	const parsed = schema.safeParse(data)
	if (!parsed.success) {
		const issue = parsed.error.issues[0]!
		const field = issue.path.join('.') || '(front matter)'
		throw new ContentError(relative, `front matter field "${field}": ${issue.message}`)
	}
	return { ...parsed.data, file: relative, language }
}

function isLanguage(value: string): value is Language {
	return (LANGUAGES as readonly string[]).includes(value)
}

/** Scans the content folder. Throws a ContentError on the first malformed file. */
export function scanCatalogue(root = contentDir()): Catalogue {
	const modules: ModuleEntry[] = []
	const lessons = new Map<string, LessonEntry>()
	const folders = fs
		.readdirSync(root, { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name)
		.filter((name) => !OTHER_FOLDERS.has(name))
		.sort()
	for (const folder of folders) {
		const match = MODULE_DIR.exec(folder)
		if (!match) throw new ContentError(folder, 'module folders are named NN-module-slug')
		if (!isOneOf(MODULE_SLUGS, match[2])) {
			throw new ContentError(folder, `"${match[2]}" is not a module slug (app/utils/vocabularies.ts MODULE_SLUGS lists them)`)
		}
		const moduleEntry: ModuleEntry = {
			slug: match[2],
			order: Number(match[1]),
			versions: {},
			lessons: [],
			guide: {},
		}
		if (modules.some((m) => m.slug === moduleEntry.slug)) {
			throw new ContentError(folder, `module slug "${moduleEntry.slug}" is used twice`)
		}
		const byLesson = new Map<string, LessonEntry>()
		for (const file of fs.readdirSync(path.join(root, folder)).sort()) {
			const relative = `${folder}/${file}`
			if (!file.endsWith('.mdx')) continue
			const moduleFile = MODULE_FILE.exec(file)
			if (moduleFile) {
				const language = moduleFile[1]!
				if (!isLanguage(language)) throw new ContentError(relative, `unknown language "${language}"`)
				moduleEntry.versions[language] = readFrontMatter(root, relative, language)
				continue
			}
			const guideFile = GUIDE_FILE.exec(file)
			if (guideFile) {
				const language = guideFile[1]!
				if (!isLanguage(language)) throw new ContentError(relative, `unknown language "${language}"`)
				moduleEntry.guide[language] = readGuideFile(root, relative, language)
				continue
			}
			const lessonFile = LESSON_FILE.exec(file)
			if (!lessonFile) {
				throw new ContentError(relative, 'lesson files are named NN-lesson-slug.<language>.mdx')
			}
			const [, order = '', slug = '', language = ''] = lessonFile
			if (!isLanguage(language)) throw new ContentError(relative, `unknown language "${language}"`)
			if (RESERVED_LESSON_SLUGS.has(slug)) throw new ContentError(relative, `"${slug}" cannot be a lesson slug`)
			let lesson = byLesson.get(slug)
			if (!lesson) {
				lesson = {
					key: `${moduleEntry.slug}/${slug}`,
					slug,
					moduleSlug: moduleEntry.slug,
					order: Number(order),
					versions: {},
				}
				byLesson.set(slug, lesson)
			} else if (lesson.order !== Number(order)) {
				throw new ContentError(relative, `lesson "${slug}" has a different number in another language`)
			}
			lesson.versions[language] = readFrontMatter(root, relative, language)
		}
		if (!moduleEntry.versions.en) throw new ContentError(folder, 'module.en.mdx is missing')
		for (const lesson of byLesson.values()) {
			if (!lesson.versions.en) {
				throw new ContentError(`${folder}/${lesson.slug}`, 'every lesson needs an English version')
			}
			lessons.set(lesson.key, lesson)
		}
		moduleEntry.lessons = [...byLesson.values()].sort((a, b) => a.order - b.order)
		modules.push(moduleEntry)
	}
	modules.sort((a, b) => a.order - b.order)
	// The folder numbers keep the teaching order of MODULE_SLUGS.
	const teaching = (slug: string) => (MODULE_SLUGS as readonly string[]).indexOf(slug)
	for (const [index, module] of modules.entries()) {
		const previous = modules[index - 1]
		if (previous && teaching(previous.slug) > teaching(module.slug)) {
			throw new ContentError(previous.slug, `numbered before "${module.slug}", against the teaching order of MODULE_SLUGS`)
		}
	}
	return { modules, lessons }
}

let productionCatalogue: Catalogue | undefined

/** The catalogue, read once per process in production and on every call in development. */
export function getCatalogue(): Catalogue {
	if (!isProduction()) return scanCatalogue()
	productionCatalogue ??= scanCatalogue()
	return productionCatalogue
}

/** Picks the version in the wanted language, or English with `fallback: true`. */
export function pickVersion(
	versions: Partial<Record<Language, ContentVersion>>,
	language: Language,
): ContentVersion & { fallback: boolean } {
	const wanted = versions[language]
	if (wanted) return { ...wanted, fallback: false }
	return { ...versions.en!, fallback: language !== 'en' }
}

export function getModule(slug: string) {
	return getCatalogue().modules.find((module) => module.slug === slug)
}

export function getLesson(moduleSlug: string, lessonSlug: string) {
	return getCatalogue().lessons.get(`${moduleSlug}/${lessonSlug}`)
}

/** The lessons in reading order across every module. */
export function allLessons() {
	return getCatalogue().modules.flatMap((module) => module.lessons)
}

// ---------------------------------------------------------------------------------------------
// Compilation: once per content version, cached in memory and on disk, one compile at a time.

/** Bump when the compile pipeline changes so that cached output is rebuilt. */
const PIPELINE_VERSION = '3'

export type CompiledContent = LessonExtract & {
	code: string
	hash: string
	frontmatter: Record<string, unknown>
}

/** A compiled version as the disk cache holds it: read back through this, never cast. */
const CompiledContentSchema = z.object({
	code: z.string(),
	hash: z.string(),
	frontmatter: z.record(z.string(), z.unknown()),
	checks: z.array(
		z.object({
			id: z.string(),
			question: z.string(),
			multiple: z.boolean(),
			options: z.array(z.object({ value: z.string(), label: z.string(), explain: z.string().optional() })),
			correct: z.array(z.string()),
			explanation: z.string(),
		}),
	),
	reflections: z.array(z.object({ id: z.string(), prompt: z.string() })),
	terms: z.array(z.object({ name: z.string(), definition: z.string() })),
	links: z.array(z.string()),
	passages: z.array(z.object({ heading: z.string(), anchor: z.string(), text: z.string() })),
}) satisfies z.ZodType<CompiledContent>

/** A cached compiled version, or null when it is missing or unreadable (it is then compiled again). */
async function readCached(hash: string): Promise<CompiledContent | null> {
	try {
		const parsed = CompiledContentSchema.safeParse(JSON.parse(await fs.promises.readFile(path.join(cacheDir(), `${hash}.json`), 'utf8')))
		return parsed.success && parsed.data.hash === hash ? parsed.data : null
	} catch {
		return null
	}
}

const memoryCache = new Map<string, CompiledContent>()
/** `hashed`: content files read and hashed to find a version by its hash (see `currentHash`). */
export const compileStats = { compiles: 0, diskHits: 0, memoryHits: 0, hashed: 0 }

/** Each content file's hash as last computed, with what the file was then (size and mtime). */
const fileHashes = new Map<string, { size: number; mtimeMs: number; hash: string }>()

/**
 * A content file's current hash, read and hashed again only when the file changed since (in
 * production, the build's content never does: never again). So a request for an unknown
 * `/mdx/<hash>.js` costs a look-up, not a re-hash of the whole content folder.
 */
async function currentHash(relative: string) {
	const known = fileHashes.get(relative)
	if (known && isProduction()) return known.hash
	const file = path.join(contentDir(), relative)
	const stat = await fs.promises.stat(file)
	if (known && known.size === stat.size && known.mtimeMs === stat.mtimeMs) return known.hash
	const hash = contentHash(relative, await fs.promises.readFile(file, 'utf8'))
	compileStats.hashed++
	fileHashes.set(relative, { size: stat.size, mtimeMs: stat.mtimeMs, hash })
	return hash
}

let queue: Promise<unknown> = Promise.resolve()
/** esbuild is memory-hungry: compiles run one after another. */
function enqueue<T>(task: () => Promise<T>): Promise<T> {
	const run = queue.then(task, task)
	queue = run.catch(() => undefined)
	return run
}

export function contentHash(relative: string, source: string) {
	return createHash('sha256').update(`${PIPELINE_VERSION}\0${relative}\0${source}`).digest('hex').slice(0, 32)
}

export async function compileSource(relative: string, source: string): Promise<CompiledContent> {
	const extract: LessonExtract = { checks: [], reflections: [], terms: [], links: [], passages: [] }
	try {
		const result = await bundleMDX({
			source,
			cwd: path.join(contentDir(), path.dirname(relative)),
			esbuildOptions(options) {
				// Errors are reported once, by the ContentError below, not also by esbuild's logger.
				options.logLevel = 'silent'
				return options
			},
			mdxOptions(options) {
				options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm, remarkAcademy(extract)]
				return options
			},
		})
		return {
			...extract,
			code: result.code,
			frontmatter: result.frontmatter,
			hash: contentHash(relative, source),
		}
	} catch (error) {
		const errors = EsbuildErrors.safeParse(error).data?.errors
		const detail = errors?.length
			? errors.map((e) => `${e.text}${e.location ? ` (line ${e.location.line})` : ''}`).join('; ')
			: messageOf(error)
		throw new ContentError(relative, detail)
	}
}

/** Compiled MDX for a content file (path relative to content/), from cache when it can. */
export async function getCompiled(relative: string): Promise<CompiledContent> {
	// In production the content is the build's (as the catalogue is): once in memory, a file is not
	// read and hashed again on every request.
	const known = isProduction() ? memoryCache.get(relative) : undefined
	if (known) {
		compileStats.memoryHits++
		return known
	}
	const source = await fs.promises.readFile(path.join(contentDir(), relative), 'utf8')
	const hash = contentHash(relative, source)
	const inMemory = memoryCache.get(relative)
	if (inMemory?.hash === hash) {
		compileStats.memoryHits++
		return inMemory
	}
	const cached = await readCached(hash)
	if (cached) {
		compileStats.diskHits++
		memoryCache.set(relative, cached)
		return cached
	}
	const diskFile = path.join(cacheDir(), `${hash}.json`)
	const compiled = await enqueue(async () => {
		compileStats.compiles++
		return compileSource(relative, source)
	})
	await fs.promises.mkdir(cacheDir(), { recursive: true })
	const temporary = `${diskFile}.${process.pid}.tmp`
	await fs.promises.writeFile(temporary, JSON.stringify(compiled))
	await fs.promises.rename(temporary, diskFile)
	memoryCache.set(relative, compiled)
	return compiled
}

/**
 * A compiled version by its hash: from memory, the disk cache, or (after the cache was cleared)
 * by compiling the current file with that hash. Null for a hash no current file has.
 */
export async function getCompiledByHash(hash: string): Promise<CompiledContent | null> {
	if (!/^[a-f0-9]{32}$/.test(hash)) return null
	for (const compiled of memoryCache.values()) if (compiled.hash === hash) return compiled
	const cached = await readCached(hash)
	if (cached) return cached
	// Not on disk: look for the file (hashes known from before are not computed again).
	for (const relative of allContentFiles()) {
		if ((await currentHash(relative)) === hash) return getCompiled(relative)
	}
	return null
}

/** Forgets the in-memory cache (tests use it to prove the disk cache works). */
export function clearMemoryCache() {
	memoryCache.clear()
	fileHashes.clear()
}

/** Every content file, relative to content/. */
export function allContentFiles(catalogue = getCatalogue()) {
	return catalogue.modules.flatMap((module) => [
		...Object.values(module.versions).map((version) => version.file),
		...module.lessons.flatMap((lesson) => Object.values(lesson.versions).map((v) => v.file)),
		...Object.values(module.guide).map((version) => version.file),
	])
}

/** The glossary of one language: every Term used in that language's lessons, once, sorted. */
export async function getGlossary(language: Language) {
	const catalogue = getCatalogue()
	const terms = new Map<string, { name: string; definition: string; lessons: string[] }>()
	for (const module of catalogue.modules) {
		for (const lesson of module.lessons) {
			const version = pickVersion(lesson.versions, language)
			if (version.fallback) continue
			const compiled = await getCompiled(version.file)
			for (const term of compiled.terms) {
				const key = term.name.toLocaleLowerCase(language)
				const entry = terms.get(key) ?? { ...term, lessons: [] }
				if (!entry.lessons.includes(lesson.key)) entry.lessons.push(lesson.key)
				terms.set(key, entry)
			}
		}
	}
	return [...terms.values()].sort((a, b) => a.name.localeCompare(b.name, language))
}
