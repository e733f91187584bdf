/**
 * Compiled curriculum (MDX) as same-site JavaScript modules.
 *
 * The browser never evaluates lesson code from a string (that would need the CSP's 'unsafe-eval'):
 * each compiled version is served at /mdx/<hash>.js, imported before hydration (entry.client) or
 * before a client-side navigation renders (the routes' clientLoader), and registered here by hash.
 * The server registers the same components straight from the compiled code.
 */
import type { MDXContentProps } from 'mdx-bundler/client'
import * as React from 'react'
import * as ReactDOM from 'react-dom'
import * as jsxRuntime from 'react/jsx-runtime'

type MdxComponent = React.ComponentType<MDXContentProps>
type MdxExports = { default: MdxComponent }

const components = new Map<string, MdxComponent>()
const loading = new Map<string, Promise<void>>()

/** The attribute that marks rendered curriculum with its module's hash. */
export const MDX_ATTRIBUTE = 'data-mdx'

export function mdxModuleUrl(hash: string) {
	return `/mdx/${hash}.js`
}

/** The module a compiled MDX bundle becomes: a function of the globals mdx-bundler's code expects. */
export function mdxModuleSource(code: string) {
	return `export default function (React, ReactDOM, _jsx_runtime) {\n${code}\n}\n`
}

export function registerMdx(hash: string, exports: MdxExports) {
	components.set(hash, exports.default)
}

export function isMdxRegistered(hash: string) {
	return components.has(hash)
}

export function getMdxComponent(hash: string) {
	const component = components.get(hash)
	if (!component) throw new Error(`Curriculum module ${hash} was not loaded before rendering.`)
	return component
}

/** In the browser: imports /mdx/<hash>.js once and registers its component. */
function loadMdxModule(hash: string): Promise<void> {
	if (components.has(hash)) return Promise.resolve()
	let pending = loading.get(hash)
	if (!pending) {
		pending = import(/* @vite-ignore */ mdxModuleUrl(hash))
			.then((module: { default: (...globals: unknown[]) => MdxExports }) => {
				registerMdx(hash, module.default(React, ReactDOM, jsxRuntime))
			})
			.finally(() => loading.delete(hash))
		loading.set(hash, pending)
	}
	return pending
}

/** Before hydration: loads every curriculum module the server rendered into the page. */
export function loadRenderedMdxModules(root: ParentNode = document) {
	const hashes = [...root.querySelectorAll(`[${MDX_ATTRIBUTE}]`)].map((element) => element.getAttribute(MDX_ATTRIBUTE) ?? '')
	return Promise.all(hashes.filter(Boolean).map(loadMdxModule))
}

/**
 * For the clientLoader of a page that renders curriculum: a client-side visit imports the page's
 * module before the page renders (the first, server-rendered visit does it before hydration).
 */
export async function withCurriculumModule<T extends { contentHash: string }>(data: Promise<T>) {
	const page = await data
	await loadMdxModule(page.contentHash)
	return page
}
