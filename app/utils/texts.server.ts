/**
 * The texts a page carries (decision record 0024): those its matched routes can show, as the build
 * listed them, and any other text the page asked for while it was rendered (so the browser never lacks a
 * text the server showed). Worked out once per language and set of routes; a page that used a text
 * outside the list gets its own copy.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import keysByRoute from 'virtual:academy-texts/server'
import { resources } from '#app/utils/i18n.server.ts'
import type { Language } from '#app/utils/i18n.ts'
import { keysNamedBy, type PageTexts, pickTexts, scriptJson, type Texts } from '#app/utils/texts.ts'
import { addTexts, createTranslate } from '#app/utils/translate.ts'
import { fixedTextsStore, type TextsStore } from '#app/utils/use-texts.tsx'

const used = new AsyncLocalStorage<Set<string>>()

/** Notes that the page being rendered showed a text. */
function noteText(key: string) {
	used.getStore()?.add(key)
}

const stores = new Map<Language, TextsStore>()

/**
 * The texts a page's render reads, one store per language made once (the resources never change
 * while the server runs); every key asked for is noted for the page's copy for the browser.
 */
export function serverTextsStore(language: Language): TextsStore {
	let store = stores.get(language)
	if (!store) {
		const table = addTexts(new Map(), resources[language].common as Texts)
		store = fixedTextsStore({ language, t: createTranslate(language, table, { onUse: noteText }) })
		stores.set(language, store)
	}
	return store
}

/** Runs a page's render, noting in `keys` the keys it uses. */
export function recordingTexts<T>(keys: Set<string>, render: () => T): T {
	return used.run(keys, render)
}

type Prepared = { covered: Set<string>; keys: string[]; json: string }
const prepared = new Map<string, Prepared>()

/** A key and the names i18next looks it up by ("x" for "x_one", "x_other"). */
function lookupNames(key: string) {
	const names = [key]
	const dot = key.lastIndexOf('.')
	const last = key.slice(dot + 1)
	for (let underscore = last.indexOf('_'); underscore > 0; underscore = last.indexOf('_', underscore + 1)) {
		names.push(key.slice(0, dot + 1 + underscore))
	}
	return names
}

function prepare(language: Language, routeIds: string[]): Prepared {
	const cacheKey = `${language}\n${routeIds.join('\n')}`
	let found = prepared.get(cacheKey)
	if (!found) {
		const keys = [...new Set(routeIds.flatMap((id) => keysByRoute[id] ?? []))]
		const texts = pickTexts(resources[language].common as Texts, keys)
		found = {
			covered: new Set(keys.flatMap(lookupNames)),
			keys,
			json: scriptJson({ language, routes: routeIds, texts } satisfies PageTexts),
		}
		prepared.set(cacheKey, found)
	}
	return found
}

/** The page's texts as the JSON its script element holds. */
export function pageTextsJson(language: Language, routeIds: string[], usedKeys: Set<string>): string {
	const base = prepare(language, routeIds)
	const extra = [...usedKeys].filter((key) => !base.covered.has(key))
	if (extra.length === 0) return base.json
	const tree = resources[language].common as Texts
	// A used key may be a plural's base name: its forms are what the browser looks up.
	const forms = extra.flatMap((key) => keysNamedBy(key, false, tree))
	const texts = pickTexts(tree, [...base.keys, ...forms])
	return scriptJson({ language, routes: routeIds, texts } satisfies PageTexts)
}
