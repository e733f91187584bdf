/**
 * The roadmap's item form, loaded when someone opens one (app/utils/on-demand.tsx): most visits to a
 * section read it, and a phone should not wait for a form nobody opened. An "Edit" or "Add" link
 * asks for it as soon as a finger or the focus is on it, so the form is usually there by the click.
 */
import { onDemand } from '#app/utils/on-demand.tsx'

const forms = onDemand('roadmap-item-form', () => import('#app/features/roadmap/item-form-parts.ts'))

export const ItemForm = forms.part('ItemForm')
/** Beside an open ItemForm only (its module is there with it). */
export const ItemControls = forms.part('ItemControls', { mark: false })
/** Inside an action's ItemForm only (strategic design). */
export const ActionIndicators = forms.part('ActionIndicators', { mark: false })

export const preloadItemForm = forms.preload
