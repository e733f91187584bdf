import { useActionData, useLocation, useNavigation, useRevalidator } from '@remix-run/react'
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useRef, useState } from 'react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { type LiveChange, type LiveHello, type LivePerson, type LivePresence } from '#app/features/roadmap/live.ts'
import { type ItemData } from '#app/features/roadmap/kinds.ts'
import { useRootData } from '#app/root.tsx'
import { formatTime } from '#app/utils/format.ts'

/**
 * A roadmap page with JavaScript keeps a live stream open (`/roadmaps/<id>/live`): when someone else
 * saves, the page reads the roadmap again at once (an item open for editing stays as its form showed
 * it, see `useHeldTree`); it shows who else has the roadmap open and what they are editing. Without
 * JavaScript, or while the stream is cut, the page is what it was before: saved changes show on the
 * next page load, and a save over another person's change is merged or shown as a conflict. A page
 * without a stream (`after` null: a peer reading a shared roadmap, who may not read it) opens none.
 */
type LiveState = {
	/** Everyone with the roadmap open, the viewer included. */
	people: LivePerson[]
	/** The latest change someone else made, to say so. */
	last: LiveChange | null
	/** The latest change to each item, by anyone (who changed what was open on a screen). */
	changes: Record<string, LiveChange>
	connected: boolean
	me: string | null
	/** This screen is editing `key` now (an edit key), or nothing. */
	setEditing: (key: string | null) => void
}

const LiveContext = createContext<LiveState | null>(null)

export function useLive() {
	return useContext(LiveContext)
}

/** How long after a change the page waits for more before reading the roadmap again. */
const SETTLE_MS = 120

export function LiveProvider({ delegationId, after, children }: { delegationId: string; after: number | null; children: ReactNode }) {
	const me = useRootData()?.viewer?.id ?? null
	const revalidator = useRevalidator()
	const navigation = useNavigation()
	const [people, setPeople] = useState<LivePerson[]>([])
	const [last, setLast] = useState<LiveChange | null>(null)
	const [changes, setChanges] = useState<Record<string, LiveChange>>({})
	const [connected, setConnected] = useState(false)
	const connection = useRef<string | null>(null)
	const editing = useRef<string | null>(null)
	const pending = useRef(false)
	const busy = useRef(false)
	busy.current = navigation.state !== 'idle' || revalidator.state !== 'idle'
	const revalidate = useRef(revalidator.revalidate)
	revalidate.current = revalidator.revalidate
	const firstAfter = useRef(after ?? 0)

	const report = useCallback(
		(key: string | null) => {
			if (!connection.current) return
			const body = new URLSearchParams({ intent: 'editing', connection: connection.current, editing: key ?? '' })
			// Who is editing what is a courtesy: a lost report is corrected by the next one.
			fetch(`/roadmaps/${delegationId}/live`, { method: 'POST', body }).catch(() => {})
		},
		[delegationId],
	)

	// A change that arrives while the page is loading (a save, another page) is read when it is done.
	useEffect(() => {
		if (navigation.state === 'idle' && revalidator.state === 'idle' && pending.current) {
			pending.current = false
			revalidate.current()
		}
	}, [navigation.state, revalidator.state])

	const streamed = after !== null
	useEffect(() => {
		if (!streamed) return
		let source: EventSource | null = null
		let settle: ReturnType<typeof setTimeout> | undefined
		let retry: ReturnType<typeof setTimeout> | undefined
		let opened = false
		const refresh = () => {
			clearTimeout(settle)
			settle = setTimeout(() => {
				if (busy.current) pending.current = true
				else revalidate.current()
			}, SETTLE_MS)
		}
		const open = () => {
			source = new EventSource(`/roadmaps/${delegationId}/live?after=${firstAfter.current}`)
			source.addEventListener('hello', (event) => {
				const hello = JSON.parse((event as MessageEvent<string>).data) as LiveHello
				connection.current = hello.connection
				setConnected(true)
				// Back after a cut: what was missed is replayed, and the page is read again in case.
				if (opened) refresh()
				opened = true
				if (editing.current) report(editing.current)
			})
			source.addEventListener('change', (event) => {
				const batch = JSON.parse((event as MessageEvent<string>).data) as LiveChange[]
				// A reconnection starts from the last one read (the browser says which).
				firstAfter.current = Math.max(firstAfter.current, ...batch.map((c) => c.id))
				setChanges((before) => {
					const next = { ...before }
					for (const change of batch) if (change.itemId) next[change.itemId] = change
					return next
				})
				const others = batch.filter((change) => change.userId !== me)
				if (others.length) setLast(others.at(-1)!)
				refresh()
			})
			source.addEventListener('presence', (event) => {
				setPeople((JSON.parse((event as MessageEvent<string>).data) as LivePresence).people)
			})
			source.addEventListener('reset', refresh)
			source.onerror = () => {
				setConnected(false)
				// The browser reconnects by itself, unless the answer was not a stream (signed out, the
				// server gone): then try again in a while, from the last change read.
				if (source?.readyState === EventSource.CLOSED) {
					source.close()
					clearTimeout(retry)
					retry = setTimeout(open, 15_000)
				}
			}
		}
		open()
		return () => {
			clearTimeout(settle)
			clearTimeout(retry)
			source?.close()
			connection.current = null
		}
	}, [delegationId, me, report, streamed])

	const setEditing = useCallback(
		(key: string | null) => {
			if (editing.current === key) return
			editing.current = key
			report(key)
		},
		[report],
	)

	const value = useMemo<LiveState>(
		() => ({ people, last, changes, connected, me, setEditing }),
		[people, last, changes, connected, me, setEditing],
	)
	return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>
}

/**
 * The page's action answer (a refused form's messages, a conflict's two texts), kept while the page
 * stays where it is. Reading the roadmap again when someone else saves clears Remix's action data;
 * what the person was told about their own save must stay until they go on (a navigation).
 */
export function useLastingActionData<Action>() {
	const actionData = useActionData<Action>()
	const location = useLocation()
	const [kept, setKept] = useState<{ key: string; data: typeof actionData } | null>(null)
	if (actionData !== undefined && (kept?.data !== actionData || kept.key !== location.key)) setKept({ key: location.key, data: actionData })
	return actionData ?? (kept && kept.key === location.key ? kept.data : undefined)
}

/** Tells the live stream what this screen edits (called by the page's editing state). */
export function useReportEditing(key: string | null) {
	const live = useLive()
	const setEditing = live?.setEditing
	useEffect(() => {
		setEditing?.(key)
	}, [setEditing, key])
	useEffect(() => () => setEditing?.(null), [setEditing])
}

/** The others editing an item now (their names), for "Ana is editing". */
export function useEditorsOf(key: string) {
	const live = useLive()
	if (!live) return []
	return live.people.filter((person) => person.userId !== live.me && person.editing === key).map((person) => person.name)
}

/** Who else has the roadmap open, and the latest change someone else saved. */
export function LivePresenceBar() {
	const { t, language } = useTexts()
	const live = useLive()
	if (!live) return null
	const others = live.people.filter((person) => person.userId !== live.me)
	return (
		<div className="live-bar no-print">
			{others.length ? (
				<p className="live-bar__people">
					<span className="live-dot" aria-hidden="true" /> {t('roadmap.live.here')}{' '}
					{others.map((person, index) => (
						<span key={person.userId}>
							{index ? ', ' : ''}
							<strong>{person.name}</strong>
							{person.editing ? <span className="muted small"> ({t('roadmap.live.editingShort')})</span> : null}
						</span>
					))}
				</p>
			) : null}
			<p className="live-bar__last small muted" role="status">
				{live.last
					? t('roadmap.live.saved', {
							name: live.last.by ?? t('roadmap.live.someone'),
							time: formatTime(live.last.at, language),
						})
					: ''}
			</p>
		</div>
	)
}

/** "Ana is editing" beside an item someone else has open. */
export function EditingBadge({ editKey }: { editKey: string }) {
	const { t } = useTexts()
	const names = useEditorsOf(editKey)
	if (!names.length) return null
	return <p className="editing-badge small">{t('roadmap.live.editing', { names: names.join(', '), count: names.length })}</p>
}

type Held = { version: number; data: ItemData }
type WithItems = { id: string; version: number; data: ItemData }

function isItem(value: unknown): value is WithItems & Record<string, unknown> {
	return Boolean(value && typeof value === 'object' && 'id' in value && 'version' in value && 'data' in value)
}

/** Every item of a page's tree (its lists and what hangs under each), by id. */
function itemsOf(tree: unknown, found = new Map<string, WithItems & Record<string, unknown>>()) {
	if (Array.isArray(tree)) for (const entry of tree) itemsOf(entry, found)
	else if (tree && typeof tree === 'object') {
		if (isItem(tree)) found.set(tree.id, tree)
		for (const value of Object.values(tree)) if (value && typeof value === 'object') itemsOf(value, found)
	}
	return found
}

/** The tree with the held items as they were held (their lists and children as they are now). */
function withHeld<T>(tree: T, held: Map<string, Held>): T {
	if (Array.isArray(tree)) return tree.map((entry) => withHeld(entry, held)) as T
	if (!tree || typeof tree !== 'object') return tree
	const copy = Object.fromEntries(
		Object.entries(tree).map(([key, value]) => [key, value && typeof value === 'object' ? withHeld(value, held) : value]),
	)
	if (isItem(tree) && held.has(tree.id)) Object.assign(copy, held.get(tree.id))
	return copy as T
}

/**
 * While an item is open for editing, the page shows it — and what its one form holds besides (an
 * action's indicators) — as it was when the form opened, so that a change someone else saves never
 * replaces what is typed under the cursor; the form then says what changed (`meanwhile`), and the
 * save is merged with it on the server, field by field.
 */
export function useHeldTree<T>(tree: T, editKey: string | null) {
	const capture = (): { key: string | null; items: Map<string, Held> } => {
		const items = new Map<string, Held>()
		const item = editKey ? itemsOf(tree).get(editKey) : undefined
		if (item) {
			items.set(item.id, { version: item.version, data: item.data })
			const nested = (item as { indicators?: unknown }).indicators
			for (const child of itemsOf(nested).values()) items.set(child.id, { version: child.version, data: child.data })
		}
		return { key: editKey, items }
	}
	const [held, setHeld] = useState(capture)
	let current = held
	if (held.key !== editKey) {
		current = capture()
		setHeld(current)
	}
	return useMemo(() => {
		if (!current.items.size) return { tree, meanwhile: {} as Record<string, ItemData> }
		const fresh = itemsOf(tree)
		const meanwhile: Record<string, ItemData> = {}
		for (const [id, item] of current.items) {
			const now = fresh.get(id)
			if (now && now.version !== item.version) meanwhile[id] = now.data
		}
		return { tree: withHeld(tree, current.items), meanwhile }
	}, [tree, current])
}
