import fs from 'node:fs'
import path from 'node:path'
import { contentDir, contentHash, getCatalogue } from '#app/features/curriculum/content.server.ts'
import type { GuideVersion } from '#app/features/curriculum/guide-files.server.ts'
import { isProduction } from '#app/utils/env.server.ts'
import { type Language, LANGUAGES } from '#app/utils/i18n.ts'

/**
 * Facilitator guides (one per module, optional; see guide-files.server.ts): which version a viewer
 * reads, and which compiled versions are guides, so that their modules reach only those who may
 * read them (the access layer asks; the policy decides who).
 */

/** The guide in the wanted language, else in the other one with `fallback: true`; null without a guide. */
export function pickGuideVersion(
	guide: Partial<Record<Language, GuideVersion>>,
	language: Language,
): (GuideVersion & { fallback: boolean }) | null {
	const wanted = guide[language]
	if (wanted) return { ...wanted, fallback: false }
	const other = LANGUAGES.map((l) => guide[l]).find(Boolean)
	return other ? { ...other, fallback: true } : null
}

export function hasGuide(guide: Partial<Record<Language, GuideVersion>>) {
	return Object.keys(guide).length > 0
}

let productionHashes: Set<string> | undefined

/**
 * The content hashes of every guide file (the names of their compiled modules, /mdx/<hash>.js): read
 * once per process in production, as the catalogue is, and on every call in development.
 */
export function guideHashes(): Set<string> {
	if (productionHashes) return productionHashes
	const hashes = new Set<string>()
	for (const module of getCatalogue().modules) {
		for (const version of Object.values(module.guide)) {
			hashes.add(contentHash(version.file, fs.readFileSync(path.join(contentDir(), version.file), 'utf8')))
		}
	}
	if (isProduction()) productionHashes = hashes
	return hashes
}
