import { createContext, type ReactNode, useContext } from 'react'
import { Form } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { MessageFold, ThreadMessage } from '#app/components/ui/thread.tsx'
import { EditLink, useEditing } from '#app/features/roadmap/editing.tsx'
import { type ItemFeedback } from '#app/features/roadmap/item-values.tsx'
import { type CommentThread, countComments } from '#app/features/roadmap/threads.ts'

/**
 * Comment threads on a roadmap section page. The page provides its threads grouped by item once
 * (`CommentThreadsProvider`); any view of the section then places, for an item,
 * `<ItemCommentCount itemId>` beside its title (a link to its threads) and `<ItemComments itemId label>`
 * after its content (the threads, and the fold that starts one). Everything posts as plain forms.
 */
export type CommentThreadsValue = {
	/** The threads about each item of the section (ids of items shown in it). */
	threadsByItem: Record<string, CommentThread[]>
	/** The viewer may comment, reply, resolve and reopen (members, and those who run the cohort). */
	canComment: boolean
	/** What the action said about a refused form. */
	feedback: ItemFeedback | null
}

const CommentThreadsContext = createContext<CommentThreadsValue>({ threadsByItem: {}, canComment: false, feedback: null })

export function CommentThreadsProvider({ value, children }: { value: CommentThreadsValue; children: ReactNode }) {
	return <CommentThreadsContext.Provider value={value}>{children}</CommentThreadsContext.Provider>
}

export function useCommentThreads() {
	return useContext(CommentThreadsContext)
}

/** "3 comments, 1 open thread", in the page's language. */
export function useCountText() {
	const { t } = useTexts()
	return (count: { comments: number; open: number }) =>
		`${t('roadmap.comments.countComments', { count: count.comments })}, ${t('roadmap.comments.countOpen', { count: count.open })}`
}

/** Beside an item that has comments: how many, as a link to its threads. Nothing when there are none. */
export function ItemCommentCount({ itemId }: { itemId: string }) {
	const { threadsByItem } = useCommentThreads()
	const text = useCountText()
	const threads = threadsByItem[itemId] ?? []
	if (!threads.length) return null
	const count = countComments(threads)
	return (
		<p className={count.open ? 'comment-count comment-count--open' : 'comment-count'}>
			<a href={`#threads-${itemId}`}>
				<span aria-hidden="true">💬 </span>
				{text(count)}
			</a>
		</p>
	)
}

/** After an item's content: the threads about it, and (for who may comment) a fold that starts one. */
export function ItemComments({ itemId, label, offerStart = true }: { itemId: string; label: string; offerStart?: boolean }) {
	const { t } = useTexts()
	const { threadsByItem, canComment: mayComment, feedback } = useCommentThreads()
	const editing = useEditing()
	const threads = threadsByItem[itemId] ?? []
	// Those who edit the item start a thread from its open form; the others (facilitators) from the item.
	const formKey = `comment-item-${itemId}`
	const asked = editing.current === formKey || feedback?.formKey === formKey
	const canComment = mayComment && (offerStart || threads.length > 0 || asked)
	if (!threads.length && !canComment) return null
	const mine = feedback?.formKey === formKey ? feedback : null
	const short = label.slice(0, 60)
	const start = canComment && !editing.current?.startsWith(formKey) && !mine
	// Only a link until asked for: a page of many items holds no form nobody opened.
	if (start && !threads.length) {
		return (
			<p className="item-comments__start">
				<EditLink editKey={formKey} label={t('roadmap.comments.itemLabel', { label: short })}>
					{t('roadmap.comments.commentOnItem')}
				</EditLink>
			</p>
		)
	}
	return (
		<div className="item-comments" id={`threads-${itemId}`}>
			{threads.length ? <ThreadList threads={threads} label={t('roadmap.comments.threadsAbout', { label: short })} /> : null}
			{start ? (
				<p className="item-comments__start">
					<EditLink editKey={formKey} label={t('roadmap.comments.itemLabel', { label: short })}>
						{t('roadmap.comments.commentOnItem')}
					</EditLink>
				</p>
			) : canComment ? (
				<div id={formKey}>
					<MessageFold
						open
						// A new thread remounts the fold: closed and empty again after a post (with JavaScript the page is not reloaded).
						key={threads.length}
						id={`${formKey}-body`}
						summary={t('roadmap.comments.commentOnItem')}
						label={t('roadmap.comments.itemLabel', { label: short })}
						submitLabel={t('roadmap.comments.submit')}
						hidden={{ intent: 'comment', itemId }}
						error={mine?.errors?.body?.[0]}
						typed={mine?.submitted?.body}
					/>
				</div>
			) : null}
		</div>
	)
}

/** Threads, each its first comment with its replies indented under it in order. */
export function ThreadList({
	threads,
	label,
	about,
}: {
	threads: CommentThread[]
	label: string
	about?: (thread: CommentThread) => ReactNode
}) {
	return (
		<ol className="threads" aria-label={label}>
			{threads.map((thread) => (
				<li key={thread.id}>
					<Thread thread={thread} about={about?.(thread)} />
				</li>
			))}
		</ol>
	)
}

function Thread({ thread, about }: { thread: CommentThread; about?: ReactNode }) {
	const { t } = useTexts()
	const { canComment, feedback } = useCommentThreads()
	const resolved = Boolean(thread.resolved_at)
	const formKey = `reply-${thread.id}`
	const mine = feedback?.formKey === formKey ? feedback : null
	return (
		<div className={resolved ? 'thread is-resolved' : 'thread'}>
			<ThreadMessage
				id={`comment-${thread.id}`}
				author={thread.author}
				createdAt={thread.created_at}
				body={thread.body}
				note={
					<>
						{' · '}
						{resolved ? (
							<span className="badge badge--resolved">✓ {t('roadmap.comments.resolvedBy', { name: thread.resolvedBy ?? '—' })}</span>
						) : (
							<span className="badge badge--comment-open">{t('roadmap.comments.openThread')}</span>
						)}
						{about}
					</>
				}
			/>
			{thread.replies.length ? (
				<ol className="thread__replies" aria-label={t('roadmap.comments.repliesTo', { name: thread.author ?? '—' })}>
					{thread.replies.map((reply) => (
						<li key={reply.id}>
							<ThreadMessage id={`comment-${reply.id}`} author={reply.author} createdAt={reply.created_at} body={reply.body} />
						</li>
					))}
				</ol>
			) : null}
			{canComment ? (
				<div className="thread__actions">
					<MessageFold
						key={thread.replies.length}
						id={`${formKey}-body`}
						summary={t('roadmap.comments.reply')}
						label={t('roadmap.comments.replyLabel', { name: thread.author ?? '—' })}
						submitLabel={t('roadmap.comments.submitReply')}
						hidden={{ intent: 'reply', commentId: thread.id }}
						error={mine?.errors?.body?.[0]}
						typed={mine?.submitted?.body}
					/>
					<Form method="post" preventScrollReset className="inline-form">
						<input type="hidden" name="intent" value="resolve" />
						<input type="hidden" name="commentId" value={thread.id} />
						<input type="hidden" name="resolved" value={resolved ? 'false' : 'true'} />
						<button type="submit" className="link-button">
							{resolved ? t('roadmap.comments.reopen') : t('roadmap.comments.resolve')}
						</button>
					</Form>
				</div>
			) : null}
		</div>
	)
}
