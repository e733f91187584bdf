/**
 * Comment threads of a roadmap section, shared by the server (which builds them) and the page
 * (which counts them): a thread is its first comment with its replies, one level deep.
 */
export type CommentRow = {
	id: number
	section: string
	item_id: string | null
	/** The thread's first comment, for a reply. */
	parent_id: number | null
	body: string
	created_at: string
	/** A thread's state, on its first comment. */
	resolved_at: string | null
	author: string | null
	resolvedBy: string | null
}
export type CommentThread = CommentRow & { replies: CommentRow[] }

/** Comments as threads: each first comment with its replies in the order they were written, threads in the order they were started. */
export function commentThreads(rows: CommentRow[]): CommentThread[] {
	const threads = new Map<number, CommentThread>()
	for (const row of [...rows].sort((a, b) => a.id - b.id)) {
		if (row.parent_id === null) threads.set(row.id, { ...row, replies: [] })
		else threads.get(row.parent_id)?.replies.push(row)
	}
	return [...threads.values()]
}

/** How many comments (replies included) and open threads a list of threads holds. */
export function countComments(threads: CommentThread[]) {
	return {
		comments: threads.reduce((sum, thread) => sum + 1 + thread.replies.length, 0),
		open: threads.filter((thread) => !thread.resolved_at).length,
	}
}
