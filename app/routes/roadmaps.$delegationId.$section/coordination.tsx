import { Form } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ItemCommentCount, ItemComments } from '#app/features/roadmap/comment-threads.tsx'
import { ItemForm } from '#app/features/roadmap/item-form.tsx'
import { ItemList, ReadOnly, type SectionProps } from './shared.tsx'

/** The coordination mechanism, its member institutions and the NAP process's dated steps. */
export function Coordination({ data: { tree }, editable, common, openFor }: SectionProps) {
	const { t } = useTranslation()
	return (
		<>
			<section className="panel" id={tree.mechanism ? `item-${tree.mechanism.id}` : undefined}>
				<h3>{t('roadmap.kinds.mechanism.one')}</h3>
				{tree.mechanism ? <ItemCommentCount itemId={tree.mechanism.id} /> : null}
				{editable ? (
					<ItemForm {...common} kind="mechanism" item={tree.mechanism ?? undefined} formKey="mechanism" submitLabel={t('roadmap.save')} />
				) : (
					<ReadOnly kind="mechanism" data={tree.mechanism?.data} />
				)}
				{tree.mechanism ? <ItemComments itemId={tree.mechanism.id} label={String(tree.mechanism.data.name ?? '')} /> : null}
			</section>
			<section className="panel">
				<h3>{t('roadmap.kinds.member.plural')}</h3>
				<ItemList kind="member" items={tree.members} editable={editable} {...common} labelField="institution" />
				{editable ? <ItemForm {...common} kind="member" formKey="new-member" submitLabel={t('roadmap.kinds.member.add')} compact /> : null}
			</section>
			<section className="panel" id="timeline">
				<h3>{t('roadmap.kinds.milestone.plural')}</h3>
				<p className="muted small">{t('roadmap.timeline.help')}</p>
				<ItemList kind="milestone" items={tree.milestones} editable={editable} {...common} labelField="step" />
				{editable && tree.milestones.length === 0 ? (
					<Form method="post" preventScrollReset className="inline-form">
						<input type="hidden" name="intent" value="timeline" />
						<button type="submit" className="button">
							{t('roadmap.timeline.addStandard')}
						</button>{' '}
						<span className="muted small">{t('roadmap.timeline.addStandardHelp')}</span>
					</Form>
				) : null}
				{editable ? (
					<details className="add" open={openFor('new-milestone')}>
						<summary>{t('roadmap.kinds.milestone.add')}</summary>
						<ItemForm {...common} kind="milestone" formKey="new-milestone" submitLabel={t('roadmap.kinds.milestone.add')} compact />
					</details>
				) : null}
			</section>
		</>
	)
}
