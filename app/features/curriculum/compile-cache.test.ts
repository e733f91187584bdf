import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { expect, test } from 'vitest'

test('MDX compiles once per content version: memory, then disk, then again only after an edit', async () => {
	const contentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'academy-cache-content-'))
	const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'academy-cache-'))
	process.env.CONTENT_DIR = contentDir
	process.env.CONTENT_CACHE_DIR = cacheDir
	const file = '01-theory-of-change/01-a-lesson.en.mdx'
	fs.mkdirSync(path.join(contentDir, '01-theory-of-change'))
	const source = `---\ntitle: "A lesson"\nsummary: "A summary long enough."\nminutes: 5\nobjectives:\n  - "One."\n---\n\nFirst version.\n`
	fs.writeFileSync(path.join(contentDir, file), source)

	const { getCompiled, compileStats, clearMemoryCache } = await import('#app/features/curriculum/content.server.ts')
	const first = await getCompiled(file)
	expect(compileStats.compiles).toBe(1)
	expect(first.code).toContain('First version.')

	const second = await getCompiled(file)
	expect(compileStats.compiles).toBe(1)
	expect(second.code).toBe(first.code)

	// A restart (empty memory) reads the disk cache instead of compiling.
	clearMemoryCache()
	await getCompiled(file)
	expect(compileStats.compiles).toBe(1)
	expect(compileStats.diskHits).toBe(1)

	// An edited file is compiled again and the new text is served.
	fs.writeFileSync(path.join(contentDir, file), source.replace('First version.', 'Second version.'))
	const edited = await getCompiled(file)
	expect(compileStats.compiles).toBe(2)
	expect(edited.code).toContain('Second version.')
	delete process.env.CONTENT_DIR
})
