/** Remix's v3 future flags, all on: the app's build (vite.config.ts) and the bench's framework floor share them. */
export const REMIX_FUTURE = {
	v3_fetcherPersist: true,
	v3_relativeSplatPath: true,
	v3_throwAbortReason: true,
	v3_singleFetch: true,
	v3_lazyRouteDiscovery: true,
	v3_routeConfig: true,
} as const
