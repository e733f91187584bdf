/**
 * What the roadmap's pages read of an item without editing it — money as people write it, a refused
 * form's answer, the link to ask for technical assistance — apart from the item form itself
 * (item-form.tsx), which a page loads only when someone opens a form (app/utils/on-demand.tsx).
 */
import { Link } from '@remix-run/react'
import type { Translate } from '#app/utils/translate.ts'
import { useTexts } from '#app/utils/use-texts.tsx'
import { plain, numberFormat } from '#app/utils/format.ts'
import { type CostLine, currencyDigits, type FieldSpec, type ItemData } from '#app/features/roadmap/kinds.ts'

export type ItemFeedback = {
	itemId?: string | null
	formKey?: string
	errors?: Record<string, string[]>
	/** `fields`: the fields both people changed (the others were merged); without it, the whole item. */
	conflict?: { current: { data: ItemData; version: number }; mine: ItemData; fields?: string[] }
	/** What the person typed, given back when the save was refused so nothing typed is lost. */
	submitted?: Record<string, string>
	message?: string
	/** The item was deleted while it was being edited: the change that deleted it, to restore it. */
	deletion?: { changeId: number }
}

/** Shows an amount stored in minor units as the person would type it. */
export function formatMinor(value: unknown, currency: string, language: string) {
	if (typeof value !== 'number') return ''
	const digits = currencyDigits(currency)
	return numberFormat(language, { minimumFractionDigits: 0, maximumFractionDigits: digits, useGrouping: false }).format(
		value / 10 ** digits,
	)
}

/** One formatter per language and currency, built once: a long table or a Word draft formats thousands of amounts. */
const moneyFormats = new Map<string, { format: Intl.NumberFormat; digits: number }>()

export function formatMoney(value: number, currency: string, language: string) {
	const key = `${language}:${currency}`
	let money = moneyFormats.get(key)
	if (!money) {
		const format = new Intl.NumberFormat(language, { style: 'currency', currency })
		money = { format, digits: currencyDigits(currency) }
		moneyFormats.set(key, money)
	}
	return plain(money.format.format(value / 10 ** money.digits))
}

/** Cost lines in one line of text: "40000 National budget ✓ committed; 60000 International cooperation". */
export function costLinesText(lines: readonly CostLine[], currency: string, language: string, t: Translate) {
	return lines
		.map((line) =>
			[
				formatMoney(line.amount, currency, language),
				line.source ? t(`roadmap.options.source.${line.source}`) : '',
				line.committed ? `✓ ${t('roadmap.doc.committed')}` : '',
			]
				.filter(Boolean)
				.join(' '),
		)
		.join('; ')
}

/**
 * What a refused form sent back (Conform's `initialValue`, where `costs[0].amount` comes back nested as
 * `{ costs: [{ amount }] }`) as flat field names again, so each input finds what was typed in it.
 */
export function flatFormValues(value: unknown, prefix = ''): Record<string, string> {
	if (typeof value === 'string') return prefix ? { [prefix]: value } : {}
	if (Array.isArray(value)) return Object.assign({}, ...value.map((inner, index) => flatFormValues(inner, `${prefix}[${index}]`)))
	if (value && typeof value === 'object') {
		return Object.assign({}, ...Object.entries(value).map(([key, inner]) => flatFormValues(inner, prefix ? `${prefix}.${key}` : key)))
	}
	return {}
}

/** The fields a form edits of an item's data, as JSON (the form's `base`). */
export function baseOf(data: ItemData, specs: readonly FieldSpec[]) {
	return JSON.stringify(Object.fromEntries(specs.map((spec) => [spec.name, data[spec.name] ?? null])))
}

/** "Ask for technical assistance" about an item, with how many of its requests are open. */
export function AssistanceLink({ ta }: { ta: { href: string; open: number } }) {
	const { t } = useTexts()
	return (
		<span className="ta-link">
			<Link to={ta.href}>{t('assistance.askAboutItem')}</Link>
			{ta.open ? <span className="badge badge--ta-open"> {t('assistance.openBadge', { count: ta.open })}</span> : null}
		</span>
	)
}
