import { useSyncExternalStore } from 'react'

function subscribe() {
	return () => {}
}

/** False during the server render and hydration, true once React runs in the browser. */
export function useHydrated() {
	return useSyncExternalStore(
		subscribe,
		() => true,
		() => false,
	)
}
