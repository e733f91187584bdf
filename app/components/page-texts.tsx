import { createContext, useContext, useEffect } from 'react'
import type { Language } from '#app/utils/i18n.ts'
import { useNonce } from '#app/utils/nonce.tsx'
import { pageTextsSource, switchTextsLanguage } from '#app/utils/texts.client.ts'
import { TEXTS_ELEMENT_ID } from '#app/utils/texts.ts'

/**
 * On the server, what writes the page's texts (entry.server.tsx gives it): called when the script
 * element renders, last in the body, so it knows every text the page used.
 */
const PageTextsContext = createContext<(() => string) | null>(null)

export const PageTextsProvider = PageTextsContext.Provider

/**
 * The page's interface texts, for the browser (decision record 0024). In the browser it renders
 * what the server wrote, unchanged, so hydration finds the same element.
 */
export function PageTextsScript() {
	const write = useContext(PageTextsContext)
	const json = write ? write() : pageTextsSource()
	// A data block runs no code, but every inline script of a page carries the nonce all the same.
	const nonce = useNonce()
	return (
		<script
			type="application/json"
			id={TEXTS_ELEMENT_ID}
			nonce={nonce || undefined}
			suppressHydrationWarning
			dangerouslySetInnerHTML={{ __html: json }}
		/>
	)
}

/**
 * Keeps the browser's texts in the page's language when it changes without a page load (the
 * language setting saved in Settings): the texts of every route seen so far come in the new
 * language first, then the page switches at once.
 */
export function useTextsLanguage(language: Language) {
	useEffect(() => {
		void switchTextsLanguage(language)
	}, [language])
}
