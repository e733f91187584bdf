import { expect, test } from 'vitest'

test('an unknown /mdx/<hash>.js does not read and hash the content folder again on every request', async () => {
	const { getCompiledByHash, compileStats, clearMemoryCache } = await import('#app/features/curriculum/content.server.ts')
	clearMemoryCache()
	const unknown = 'f'.repeat(32)
	expect(await getCompiledByHash(unknown)).toBeNull()
	const first = compileStats.hashed
	expect(first).toBeGreaterThan(10)
	for (let i = 0; i < 5; i++) expect(await getCompiledByHash(unknown)).toBeNull()
	expect(compileStats.hashed).toBe(first)
})
