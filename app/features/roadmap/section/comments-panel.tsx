import { Form } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { ThreadList, useCommentThreads, useCountText } from '#app/features/roadmap/comment-threads.tsx'
import { countComments } from '#app/features/roadmap/threads.ts'
import { type SectionData } from './shared.tsx'

/**
 * The section's own threads (about the whole section, or about an item since deleted), the threads
 * about items as links to where they are listed beside their item, and the form that starts a
 * thread about the whole section.
 */
export function CommentsPanel({ threads, targets }: { threads: SectionData['sectionThreads']; targets: SectionData['commentTargets'] }) {
	const { t } = useTexts()
	const { threadsByItem, canComment, feedback } = useCommentThreads()
	const countText = useCountText()
	const mine = feedback?.formKey === 'comment' ? feedback : null
	const error = mine?.errors?.body?.[0]
	const onItems = targets.filter((target) => threadsByItem[target.id]?.length)
	const open = countComments(threads).open + onItems.reduce((sum, target) => sum + countComments(threadsByItem[target.id]!).open, 0)
	return (
		<section id="comments" className="panel" aria-labelledby="comments-heading">
			<h3 id="comments-heading">{t('roadmap.comments.title', { count: open })}</h3>
			{onItems.length ? (
				<>
					<h4>{t('roadmap.comments.onItems')}</h4>
					<ul className="plain-list">
						{onItems.map((target) => (
							<li key={target.id}>
								<a href={`#threads-${target.id}`}>{target.label || t('roadmap.comments.untitled')}</a>
								<span className="muted small"> — {countText(countComments(threadsByItem[target.id]!))}</span>
							</li>
						))}
					</ul>
				</>
			) : null}
			<h4>{t('roadmap.comments.onSection')}</h4>
			{threads.length ? (
				<ThreadList
					threads={threads}
					label={t('roadmap.comments.onSection')}
					about={(thread) =>
						thread.item_id ? (
							<>
								{' '}
								· {t('roadmap.comments.about')} {t('roadmap.comments.deletedItem')}
							</>
						) : null
					}
				/>
			) : (
				<p className="muted">{t('roadmap.comments.none')}</p>
			)}
			{canComment ? (
				// A new thread remounts the form, empty again after a post (with JavaScript the page is not reloaded).
				<Form key={threads.length} method="post" className="stack" preventScrollReset>
					<input type="hidden" name="intent" value="comment" />
					<div className="field">
						<label htmlFor="comment-body">{t('roadmap.comments.add')}</label>
						<textarea
							id="comment-body"
							name="body"
							rows={3}
							defaultValue={mine?.submitted?.body}
							aria-invalid={error ? true : undefined}
							aria-describedby={error ? 'comment-error' : 'comment-hint'}
						/>
						{error ? (
							<p id="comment-error" className="field-errors" role="alert">
								{t(error)}
							</p>
						) : (
							<p id="comment-hint" className="muted small">
								{t('roadmap.comments.itemHint')}
							</p>
						)}
					</div>
					<button type="submit" className="button">
						{t('roadmap.comments.submit')}
					</button>
				</Form>
			) : null}
		</section>
	)
}
