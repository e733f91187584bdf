import { Form, Link } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { childList } from '#app/features/roadmap/history.ts'
import { isKind, LABEL_FIELD } from '#app/features/roadmap/kinds.ts'
import { useRootData } from '#app/root.tsx'
import { DEFAULT_LANGUAGE } from '#app/utils/i18n.ts'
import { type SectionData } from './shared.tsx'

const lowerFirst = (text: string) => text.charAt(0).toLocaleLowerCase() + text.slice(1)

/** The item as a sentence names it: "strategic objective 1.2 «…»". */
function useItemName() {
	const { t } = useTexts()
	return (item: { kind: string; label: string; number?: string | null }) =>
		t('roadmap.deletion.item', {
			kind: lowerFirst(t(`roadmap.kinds.${item.kind}.one`)),
			number: item.number ?? '',
			label: item.label,
		}).replace(/\s+/g, ' ')
}

/**
 * Before an item with something under it is deleted: what goes with it, Delete or Cancel. A page of
 * its own URL (`?confirmDelete=<id>`), so it works the same without JavaScript.
 */
export function ConfirmDelete({ confirm }: { confirm: NonNullable<SectionData['confirmDelete']> }) {
	const { t } = useTexts()
	const language = useRootData()?.language ?? DEFAULT_LANGUAGE
	const name = useItemName()(confirm)
	// With JavaScript the page does not reload: bring the question to the keyboard and the screen reader.
	const ref = useRef<HTMLElement>(null)
	useEffect(() => ref.current?.focus(), [confirm.id])
	return (
		<section ref={ref} tabIndex={-1} id="confirm-delete" className="panel confirm-delete" aria-labelledby="confirm-delete-heading">
			<h3 id="confirm-delete-heading">{t('roadmap.deletion.confirmTitle')}</h3>
			<p>
				{Object.keys(confirm.counts).length
					? t('roadmap.deletion.confirmWith', { item: name, children: childList(confirm.counts, language, t) })
					: t('roadmap.deletion.confirmAlone', { item: name })}
			</p>
			<p className="muted small">{t('roadmap.deletion.confirmHint')}</p>
			<Form method="post" action="?" className="inline-form" preventScrollReset>
				<input type="hidden" name="intent" value="delete" />
				<input type="hidden" name="id" value={confirm.id} />
				<input type="hidden" name="version" value={confirm.version} />
				<input type="hidden" name="confirm" value="yes" />
				<button type="submit" className="button danger">
					{t('roadmap.deletion.confirmButton')}
				</button>{' '}
				<Link to={`?#item-${confirm.id}`} className="button">
					{t('roadmap.deletion.cancel')}
				</Link>
			</Form>
		</section>
	)
}

/** After a delete: what went, and Undo (a plain form that restores it) while it is still gone. */
export function DeletedNotice({ deleted, editable }: { deleted: NonNullable<SectionData['deleted']>; editable: boolean }) {
	const { t } = useTexts()
	const language = useRootData()?.language ?? DEFAULT_LANGUAGE
	const name = useItemName()(deleted)
	if (!deleted.canUndo) return null
	return (
		<div id="deleted" className="alert alert--success deleted-notice" role="status">
			<p>
				{Object.keys(deleted.counts).length
					? t('roadmap.deletion.deletedWith', { item: name, children: childList(deleted.counts, language, t) })
					: t('roadmap.deletion.deleted', { item: name })}
			</p>
			{editable ? (
				<Form method="post" action="?" className="inline-form">
					<input type="hidden" name="intent" value="restore" />
					<input type="hidden" name="changeId" value={deleted.changeId} />
					<button type="submit" className="button">
						{t('roadmap.deletion.undo')}
					</button>
				</Form>
			) : null}
		</div>
	)
}

/**
 * A save of an item someone deleted meanwhile: what the person typed (it is also kept as a draft in
 * this browser) and Restore, after which the item's Edit brings the text back to save it.
 */
export function DeletedMeanwhile({ deletion, submitted }: { deletion: { changeId: number }; submitted?: Record<string, string> }) {
	const { t } = useTexts()
	const kind = submitted?.kind
	const typed = kind && isKind(kind) ? submitted?.[LABEL_FIELD[kind]] : undefined
	return (
		<div className="alert alert--error" id="deleted-meanwhile">
			<p>{t('roadmap.deletion.meanwhile')}</p>
			{typed ? (
				<>
					<p className="small">{t('roadmap.deletion.yourText')}</p>
					<blockquote className="pre">{typed}</blockquote>
				</>
			) : null}
			<Form method="post" action="?" className="inline-form">
				<input type="hidden" name="intent" value="restore" />
				<input type="hidden" name="changeId" value={deletion.changeId} />
				<button type="submit" className="button">
					{t('roadmap.deletion.restoreToSave')}
				</button>
			</Form>
		</div>
	)
}
