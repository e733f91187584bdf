/**
 * The interface's translation function for React, the same on the server and in the browser
 * (decision record 0025). It reads the texts as i18next would and gives exactly what i18next gives
 * for every text of both languages (a unit test compares them all), for what components ask:
 * a dotted key, `{{name}}` values, a count choosing its plural form (`_zero` for 0 where the text has
 * one), and a default value for a key that is not there. Mail, notifications and loaders keep
 * i18next on the server (`getT`, `getTextT`), where the other options live.
 *
 * It imports no code (a type only): the browser gets it for about 1 KB instead of i18next and
 * react-i18next's 16.
 */
import type { Texts } from '#app/utils/texts.ts'

/** Values a text names, a `count` for its plural form, and what to show if the key is not there. */
export type TextOptions = {
	count?: number
	defaultValue?: string
	[name: string]: unknown
}

export type Translate = (key: string, options?: TextOptions) => string

/** The texts of one language by key ("learn.complete.button"), as a tree is flattened. */
export type TextTable = Map<string, string>

/** Adds a texts tree's strings to a table (a list, which only the server's mail reads, is left out). */
export function addTexts(table: TextTable, tree: Texts, prefix = ''): TextTable {
	for (const [name, value] of Object.entries(tree)) {
		if (typeof value === 'string') table.set(`${prefix}${name}`, value)
		else if (!Array.isArray(value)) addTexts(table, value, `${prefix}${name}.`)
	}
	return table
}

/** A text's template: literal pieces with the names of the values between them. */
type Template = { pieces: string[]; names: string[] }
const VALUE_SLOT = /\{\{\s*(\w+)\s*\}\}/g

function compile(text: string): Template {
	const pieces: string[] = []
	const names: string[] = []
	let last = 0
	for (const match of text.matchAll(VALUE_SLOT)) {
		pieces.push(text.slice(last, match.index))
		names.push(match[1]!)
		last = match.index + match[0].length
	}
	pieces.push(text.slice(last))
	return { pieces, names }
}

/** A value as i18next writes it: nothing for null, the literal slot when the value is missing. */
function fill(template: Template, options: TextOptions | undefined) {
	let text = template.pieces[0]!
	for (let n = 0; n < template.names.length; n++) {
		const name = template.names[n]!
		const value = options?.[name]
		text += (value === undefined ? `{{${name}}}` : value === null ? '' : String(value)) + template.pieces[n + 1]!
	}
	return text
}

const pluralRules = new Map<string, Intl.PluralRules>()
function pluralRulesFor(language: string) {
	let rules = pluralRules.get(language)
	if (!rules) {
		rules = new Intl.PluralRules(language)
		pluralRules.set(language, rules)
	}
	return rules
}

export type TranslateHooks = {
	/** Called with each key asked for (the server notes a page's texts for the browser's copy). */
	onUse?: (key: string) => void
	/** Called with a key the table does not have (the browser fetches the whole language). */
	onMissing?: (key: string) => void
}

/**
 * A translation function over a table of one language's texts. The table may grow (the browser adds
 * a route's texts when it arrives); a text's template is worked out once and kept until it does.
 */
export function createTranslate(language: string, table: TextTable, hooks: TranslateHooks = {}): Translate {
	const templates = new Map<string, Template>()
	const plural = pluralRulesFor(language)
	const template = (key: string) => {
		let found = templates.get(key)
		if (!found) {
			const text = table.get(key)
			if (text === undefined) return undefined
			found = compile(text)
			templates.set(key, found)
		}
		return found
	}
	return (key, options) => {
		hooks.onUse?.(key)
		const count = options?.count
		const form = typeof count === 'number' ? (count === 0 && table.has(`${key}_zero`) ? 'zero' : plural.select(count)) : null
		const found = (form && template(`${key}_${form}`)) || template(key)
		if (found) return fill(found, options)
		hooks.onMissing?.(key)
		const fallback = options?.defaultValue
		return typeof fallback === 'string' ? fill(compile(fallback), options) : key
	}
}
