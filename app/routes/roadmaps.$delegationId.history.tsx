import { type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { costLinesText } from '#app/features/roadmap/item-form.tsx'
import { costLinesOf, type ItemData } from '#app/features/roadmap/kinds.ts'
import { RoadmapDocument } from '#app/features/roadmap/roadmap-document.tsx'
import { RoadmapHeader } from '#app/features/roadmap/roadmap-header.tsx'
import { useRootData } from '#app/root.tsx'
import { formatDateTime } from '#app/utils/format.ts'
import { getT } from '#app/utils/i18n.server.ts'
import { DEFAULT_LANGUAGE } from '#app/utils/i18n.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { requireRoadmap } from '#app/utils/access.server.ts'
import { budgetTotals, buildTree, currencyAsOf, itemsAsOf, roadmapHistory } from '#app/features/roadmap/roadmap.server.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { delegation, roadmap, language } = await requireRoadmap(request, params.delegationId, 'view')
	const t = await getT(language)
	const at = Number(new URL(request.url).searchParams.get('at'))
	const view = new URL(request.url).searchParams.get('view') === 'implementation' ? 'implementation' : 'design'
	const all = await roadmapHistory(roadmap.id)
	// Implementation updates (after the convening) are shown apart from design edits.
	const isImplementation = (change: string) => change === 'implementation' || change === 'report'
	const history = all.filter((h) => (view === 'implementation') === isImplementation(h.change))
	const asOf = Number.isInteger(at) && at > 0 && history.some((h) => h.id === at) ? at : null
	const tree = asOf ? buildTree(await itemsAsOf(roadmap.id, asOf)) : null
	// Amounts of that moment are in the currency of that moment.
	const currency = asOf ? await currencyAsOf(roadmap, asOf) : roadmap.currency
	return {
		title: `${t('roadmap.history.title')} · ${t('roadmap.title')}`,
		delegation,
		roadmap,
		history,
		view,
		asOf: asOf
			? { id: asOf, at: history.find((h) => h.id === asOf)!.created_at, tree: tree!, totals: budgetTotals(tree!), currency }
			: null,
	}
}

const LABEL_FIELD: Record<string, string> = {
	toc: 'problem',
	pathway: 'if',
	assumption: 'text',
	risk: 'risk',
	pillar: 'name',
	objective: 'statement',
	action: 'description',
	mechanism: 'name',
	member: 'institution',
	partner: 'name',
	indicator: 'statement',
}

/** The item's fields in one side of a history entry (none for a roadmap setting or a reported value). */
function dataOf(side: unknown): ItemData | undefined {
	return side && typeof side === 'object' && 'data' in side ? (side.data as ItemData) : undefined
}

export default function RoadmapHistory() {
	const { delegation, roadmap, history, asOf, view } = useLoaderData<typeof loader>()
	const { t } = useTranslation()
	const language = useRootData()?.language ?? DEFAULT_LANGUAGE
	/** A field's value in a change: cost lines in words, anything else as it is. */
	const shown = (value: ItemData[string] | undefined) =>
		Array.isArray(value) ? costLinesText(costLinesOf({ costs: value }), roadmap.currency, language, t) || '—' : String(value ?? '—')
	return (
		<div className="page page--wide roadmap">
			<RoadmapHeader delegation={delegation} roadmap={roadmap} section="history" />
			<h2>{t('roadmap.history.title')}</h2>
			<nav aria-label={t('roadmap.history.title')} className="tabs">
				<Link to="?" aria-current={view === 'design' ? 'page' : undefined} className={view === 'design' ? 'active' : undefined}>
					{t('roadmap.history.design')}
				</Link>
				<Link
					to="?view=implementation"
					aria-current={view === 'implementation' ? 'page' : undefined}
					className={view === 'implementation' ? 'active' : undefined}
				>
					{t('roadmap.history.implementation')}
				</Link>
			</nav>
			{asOf ? (
				<section className="panel as-of" aria-labelledby="as-of-heading">
					<h3 id="as-of-heading">{t('roadmap.history.asOf', { date: formatDateTime(asOf.at, language) })}</h3>
					<p>
						<Link to="?">{t('roadmap.history.backToList')}</Link>
					</p>
					<RoadmapDocument tree={asOf.tree} totals={asOf.totals} currency={asOf.currency} language={language} />
				</section>
			) : null}
			<ol className="history" reversed>
				{history.map((entry) => {
					const label = LABEL_FIELD[entry.kind] ?? ''
					const before = dataOf(entry.before)
					const after = dataOf(entry.after)
					const changed =
						entry.change === 'update' && before && after
							? Object.keys({ ...before, ...after }).filter(
									(key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null),
								)
							: []
					const name = String((after ?? before)?.[label] ?? (entry.change === 'report' ? '' : '')).slice(0, 100)
					return (
						<li key={entry.id} className="history__entry">
							<p>
								<strong>{entry.userName ?? t('roadmap.history.system')}</strong> · {t(`roadmap.history.changes.${entry.change}`)}{' '}
								{entry.kind === 'roadmap' ? t('roadmap.history.settings') : t(`roadmap.kinds.${entry.kind}.one`)}
								{name ? <> «{name}»</> : null} · <span className="muted small">{formatDateTime(entry.created_at, language)}</span>
							</p>
							{entry.change === 'implementation' ? (
								<p>
									{t('roadmap.history.statusUpdate', {
										status: t(`roadmap.options.status.${String(after?.status ?? 'planned')}`),
										date: String((entry.after as Record<string, unknown> | null)?.dated ?? ''),
									})}
									{(entry.after as Record<string, unknown> | null)?.note
										? ` — ${String((entry.after as Record<string, unknown>).note)}`
										: ''}
								</p>
							) : null}
							{entry.change === 'report' ? (
								<p>
									{t('roadmap.history.valueReported', {
										value: String((entry.after as Record<string, unknown> | null)?.value ?? ''),
										period: String((entry.after as Record<string, unknown> | null)?.period ?? ''),
									})}
								</p>
							) : null}
							{changed.length ? (
								<dl className="diff">
									{changed.map((key) => (
										<div key={key}>
											<dt>{t(`roadmap.fields.${entry.kind}.${key}`)}</dt>
											<dd>
												<del>{shown(before?.[key])}</del> → <ins>{shown(after?.[key])}</ins>
											</dd>
										</div>
									))}
								</dl>
							) : null}
							{entry.kind === 'roadmap' ? (
								<p className="muted small">
									{JSON.stringify(entry.before)} → {JSON.stringify(entry.after)}
								</p>
							) : null}
							<Link to={`?at=${entry.id}`} className="small">
								{t('roadmap.history.viewAsOf')}
							</Link>
						</li>
					)
				})}
			</ol>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
