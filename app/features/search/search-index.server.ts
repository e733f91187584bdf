import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import {
	allContentFiles,
	type CompiledContent,
	contentDir,
	contentHash,
	getCatalogue,
	getCompiled,
	getGlossary,
	pickVersion,
} from '#app/features/curriculum/content.server.ts'
import {
	buildSearchAsset,
	createSearcher,
	SEARCH_FORMAT,
	type SearchDocument,
	type SearchPage,
	type Searcher,
} from '#app/features/search/search.ts'
import { env, isProduction } from '#app/utils/env.server.ts'
import type { Language } from '#app/utils/i18n.ts'
import { slugify } from '#app/utils/slugify.ts'

/**
 * The search index of each language, built from the compiled curriculum (its passages, see
 * remark-academy.server.ts) and the glossary. `npm run build` builds them (scripts/build-content.ts)
 * into the content cache, next to the compiled lessons; the server reads them from there.
 *
 * An index is named by a hash of what it is made of (the format and every content file's hash), so
 * its URL changes exactly when its content does and browsers may keep it for good.
 */
type SearchIndex = {
	language: Language
	key: string
	/** Where the browser fetches it. */
	url: string
	/** The index file's text, as served. */
	json: string
	searcher: Searcher
}

export function searchIndexUrl(language: Language, key: string) {
	return `/search-index/${language}.${key}.json`
}

/** The hash of everything one language's index is made of: the name of its file and URL. */
export function searchIndexKey(language: Language) {
	const hash = createHash('sha256').update(`search\0${SEARCH_FORMAT}\0${language}`)
	for (const file of allContentFiles()) {
		hash.update(`\0${contentHash(file, fs.readFileSync(path.join(contentDir(), file), 'utf8'))}`)
	}
	return hash.digest('hex').slice(0, 32)
}

/** The pages and passages of one language: lessons and module overviews in reading order, then the glossary. */
async function documentsOf(language: Language) {
	const pages: Record<string, SearchPage> = {}
	const documents: SearchDocument[] = []
	const add = (page: string, compiled: CompiledContent, title: string, summary: string) => {
		documents.push({ id: documents.length, page, heading: title, anchor: '', text: summary })
		for (const passage of compiled.passages) documents.push({ id: documents.length, page, ...passage })
	}
	for (const module of getCatalogue().modules) {
		const overview = pickVersion(module.versions, language)
		pages[module.slug] = {
			kind: 'module',
			href: `/learn/${module.slug}`,
			title: overview.title,
			module: overview.title,
			lang: overview.language,
		}
		add(module.slug, await getCompiled(overview.file), overview.title, overview.summary)
		for (const lesson of module.lessons) {
			const version = pickVersion(lesson.versions, language)
			pages[lesson.key] = {
				kind: 'lesson',
				href: `/learn/${lesson.key}`,
				title: version.title,
				module: overview.title,
				lang: version.language,
			}
			add(lesson.key, await getCompiled(version.file), version.title, version.summary)
		}
	}
	pages.glossary = { kind: 'glossary', href: '/glossary', title: '', module: '', lang: language }
	for (const term of await getGlossary(language)) {
		documents.push({
			id: documents.length,
			page: 'glossary',
			heading: term.name,
			anchor: `term-${slugify(term.name)}`,
			text: term.definition,
		})
	}
	return { pages, documents }
}

const memory = new Map<Language, SearchIndex>()

function cacheFile(language: Language, key: string) {
	return path.join(path.resolve(env.CONTENT_CACHE_DIR), `search-${language}-${key}.json`)
}

function indexOf(language: Language, key: string, json: string): SearchIndex {
	return { language, key, url: searchIndexUrl(language, key), json, searcher: createSearcher(JSON.parse(json)) }
}

/**
 * One language's index: from memory (in production, once read, it is the build's), the content
 * cache, or built now (and cached) when the content changed or the cache was cleared.
 */
export async function getSearchIndex(language: Language): Promise<SearchIndex> {
	const known = memory.get(language)
	if (known && isProduction()) return known
	const key = searchIndexKey(language)
	if (known?.key === key) return known
	const file = cacheFile(language, key)
	let index: SearchIndex | null = null
	try {
		index = indexOf(language, key, await fs.promises.readFile(file, 'utf8'))
	} catch {
		// Not cached yet, or unreadable: built again.
	}
	if (!index) {
		const { pages, documents } = await documentsOf(language)
		const json = JSON.stringify(buildSearchAsset(language, pages, documents))
		await fs.promises.mkdir(path.dirname(file), { recursive: true })
		const temporary = `${file}.${process.pid}.tmp`
		await fs.promises.writeFile(temporary, json)
		await fs.promises.rename(temporary, file)
		index = indexOf(language, key, json)
	}
	memory.set(language, index)
	return index
}
