/** What editing-forms.tsx loads on demand: the item form and the parts shown only inside it. */
export { ItemControls, ItemForm } from '#app/features/roadmap/item-form.tsx'
export { ActionIndicators } from '#app/features/roadmap/section/action-indicators.tsx'
