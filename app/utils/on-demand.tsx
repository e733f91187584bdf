/**
 * Parts of a page that most visits never open — a roadmap item's edit form, say — whose code comes
 * when a part is first shown instead of with the page (issue 17: a phone on venue Wi-Fi loads every
 * script of a page before it can use it).
 *
 * - `onDemand(name, load)` names a module of such parts; `.part(export)` is a component that renders
 *   that export of the module once it is there. In the browser the first one to render asks for the
 *   module and shows "Loading…" in its place until it comes (a moment; the service worker keeps it
 *   for offline use like every other script); `preload()` asks for it earlier, when someone is about
 *   to open a part.
 * - The server loads every such module when it starts, so a page it renders with a part open (after
 *   a save, a refused form, `?edit=`) holds the whole part, and works without JavaScript.
 * - Such a page hydrates only once its parts' modules are there: each part marks where it was
 *   rendered (an empty `<template data-part>`) and the browser's entry loads what is marked before
 *   hydrating (`loadRenderedParts`, app/utils/on-demand-registry.ts), as it does for the lesson's
 *   compiled content. Hydrating with a part missing would leave it as server HTML that a live update
 *   could throw away, with what the person had typed in it.
 */
import { type ComponentType, createElement, Suspense } from 'react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { registerPartModule } from '#app/utils/on-demand-registry.ts'

/** A function component's props. */
type PropsOf<C> = C extends (props: infer P) => unknown ? P : never

export function onDemand<M extends Record<string, unknown>>(name: string, load: () => Promise<M>) {
	let loaded: M | undefined
	let pending: Promise<M | undefined> | undefined
	let failed = false
	/** Loads the module once (again after a failure); never rejects. */
	const loadOnce = (): Promise<M | undefined> => {
		if (pending) return pending
		failed = false
		pending = load().then(
			(module) => (loaded = module),
			(error: unknown) => {
				// Offline with nothing kept, or a new release replaced the file: the part says so, and
				// the next ask (a link's preload, opening the form again) tries again.
				failed = true
				pending = undefined
				if (typeof document === 'undefined') console.error(`Could not load ${name}:`, error)
				return undefined
			},
		)
		return pending
	}
	registerPartModule(name, loadOnce)
	if (typeof document === 'undefined') void loadOnce()

	/**
	 * The module's export `key` as a component. `mark: false` for a part only ever rendered inside
	 * another part of the same module (loaded with it, nothing to mark).
	 */
	function part<K extends keyof M & string>(key: K, { mark = true }: { mark?: boolean } = {}) {
		type Props = PropsOf<M[K]> & object
		function Loaded(props: Props) {
			if (!loaded) {
				if (failed) return <PartFailed />
				throw loadOnce()
			}
			return createElement(loaded[key] as unknown as ComponentType<Props>, props)
		}
		function OnDemandPart(props: Props) {
			return (
				<>
					{mark ? <template data-part={name} /> : null}
					<Suspense fallback={<Loading />}>{createElement(Loaded, props)}</Suspense>
				</>
			)
		}
		OnDemandPart.displayName = `OnDemand(${name}.${key})`
		return OnDemandPart
	}

	/** Asks for the module before a part shows (someone is about to open one). */
	const preload = () => void loadOnce()

	return { part, preload }
}

function Loading() {
	const { t } = useTexts()
	return (
		<p className="muted" role="status">
			{t('app.loading')}
		</p>
	)
}

function PartFailed() {
	const { t } = useTexts()
	return (
		<p className="alert alert--error" role="alert">
			{t('app.partFailed')}
		</p>
	)
}
