import { Form } from '@remix-run/react'
import { useId } from 'react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { TableWrap } from '#app/components/ui/table-wrap.tsx'
import { shownValue } from '#app/features/roadmap/history.ts'
import { formatMoney } from '#app/features/roadmap/item-values.tsx'
import type { CompareEntry, Comparison } from '#app/features/roadmap/snapshot-compare.server.ts'
import { snapshotName } from '#app/features/roadmap/snapshots.ts'
import { formatNumber, formatPercent } from '#app/utils/format.ts'
import { useLanguage } from '#app/utils/use-language.ts'

type SnapshotOption = { id: number; name: string; reason: string; created_at: string }

/**
 * Which two moments to compare: a GET form of two selects (any snapshot, or now), so it works
 * without JavaScript and the comparison has an address to share.
 */
export function CompareForm({
	snapshots,
	action,
	from,
	to,
	errors,
	title,
}: {
	/** The form's heading: by default "Compare two moments" (the compare page, whose title that is, says "Choose two moments"). */
	title?: string
	snapshots: SnapshotOption[]
	action: string
	from: string
	to: string
	errors?: { from?: string; to?: string }
}) {
	const { t } = useTexts()
	const language = useLanguage()
	const uid = useId()
	const options = [
		...snapshots.map((s) => ({ value: String(s.id), label: snapshotName(s, language, t) })),
		{ value: 'now', label: t('snapshots.now') },
	]
	const select = (name: 'from' | 'to', value: string) => {
		const error = errors?.[name]
		return (
			<div className="field">
				<label htmlFor={`${uid}-${name}`}>{t(`snapshots.compare.${name}`)}</label>
				<select
					id={`${uid}-${name}`}
					name={name}
					defaultValue={value}
					aria-invalid={error ? true : undefined}
					aria-describedby={error ? `${uid}-${name}-error` : undefined}
				>
					{options.map((option) => (
						<option key={option.value} value={option.value}>
							{option.label}
						</option>
					))}
				</select>
				{error ? (
					<p id={`${uid}-${name}-error`} className="field-errors">
						{t(error)}
					</p>
				) : null}
			</div>
		)
	}
	return (
		<Form method="get" action={action} className="panel compare-form" aria-labelledby={`${uid}-title`}>
			<h3 id={`${uid}-title`}>{title ?? t('snapshots.compare.title')}</h3>
			<div className="compare-form__fields">
				{select('from', from)}
				{select('to', to)}
			</div>
			<button type="submit" className="button button--primary">
				{t('snapshots.compare.submit')}
			</button>
		</Form>
	)
}

type Totals = Comparison['totals']['before']

/** Total cost, funded amount and share, actions and indicators: before → after, as a table. */
function TotalsTable({ before, after }: { before: Totals; after: Totals }) {
	const { t } = useTexts()
	const language = useLanguage()
	const rows = [
		{
			label: t('snapshots.totals.total'),
			before: formatMoney(before.total, before.currency, language),
			after: formatMoney(after.total, after.currency, language),
		},
		{
			label: t('snapshots.totals.funded'),
			before: formatMoney(before.funded, before.currency, language),
			after: formatMoney(after.funded, after.currency, language),
		},
		{
			label: t('roadmap.budget.fundedShare'),
			before: formatPercent(before.fundedShare, language),
			after: formatPercent(after.fundedShare, language),
		},
		{
			label: t('roadmap.kinds.action.plural'),
			before: formatNumber(before.actions, language),
			after: formatNumber(after.actions, language),
		},
		{
			label: t('roadmap.kinds.indicator.plural'),
			before: formatNumber(before.indicators, language),
			after: formatNumber(after.indicators, language),
		},
	]
	return (
		<TableWrap label={t('snapshots.totals.title')}>
			<table className="compare-totals">
				<caption>{t('snapshots.totals.title')}</caption>
				<thead>
					<tr>
						<th scope="col">{t('snapshots.totals.what')}</th>
						<th scope="col">{t('snapshots.totals.before')}</th>
						<th scope="col">{t('snapshots.totals.after')}</th>
					</tr>
				</thead>
				<tbody>
					{rows.map((row) => (
						<tr key={row.label} className={row.before === row.after ? undefined : 'compare-totals__moved'}>
							<th scope="row">{row.label}</th>
							<td>{row.before}</td>
							<td>
								{row.after}
								{row.before === row.after ? null : <span className="visually-hidden"> ({t('snapshots.totals.changed')})</span>}
							</td>
						</tr>
					))}
				</tbody>
			</table>
		</TableWrap>
	)
}

function EntryTitle({ entry, side }: { entry: CompareEntry; side: 'before' | 'after' }) {
	const { t } = useTexts()
	const number = entry.number[side]
	return (
		<p className="compare-entry__title">
			<span className="muted">{t(`roadmap.kinds.${entry.kind}.one`)}</span>
			{number ? ` ${number}` : null} «{entry.label}»
		</p>
	)
}

/** A comparison: the totals, then each section's added, changed and removed items. */
export function ComparisonView({ comparison }: { comparison: Comparison }) {
	const { t } = useTexts()
	const language = useLanguage()
	const { counts, currency } = comparison
	const nothing = !counts.added && !counts.removed && !counts.changed
	return (
		<div className="comparison">
			<p role="status">
				{nothing
					? t('snapshots.compare.nothing')
					: t('snapshots.compare.summary', {
							added: t('snapshots.compare.count.added', { count: counts.added }),
							changed: t('snapshots.compare.count.changed', { count: counts.changed }),
							removed: t('snapshots.compare.count.removed', { count: counts.removed }),
						})}
			</p>
			{currency.before !== currency.after ? (
				<p>{t('roadmap.history.currencyChange', { before: currency.before, after: currency.after })}</p>
			) : null}
			<TotalsTable before={comparison.totals.before} after={comparison.totals.after} />
			{comparison.sections.map((section) => (
				<section key={section.section} className="compare-section" aria-labelledby={`compare-${section.section}`}>
					<h3 id={`compare-${section.section}`}>{t(`roadmap.sections.${section.section}.title`)}</h3>
					{section.added.length ? (
						<>
							<h4>{t('snapshots.compare.added', { count: section.added.length })}</h4>
							<ul className="plain-list compare-list">
								{section.added.map((entry) => (
									<li key={entry.id} className="compare-entry compare-entry--added">
										<EntryTitle entry={entry} side="after" />
									</li>
								))}
							</ul>
						</>
					) : null}
					{section.changed.length ? (
						<>
							<h4>{t('snapshots.compare.changed', { count: section.changed.length })}</h4>
							<ul className="plain-list compare-list">
								{section.changed.map((entry) => (
									<li key={entry.id} className="compare-entry">
										<EntryTitle entry={entry} side="after" />
										{entry.fields.length ? (
											<dl className="diff">
												{entry.fields.map((change) => (
													<div key={change.field}>
														<dt>{t(`roadmap.fields.${entry.kind}.${change.field}`)}</dt>
														<dd>
															<del>{shownValue(entry.kind, change.field, change.before, currency.before, language, t)}</del>
															<span className="visually-hidden"> {t('roadmap.history.becomes')} </span>
															<span aria-hidden="true"> → </span>
															<ins>{shownValue(entry.kind, change.field, change.after, currency.after, language, t)}</ins>
														</dd>
													</div>
												))}
											</dl>
										) : null}
										{entry.moved ? (
											<p className="small">
												{entry.number.before && entry.number.after && entry.number.before !== entry.number.after
													? t('snapshots.compare.movedNumber', { before: entry.number.before, after: entry.number.after })
													: t('snapshots.compare.moved')}
											</p>
										) : null}
									</li>
								))}
							</ul>
						</>
					) : null}
					{section.removed.length ? (
						<>
							<h4>{t('snapshots.compare.removed', { count: section.removed.length })}</h4>
							<ul className="plain-list compare-list">
								{section.removed.map((entry) => (
									<li key={entry.id} className="compare-entry compare-entry--removed">
										<EntryTitle entry={entry} side="before" />
									</li>
								))}
							</ul>
						</>
					) : null}
				</section>
			))}
		</div>
	)
}
