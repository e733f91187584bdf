import fs from 'node:fs'
import path from 'node:path'
import matter from 'gray-matter'
import { z } from 'zod'
import type { Language } from '#app/utils/i18n.ts'

/**
 * Facilitator guides as files: `content/NN-module/guide.<lang>.mdx`, one per module and language
 * (see content/AUTHORING.md). The catalogue (content.server.ts) finds them with `GUIDE_FILE` and
 * reads them here; guides.server.ts serves them. A guide is compiled like a lesson, but it is never
 * a lesson: it has no slug in the lesson list, no checks or reflections, and no progress.
 */

export const GUIDE_FILE = /^guide\.([a-z]{2})\.mdx$/

const GuideFrontMatterSchema = z.object({
	title: z.string().trim().min(3).max(140),
	summary: z.string().trim().min(10).max(300),
	minutes: z.number().int().min(1).max(240),
})

export type GuideVersion = z.infer<typeof GuideFrontMatterSchema> & { file: string; language: Language }

/** The only component a guide may use: the rest is Markdown. */
const ALLOWED_COMPONENTS = new Set(['Callout'])

class GuideError extends Error {
	constructor(file: string, message: string) {
		super(`${file}: ${message}`)
		this.name = 'ContentError'
	}
}

/** The names of the JSX elements in an MDX body, outside fenced code and inline code. */
function elementNames(body: string) {
	const prose = body.replace(/^(```|~~~)[\s\S]*?^\1/gm, '').replace(/`[^`\n]*`/g, '')
	return [...prose.matchAll(/<\/?([A-Za-z][\w.]*)/g)].map((match) => match[1]!)
}

/** Reads and validates a guide's front matter and body; the error names the file and the problem. */
export function readGuideFile(root: string, relative: string, language: Language): GuideVersion {
	const source = fs.readFileSync(path.join(root, relative), 'utf8')
	let parsed: matter.GrayMatterFile<string>
	try {
		parsed = matter(source)
	} catch (error) {
		throw new GuideError(relative, `front matter is not valid YAML (${error instanceof Error ? error.message : String(error)})`)
	}
	const front = GuideFrontMatterSchema.safeParse(parsed.data)
	if (!front.success) {
		const issue = front.error.issues[0]!
		throw new GuideError(relative, `front matter field "${issue.path.join('.') || '(front matter)'}": ${issue.message}`)
	}
	const other = elementNames(parsed.content).find((name) => !ALLOWED_COMPONENTS.has(name))
	if (other) throw new GuideError(relative, `a facilitator guide may use Markdown and <Callout> only, not <${other}>`)
	return { ...front.data, file: relative, language }
}
