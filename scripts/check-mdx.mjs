// Convenience wrapper for authors: node scripts/check-mdx.mjs content/01-…/*.mdx
import { spawnSync } from 'node:child_process'
const result = spawnSync('npx', ['tsx', 'scripts/check-content.ts', ...process.argv.slice(2)], {
	stdio: 'inherit',
	cwd: new URL('..', import.meta.url).pathname,
})
process.exit(result.status ?? 1)
