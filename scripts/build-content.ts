/**
 * Compiles every curriculum file into the content cache (.cache/content), and builds each
 * language's search index there from the compiled lessons and the glossary, so that no request in
 * production waits for either. `npm run build` runs it; a bad file fails the build with a message
 * naming the file and the problem.
 */
import { allContentFiles, getCompiled, scanCatalogue } from '#app/features/curriculum/content.server.ts'
import { getSearchIndex } from '#app/features/search/search-index.server.ts'
import { LANGUAGES } from '#app/utils/i18n.ts'

const started = Date.now()
let catalogue
try {
	catalogue = scanCatalogue()
} catch (error) {
	console.error(`Curriculum error: ${error instanceof Error ? error.message : String(error)}`)
	process.exit(1)
}
const files = allContentFiles(catalogue)
let failed = 0
for (const file of files) {
	try {
		await getCompiled(file)
	} catch (error) {
		failed++
		console.error(`Curriculum error: ${error instanceof Error ? error.message : String(error)}`)
	}
}
if (failed) process.exit(1)
console.log(`Compiled ${files.length} curriculum files in ${Date.now() - started} ms.`)
for (const language of LANGUAGES) {
	const index = await getSearchIndex(language)
	console.log(`Search index (${language}): ${index.url}, ${Math.round(index.json.length / 1024)} kB.`)
}
