/**
 * Interface texts in components: `const { t, language } = useTexts()`. The provider holds a store —
 * on the server one per language that never changes (app/utils/texts.server.ts), in the browser one
 * that grows as routes bring their texts and switches language without a page load
 * (app/utils/texts.client.ts). A component re-renders when the texts it reads from change.
 */
import { createContext, type ReactNode, useContext, useSyncExternalStore } from 'react'
import type { Language } from '#app/utils/i18n.ts'
import type { Translate } from '#app/utils/translate.ts'

export type TextsSnapshot = { readonly language: Language; readonly t: Translate }

export type TextsStore = {
	/** The current language and its translation function; a new object whenever either changes. */
	get: () => TextsSnapshot
	subscribe: (listener: () => void) => () => void
}

const TextsContext = createContext<TextsStore | null>(null)

export function TextsProvider({ store, children }: { store: TextsStore; children: ReactNode }) {
	return <TextsContext.Provider value={store}>{children}</TextsContext.Provider>
}

/** A store whose texts never change (the server's, one per language). */
export function fixedTextsStore(snapshot: TextsSnapshot): TextsStore {
	return { get: () => snapshot, subscribe: () => () => {} }
}

export function useTexts(): TextsSnapshot {
	const store = useContext(TextsContext)
	if (!store) throw new Error('useTexts() needs a <TextsProvider> above it (entry.server.tsx, entry.client.tsx).')
	return useSyncExternalStore(store.subscribe, store.get, store.get)
}
