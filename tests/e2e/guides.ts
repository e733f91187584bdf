import fs from 'node:fs'
import path from 'node:path'

/** Whichever facilitator guide content/ holds: the first module folder with a guide.<lang>.mdx. */
export function firstGuide() {
	const root = path.resolve('content')
	for (const folder of fs.readdirSync(root).sort()) {
		const match = /^\d{2}-(.+)$/.exec(folder)
		if (!match || !fs.statSync(path.join(root, folder)).isDirectory()) continue
		const titles: Partial<Record<'en' | 'es', string>> = {}
		for (const language of ['en', 'es'] as const) {
			const file = path.join(root, folder, `guide.${language}.mdx`)
			if (fs.existsSync(file)) titles[language] = /^title:\s*"(.*)"\s*$/m.exec(fs.readFileSync(file, 'utf8'))![1]!
		}
		if (titles.en || titles.es) return { module: match[1]!, titles }
	}
	throw new Error('No module of content/ has a facilitator guide')
}
