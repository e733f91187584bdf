/**
 * The browser's interface texts (decision record 0024): one i18next instance that holds only the
 * texts of the routes seen so far. The page brings its own (a JSON script the server writes at the
 * end of the body); a route reached later loads its texts with its module (`needTexts`, which the
 * build puts at the top of each route module, scripts/route-texts.ts).
 *
 * Should a text ever be missing all the same, the whole language file comes in once and the text
 * appears a moment later; the console says which key, so the build's list can be put right.
 */
import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import { DEFAULT_LANGUAGE, DEFAULT_NAMESPACE, isLanguage, type Language, LANGUAGES } from '#app/utils/i18n.ts'
import { type PageTexts, type Texts, TEXTS_ELEMENT_ID } from '#app/utils/texts.ts'

type RouteTexts = Partial<Record<Language, () => Promise<{ default: Texts }>>>

/** Each route's loaders, by route id, as its module registered them. */
const routes = new Map<string, RouteTexts>()
/** Per language, the routes whose texts the instance (or the queue before it starts) holds. */
const held = new Map<Language, Set<string>>(LANGUAGES.map((language) => [language, new Set()]))
/** Texts that arrived before the instance started (route modules run before entry.client). */
const queued: Partial<Record<Language, Texts[]>> = {}
let started = false
let page: { texts: PageTexts; source: string } | null = null

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
	return started && isLanguage(i18next.language) ? i18next.language : pageTexts().texts.language
}

function add(language: Language, texts: Texts) {
	if (started) i18next.addResourceBundle(language, DEFAULT_NAMESPACE, texts, true, true)
	else (queued[language] ??= []).push(texts)
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

const wholeLanguage = new Map<string, Promise<void>>()
function loadWholeLanguage(language: string, key: string) {
	if (!isLanguage(language) || wholeLanguage.has(language)) return
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

/** Starts i18next with the texts gathered so far (entry.client, before hydration). */
export async function startTexts() {
	const { texts } = pageTexts()
	await i18next.use(initReactI18next).init({
		lng: texts.language,
		// Both locale files have the same keys (a unit test checks it): no fallback language to fetch.
		fallbackLng: false,
		supportedLngs: [...LANGUAGES],
		ns: [DEFAULT_NAMESPACE],
		defaultNS: DEFAULT_NAMESPACE,
		resources: {},
		interpolation: { escapeValue: false },
		// A text added later (another route's, or the whole language) shows at once.
		react: { useSuspense: false, bindI18nStore: 'added' },
		saveMissing: true,
		saveMissingTo: 'current',
		missingKeyHandler: (languages, _namespace, key) => loadWholeLanguage(languages[0] ?? texts.language, key),
	})
	started = true
	for (const language of LANGUAGES) {
		for (const bundle of queued[language] ?? []) add(language, bundle)
		delete queued[language]
	}
	return i18next
}

/**
 * Switches the interface to another language without a page load (the setting saved in Settings, or
 * the switcher): the texts of every route seen so far come in that language first.
 */
export async function switchTextsLanguage(language: Language) {
	if (!started || i18next.language === language) return
	await Promise.all([...routes.keys()].map((routeId) => load(routeId, language)))
	await i18next.changeLanguage(language)
}
