import { useTranslation } from 'react-i18next'
import { ItemForm } from '#app/features/roadmap/item-form.tsx'
import { ActionsBySection, ItemList, type SectionProps } from './shared.tsx'

/** Which actions reach which level, and the local partners. */
export function Localization({ data: { tree }, editable, common, taFor }: SectionProps) {
	const { t } = useTranslation()
	return (
		<>
			<ActionsBySection section="localization" tree={tree} editable={editable} {...common} taFor={taFor} />
			<section className="panel">
				<h3>{t('roadmap.kinds.partner.plural')}</h3>
				<ItemList kind="partner" items={tree.partners} editable={editable} {...common} labelField="name" />
				{editable ? (
					<ItemForm {...common} kind="partner" formKey="new-partner" submitLabel={t('roadmap.kinds.partner.add')} compact />
				) : null}
			</section>
		</>
	)
}
