// The build's list of each route's interface texts (scripts/route-texts.ts).
declare module 'virtual:academy-texts/server' {
	/** Route id → the keys of common.json its modules can show. */
	const keysByRoute: Record<string, string[]>
	export default keysByRoute
}
