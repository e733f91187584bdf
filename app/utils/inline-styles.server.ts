import fs from 'node:fs'
import path from 'node:path'
import stylesheetUrl from '#app/styles/app.css?url'

/** The built stylesheet's text, read once (production: its URL names a file of build/client). */
let builtText: string | null | undefined
function stylesheetText() {
	if (builtText === undefined) {
		const file = path.resolve('build/client', `.${stylesheetUrl}`)
		builtText = process.env.NODE_ENV === 'production' && fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null
	}
	return builtText
}

/**
 * The stylesheet's text when this page should carry it inline, else null (decision 0027): a document
 * opened from outside the site (`Sec-Fetch-Site` none or cross-site: a typed address, a bookmark, a
 * link in a message — a first visit among them) carries it, a navigation within the site links the
 * file the browser already has. Development always links (Vite serves the stylesheet itself).
 */
export function inlineStylesheet(request: Request) {
	if (request.headers.get('sec-fetch-site') === 'same-origin') return null
	return stylesheetText()
}
