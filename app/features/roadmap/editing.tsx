import { Link, useBeforeUnload, useBlocker, useLocation, useSearchParams } from '@remix-run/react'
import { createContext, type MouseEvent, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { useReportEditing } from '#app/features/roadmap/live.tsx'
import { preloadItemForm } from '#app/features/roadmap/editing-forms.tsx'

/**
 * Which item of a roadmap page is open for editing: at most one at a time. The page reads like the
 * printed document; each item has one Edit control. Without JavaScript, Edit is a link to the page
 * with `?edit=<key>` (an item's id, or the key of an "add" form); with JavaScript the same link opens
 * the form in place without asking the server. A save that succeeds redirects to the page without
 * `edit`, with `saved=<form key>`, so the form closes and the item shows its new text.
 */
type EditingState = {
	/** The open edit key: an item id, or an add form's key (`new-action-<objective id>`). */
	current: string | null
	/** The form key that was just saved (from `?saved=`), to say so and clear its draft. */
	saved: string | null
	/** The save just made was merged with another person's change to other fields (`?merged=1`). */
	merged: boolean
	/** The field to focus in the open form (`?field=`: a gap links to the field to fill). */
	field: string | null
	/** Keys (form keys) with a draft kept in this browser that was never saved. */
	drafts: ReadonlySet<string>
	hrefFor: (key: string) => string
	closeHref: string
	open: (key: string) => void
	close: () => void
	refreshDrafts: () => void
}

const EditingContext = createContext<EditingState | null>(null)

/**
 * The form key of an edit key: `item-<id>` for an item, the key itself for the forms that add to the
 * roadmap (`new-…`, a paste `paste-<objective id>`, a comment `comment-item-<item id>`).
 */
export function formKeyOf(key: string) {
	return /^(new|paste|comment)-/.test(key) ? key : `item-${key}`
}

export const DRAFT_PREFIX = 'nap-draft:'
export function draftStorageKey(pathname: string, formKey: string) {
	return `${DRAFT_PREFIX}${pathname}:${formKey}`
}

/** Forms report here whether they hold unsaved text; the page then asks before it is left. */
export const UnsavedContext = createContext<((formKey: string, dirty: boolean) => void) | null>(null)

function useLeaveGuard() {
	const { t } = useTexts()
	const [dirty, setDirty] = useState<ReadonlySet<string>>(new Set())
	const report = useCallback((formKey: string, isDirty: boolean) => {
		setDirty((before) => {
			if (before.has(formKey) === isDirty) return before
			const next = new Set(before)
			if (isDirty) next.add(formKey)
			else next.delete(formKey)
			return next
		})
	}, [])
	const unsaved = dirty.size > 0
	useBeforeUnload(
		useCallback(
			(event: BeforeUnloadEvent) => {
				if (!unsaved) return
				event.preventDefault()
				// Older browsers ask only when returnValue is set.
				event.returnValue = ''
			},
			[unsaved],
		),
	)
	// A save stays on the page (and clears its form's mark first); going to another page asks.
	const blocker = useBlocker(({ currentLocation, nextLocation }) => unsaved && currentLocation.pathname !== nextLocation.pathname)
	useEffect(() => {
		if (blocker.state !== 'blocked') return
		if (window.confirm(t('roadmap.draft.leave'))) blocker.proceed()
		else blocker.reset()
	}, [blocker, t])
	return report
}

export function EditingProvider({ children, refused }: { children: ReactNode; refused?: string | null }) {
	const report = useLeaveGuard()
	const location = useLocation()
	const [params] = useSearchParams()
	// With JavaScript, Edit and Cancel change only this (for the location they were clicked on); any
	// navigation (a save, another page) goes back to what the URL says.
	const [override, setOverride] = useState<{ key: string | null; at: string } | null>(null)
	const [drafts, setDrafts] = useState<ReadonlySet<string>>(new Set())
	const fromUrl = params.get('edit')
	const saved = params.get('saved')
	// A refused save comes back with its form open (the form key is `item-<id>` or `new-…`).
	const fromRefusal = refused ? (refused.startsWith('item-') ? refused.slice(5) : refused) : null
	const current = override && override.at === location.key ? override.key : (fromRefusal ?? fromUrl)
	// The others with the roadmap open see what this screen is editing.
	useReportEditing(current)

	const refreshDrafts = useMemo(
		() => () => {
			const prefix = draftStorageKey(location.pathname, '')
			const found = new Set<string>()
			try {
				// A form that was just saved has no draft any more (its form is closed, so it cannot say so itself).
				if (saved) localStorage.removeItem(draftStorageKey(location.pathname, saved))
				for (let index = 0; index < localStorage.length; index++) {
					const key = localStorage.key(index)
					if (key?.startsWith(prefix)) found.add(key.slice(prefix.length))
				}
			} catch {
				// Storage refused (private mode): no drafts to show.
			}
			setDrafts(found)
		},
		[location.pathname, saved],
	)
	useEffect(refreshDrafts, [refreshDrafts, location.key])

	const value = useMemo<EditingState>(() => {
		const without = new URLSearchParams(params)
		for (const name of ['edit', 'saved', 'field', 'merged']) without.delete(name)
		const query = (extra?: [string, string]) => {
			const next = new URLSearchParams(without)
			if (extra) next.set(...extra)
			const text = next.toString()
			return text ? `?${text}` : location.pathname
		}
		return {
			current,
			saved,
			merged: params.get('merged') === '1',
			field: current === fromUrl ? params.get('field') : null,
			drafts,
			// Relative to the page (its path is not repeated in every one of a plan's many links).
			hrefFor: (key) => `?${new URLSearchParams([...without, ['edit', key]])}#${formKeyOf(key)}`,
			closeHref: `${query()}${current ? `#${formKeyOf(current)}` : ''}`,
			open: (key) => setOverride({ key, at: location.key }),
			close: () => setOverride({ key: null, at: location.key }),
			refreshDrafts,
		}
	}, [current, fromUrl, saved, drafts, params, location.pathname, location.key, refreshDrafts])
	return (
		<UnsavedContext.Provider value={report}>
			<EditingContext.Provider value={value}>{children}</EditingContext.Provider>
		</UnsavedContext.Provider>
	)
}

export function useEditing() {
	const editing = useContext(EditingContext)
	if (!editing) throw new Error('useEditing outside an EditingProvider')
	return editing
}

/** A plain left click (not one that opens a new tab), which JavaScript may handle in place. */
function isPlainClick(event: MouseEvent) {
	return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey
}

/** "Edit" for one item: a link that works without JavaScript, opening the form in place with it. */
export function EditLink({
	editKey,
	label,
	children,
	className,
	preload = preloadItemForm,
}: {
	editKey: string
	label: string
	children?: ReactNode
	className?: string
	/** Asks for the code of what the link opens (the item form unless told). */
	preload?: () => void
}) {
	const { t } = useTexts()
	const editing = useEditing()
	const hasDraft = editing.drafts.has(formKeyOf(editKey))
	// A plain link to this page with `?edit=` (no router link: a plain click opens the form in place
	// without asking the server; any other click opens the page as it says).
	return (
		<a
			href={editing.hrefFor(editKey)}
			className={className ? `edit-link ${className}` : 'edit-link'}
			aria-label={children ? undefined : t('roadmap.editItem', { label })}
			// The form's code comes when someone is about to open one (app/utils/on-demand.tsx).
			onPointerEnter={preload}
			onTouchStart={preload}
			onFocus={preload}
			onClick={(event) => {
				if (!isPlainClick(event)) return
				event.preventDefault()
				editing.open(editKey)
			}}
		>
			{children ?? t('roadmap.edit')}
			{hasDraft ? <span className="badge badge--draft"> {t('roadmap.draft.badge')}</span> : null}
		</a>
	)
}

/** "Cancel" in an open form: back to the page as it reads. */
export function CancelLink({ onCancel }: { onCancel?: () => void }) {
	const { t } = useTexts()
	const editing = useEditing()
	return (
		<Link
			to={editing.closeHref}
			preventScrollReset
			className="button button--secondary"
			onClick={(event) => {
				if (!isPlainClick(event)) return
				event.preventDefault()
				onCancel?.()
				editing.close()
			}}
		>
			{t('roadmap.cancel')}
		</Link>
	)
}
