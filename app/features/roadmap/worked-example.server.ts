/**
 * The worked example: Valmira's whole roadmap (content/CASE.md), shipped with the curriculum as
 * roadmap documents (`content/sample-roadmap/valmira.<lang>.json`, the format of docs/roadmap-json.md).
 *
 * It is content, not data: no delegation owns it and no table holds it, so it is in every deployment
 * (not only the demo), always equal to its file, counted in no cohort or dashboard, and read-only by
 * construction (nothing writes it). Its page reads the file through the import's own checks into an
 * in-memory roadmap; a delegation whose roadmap is still empty can start from it, which imports the
 * file through the ordinary import path.
 */
import fs from 'node:fs'
import path from 'node:path'
import { contentDir } from '#app/features/curriculum/content.server.ts'
import { isProduction } from '#app/utils/env.server.ts'
import { type Language, LANGUAGES } from '#app/utils/i18n.ts'
import { DEFAULT_PILLARS } from '#app/features/roadmap/kinds.ts'
import type { Item, ItemTree } from '#app/features/roadmap/items.server.ts'
import { budgetTotals, buildTree, completeness } from '#app/features/roadmap/roadmap.server.ts'
import { planRoadmap } from '#app/features/roadmap/transfer.server.ts'

/** Where the example's files are, under the content folder. */
export function workedExampleFile(language: Language) {
	return path.join(contentDir(), 'sample-roadmap', `valmira.${language}.json`)
}

const texts = new Map<Language, string>()

/** The example's roadmap document in a language (read once per process in production). */
export function workedExampleText(language: Language) {
	const known = isProduction() ? texts.get(language) : undefined
	if (known) return known
	const text = fs.readFileSync(workedExampleFile(language), 'utf8')
	if (isProduction()) texts.set(language, text)
	return text
}

/** The items an import of these trees would create, in memory: ids, parents and positions as the import gives them. */
function itemsOf(trees: ItemTree[]) {
	const items: Item[] = []
	const add = (node: ItemTree, parentId: string | null) => {
		const position = items.filter((i) => i.kind === node.kind && i.parentId === parentId).length
		const item: Item = {
			id: `example-${items.length + 1}`,
			kind: node.kind,
			parentId,
			position,
			data: node.data as Item['data'],
			version: 1,
			updatedAt: '',
			updatedBy: null,
		}
		items.push(item)
		for (const child of node.children ?? []) add(child, item.id)
	}
	for (const node of trees) add(node, null)
	return items
}

/** The example as a roadmap in a language: its tree, totals and (none expected) gaps. A broken file is a server error. */
export function workedExample(language: Language) {
	const planned = planRoadmap(workedExampleText(language))
	if (!planned.ok) throw new Error(`content/sample-roadmap/valmira.${language}.json: ${planned.errors.join(', ')}`)
	const tree = buildTree(itemsOf(planned.items))
	return { language, currency: planned.currency, tree, totals: budgetTotals(tree), gaps: completeness(tree) }
}

/**
 * Whether a roadmap may start from the example, and in which language: only while it holds nothing
 * but the default pillars (empty, with their default names, in either language). The language is the
 * pillars' (the roadmap's own), else `fallback` (the viewer's).
 */
export function exampleStart(items: Item[], fallback: Language): { ok: true; language: Language } | { ok: false } {
	const defaults: readonly string[] = LANGUAGES.flatMap((language) => DEFAULT_PILLARS[language])
	const onlyDefaultPillars = items.every(
		(item) => item.kind === 'pillar' && defaults.includes(String(item.data.name)) && !items.some((child) => child.parentId === item.id),
	)
	if (!onlyDefaultPillars) return { ok: false }
	const names = items.map((item) => String(item.data.name))
	const language = names.length
		? LANGUAGES.find((l) => names.every((name) => (DEFAULT_PILLARS[l] as readonly string[]).includes(name)))
		: undefined
	return { ok: true, language: language ?? fallback }
}
