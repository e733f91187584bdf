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
/** Options i18next acts on itself: a text asked for with any of these goes the whole way through it. */
const I18NEXT_OPTIONS = new Set([
	'context',
	'defaultValue',
	'ordinal',
	'returnObjects',
	'returnDetails',
	'joinArrays',
	'postProcess',
	'interpolation',
	'replace',
	'skipInterpolation',
	'fallbackLng',
	'keySeparator',
	'nsSeparator',
	'skipOnVariables',
])

/** A text's template: literal pieces with the names of the values between them. */
type Template = { pieces: string[]; names: string[] }
const VALUE_SLOT = /\{\{\s*(\w+)\s*\}\}/g

/** A text whose only markup is `{{name}}` slots (no formats, no nesting), split once. */
function compileTemplate(raw: unknown): Template | null {
	if (typeof raw !== 'string' || raw.includes('$t(')) return null
	const pieces: string[] = []
	const names: string[] = []
	let last = 0
	for (const match of raw.matchAll(VALUE_SLOT)) {
		pieces.push(raw.slice(last, match.index))
		names.push(match[1]!)
		last = match.index + match[0].length
	}
	pieces.push(raw.slice(last))
	// Anything else in braces (a format, "{{- value}}", a nested key) is i18next's to read.
	if (pieces.some((piece) => piece.includes('{{'))) return null
	return { pieces, names }
}

/**
 * Makes a server instance's texts cheap to ask for again (the resources never change while the
 * server runs): a text without options is remembered whole, and one with plain values ("{{label}}",
 * a count choosing its plural form) is split into its pieces once and filled in on each call —
 * exactly what i18next would give (a test compares every text of both languages), without its
 * option handling, which costs tens of microseconds a call, hundreds of times on a roadmap page.
 * Anything else (a context, a default value, a format, nesting, a missing form) goes to i18next.
 */
export function rememberPlainTexts(instance: i18n) {
	const translate = instance.t.bind(instance) as (key: unknown, options?: unknown) => unknown
	const remembered = new Map<string, unknown>()
	const templates = new Map<string, Template | null>()
	const plural = new Intl.PluralRules(instance.language)
	// Values are filled in as they are: only where i18next would not HTML-escape them either (React escapes).
	const fillsValues = instance.options.interpolation?.escapeValue === false
	const raw = (key: string) => instance.getResource(instance.language, DEFAULT_NAMESPACE, key) as unknown
	const template = (key: string) => {
		let found = templates.get(key)
		if (found === undefined) {
			found = compileTemplate(raw(key))
			templates.set(key, found)
		}
		return found
	}
	/** `plain`: no options of its own; `values`: plain values only; `other`: i18next's to handle. */
	const kindOf = (options: unknown): 'plain' | 'values' | 'other' => {
		if (options === undefined) return 'plain'
		if (typeof options !== 'object' || options === null) return 'other'
		let kind: 'plain' | 'values' = 'plain'
		for (const name in options) {
			const value = (options as Record<string, unknown>)[name]
			if (PLAIN_OPTIONS.has(name)) {
				const same =
					name === 'lng'
						? value == null || value === instance.language
						: name === 'ns'
							? value == null || value === DEFAULT_NAMESPACE
							: value == null // getFixedT(null) passes `lngs: null`
				if (!same) return 'other'
			} else if (I18NEXT_OPTIONS.has(name) || name.startsWith('defaultValue')) {
				return 'other'
			} else if (
				name === 'count' ? typeof value === 'number' && Number.isFinite(value) : typeof value === 'string' || typeof value === 'number'
			) {
				kind = 'values'
			} else {
				return 'other'
			}
		}
		return kind
	}
	const fill = (found: Template, values: Record<string, unknown>) => {
		let text = found.pieces[0]!
		for (let n = 0; n < found.names.length; n++) {
			const value = values[found.names[n]!]
			if (value === undefined) return null // i18next warns about a missing value: let it
			text += String(value) + found.pieces[n + 1]!
		}
		return text
	}
	const withValues = (key: string, values: Record<string, unknown>) => {
		let form = key
		if ('count' in values) {
			const count = values.count as number
			const zero = `${key}_zero`
			form = count === 0 && typeof raw(zero) === 'string' ? zero : `${key}_${plural.select(count)}`
		}
		const found = template(form)
		return found ? fill(found, values) : null
	}
	const t = (key: unknown, options?: unknown) => {
		if (typeof key !== 'string') return translate(key, options)
		const kind = kindOf(options)
		if (kind === 'other') return translate(key, options)
		if (kind === 'values') {
			const text = fillsValues ? withValues(key, options as Record<string, unknown>) : null
			if (text === null) return translate(key, options)
			noteText(key)
			return text
		}
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
