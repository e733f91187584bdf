import { useTranslation } from 'react-i18next'
import { ItemForm } from '#app/features/roadmap/item-form.tsx'
import { ItemList, ReadOnly, type SectionProps } from './shared.tsx'

/** The coordination mechanism and its member institutions. */
export function Coordination({ data: { tree }, editable, common }: SectionProps) {
	const { t } = useTranslation()
	return (
		<>
			<section className="panel" id={tree.mechanism ? `item-${tree.mechanism.id}` : undefined}>
				<h3>{t('roadmap.kinds.mechanism.one')}</h3>
				{editable ? (
					<ItemForm {...common} kind="mechanism" item={tree.mechanism ?? undefined} formKey="mechanism" submitLabel={t('roadmap.save')} />
				) : (
					<ReadOnly kind="mechanism" data={tree.mechanism?.data} />
				)}
			</section>
			<section className="panel">
				<h3>{t('roadmap.kinds.member.plural')}</h3>
				<ItemList kind="member" items={tree.members} editable={editable} {...common} labelField="institution" />
				{editable ? <ItemForm {...common} kind="member" formKey="new-member" submitLabel={t('roadmap.kinds.member.add')} compact /> : null}
			</section>
		</>
	)
}
