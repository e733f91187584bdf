import { useTexts } from '#app/utils/use-texts.tsx'
import { KINDS } from '#app/features/roadmap/kinds.ts'
import { AddItem, DocItem, ItemList, type SectionProps } from './shared.tsx'

const TOC_FIELDS = KINDS.toc.fields.map((f) => f.name)

/** The problem, the change sought, and the pathways, assumptions and risks between them. */
export function TheoryOfChange({ data: { tree }, editable, common, openFor }: SectionProps) {
	const { t } = useTexts()
	return (
		<>
			<section className="panel">
				<h3>{t('roadmap.toc.heading')}</h3>
				{tree.toc ? (
					<DocItem
						kind="toc"
						item={tree.toc}
						fields={TOC_FIELDS}
						editable={editable}
						common={common}
						controls={{ canMove: false, canDelete: false }}
						as="div"
					/>
				) : editable ? (
					<AddItem kind="toc" formKey="new-toc" common={common} openFor={openFor} folded={false} />
				) : (
					<p className="muted">{t('roadmap.noneYet')}</p>
				)}
			</section>
			{(['pathway', 'assumption', 'risk'] as const).map((kind) => {
				const list = kind === 'pathway' ? tree.pathways : kind === 'assumption' ? tree.assumptions : tree.risks
				return (
					<section key={kind} className="panel">
						<h3>{t(`roadmap.kinds.${kind}.plural`)}</h3>
						<ItemList kind={kind} items={list} editable={editable} common={common} />
						{editable ? <AddItem kind={kind} formKey={`new-${kind}`} common={common} openFor={openFor} folded={list.length > 0} /> : null}
					</section>
				)
			})}
		</>
	)
}
