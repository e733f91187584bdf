/**
 * The modules of the parts a page loads on demand (app/utils/on-demand.tsx), by name, and what the
 * browser's entry runs before hydrating: apart from the parts themselves, so that every page's entry
 * carries only these few lines.
 */

/** The attribute that marks where a part was rendered, with its module's name. */
const PART_ATTRIBUTE = 'data-part'

/** Each module's loader, which never rejects (a part that cannot load says so itself). */
const modules = new Map<string, () => Promise<unknown>>()

export function registerPartModule(name: string, load: () => Promise<unknown>) {
	modules.set(name, load)
}

/** Before hydration: loads the module of every part the server rendered into the page. */
export function loadRenderedParts(root: ParentNode = document) {
	const names = new Set([...root.querySelectorAll(`[${PART_ATTRIBUTE}]`)].map((element) => element.getAttribute(PART_ATTRIBUTE) ?? ''))
	return Promise.all([...names].map((name) => modules.get(name)?.()))
}
