/**
 * Checks curriculum files: front matter and that the MDX compiles with the Academy's components.
 * Usage: tsx scripts/check-content.ts [content/…/file.mdx …]   (no argument: every file)
 */
import path from 'node:path'
import { allContentFiles, compileSource, contentDir, readFrontMatter, scanCatalogue } from '#app/features/curriculum/content.server.ts'
import { GUIDE_FILE, readGuideFile } from '#app/features/curriculum/guide-files.server.ts'
import { isLanguage } from '#app/utils/i18n.ts'
import fs from 'node:fs'

const root = contentDir()
const files = process.argv.slice(2).length
	? process.argv.slice(2).map((file) => path.relative(root, path.resolve(file)))
	: allContentFiles(scanCatalogue(root))

let failed = 0
for (const relative of files) {
	const language = /\.([a-z]{2})\.mdx$/.exec(relative)?.[1]
	try {
		if (!isLanguage(language)) throw new Error(`${relative}: unknown language`)
		if (GUIDE_FILE.test(path.basename(relative))) readGuideFile(root, relative, language)
		else readFrontMatter(root, relative, language)
		const compiled = await compileSource(relative, fs.readFileSync(path.join(root, relative), 'utf8'))
		const words = fs.readFileSync(path.join(root, relative), 'utf8').split(/\s+/).length
		console.log(
			`ok   ${relative} (${words} words, ${compiled.checks.length} checks, ${compiled.reflections.length} reflections, ${compiled.terms.length} terms)`,
		)
	} catch (error) {
		failed++
		console.log(`FAIL ${error instanceof Error ? error.message : String(error)}`)
	}
}
console.log(failed ? `${failed} file(s) failed` : 'all files ok')
process.exit(failed ? 1 : 0)
