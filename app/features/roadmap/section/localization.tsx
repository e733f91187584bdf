import { useTexts } from '#app/utils/use-texts.tsx'
import { ActionsBySection, AddItem, ItemList, type SectionProps } from './shared.tsx'

/** Which actions reach which level (edited in each action's form), and the local partners. */
export function Localization({ data: { tree, delegation }, editable, common, openFor, taFor }: SectionProps) {
	const { t } = useTexts()
	return (
		<>
			<ActionsBySection
				section="localization"
				tree={tree}
				editable={editable}
				currency={common.currency}
				delegationId={delegation.id}
				taFor={taFor}
			/>
			<section className="panel">
				<h3>{t('roadmap.kinds.partner.plural')}</h3>
				<ItemList kind="partner" items={tree.partners} editable={editable} common={common} />
				{editable ? (
					<AddItem kind="partner" formKey="new-partner" common={common} openFor={openFor} folded={tree.partners.length > 0} />
				) : null}
			</section>
		</>
	)
}
