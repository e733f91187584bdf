import type { Root, RootContent } from 'mdast'
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx'
import { toString } from 'mdast-util-to-string'
import { visit } from 'unist-util-visit'
import { slugify } from '#app/utils/slugify.ts'

/**
 * What a lesson's MDX declares besides its prose. Collected at compile time and kept on the server:
 * the answer keys and explanations of knowledge checks never reach the compiled code that is sent to
 * the browser.
 */
type KnowledgeCheckKey = {
	id: string
	question: string
	multiple: boolean
	/** `explain`: what the option's own explanation says when someone chooses it (optional in the MDX). */
	options: Array<{ value: string; label: string; explain?: string }>
	correct: string[]
	explanation: string
}
type ReflectionPrompt = { id: string; prompt: string }
type GlossaryTerm = { name: string; definition: string }
/**
 * A piece of the text a reader sees, for search: one paragraph, list item or table row, with the
 * section heading it sits under and that heading's anchor (empty before the first heading).
 */
type Passage = { heading: string; anchor: string; text: string }

export type LessonExtract = {
	checks: KnowledgeCheckKey[]
	reflections: ReflectionPrompt[]
	terms: GlossaryTerm[]
	links: string[]
	passages: Passage[]
}

type JsxElement = MdxJsxFlowElement | MdxJsxTextElement

const OPTION_VALUES = 'abcdefghij'

function attributes(node: JsxElement) {
	const result = new Map<string, string | true>()
	for (const attribute of node.attributes) {
		if (attribute.type !== 'mdxJsxAttribute') {
			throw new Error(`<${node.name}> does not accept spread attributes`)
		}
		const { name, value } = attribute
		if (value === null || value === undefined) result.set(name, true)
		else if (typeof value === 'string') result.set(name, value)
		else throw new Error(`<${node.name} ${name}={…}>: write ${name}="…" as a plain string`)
	}
	return result
}

function requireString(node: JsxElement, attrs: Map<string, string | true>, name: string) {
	const value = attrs.get(name)
	if (typeof value !== 'string' || !value.trim()) {
		const where = node.position ? ` (line ${node.position.start.line})` : ''
		throw new Error(`<${node.name}>${where} needs a non-empty ${name}="…"`)
	}
	return value.trim()
}

function stringAttribute(name: string, value: string): MdxJsxAttribute {
	return { type: 'mdxJsxAttribute', name, value }
}

function isElement(node: RootContent, name: string): node is JsxElement {
	return (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && node.name === name
}

/** Options may be written directly inside the check or wrapped in a paragraph by the parser. */
function childElements(node: JsxElement): JsxElement[] {
	const found: JsxElement[] = []
	for (const child of node.children as RootContent[]) {
		if (child.type === 'mdxJsxFlowElement' || child.type === 'mdxJsxTextElement') {
			found.push(child)
		} else if (child.type === 'paragraph') {
			for (const inner of child.children as RootContent[]) {
				if (inner.type === 'mdxJsxTextElement') found.push(inner)
				else if (inner.type === 'text' && !inner.value.trim()) continue
				else throw new Error(`<${node.name} id="…"> may contain only <Option> and <Explanation>`)
			}
		} else {
			throw new Error(`<${node.name} id="…"> may contain only <Option> and <Explanation>`)
		}
	}
	return found
}

function extractCheck(node: JsxElement): KnowledgeCheckKey {
	const attrs = attributes(node)
	const id = requireString(node, attrs, 'id')
	const question = requireString(node, attrs, 'question')
	const multiple = attrs.get('multiple') === true || attrs.get('multiple') === 'true'
	const children = childElements(node)
	const options = children.filter((child) => child.name === 'Option')
	const explanations = children.filter((child) => child.name === 'Explanation')
	const others = children.filter((child) => child.name !== 'Option' && child.name !== 'Explanation')
	if (others.length) {
		throw new Error(`KnowledgeCheck "${id}": unexpected <${others[0]!.name}>`)
	}
	if (options.length < 2 || options.length > OPTION_VALUES.length) {
		throw new Error(`KnowledgeCheck "${id}" needs between 2 and ${OPTION_VALUES.length} <Option>s`)
	}
	if (explanations.length !== 1) {
		throw new Error(`KnowledgeCheck "${id}" needs exactly one <Explanation>`)
	}
	const explanation = toString(explanations[0]).trim()
	if (!explanation) throw new Error(`KnowledgeCheck "${id}" has an empty <Explanation>`)

	const correct: string[] = []
	const keyedOptions = options.map((option, index) => {
		const value = OPTION_VALUES[index]!
		const optionAttrs = attributes(option)
		if (optionAttrs.get('correct') === true || optionAttrs.get('correct') === 'true') {
			correct.push(value)
		}
		const label = toString(option).trim()
		if (!label) throw new Error(`KnowledgeCheck "${id}": option ${index + 1} is empty`)
		const explain = optionAttrs.get('explain')
		if (explain === true || (explain !== undefined && !explain.trim())) {
			throw new Error(`KnowledgeCheck "${id}": option ${index + 1} has an empty explain="…" (write one or leave it out)`)
		}
		// The compiled code keeps only the option's value and label — never the `correct` mark nor its
		// explanation: both stay in the server's answer key.
		option.attributes = [stringAttribute('value', value)]
		return explain === undefined ? { value, label } : { value, label, explain: explain.trim() }
	})
	if (correct.length === 0) {
		throw new Error(`KnowledgeCheck "${id}" has no option marked correct (the answer key)`)
	}
	if (!multiple && correct.length > 1) {
		throw new Error(`KnowledgeCheck "${id}" has ${correct.length} correct options but no "multiple"`)
	}
	node.children = options as typeof node.children
	node.attributes = [
		stringAttribute('id', id),
		stringAttribute('question', question),
		...(multiple ? [stringAttribute('multiple', 'true')] : []),
	]
	return { id, question, multiple, options: keyedOptions, correct, explanation }
}

/** Ids the pages around the curriculum use: a heading never takes one of them. */
const RESERVED_IDS = ['main', 'objectives-heading', 'lesson-complete', 'completion-heading', 'lessons-heading', 'overview-heading']

function plainText(node: RootContent) {
	return toString(node, { includeImageAlt: false }).replace(/\s+/g, ' ').trim()
}

/**
 * Gives every heading a stable id (its text as a slug, `-2`, `-3`… when a heading repeats), so a
 * link can open a lesson at a section, and collects the passages under each heading. Knowledge
 * checks (their answer keys) and reflections are not passages.
 */
function collectPassages(tree: Root, passages: Passage[]) {
	const taken = new Set(RESERVED_IDS)
	let heading = ''
	let anchor = ''
	const add = (text: string) => {
		if (text) passages.push({ heading, anchor, text })
	}
	const walk = (nodes: RootContent[]) => {
		for (const node of nodes) {
			if (node.type === 'heading') {
				const text = plainText(node)
				const base = slugify(text) || 'section'
				let id = base
				for (let n = 2; taken.has(id) || /^(check|reflection|term)-/.test(id); n++) id = `${base}-${n}`
				taken.add(id)
				// mdast-util-to-hast puts hProperties on the <h2>…<h6> it makes.
				const data = (node.data ??= {}) as { hProperties?: Record<string, unknown> }
				data.hProperties = { ...data.hProperties, id }
				heading = text
				anchor = id
			} else if (node.type === 'paragraph') {
				add(plainText(node))
			} else if (node.type === 'list') {
				// A list is one passage: its items, nested lists included, one after the other.
				const items: string[] = []
				visit(node, 'paragraph', (paragraph) => {
					items.push(plainText(paragraph))
				})
				add(items.filter(Boolean).join(' · '))
			} else if (node.type === 'table') {
				// A table row is a passage, its cells one after the other; the header row is not.
				for (const row of node.children.slice(1)) add(row.children.map(plainText).filter(Boolean).join(' · '))
			} else if (node.type === 'blockquote') {
				walk(node.children)
			} else if (isElement(node, 'Callout') || isElement(node, 'Example')) {
				const title = attributes(node).get('title')
				if (typeof title === 'string') add(title.trim())
				walk(node.children as RootContent[])
			}
		}
	}
	walk(tree.children)
}

/**
 * Remark plugin: validates the Academy's components, strips answer keys out of knowledge checks and
 * collects what the server needs (answer keys, reflection prompts, glossary terms, internal links,
 * the passages search indexes); gives headings their ids.
 */
export function remarkAcademy(extract: LessonExtract) {
	return () => (tree: Root) => {
		const seen = new Set<string>()
		const unique = (kind: string, id: string) => {
			const key = `${kind}:${id}`
			if (seen.has(key)) throw new Error(`Two ${kind}s share the id "${id}"`)
			seen.add(key)
			if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) {
				throw new Error(`${kind} id "${id}" must be kebab-case (a-z, 0-9, -)`)
			}
		}
		visit(tree, (node) => {
			const content = node as RootContent
			if (content.type === 'link' && content.url.startsWith('/')) {
				extract.links.push(content.url)
				return
			}
			if (isElement(content, 'KnowledgeCheck')) {
				const check = extractCheck(content)
				unique('KnowledgeCheck', check.id)
				extract.checks.push(check)
				return 'skip'
			}
			if (isElement(content, 'Reflection')) {
				const attrs = attributes(content)
				const id = requireString(content, attrs, 'id')
				unique('Reflection', id)
				extract.reflections.push({ id, prompt: requireString(content, attrs, 'prompt') })
				return
			}
			if (isElement(content, 'Term')) {
				const attrs = attributes(content)
				extract.terms.push({
					name: requireString(content, attrs, 'name'),
					definition: requireString(content, attrs, 'definition'),
				})
				return
			}
			if (isElement(content, 'Option') || isElement(content, 'Explanation')) {
				throw new Error(`<${(content as JsxElement).name}> may only appear inside <KnowledgeCheck>`)
			}
			return
		})
		collectPassages(tree, extract.passages)
	}
}
