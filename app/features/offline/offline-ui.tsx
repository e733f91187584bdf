import { useLocation, useRevalidator } from '@remix-run/react'
import { type FormEvent, useEffect, useState, useSyncExternalStore } from 'react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { ProgressBar } from '#app/components/ui/progress-bar.tsx'
import {
	canSaveOffline,
	claimOfflineStore,
	clearOfflineStore,
	type OfflinePlan,
	queueAnswer,
	queuedAnswers,
	type QueuedAnswer,
	saveOffline,
	savedModules,
	workerInCharge,
	type SavedModule,
	sendQueuedAnswers,
	subscribeOffline,
} from '#app/features/offline/offline-store.ts'

const NOTHING_SAVED: SavedModule[] = []
const NOTHING_QUEUED: QueuedAnswer[] = []

function subscribe(listener: () => void) {
	const unsubscribe = subscribeOffline(listener)
	// Another tab of the Academy saved or sent something.
	window.addEventListener('storage', listener)
	return () => {
		unsubscribe()
		window.removeEventListener('storage', listener)
	}
}

/** localStorage is read again only when something changed: the same array is returned meanwhile. */
function cached<T>(readNow: () => T) {
	let last: { json: string; value: T } | null = null
	return () => {
		const value = readNow()
		const json = JSON.stringify(value)
		if (last?.json !== json) last = { json, value }
		return last.value
	}
}
const readSaved = cached(savedModules)
const readQueued = cached(queuedAnswers)

export function useSavedModules() {
	return useSyncExternalStore(subscribe, readSaved, () => NOTHING_SAVED)
}

export function useQueuedAnswers() {
	return useSyncExternalStore(subscribe, readQueued, () => NOTHING_QUEUED)
}

/** Whether the service worker controls the page (false during the server render). */
function useWorkerInCharge() {
	return useSyncExternalStore(
		(listener) => {
			if (!('serviceWorker' in navigator)) return () => {}
			navigator.serviceWorker.addEventListener('controllerchange', listener)
			return () => navigator.serviceWorker.removeEventListener('controllerchange', listener)
		},
		workerInCharge,
		() => false,
	)
}

/** Whether the browser says it is online (true during the server render). */
export function useOnline() {
	return useSyncExternalStore(
		(listener) => {
			window.addEventListener('online', listener)
			window.addEventListener('offline', listener)
			return () => {
				window.removeEventListener('online', listener)
				window.removeEventListener('offline', listener)
			}
		},
		() => navigator.onLine,
		() => true,
	)
}

export function formatBytes(bytes: number, language: string) {
	const megabytes = bytes / (1024 * 1024)
	const format = new Intl.NumberFormat(language, { maximumFractionDigits: megabytes < 10 ? 1 : 0 })
	return megabytes >= 1 ? `${format.format(megabytes)} MB` : `${format.format(Math.max(1, Math.round(bytes / 1024)))} KB`
}

/** After a failed try at sending what waits: seconds until the next, one after another (the last repeats). */
const RETRY_SECONDS = [2, 5, 10, 30, 60]

/**
 * In the root: the service worker is registered (production builds), the offline store is the
 * signed-in account's (another account's is emptied first), and answers kept offline are sent as soon
 * as the connection is back — retried until they are taken — then the page reads the server's answer
 * again.
 */
export function OfflineSync({ viewerId }: { viewerId: string | null }) {
	const revalidator = useRevalidator()
	useEffect(() => {
		if (import.meta.env.PROD && 'serviceWorker' in navigator) {
			navigator.serviceWorker.register('/sw.js').catch(() => {
				// No worker (an old browser, a private window): the Academy works as before.
			})
		}
	}, [])
	useEffect(() => {
		let active = true
		let retry: ReturnType<typeof setTimeout> | undefined
		let failures = 0
		async function send() {
			clearTimeout(retry)
			await claimOfflineStore(viewerId)
			if (!active || !viewerId || !navigator.onLine || queuedAnswers().length === 0) return
			const sent = await sendQueuedAnswers()
			if (!active) return
			if (sent > 0) revalidator.revalidate()
			if (queuedAnswers().length === 0) {
				failures = 0
				return
			}
			// Still waiting: the browser says it is online before the connection works (venue Wi-Fi that
			// has joined but not yet let anything through), or the server was busy. Try again soon, then
			// less often, for as long as something waits — no other "online" event may ever come.
			retry = setTimeout(send, RETRY_SECONDS[Math.min(failures++, RETRY_SECONDS.length - 1)]! * 1000)
		}
		function backOnline() {
			failures = 0
			void send()
		}
		function shown() {
			if (document.visibilityState === 'visible') void send()
		}
		void send()
		window.addEventListener('online', backOnline)
		document.addEventListener('visibilitychange', shown)
		return () => {
			active = false
			clearTimeout(retry)
			window.removeEventListener('online', backOnline)
			document.removeEventListener('visibilitychange', shown)
		}
		// eslint-disable-next-line react-hooks/exhaustive-deps -- revalidator changes on every navigation
	}, [viewerId])
	return null
}

/**
 * A form's submit handler: offline, the answer is kept on the phone (and the form shows it waits)
 * instead of being lost to a failed request. Online, the form posts as usual.
 */
export function keepWhenOffline(key: string) {
	return (event: FormEvent<HTMLFormElement>) => {
		if (navigator.onLine || !canSaveOffline()) return
		event.preventDefault()
		queueAnswer(key, event.currentTarget)
	}
}

/** Whether an answer of this form of this page waits to be sent. */
export function useWaiting(key: string) {
	const { pathname } = useLocation()
	return useQueuedAnswers().some((entry) => entry.key === key && entry.action === pathname)
}

export function WaitingToSend() {
	const { t } = useTexts()
	return (
		<p className="alert alert--waiting" role="status">
			{t('offline.waiting')}
		</p>
	)
}

/** Signing out empties the offline store; answers still waiting are lost, so the person is asked. */
export function confirmSignOut(event: FormEvent<HTMLFormElement>, question: (count: number) => string) {
	const waiting = queuedAnswers().length
	if (waiting > 0 && !window.confirm(question(waiting))) {
		event.preventDefault()
		return
	}
	void clearOfflineStore()
}

type SaveState =
	| { step: 'idle' }
	| { step: 'planning' }
	| { step: 'ready'; plan: OfflinePlan }
	| { step: 'saving'; plan: OfflinePlan; done: number; total: number }
	| { step: 'saved'; bytes: number }
	| { step: 'failed' }

/**
 * "Keep for offline reading" for one module, or the whole curriculum (no `module`): first the size,
 * then a progress bar while the lessons are saved. Shown only where the browser can do it.
 */
export function KeepForOffline({ module, title }: { module?: string; title: string }) {
	const { t, language } = useTexts()
	const inCharge = useWorkerInCharge()
	const online = useOnline()
	const saved = useSavedModules()
	const [state, setState] = useState<SaveState>({ step: 'idle' })
	// Without the service worker in charge, saved pages would not open offline: no offer.
	if (!inCharge) return null

	const savedHere = module ? saved.find((entry) => entry.slug === module) : saved.length > 0 ? saved[0] : undefined
	const query = module ? `?${new URLSearchParams({ module })}` : ''

	async function plan() {
		setState({ step: 'planning' })
		try {
			const response = await fetch(`/offline.json${query}`, { credentials: 'same-origin' })
			if (!response.ok) throw new Error(String(response.status))
			setState({ step: 'ready', plan: (await response.json()) as OfflinePlan })
		} catch {
			setState({ step: 'failed' })
		}
	}

	async function save(plan: OfflinePlan) {
		setState({ step: 'saving', plan, done: 0, total: plan.urls.length })
		try {
			const bytes = await saveOffline(plan, (done, total) => setState({ step: 'saving', plan, done, total }))
			setState({ step: 'saved', bytes })
		} catch {
			setState({ step: 'failed' })
		}
	}

	const headingId = `offline-${module ?? 'all'}`
	return (
		<section className="panel offline-save" aria-labelledby={headingId}>
			<h2 id={headingId}>{module ? t('offline.keepModule') : t('offline.keepAll')}</h2>
			{savedHere && state.step === 'idle' ? (
				<p className="muted small">
					{t('offline.savedOn', {
						date: new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(savedHere.savedAt)),
					})}
				</p>
			) : null}
			<div aria-live="polite">
				{state.step === 'idle' || state.step === 'planning' ? (
					<>
						<p className="muted small">{t('offline.keepHelp', { title })}</p>
						<button type="button" className="button" onClick={plan} disabled={!online || state.step === 'planning'}>
							{savedHere ? t('offline.saveAgain') : t('offline.keep')}
						</button>
						{!online ? <p className="muted small">{t('offline.needsConnection')}</p> : null}
					</>
				) : null}
				{state.step === 'ready' ? (
					<>
						<p>
							{t('offline.sizeBeforeSaving', {
								count: state.plan.modules.reduce((sum, entry) => sum + entry.lessons.length, 0),
								size: formatBytes(state.plan.estimatedBytes, language),
							})}
						</p>
						<p className="button-row">
							<button type="button" className="button button--primary" onClick={() => save(state.plan)}>
								{t('offline.startSaving')}
							</button>
							<button type="button" className="link-button" onClick={() => setState({ step: 'idle' })}>
								{t('offline.cancel')}
							</button>
						</p>
					</>
				) : null}
				{state.step === 'saving' ? <ProgressBar done={state.done} total={state.total} label={t('offline.saving', { title })} /> : null}
				{state.step === 'saved' ? (
					<p className="alert alert--success" role="status">
						{t('offline.saved', { size: formatBytes(state.bytes, language) })}
					</p>
				) : null}
				{state.step === 'failed' ? (
					<>
						<p className="alert alert--error" role="alert">
							{t('offline.failed')}
						</p>
						<button type="button" className="button" onClick={plan} disabled={!online}>
							{t('offline.tryAgain')}
						</button>
					</>
				) : null}
			</div>
		</section>
	)
}
