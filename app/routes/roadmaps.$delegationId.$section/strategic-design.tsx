import { useTranslation } from 'react-i18next'
import { ItemCommentCount, ItemComments } from '#app/features/roadmap/comment-threads.tsx'
import { ItemControls, ItemForm } from '#app/features/roadmap/item-form.tsx'
import { ACTION_FIELDS_BY_SECTION } from '#app/features/roadmap/kinds.ts'
import { planNumbers } from '#app/features/roadmap/numbering.ts'
import { ReadOnly, type SectionProps } from './shared.tsx'

const FIELDS = ACTION_FIELDS_BY_SECTION['strategic-design']

/** Pillars, the strategic objectives under each and the lines of action under each objective. */
export function StrategicDesign({ data: { tree }, editable, common, openFor, taFor }: SectionProps) {
	const { t } = useTranslation()
	const numbers = planNumbers(tree)
	return (
		<>
			{tree.pillars.map((pillar) => (
				<section key={pillar.id} id={`item-${pillar.id}`} className="panel pillar">
					<h3>
						{t('roadmap.kinds.pillar.one')} {numbers.get(pillar.id)}: {String(pillar.data.name)}
					</h3>
					<ItemCommentCount itemId={pillar.id} />
					{editable ? (
						<details open={openFor(`item-${pillar.id}`)}>
							<summary>{t('roadmap.renamePillar')}</summary>
							<ItemForm {...common} kind="pillar" item={pillar} formKey={`item-${pillar.id}`} submitLabel={t('roadmap.save')} compact />
							<ItemControls item={pillar} label={String(pillar.data.name)} />
						</details>
					) : null}
					<ItemComments itemId={pillar.id} label={String(pillar.data.name)} />
					{pillar.objectives.map((objective) => (
						<article key={objective.id} id={`item-${objective.id}`} className="objective">
							<h4>
								{t('roadmap.kinds.objective.one')} {numbers.get(objective.id)}: {String(objective.data.statement)}
							</h4>
							<ItemCommentCount itemId={objective.id} />
							{editable ? (
								<details open={openFor(`item-${objective.id}`)}>
									<summary>{t('roadmap.editObjective')}</summary>
									<ItemForm
										{...common}
										kind="objective"
										item={objective}
										formKey={`item-${objective.id}`}
										submitLabel={t('roadmap.save')}
										compact
									/>
									<ItemControls item={objective} label={String(objective.data.statement)} ta={taFor(objective.id)} />
								</details>
							) : null}
							<ItemComments itemId={objective.id} label={String(objective.data.statement)} />
							<ol className="actions-list">
								{objective.actions.map((action) => (
									<li key={action.id} id={`item-${action.id}`} className="action-card">
										<p className="action-card__number">
											{t('roadmap.kinds.action.one')} {numbers.get(action.id)}
										</p>
										<ItemCommentCount itemId={action.id} />
										{editable ? (
											<>
												<ItemForm
													{...common}
													kind="action"
													item={action}
													fields={FIELDS}
													formKey={`item-${action.id}`}
													submitLabel={t('roadmap.save')}
													compact
												/>
												<ItemControls item={action} label={String(action.data.description)} ta={taFor(action.id)} />
											</>
										) : (
											<ReadOnly kind="action" data={action.data} fields={FIELDS} />
										)}
										<ItemComments itemId={action.id} label={String(action.data.description)} />
									</li>
								))}
							</ol>
							{editable ? (
								<details className="add" open={openFor(`new-action-${objective.id}`)}>
									<summary>{t('roadmap.kinds.action.add')}</summary>
									<ItemForm
										{...common}
										kind="action"
										parentId={objective.id}
										fields={FIELDS}
										formKey={`new-action-${objective.id}`}
										submitLabel={t('roadmap.kinds.action.add')}
										compact
									/>
								</details>
							) : null}
						</article>
					))}
					{editable ? (
						<details className="add" open={openFor(`new-objective-${pillar.id}`)}>
							<summary>{t('roadmap.kinds.objective.add')}</summary>
							<ItemForm
								{...common}
								kind="objective"
								parentId={pillar.id}
								formKey={`new-objective-${pillar.id}`}
								submitLabel={t('roadmap.kinds.objective.add')}
								compact
							/>
						</details>
					) : null}
				</section>
			))}
			{editable ? (
				<section className="panel">
					<h3>{t('roadmap.kinds.pillar.add')}</h3>
					<ItemForm {...common} kind="pillar" formKey="new-pillar" submitLabel={t('roadmap.kinds.pillar.add')} compact />
				</section>
			) : null}
		</>
	)
}
