/**
 * The browser's interface texts (decision records 0024 and 0025): per language, a table of only the
 * texts of the routes seen so far, read by the same translation function as on the server
 * (app/utils/translate.ts). The page brings its own (a JSON script the server writes at the
 * end of the body); a route reached later loads its texts with its module (`needTexts`, which the
 * build puts at the top of each route module, scripts/route-texts.ts).
 *
 * Should a text ever be missing all the same, the whole language file comes in once and the text
 * appears a moment later; the console says which key, so the build's list can be put right.
 */
import { DEFAULT_LANGUAGE, isLanguage, type Language, LANGUAGES } from '#app/utils/i18n.ts'
import { type PageTexts, type Texts, TEXTS_ELEMENT_ID } from '#app/utils/texts.ts'
import { addTexts, createTranslate, type TextTable } from '#app/utils/translate.ts'
import type { TextsSnapshot, TextsStore } from '#app/utils/use-texts.tsx'

type RouteTexts = Partial<Record<Language, () => Promise<{ default: Texts }>>>

/** Each route's loaders, by route id, as its module registered them. */
const routes = new Map<string, RouteTexts>()
/** Per language, the routes whose texts the browser holds. */
const held = new Map<Language, Set<string>>(LANGUAGES.map((language) => [language, new Set()]))
/** Per language, the texts the browser holds. */
const tables = new Map<Language, TextTable>(LANGUAGES.map((language) => [language, new Map()]))
let page: { texts: PageTexts; source: string } | null = null
let snapshot: TextsSnapshot | null = null
const listeners = new Set<() => void>()

/** The texts the server wrote into the page, read once; the page's language if there are none. */
function pageTexts() {
	if (!page) {
		const element = document.getElementById(TEXTS_ELEMENT_ID)
		const source = element?.textContent ?? ''
		let texts: PageTexts | null = null
		try {
			texts = source ? (JSON.parse(source) as PageTexts) : null
		} catch {
			texts = null
		}
		const language = isLanguage(document.documentElement.lang) ? document.documentElement.lang : DEFAULT_LANGUAGE
		page = { texts: texts ?? { language, routes: [], texts: {} }, source }
		held.set(page.texts.language, new Set(page.texts.routes))
		add(page.texts.language, page.texts.texts)
	}
	return page
}

/** The page's texts script as the server wrote it, for hydration to render it unchanged. */
export function pageTextsSource() {
	return pageTexts().source
}

function currentLanguage(): Language {
	return snapshot?.language ?? pageTexts().texts.language
}

/** A new translation function for the language (its templates are worked out again), and a re-render. */
function publish(language: Language) {
	snapshot = { language, t: createTranslate(language, tables.get(language)!, { onMissing: (key) => loadWholeLanguage(language, key) }) }
	for (const listener of listeners) listener()
}

function add(language: Language, texts: Texts) {
	addTexts(tables.get(language)!, texts)
	if (snapshot?.language === language) publish(language)
}

async function load(routeId: string, language: Language) {
	const have = held.get(language)!
	if (have.has(routeId)) return
	const loader = routes.get(routeId)?.[language]
	if (!loader) return
	try {
		const texts = (await loader()).default
		add(language, texts)
		have.add(routeId)
	} catch {
		// Offline, or a new release replaced the chunk: the missing-text fallback below takes over.
	}
}

/** Loads a route's texts in the current language before its module finishes; never fails. */
export async function needTexts(routeId: string, loaders: RouteTexts) {
	routes.set(routeId, loaders)
	await load(routeId, currentLanguage())
}

const wholeLanguage = new Map<Language, Promise<void>>()
function loadWholeLanguage(language: Language, key: string) {
	if (wholeLanguage.has(language)) return
	console.error(`Interface text "${key}" was not among this page's texts: loading all of them.`)
	wholeLanguage.set(
		language,
		import(`../locales/${language}/common.json`)
			.then((module: { default: Texts }) => add(language, module.default))
			.catch(() => {
				wholeLanguage.delete(language)
			}),
	)
}

/** The browser's texts for the provider in entry.client (the page's language, before hydration). */
export const textsStore: TextsStore = {
	get() {
		if (!snapshot) publish(pageTexts().texts.language)
		return snapshot!
	},
	subscribe(listener) {
		listeners.add(listener)
		return () => listeners.delete(listener)
	},
}

/**
 * Switches the interface to another language without a page load (the setting saved in Settings, or
 * the switcher): the texts of every route seen so far come in that language first.
 */
export async function switchTextsLanguage(language: Language) {
	if (currentLanguage() === language) return
	await Promise.all([...routes.keys()].map((routeId) => load(routeId, language)))
	publish(language)
}
