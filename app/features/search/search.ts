/**
 * Search across the curriculum and its glossary, one MiniSearch index per language.
 *
 * The same code runs on the server (the /search loader, and scripts/build-content.ts, which builds
 * the indexes) and in the browser, which loads it lazily — with the index of the reader's language,
 * served as a content-hashed JSON file — so that a loaded search page keeps answering when the
 * connection drops. Both therefore find and show exactly the same results.
 *
 * Matching: accents and capitals do not count ("linea de base" finds "línea de base"), every word
 * of the query must match (function words aside), a word matches the start of a longer one
 * ("presupuest" finds "presupuestos", with no Spanish stemming), and a word of five letters or
 * more forgives one typing slip (two from ten letters).
 */
import MiniSearch, { type AsPlainObject, type Options, type SearchOptions } from 'minisearch'
import type { Language } from '#app/utils/i18n.ts'

/** Bump when the documents, the tokenizer or the term processing change: indexes are rebuilt. */
export const SEARCH_FORMAT = 1

/** Where a hit lives: a lesson, a module overview or the glossary. */
export type SearchPage = {
	kind: 'lesson' | 'module' | 'glossary'
	href: string
	/** The lesson's or module's title (the glossary's comes from the interface texts). */
	title: string
	/** The module's title, for a lesson. */
	module: string
	/** The language the page's text is in (a lesson not yet translated is shown in English). */
	lang: Language
}

/** One passage: a paragraph, a list, a table row, a lesson's summary or a glossary term. */
export type SearchDocument = {
	id: number
	/** The key of its page in `pages`. */
	page: string
	/** The section heading it sits under (the title for a summary, the term for a definition). */
	heading: string
	/** The id on the page to open it at ('' for the top of the page). */
	anchor: string
	text: string
}

/** The index file of one language, as built and as the browser receives it. */
export type SearchAsset = {
	format: number
	language: Language
	pages: Record<string, SearchPage>
	index: AsPlainObject
}

/** A piece of shown text and whether it is a match (shown in <mark>). */
export type Segment = { text: string; mark: boolean }
type SearchHit = { href: string; heading: Segment[]; text: Segment[] }
export type SearchGroup = SearchPage & { page: string; hits: SearchHit[] }
export type SearchResults = {
	query: string
	/** Every passage that matched. */
	total: number
	/** The passages shown (the best MAX_HITS). */
	shown: number
	groups: SearchGroup[]
}

const MAX_QUERY_LENGTH = 100
const MAX_HITS = 50
const SNIPPET_LENGTH = 220

/** Words of letters, marks and digits: "PNA-1325" is "PNA" and "1325". */
const WORD = /[\p{L}\p{M}\p{N}]+/gu

/** Function words left out of the index and of queries (their accents and capitals removed). */
const STOP_WORDS: Record<Language, Set<string>> = {
	en: new Set('an and are as at be by for from in is it its of on or that the this to with'.split(' ')),
	es: new Set('al como con de del el en es la las lo los para por que se su sus un una unas unos'.split(' ')),
}

/** "Línea" → "linea": the form in which words are indexed and looked up. */
export function normalizeWord(word: string) {
	return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

function processTermFor(language: Language) {
	const stopWords = STOP_WORDS[language]
	return (term: string) => {
		const word = normalizeWord(term)
		// Single letters ("a", "y", the "s" of "Mexico's") and function words say nothing.
		if (!word || stopWords.has(word) || /^\p{L}$/u.test(word)) return null
		return word
	}
}

function tokenize(text: string) {
	return text.match(WORD) ?? []
}

const SEARCH_OPTIONS: SearchOptions = {
	prefix: true,
	// One typing slip forgiven in a word of five letters or more, two from ten letters.
	fuzzy: (term) => (term.length >= 10 ? 2 : term.length >= 5 ? 1 : false),
	combineWith: 'AND',
	boost: { heading: 2 },
	weights: { fuzzy: 0.3, prefix: 0.6 },
}

export function indexOptions(language: Language): Options<SearchDocument> {
	return {
		fields: ['heading', 'text'],
		storeFields: ['page', 'heading', 'anchor', 'text'],
		tokenize,
		processTerm: processTermFor(language),
		searchOptions: SEARCH_OPTIONS,
	}
}

/** Builds one language's index file from its pages and passages. */
export function buildSearchAsset(language: Language, pages: Record<string, SearchPage>, documents: SearchDocument[]): SearchAsset {
	const index = new MiniSearch<SearchDocument>(indexOptions(language))
	index.addAll(documents)
	return { format: SEARCH_FORMAT, language, pages, index: index.toJSON() }
}

/** Splits text into segments, marking the words whose indexed form matched; long text is cut around the first match. */
function highlight(text: string, matched: Set<string>, processTerm: (term: string) => string | null, cut: boolean): Segment[] {
	const marks: Array<[number, number]> = []
	for (const word of text.matchAll(WORD)) {
		const term = processTerm(word[0])
		if (term && matched.has(term)) marks.push([word.index, word.index + word[0].length])
	}
	let start = 0
	let end = text.length
	if (cut && text.length > SNIPPET_LENGTH) {
		const first = marks[0]?.[0] ?? 0
		if (first > SNIPPET_LENGTH / 3) {
			start = text.indexOf(' ', first - Math.floor(SNIPPET_LENGTH / 3)) + 1
			if (start <= 0 || start > first) start = first
		}
		end = Math.min(text.length, start + SNIPPET_LENGTH)
		if (end < text.length) {
			const space = text.lastIndexOf(' ', end)
			if (space > start) end = space
		}
	}
	const segments: Segment[] = []
	const push = (value: string, mark: boolean) => {
		if (value) segments.push({ text: value, mark })
	}
	let position = start
	for (const [from, to] of marks) {
		if (to <= start || from >= end) continue
		push(text.slice(position, Math.max(from, start)), false)
		push(text.slice(Math.max(from, start), Math.min(to, end)), true)
		position = Math.min(to, end)
	}
	push(text.slice(position, end), false)
	if (start > 0) segments.unshift({ text: '…', mark: false })
	if (end < text.length) segments.push({ text: '…', mark: false })
	return segments
}

/** The query as it is searched for: trimmed, spaces collapsed, at most MAX_QUERY_LENGTH characters. */
export function cleanQuery(query: string | null | undefined) {
	return (query ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_QUERY_LENGTH)
}

export type Searcher = { language: Language; search: (query: string) => SearchResults }

/** A searcher over one language's index file. */
export function createSearcher(asset: SearchAsset): Searcher {
	const options = indexOptions(asset.language)
	const index = MiniSearch.loadJS<SearchDocument>(asset.index, options)
	const processTerm = processTermFor(asset.language)
	return {
		language: asset.language,
		search(raw) {
			const query = cleanQuery(raw)
			const found = query ? index.search(query) : []
			const groups = new Map<string, SearchGroup>()
			let shown = 0
			for (const result of found) {
				if (shown >= MAX_HITS) break
				const stored = result as unknown as SearchDocument & { terms: string[] }
				const page = asset.pages[stored.page]
				if (!page) continue
				let group = groups.get(stored.page)
				if (!group) {
					group = { ...page, page: stored.page, hits: [] }
					groups.set(stored.page, group)
				}
				const matched = new Set(result.terms)
				group.hits.push({
					href: stored.anchor ? `${page.href}#${stored.anchor}` : page.href,
					heading: highlight(stored.heading || page.title, matched, processTerm, false),
					text: highlight(stored.text, matched, processTerm, true),
				})
				shown++
			}
			return { query, total: found.length, shown, groups: [...groups.values()] }
		},
	}
}

const loaded = new Map<string, Promise<Searcher>>()

/** In the browser: fetches an index file once (it never changes at its URL) and makes a searcher of it. */
export function loadSearcher(url: string): Promise<Searcher> {
	let searcher = loaded.get(url)
	if (!searcher) {
		searcher = fetch(url, { credentials: 'same-origin' })
			.then((response) => {
				if (!response.ok) throw new Error(`Search index ${url}: ${response.status}`)
				return response.json() as Promise<SearchAsset>
			})
			.then(createSearcher)
		searcher.catch(() => loaded.delete(url))
		loaded.set(url, searcher)
	}
	return searcher
}
