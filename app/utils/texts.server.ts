/**
 * The texts a page carries (decision record 0024): those its matched routes can show, as the build
 * listed them, and any other text the page used while it was rendered (so the browser never lacks a
 * text the server showed). Worked out once per language and set of routes; a page that used a text
 * outside the list gets its own copy.
 */
import { AsyncLocalStorage } from 'node:async_hooks'
import type { i18n, PostProcessorModule } from 'i18next'
import keysByRoute from 'virtual:academy-texts/server'
import { resources } from '#app/utils/i18n.server.ts'
import { DEFAULT_NAMESPACE, type Language } from '#app/utils/i18n.ts'
import { keysNamedBy, type PageTexts, pickTexts, scriptJson, type Texts } from '#app/utils/texts.ts'

const used = new AsyncLocalStorage<Set<string>>()

/** Notes that the page being rendered showed a text. */
function noteText(key: string) {
	used.getStore()?.add(key)
}

/** An i18next post-processor that notes each key a page's render asks for. */
export const recordTexts: PostProcessorModule = {
	type: 'postProcessor',
	name: 'recordTexts',
	process(value: string, key: string | string[]) {
		for (const one of Array.isArray(key) ? key : [key]) noteText(one)
		return value
	},
}

/** What react-i18next's `t` passes along for a text asked for without options of its own. */
const PLAIN_OPTIONS = new Set(['lng', 'lngs', 'ns', 'keyPrefix'])

/**
 * Remembers the texts of a server instance that take no options (no count, no values): most of a
 * page's texts, which i18next would otherwise resolve afresh each time (tens of microseconds each,
 * hundreds of times on a roadmap page). The resources never change while the server runs.
 */
export function rememberPlainTexts(instance: i18n) {
	const translate = instance.t.bind(instance) as (key: unknown, options?: unknown) => unknown
	const remembered = new Map<string, unknown>()
	const isPlain = (options: unknown) => {
		if (options === undefined) return true
		if (typeof options !== 'object' || options === null) return false
		for (const [name, value] of Object.entries(options)) {
			if (!PLAIN_OPTIONS.has(name)) return false
			if (
				name === 'lng'
					? value != null && value !== instance.language
					: name === 'ns'
						? value != null && value !== DEFAULT_NAMESPACE
						: value !== undefined
			) {
				return false
			}
		}
		return true
	}
	const t = (key: unknown, options?: unknown) => {
		if (typeof key !== 'string' || !isPlain(options)) return translate(key, options)
		if (!remembered.has(key)) {
			remembered.set(key, translate(key, options))
			return remembered.get(key)
		}
		noteText(key)
		return remembered.get(key)
	}
	instance.t = t as unknown as i18n['t']
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
