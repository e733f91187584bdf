import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { type ItemFeedback } from '#app/features/roadmap/item-form.tsx'
import { useRootData } from '#app/root.tsx'
import { formatDateTime } from '#app/utils/format.ts'
import { DEFAULT_LANGUAGE } from '#app/utils/i18n.ts'
import { type SectionData } from './shared.tsx'

/** The section's comments (facilitators and members), each maybe about one item, resolved or open. */
export function CommentsPanel({
	comments,
	targets,
	canComment,
	feedback,
}: {
	comments: SectionData['comments']
	targets: SectionData['commentTargets']
	canComment: boolean
	feedback: ItemFeedback | null
}) {
	const { t } = useTranslation()
	const language = useRootData()?.language ?? DEFAULT_LANGUAGE
	const errors = feedback?.formKey === 'comment' ? feedback.errors : undefined
	return (
		<section id="comments" className="panel" aria-labelledby="comments-heading">
			<h3 id="comments-heading">{t('roadmap.comments.title', { count: comments.filter((c) => !c.resolved_at).length })}</h3>
			<ul className="plain-list">
				{comments.map((comment) => (
					<li key={comment.id} className={comment.resolved_at ? 'comment is-resolved' : 'comment'}>
						<p className="muted small">
							{comment.author ?? '—'} · {formatDateTime(comment.created_at, language)}
							{comment.resolved_at ? ` · ✓ ${t('roadmap.comments.resolvedBy', { name: comment.resolvedBy ?? '—' })}` : ''}
						</p>
						{comment.item_id ? (
							<p className="small">
								{t('roadmap.comments.about')}{' '}
								<a href={`#item-${comment.item_id}`}>
									{targets.find((target) => target.id === comment.item_id)?.label ?? t('roadmap.comments.deletedItem')}
								</a>
							</p>
						) : null}
						<p className="comment__body">{comment.body}</p>
						{canComment ? (
							<Form method="post" preventScrollReset>
								<input type="hidden" name="intent" value="resolve" />
								<input type="hidden" name="commentId" value={comment.id} />
								<input type="hidden" name="resolved" value={comment.resolved_at ? 'false' : 'true'} />
								<button type="submit" className="link-button">
									{comment.resolved_at ? t('roadmap.comments.reopen') : t('roadmap.comments.resolve')}
								</button>
							</Form>
						) : null}
					</li>
				))}
			</ul>
			{canComment ? (
				<Form method="post" className="stack" preventScrollReset>
					<input type="hidden" name="intent" value="comment" />
					{targets.length ? (
						<div className="field">
							<label htmlFor="comment-item">{t('roadmap.comments.aboutLabel')}</label>
							<select id="comment-item" name="itemId" defaultValue="">
								<option value="">{t('roadmap.comments.wholeSection')}</option>
								{targets.map((target) => (
									<option key={target.id} value={target.id}>
										{target.label}
									</option>
								))}
							</select>
						</div>
					) : null}
					<div className="field">
						<label htmlFor="comment-body">{t('roadmap.comments.add')}</label>
						<textarea
							id="comment-body"
							name="body"
							rows={3}
							aria-invalid={errors ? true : undefined}
							aria-describedby={errors ? 'comment-error' : undefined}
						/>
						{errors?.body ? (
							<p id="comment-error" className="field-errors" role="alert">
								{t(errors.body[0]!)}
							</p>
						) : null}
					</div>
					<button type="submit" className="button">
						{t('roadmap.comments.submit')}
					</button>
				</Form>
			) : null}
		</section>
	)
}
