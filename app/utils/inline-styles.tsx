import { createContext, useContext } from 'react'

/**
 * The stylesheet, in the page or linked (decision 0027). On the server the context holds the
 * stylesheet's text when this response carries it inline, null when it links it; in the browser the
 * page keeps whichever the server sent.
 */
const InlineStylesheetContext = createContext<string | null>(null)

export const InlineStylesheetProvider = InlineStylesheetContext.Provider

const ELEMENT_ID = 'app-css'

/** In the browser: the text of the stylesheet the server wrote into the page, read once. */
let inlinedByServer: string | null | undefined
function inlinedInPage() {
	if (inlinedByServer === undefined) {
		const element = document.getElementById(ELEMENT_ID)
		inlinedByServer = element?.tagName === 'STYLE' ? element.textContent : null
	}
	return inlinedByServer
}

/**
 * The app's stylesheet. A person's first page from outside the site carries it inline — nothing to
 * wait for before the first paint, a round trip less on a slow link — and asks the browser to fetch
 * the file when it is idle, so the pages after it link it from the cache.
 */
export function Stylesheet({ href, nonce }: { href: string; nonce: string }) {
	const serverText = useContext(InlineStylesheetContext)
	const text = typeof document === 'undefined' ? serverText : inlinedInPage()
	if (text === null) return <link id={ELEMENT_ID} rel="stylesheet" href={href} />
	return (
		<>
			{/* The browser hydrates the text the server wrote (React does not compare it). */}
			<style id={ELEMENT_ID} nonce={nonce || undefined} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: text }} />
			<link rel="prefetch" href={href} />
		</>
	)
}
