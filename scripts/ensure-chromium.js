// Browser tests use Debian's Chromium (Playwright cannot download its own here). Installs it when it
// can (root with apt-get), otherwise stops with one line saying how.
import { execSync } from 'node:child_process'
import fs from 'node:fs'

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
if (fs.existsSync(CHROMIUM)) process.exit(0)

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
let hasApt = false
try {
	execSync('command -v apt-get', { stdio: 'ignore' })
	hasApt = true
} catch {}

if (!isRoot || !hasApt) {
	console.error(
		`Chromium is missing: install it with \`sudo apt-get install -y chromium\` (or set CHROMIUM_PATH), then run the tests again.`,
	)
	process.exit(1)
}
console.log("Installing Debian's chromium for the browser tests…")
execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
	stdio: 'inherit',
})
if (!fs.existsSync(CHROMIUM)) {
	console.error(`Chromium was installed but ${CHROMIUM} does not exist; set CHROMIUM_PATH.`)
	process.exit(1)
}
