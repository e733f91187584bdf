/**
 * The interface texts a page needs, and no more (decision record 0024). The build works out, for
 * each route, which keys of app/locales/<language>/common.json its code can show
 * (scripts/route-texts.ts); the server writes the page's keys into the page
 * (app/utils/texts.server.ts, app/components/page-texts.tsx), and the browser loads another route's
 * keys with that route's module (app/utils/texts.client.ts). This module is shared by all three and
 * by the build, so it imports nothing.
 */
import type { Language } from '#app/utils/i18n.ts'

export type Texts = { [key: string]: string | string[] | Texts }

/** The element that carries the page's texts, a JSON script at the end of the body. */
export const TEXTS_ELEMENT_ID = 'academy-texts'

/** What the server writes into a page: the texts and the routes whose texts they include. */
export type PageTexts = { language: Language; routes: string[]; texts: Texts }

/** Every leaf key of a texts tree, as a dotted path ("learn.complete.button"); a list is one leaf. */
export function leafKeys(tree: Texts, prefix = ''): string[] {
	return Object.entries(tree).flatMap(([name, value]) =>
		typeof value === 'string' || Array.isArray(value) ? [`${prefix}${name}`] : leafKeys(value, `${prefix}${name}.`),
	)
}

/** The part of a texts tree that holds the given leaf keys (keys it does not have are ignored). */
export function pickTexts(tree: Texts, keys: Iterable<string>): Texts {
	const picked: Texts = {}
	for (const key of keys) {
		const path = key.split('.')
		let from: Texts | string | string[] | undefined = tree
		for (const name of path.slice(0, -1)) {
			from = typeof from === 'object' && !Array.isArray(from) ? from[name] : undefined
			if (from === undefined) break
		}
		const leaf = typeof from === 'object' && !Array.isArray(from) ? from[path.at(-1)!] : undefined
		if (typeof leaf !== 'string' && !Array.isArray(leaf)) continue
		let to = picked
		for (const name of path.slice(0, -1)) {
			to = (to[name] ??= {}) as Texts
		}
		to[path.at(-1)!] = leaf
	}
	return picked
}

/** A JSON text that is safe inside a script element. */
export function scriptJson(value: unknown): string {
	return JSON.stringify(value)
		.replace(/</g, '\\u003c')
		.replace(/\u2028/g, '\\u2028')
		.replace(/\u2029/g, '\\u2029')
}

const PLURAL_SUFFIX = /^_[a-z_]+$/

/**
 * The keys of a tree that a name found in code or asked for by a page stands for: a text and its
 * plural forms ("x" → "x_one", "x_other"), every text of a group, or with `isPrefix` every text
 * there whose name starts so. Nothing when it names no text.
 */
export function keysNamedBy(literal: string, isPrefix: boolean, tree: Texts): string[] {
	const path_ = literal.split('.')
	const last = path_.pop()!
	let parent: Texts | string | string[] | undefined = tree
	for (const name of path_) {
		parent = typeof parent === 'object' && !Array.isArray(parent) ? parent[name] : undefined
		if (parent === undefined) return []
	}
	if (typeof parent !== 'object' || Array.isArray(parent)) return []
	const prefix = path_.length ? `${path_.join('.')}.` : ''
	const keysUnder = (name: string) => {
		const value = parent[name]!
		return typeof value === 'object' && !Array.isArray(value) ? leafKeys(value, `${prefix}${name}.`) : [`${prefix}${name}`]
	}
	const names = Object.keys(parent).filter((name) =>
		isPrefix ? name.startsWith(last) : name === last || (name.startsWith(`${last}_`) && PLURAL_SUFFIX.test(name.slice(last.length))),
	)
	return names.flatMap(keysUnder)
}
