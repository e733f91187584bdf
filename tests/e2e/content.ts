import fs from 'node:fs'
import path from 'node:path'

/**
 * The curriculum the browser tests run against: a copy of content/ in which every knowledge-check
 * option that has no `explain="…"` of its own gets a placeholder one, so the tests of option
 * explanations have one to look for on every lesson. Options the writers explained keep their
 * text. Once every option in content/ is explained (the depth test asks for it), the copy is the
 * curriculum unchanged.
 */
export const E2E_CONTENT_DIR = path.resolve('tests/.tmp/e2e-content')
const SOURCE_DIR = path.resolve('content')

/** The attributes part of an opening tag: names, and quoted values that may hold `>`, `/` or spaces. */
export const ATTRIBUTES = String.raw`((?:\s+[A-Za-z][\w-]*(?:="[^"]*")?)*)\s*`

/** A content file (relative to content/) as the browser tests' copy holds it. */
export function e2eSource(relative: string) {
	const source = fs.readFileSync(path.join(SOURCE_DIR, relative), 'utf8')
	const spanish = relative.endsWith('.es.mdx')
	return source.replace(new RegExp(`<KnowledgeCheck${ATTRIBUTES}>([\\s\\S]*?)</KnowledgeCheck>`, 'g'), (check, attributes: string) => {
		const id = /\bid="([^"]*)"/.exec(attributes)?.[1] ?? ''
		let position = 0
		return check.replace(new RegExp(`<Option${ATTRIBUTES}>`, 'g'), (tag, optionAttributes: string) => {
			position++
			if (/\bexplain="/.test(optionAttributes)) return tag
			const correct = /(?:^|\s)correct(?:\s|=|$)/.test(optionAttributes)
			const explain = spanish
				? `${correct ? 'Correcto' : 'Incorrecto'} (prueba): la opción ${position} de la pregunta ${id}.`
				: `${correct ? 'Right' : 'Wrong'} (test): option ${position} of check ${id}.`
			return `<Option${optionAttributes} explain="${explain}">`
		})
	})
}

/** Writes the copy (the e2e server's CONTENT_DIR). */
export function prepareE2eContent() {
	fs.rmSync(E2E_CONTENT_DIR, { recursive: true, force: true })
	for (const folder of fs.readdirSync(SOURCE_DIR, { withFileTypes: true })) {
		if (!folder.isDirectory()) continue
		fs.mkdirSync(path.join(E2E_CONTENT_DIR, folder.name), { recursive: true })
		for (const file of fs.readdirSync(path.join(SOURCE_DIR, folder.name))) {
			const relative = `${folder.name}/${file}`
			const text = file.endsWith('.mdx') ? e2eSource(relative) : fs.readFileSync(path.join(SOURCE_DIR, relative))
			fs.writeFileSync(path.join(E2E_CONTENT_DIR, relative), text)
		}
	}
}
