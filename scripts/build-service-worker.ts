/**
 * Part of `npm run build`: writes build/client/sw.js, the service worker of
 * app/features/offline/service-worker.js with the build's hashed assets to keep at install
 * (decision record 0023). Its version is a hash of that list, so a new build replaces the old
 * assets on the phone and nothing else.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

const CLIENT = path.resolve('build/client')
const assets = fs
	.readdirSync(path.join(CLIENT, 'assets'))
	.filter((file) => /\.(js|css)$/.test(file))
	.sort()
	.map((file) => `/assets/${file}`)
const version = createHash('sha256').update(assets.join('\n')).digest('hex').slice(0, 12)
const source = fs.readFileSync(path.resolve('app/features/offline/service-worker.js'), 'utf8')
const precache = `self.__ACADEMY_PRECACHE__ = ${JSON.stringify({ version, assets })}\n`
fs.writeFileSync(path.join(CLIENT, 'sw.js'), precache + source)
const bytes = assets.reduce((sum, asset) => sum + fs.statSync(path.join(CLIENT, asset)).size, 0)
console.log(
	`Service worker: build/client/sw.js keeps ${assets.length} assets (${Math.round(bytes / 1024)} KB) at install, version ${version}.`,
)
