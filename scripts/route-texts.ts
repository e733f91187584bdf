/**
 * Which interface texts each route can show, worked out from the code at build time (decision
 * record 0024), and the Vite plugin that hands them out:
 *
 * - `virtual:academy-texts/server` — route id → the keys of app/locales/<language>/common.json its
 *   modules can show; the server writes a page's keys into the page (app/utils/texts.server.ts).
 * - `virtual:academy-texts/<language>/<route id>` — the texts of one route in one language that the
 *   root route does not already carry: a small chunk the browser loads with the route's module.
 * - Each route module of the client build starts by loading its texts (`needTexts`), so a route
 *   never renders before its texts are there; on the first page they are already in the page.
 * - A module the browser's code imports dynamically is a part loaded on demand (decision record
 *   0026, app/utils/on-demand.tsx): it is left out of its route's texts and loads its own the same
 *   way, as "part:<its file in app/>".
 *
 * A route's modules are its file and everything it imports statically from app/, server modules
 * included (a server module's dynamic imports too): an action's answer can name a text the browser
 * then shows (a form's error, "saved"), and a few texts too many cost less than one missing. The keys are the string
 * literals in them that name a text or a group of texts: "learn.complete.button" is one text (and
 * its plural forms "…_one", "…_other"), "errors.notFound" every text under it, and a template
 * `roadmap.status.${status}` every text under "roadmap.status".
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { Plugin, ResolvedConfig } from 'vite'
import { keysNamedBy, pickTexts, type Texts } from '../app/utils/texts.ts'

const LANGUAGES = ['en', 'es'] as const
const SERVER_ID = 'virtual:academy-texts/server'
const ROUTE_PREFIX = 'virtual:academy-texts/'
const ROOT_ROUTE = 'root'
const PART_PREFIX = 'part:'

type Route = { id: string; file: string }

const STATIC_IMPORTS = [
	/\bimport\s+(?!type\s)[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
	/\bexport\s+(?!type\s)[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g,
	/\bimport\s*['"]([^'"]+)['"]/g,
]
const DYNAMIC_IMPORTS = [/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g]

/**
 * Module specifiers a source file imports (type-only imports left out: they are erased): its static
 * and dynamic imports, or only one kind.
 */
export function importedSpecifiers(source: string, kind: 'all' | 'static' | 'dynamic' = 'all'): string[] {
	const found: string[] = []
	const patterns = [...(kind === 'dynamic' ? [] : STATIC_IMPORTS), ...(kind === 'static' ? [] : DYNAMIC_IMPORTS)]
	for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1]!)
	return found
}

const EXTENSIONS = ['', '.ts', '.tsx', '.js', '.jsx', '/index.ts', '/index.tsx']

/** The app source file a specifier names, or null for a package, a stylesheet or JSON. */
export function resolveSource(specifier: string, fromFile: string, appDirectory: string): string | null {
	const bare = specifier.split('?')[0]!
	let base: string
	if (bare.startsWith('#app/')) base = path.join(appDirectory, bare.slice('#app/'.length))
	else if (bare.startsWith('.')) base = path.resolve(path.dirname(fromFile), bare)
	else return null
	for (const extension of EXTENSIONS) {
		const candidate = base + extension
		if (!/\.[jt]sx?$/.test(candidate)) continue
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
	}
	return null
}

/**
 * The keys a source file can show: string literals of dotted names ("nav.home"), and the fixed
 * start of template literals (`roadmap.status.${…}`), looked up in the texts.
 */
export function keysInSource(source: string, tree: Texts): Set<string> {
	const keys = new Set<string>()
	for (const match of source.matchAll(/['"`]([A-Za-z][\w-]*(?:\.[\w-]*)+)(['"`]|\$\{)/g)) {
		const literal = match[1]!
		// `a.b.${…}` and "a.b." name everything under a.b; `a.b.c${…}` everything there starting with c.
		for (const key of keysNamedBy(literal, match[2] === '${' || literal.endsWith('.'), tree)) keys.add(key)
	}
	return keys
}

const isServerModule = (file: string) => /\.server(\.|\/)/.test(file)

/** Server code whose texts go out by other ways than a page: mail, notifications, the audit log. */
const OTHER_CHANNELS = /\/features\/(mail|notifications|audit)\//

/** How many server modules deep a route's graph goes (see moduleGraph). */
const SERVER_DEPTH = Number(process.env.TEXTS_SERVER_DEPTH ?? 2)

/**
 * Every app module a file reaches through its imports, itself included. With `withServer`, server
 * modules count too, up to two deep (the route's action helpers and the modules they call, which
 * name the errors and notices the browser shows) and not the mail, notification and audit code,
 * whose texts never reach a page; past that, server code only sends texts elsewhere.
 */
export function moduleGraph(
	file: string,
	appDirectory: string,
	read: (file: string) => string,
	withServer = true,
	imports: 'all' | 'static' = 'all',
): string[] {
	const depth = new Map<string, number>([[file, 0]])
	const queue = [file]
	while (queue.length) {
		const current = queue.shift()!
		// A browser module's dynamic imports are parts of their own (`imports: 'static'`); a server
		// module's are the server's business, followed as before.
		const kind = imports === 'static' && !isServerModule(current) ? 'static' : 'all'
		for (const specifier of importedSpecifiers(read(current), kind)) {
			const resolved = resolveSource(specifier, current, appDirectory)
			if (!resolved || depth.has(resolved)) continue
			const server = isServerModule(resolved)
			const level = depth.get(current)! + (server ? 1 : 0)
			if (server && (!withServer || level > SERVER_DEPTH)) continue
			// Mail, notification and audit code that server code calls: its texts go out another way.
			if (OTHER_CHANNELS.test(resolved) && (server || isServerModule(current))) continue
			depth.set(resolved, level)
			queue.push(resolved)
		}
	}
	return [...depth.keys()]
}

/** Route id → the keys its modules can show (the root's include what entry.client shows). */
export function routeKeys(routes: Route[], appDirectory: string, tree: Texts): Map<string, string[]> {
	const sources = new Map<string, string>()
	const read = (file: string) => {
		let source = sources.get(file)
		if (source === undefined) sources.set(file, (source = readFileSync(file, 'utf8')))
		return source
	}
	const fileKeys = new Map<string, Set<string>>()
	const keysOf = (file: string) => {
		let keys = fileKeys.get(file)
		if (!keys) fileKeys.set(file, (keys = keysInSource(read(file), tree)))
		return keys
	}
	const result = new Map<string, string[]>()
	const parts = new Set<string>()
	const keysOfFiles = (files: string[]) => {
		const keys = new Set<string>()
		for (const file of files) for (const key of keysOf(file)) keys.add(key)
		return [...keys].sort()
	}
	/** The browser modules these files import dynamically: parts loaded on demand, with texts of their own. */
	const notePartsOf = (files: string[]) => {
		for (const file of files) {
			if (isServerModule(file)) continue
			for (const specifier of importedSpecifiers(read(file), 'dynamic')) {
				const resolved = resolveSource(specifier, file, appDirectory)
				if (resolved && !isServerModule(resolved)) parts.add(resolved)
			}
		}
	}
	for (const route of routes) {
		// The root has no action and its loader hands over finished strings: its texts are what its
		// components and the browser's entry show, which every page carries.
		const isRoot = route.id === ROOT_ROUTE
		const files = moduleGraph(path.resolve(appDirectory, route.file), appDirectory, read, !isRoot, 'static')
		if (isRoot) {
			for (const entry of ['entry.client.tsx', 'entry.client.ts']) {
				const file = path.join(appDirectory, entry)
				if (existsSync(file)) files.push(...moduleGraph(file, appDirectory, read, false, 'static'))
			}
		}
		notePartsOf(files)
		result.set(route.id, keysOfFiles(files))
	}
	// Each part's texts come with its module, as a route's do (a part inside a part too).
	const done = new Set<string>()
	for (let pending = [...parts]; pending.length; pending = [...parts].filter((file) => !done.has(file))) {
		for (const file of pending) {
			done.add(file)
			const files = moduleGraph(file, appDirectory, read, true, 'static')
			notePartsOf(files)
			result.set(partId(file, appDirectory), keysOfFiles(files))
		}
	}
	return result
}

/** A part's name among the routes' ids: "part:" and its file in app/ ("part:features/roadmap/paste-box.tsx"). */
export function partId(file: string, appDirectory: string) {
	return `${PART_PREFIX}${path.relative(appDirectory, file).split(path.sep).join('/')}`
}

function loadTree(appDirectory: string, language: string): Texts {
	return JSON.parse(readFileSync(path.join(appDirectory, 'locales', language, 'common.json'), 'utf8')) as Texts
}

/** The file name of a route's page texts in build/page-texts/<language>/ ("routes/learn.$module" → "routes~learn.$module"). */
export function pageTextsFileName(routeId: string) {
	return routeId.replaceAll('/', '~')
}

type RemixContext = { remixConfig: { appDirectory: string; routes: Record<string, Route> } }

/** The Vite plugin: see the top of this file. */
export function routeTexts(): Plugin {
	let config: ResolvedConfig
	let computed: Map<string, string[]> | null = null
	const remix = () => (config as unknown as { __remixPluginContext?: RemixContext }).__remixPluginContext
	const keysByRoute = () => {
		const context = remix()
		if (!context) return new Map<string, string[]>()
		if (!computed) {
			const { appDirectory, routes } = context.remixConfig
			computed = routeKeys(Object.values(routes), appDirectory, loadTree(appDirectory, 'en'))
		}
		return computed
	}
	let byFile: Map<string, string> | null = null
	/** Route file → route id, worked out once (in development, again after a change to app/). */
	const routeByFile = () => {
		const context = remix()
		if (!byFile) {
			byFile = new Map()
			for (const route of Object.values(context?.remixConfig.routes ?? {})) {
				byFile.set(path.resolve(context!.remixConfig.appDirectory, route.file), route.id)
			}
			// Parts loaded on demand load their texts the same way.
			for (const id of keysByRoute().keys()) {
				if (id.startsWith(PART_PREFIX)) byFile.set(path.resolve(context!.remixConfig.appDirectory, id.slice(PART_PREFIX.length)), id)
			}
		}
		return byFile
	}
	/** A route's keys that the root route does not carry already (all of them for the root). */
	const ownKeys = (routeId: string) => {
		const keys = keysByRoute()
		const own = keys.get(routeId) ?? []
		if (routeId === ROOT_ROUTE) return own
		const root = new Set(keys.get(ROOT_ROUTE) ?? [])
		return own.filter((key) => !root.has(key))
	}

	return {
		name: 'academy-route-texts',
		enforce: 'post',
		configResolved(resolved) {
			config = resolved
		},
		configureServer(server) {
			// In development the texts follow the code: any change to app/ works them out again.
			server.watcher.on('all', (_event, file) => {
				if (!file.includes(`${path.sep}app${path.sep}`)) return
				computed = null
				byFile = null
				for (const module of server.moduleGraph.idToModuleMap.values()) {
					if (module.id?.startsWith(`\0${ROUTE_PREFIX}`)) server.moduleGraph.invalidateModule(module)
				}
			})
		},
		resolveId(id) {
			if (id.startsWith(ROUTE_PREFIX)) return `\0${id}`
		},
		load(id) {
			if (!id.startsWith(`\0${ROUTE_PREFIX}`)) return
			const name = id.slice(1 + ROUTE_PREFIX.length)
			if (`${ROUTE_PREFIX}${name}` === SERVER_ID) {
				return `export default ${JSON.stringify(Object.fromEntries(keysByRoute()))}`
			}
			const slash = name.indexOf('/')
			const language = name.slice(0, slash)
			const routeId = name.slice(slash + 1)
			if (!(LANGUAGES as readonly string[]).includes(language)) return
			const context = remix()
			if (!context) return 'export default {}'
			return `export default ${JSON.stringify(pickTexts(loadTree(context.remixConfig.appDirectory, language), ownKeys(routeId)))}`
		},
		// What each page's texts script holds (the root's texts and the route's), per language, beside
		// the build: the size budgets weigh it with the page's files (.size-limit.mjs).
		writeBundle() {
			const context = remix()
			if (!context || config.build.ssr) return
			const { appDirectory } = context.remixConfig
			const keys = keysByRoute()
			const root = keys.get(ROOT_ROUTE) ?? []
			for (const language of LANGUAGES) {
				const tree = loadTree(appDirectory, language)
				const folder = path.resolve(config.root, 'build', 'page-texts', language)
				mkdirSync(folder, { recursive: true })
				for (const [routeId, own] of keys) {
					const texts = pickTexts(tree, new Set([...root, ...own]))
					writeFileSync(path.join(folder, `${pageTextsFileName(routeId)}.json`), JSON.stringify(texts))
				}
			}
		},
		transform(code, id, options) {
			if (options?.ssr || id.includes('?')) return
			const routeId = routeByFile().get(id)
			if (routeId === undefined || ownKeys(routeId).length === 0) return
			const loaders = LANGUAGES.map(
				(language) => `${JSON.stringify(language)}: () => import(${JSON.stringify(`${ROUTE_PREFIX}${language}/${routeId}`)})`,
			).join(', ')
			return {
				// On the first line, so that the module's own lines keep their numbers.
				code: `import { needTexts as __needTexts } from "#app/utils/texts.client.ts"; await __needTexts(${JSON.stringify(routeId)}, { ${loaders} }); ${code}`,
				map: null,
			}
		},
	}
}
