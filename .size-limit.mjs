// The JavaScript budgets of the pages people open most (npm test runs them on the production
// build; README, "Page weights"). A page's weight is every script it loads at start — the browser
// entry, the framework, the root and the route with their imports, from Remix's manifest — and the
// interface texts it carries (build/page-texts/, written by scripts/route-texts.ts), in Spanish, the
// longer language. The lesson's own compiled content (2–5 KB a lesson) and the loader data come on top.
// The limits sit just above what the pages weigh today (issue 17's goals, 90 / 120 KB, leave 6 KB on
// top of the 84 KB of React and Remix): a change that adds weight has to raise them knowingly.
import { existsSync, readdirSync, readFileSync } from 'node:fs'

const assets = 'build/client/assets'
const manifestFile = existsSync(assets) ? readdirSync(assets).find((name) => /^manifest-[\w-]+\.js$/.test(name)) : undefined
if (!manifestFile) throw new Error('No production build: run `npm run build` before size-limit.')
const manifest = JSON.parse(
	readFileSync(`${assets}/${manifestFile}`, 'utf8')
		.replace(/^window\.__remixManifest=/, '')
		.replace(/;\s*$/, ''),
)

function page(name, routeId, limit) {
	const files = new Set([manifest.entry.module, ...manifest.entry.imports])
	for (const id of ['root', routeId]) {
		const route = manifest.routes[id]
		if (!route) throw new Error(`No route ${id} in the build's manifest`)
		files.add(route.module)
		for (const url of route.imports ?? []) files.add(url)
	}
	const texts = `build/page-texts/es/${routeId.replaceAll('/', '~')}.json`
	return { name, path: [...[...files].map((url) => `build/client${url}`), texts], limit, gzip: true }
}

export default [
	page('lesson page', 'routes/learn.$module.$lesson', '103.8 KB'),
	page('public home', 'routes/_index', '99.5 KB'),
	page('roadmap document (strategic design)', 'routes/roadmaps.$delegationId.strategic-design', '119.5 KB'),
	page('results matrix', 'routes/roadmaps.$delegationId.matrix', '110 KB'),
]
