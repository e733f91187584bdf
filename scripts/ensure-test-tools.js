// What the tests need from the machine, from Debian's packages: Chromium for the browser tests
// (Playwright cannot download its own here) and LibreOffice's word processor, which opens the Word
// draft the way a ministry's office suite would. Installs what is missing when it can (root with
// apt-get), otherwise stops with one line saying how.
import { execSync } from 'node:child_process'
import fs from 'node:fs'

const TOOLS = [
	{ name: 'Chromium', path: process.env.CHROMIUM_PATH || '/usr/bin/chromium', packages: 'chromium', variable: 'CHROMIUM_PATH' },
	{ name: 'LibreOffice', path: process.env.SOFFICE_PATH || '/usr/bin/soffice', packages: 'libreoffice-writer', variable: 'SOFFICE_PATH' },
]
const missing = TOOLS.filter((tool) => !fs.existsSync(tool.path))
if (!missing.length) process.exit(0)

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
let hasApt = false
try {
	execSync('command -v apt-get', { stdio: 'ignore' })
	hasApt = true
} catch {}

const packages = missing.map((tool) => tool.packages).join(' ')
if (!isRoot || !hasApt) {
	console.error(
		`${missing.map((tool) => tool.name).join(' and ')} missing: install with \`sudo apt-get install -y --no-install-recommends ${packages}\` ` +
			`(or set ${missing.map((tool) => tool.variable).join(' / ')}), then run the tests again.`,
	)
	process.exit(1)
}
console.log(`Installing Debian's ${packages} for the tests…`)
execSync(`apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ${packages}`, {
	stdio: 'inherit',
})
for (const tool of missing) {
	if (fs.existsSync(tool.path)) continue
	console.error(`${tool.name} was installed but ${tool.path} does not exist; set ${tool.variable}.`)
	process.exit(1)
}
