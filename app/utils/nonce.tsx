import { createContext, useContext } from 'react'

/**
 * The Content-Security-Policy nonce of this response (server.js makes one per request). Remix's
 * inline scripts carry it; in the browser it is empty, since scripts have run by then.
 */
const NonceContext = createContext('')

export const NonceProvider = NonceContext.Provider

export function useNonce() {
	return useContext(NonceContext)
}
