import { Form } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { KINDS } from '#app/features/roadmap/kinds.ts'
import { AddItem, DocItem, ItemList, type SectionProps } from './shared.tsx'

const MECHANISM_FIELDS = KINDS.mechanism.fields.map((f) => f.name)

/** The coordination mechanism, its member institutions and the NAP process's dated steps. */
export function Coordination({ data: { tree }, editable, common, openFor }: SectionProps) {
	const { t } = useTexts()
	return (
		<>
			<section className="panel">
				<h3>{t('roadmap.kinds.mechanism.one')}</h3>
				{tree.mechanism ? (
					<DocItem
						kind="mechanism"
						item={tree.mechanism}
						fields={MECHANISM_FIELDS}
						editable={editable}
						common={common}
						controls={{ canMove: false, canDelete: false }}
						as="div"
					/>
				) : editable ? (
					<AddItem kind="mechanism" formKey="new-mechanism" common={common} openFor={openFor} folded={false} />
				) : (
					<p className="muted">{t('roadmap.noneYet')}</p>
				)}
			</section>
			<section className="panel">
				<h3>{t('roadmap.kinds.member.plural')}</h3>
				<ItemList kind="member" items={tree.members} editable={editable} common={common} />
				{editable ? (
					<AddItem kind="member" formKey="new-member" common={common} openFor={openFor} folded={tree.members.length > 0} />
				) : null}
			</section>
			<section className="panel" id="timeline">
				<h3>{t('roadmap.kinds.milestone.plural')}</h3>
				<p className="muted small">{t('roadmap.timeline.help')}</p>
				<ItemList kind="milestone" items={tree.milestones} editable={editable} common={common} />
				{editable && tree.milestones.length === 0 ? (
					<Form method="post" preventScrollReset className="inline-form">
						<input type="hidden" name="intent" value="timeline" />
						<button type="submit" className="button">
							{t('roadmap.timeline.addStandard')}
						</button>{' '}
						<span className="muted small">{t('roadmap.timeline.addStandardHelp')}</span>
					</Form>
				) : null}
				{editable ? <AddItem kind="milestone" formKey="new-milestone" common={common} openFor={openFor} /> : null}
			</section>
		</>
	)
}
