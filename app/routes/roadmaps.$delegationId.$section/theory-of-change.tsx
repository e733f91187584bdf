import { useTranslation } from 'react-i18next'
import { ItemForm } from '#app/features/roadmap/item-form.tsx'
import { ItemList, ReadOnly, type SectionProps } from './shared.tsx'

/** The problem, the change sought, and the pathways, assumptions and risks between them. */
export function TheoryOfChange({ data: { tree }, editable, common }: SectionProps) {
	const { t } = useTranslation()
	return (
		<>
			<section className="panel" id={tree.toc ? `item-${tree.toc.id}` : undefined}>
				<h3>{t('roadmap.toc.heading')}</h3>
				{editable ? (
					<ItemForm {...common} kind="toc" item={tree.toc ?? undefined} formKey="toc" submitLabel={t('roadmap.save')} />
				) : (
					<ReadOnly kind="toc" data={tree.toc?.data} />
				)}
			</section>
			{(['pathway', 'assumption', 'risk'] as const).map((kind) => {
				const list = kind === 'pathway' ? tree.pathways : kind === 'assumption' ? tree.assumptions : tree.risks
				return (
					<section key={kind} className="panel">
						<h3>{t(`roadmap.kinds.${kind}.plural`)}</h3>
						<ItemList
							kind={kind}
							items={list}
							editable={editable}
							{...common}
							labelField={kind === 'pathway' ? 'if' : kind === 'risk' ? 'risk' : 'text'}
						/>
						{editable ? (
							<ItemForm {...common} kind={kind} formKey={`new-${kind}`} submitLabel={t(`roadmap.kinds.${kind}.add`)} compact />
						) : null}
					</section>
				)
			})}
		</>
	)
}
