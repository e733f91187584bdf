import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useId } from 'react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { type HistoryEntry, historyPage, historyPeople, readFilters } from '#app/features/roadmap/history.server.ts'
import { shownValue } from '#app/features/roadmap/history.ts'
import { applyChange } from '#app/features/roadmap/items.server.ts'
import { isKind, SECTIONS } from '#app/features/roadmap/kinds.ts'
import { RoadmapDocument } from '#app/features/roadmap/roadmap-document.tsx'
import { RoadmapHeader } from '#app/features/roadmap/roadmap-header.tsx'
import { useRootData } from '#app/root.tsx'
import { permissionForIntent, requireRoadmap } from '#app/utils/access.server.ts'
import { db } from '#app/utils/db.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { formatDateTime } from '#app/utils/format.ts'
import { getT } from '#app/utils/i18n.server.ts'
import { DEFAULT_LANGUAGE, type Language } from '#app/utils/i18n.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { budgetTotals, buildTree, currencyAsOf, itemsAsOf } from '#app/features/roadmap/roadmap.server.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { delegation, roadmap, language, abilities } = await requireRoadmap(request, params.delegationId, 'inspect')
	const t = await getT(language)
	const url = new URL(request.url)
	const filters = readFilters(url)
	const [page, people] = await Promise.all([historyPage(roadmap, filters), historyPeople(roadmap.id)])
	// "As it was" after any change of this roadmap, whatever page of the list it is on.
	const at = Number(url.searchParams.get('at'))
	const moment =
		Number.isSafeInteger(at) && at > 0
			? await db
					.selectFrom('roadmap_changes')
					.select(['id', 'created_at'])
					.where('id', '=', at)
					.where('roadmap_id', '=', roadmap.id)
					.executeTakeFirst()
			: undefined
	const tree = moment ? buildTree(await itemsAsOf(roadmap.id, moment.id)) : null
	const done = url.searchParams.get('done')
	return {
		title: `${t('roadmap.history.title')} · ${t('roadmap.title')}`,
		delegation,
		roadmap,
		editable: abilities.edit && roadmap.status !== 'final',
		filters,
		people,
		history: page.entries,
		older: page.older,
		done: done === 'restore' || done === 'setBack' ? done : null,
		// Amounts of that moment are in the currency of that moment.
		asOf:
			moment && tree
				? { id: moment.id, at: moment.created_at, tree, totals: budgetTotals(tree), currency: await currencyAsOf(roadmap, moment.id) }
				: null,
	}
}

const HistoryForm = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('restore'), changeId: z.coerce.number().int().positive() }),
	z.object({ intent: z.literal('setBack'), changeId: z.coerce.number().int().positive(), version: z.coerce.number().int().optional() }),
])

const REFUSALS: Record<string, { status: number; message: string }> = {
	notFound: { status: 404, message: 'roadmap.history.errors.notFound' },
	exists: { status: 409, message: 'roadmap.errors.exists' },
	parentGone: { status: 409, message: 'roadmap.errors.parentGone' },
	gone: { status: 409, message: 'roadmap.history.errors.gone' },
	conflict: { status: 409, message: 'roadmap.history.errors.conflict' },
	badKind: { status: 400, message: 'roadmap.history.errors.badKind' },
}

/** Restore a deleted item, set an item back to an earlier version: each through the write primitive, recorded in the history. */
export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readFormData(request)
	const needs = permissionForIntent('roadmap', formData.get('intent'))
	const { viewer, roadmap } = await requireRoadmap(request, params.delegationId, needs)
	if (roadmap.status === 'final') return data({ message: 'roadmap.errors.final' }, { status: 409 })
	const form = HistoryForm.safeParse(Object.fromEntries(formData))
	if (!form.success) return data({ message: 'roadmap.errors.badKind' }, { status: 400 })
	const value = form.data
	const result = await applyChange(
		db,
		roadmap.id,
		viewer.id,
		value.intent === 'restore'
			? { type: 'restore', changeId: value.changeId }
			: { type: 'setBack', changeId: value.changeId, version: value.version },
	)
	if (!result.ok) {
		const refusal = REFUSALS[result.reason] ?? { status: 400, message: 'roadmap.errors.badKind' }
		return data({ message: refusal.message }, { status: refusal.status })
	}
	// Back to the list the person was reading (its filters), which now starts with what was just done.
	const url = new URL(request.url)
	url.searchParams.delete('before')
	url.searchParams.delete('at')
	url.searchParams.set('done', value.intent)
	return redirect(`${url.pathname}?${url.searchParams}`)
}

export default function RoadmapHistory() {
	const { delegation, roadmap, history, older, asOf, filters, people, editable, done } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTexts()
	const language = useRootData()?.language ?? DEFAULT_LANGUAGE
	const [searchParams] = useSearchParams()
	const uid = useId()
	const view = filters.view
	/** This page's URL with some of its search changed. */
	const withSearch = (changes: Record<string, string | null>) => {
		const next = new URLSearchParams(searchParams)
		next.delete('done')
		for (const [key, value] of Object.entries(changes)) {
			if (value === null) next.delete(key)
			else next.set(key, value)
		}
		const search = next.toString()
		return search ? `?${search}` : '?'
	}
	return (
		<div className="page page--wide roadmap">
			<RoadmapHeader delegation={delegation} roadmap={roadmap} section="history" />
			<h2>{t('roadmap.history.title')}</h2>
			<p>
				<Link to={`/roadmaps/${delegation.id}/snapshots`}>{t('snapshots.link')}</Link>
			</p>
			<nav aria-label={t('roadmap.history.views')} className="tabs">
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
			{actionData?.message ? (
				<p className="alert alert--error" role="alert">
					{t(actionData.message)}
				</p>
			) : null}
			{done ? (
				<p className="alert alert--success" role="status">
					{t(`roadmap.history.done.${done}`)}
				</p>
			) : null}
			{asOf ? (
				<section className="panel as-of" aria-labelledby="as-of-heading">
					<h3 id="as-of-heading">{t('roadmap.history.asOf', { date: formatDateTime(asOf.at, language) })}</h3>
					<p>
						<Link to={withSearch({ at: null })}>{t('roadmap.history.backToList')}</Link>
					</p>
					<RoadmapDocument tree={asOf.tree} totals={asOf.totals} currency={asOf.currency} language={language} />
				</section>
			) : null}

			{/* Keyed by the search, so that "Clear the filters" (a link) also clears what the fields show. */}
			<Form method="get" key={searchParams.toString()} className="panel history-filters" aria-labelledby={`${uid}-filters`}>
				<h3 id={`${uid}-filters`}>{t('roadmap.history.filters.title')}</h3>
				{view === 'implementation' ? <input type="hidden" name="view" value="implementation" /> : null}
				<div className="history-filters__fields">
					<div className="field">
						<label htmlFor={`${uid}-section`}>{t('roadmap.history.filters.section')}</label>
						<select id={`${uid}-section`} name="section" defaultValue={filters.section ?? ''}>
							<option value="">{t('roadmap.history.filters.allSections')}</option>
							{SECTIONS.map((section) => (
								<option key={section} value={section}>
									{t(`roadmap.sections.${section}.title`)}
								</option>
							))}
						</select>
					</div>
					<div className="field">
						<label htmlFor={`${uid}-person`}>{t('roadmap.history.filters.person')}</label>
						<select id={`${uid}-person`} name="person" defaultValue={filters.person ?? ''}>
							<option value="">{t('roadmap.history.filters.everyone')}</option>
							{people.map((person) => (
								<option key={person.id} value={person.id}>
									{person.name}
								</option>
							))}
						</select>
					</div>
					<div className="field">
						<label htmlFor={`${uid}-from`}>{t('roadmap.history.filters.from')}</label>
						<input id={`${uid}-from`} type="date" name="from" defaultValue={filters.from ?? ''} />
					</div>
					<div className="field">
						<label htmlFor={`${uid}-to`}>{t('roadmap.history.filters.to')}</label>
						<input id={`${uid}-to`} type="date" name="to" defaultValue={filters.to ?? ''} />
					</div>
				</div>
				<button type="submit" className="button">
					{t('roadmap.history.filters.apply')}
				</button>{' '}
				<Link to={view === 'implementation' ? '?view=implementation' : '?'}>{t('roadmap.history.filters.clear')}</Link>
			</Form>

			{history.length ? (
				<ol className="history">
					{history.map((entry) => (
						<HistoryItem
							key={entry.id}
							entry={entry}
							language={language}
							editable={editable}
							viewHref={withSearch({ at: String(entry.id) })}
						/>
					))}
				</ol>
			) : (
				<p className="muted">{t('roadmap.history.none')}</p>
			)}
			<p className="history-pages">
				{filters.before ? <Link to={withSearch({ before: null, at: null })}>{t('roadmap.history.latest')}</Link> : null}
				{filters.before && older ? ' · ' : null}
				{older ? <Link to={withSearch({ before: String(older), at: null })}>{t('roadmap.history.older')}</Link> : null}
			</p>
		</div>
	)
}

function HistoryItem({
	entry,
	language,
	editable,
	viewHref,
}: {
	entry: HistoryEntry
	language: Language
	editable: boolean
	viewHref: string
}) {
	const { t } = useTexts()
	const kind = isKind(entry.kind) ? entry.kind : null
	const what = kind ? t(`roadmap.kinds.${kind}.one`) : t('roadmap.history.settings')
	const value = (field: string, v: unknown, currency: string) =>
		kind ? shownValue(kind, field, v, currency, language, t) : String(v ?? '—')
	return (
		<li id={`change-${entry.id}`} className="history__entry">
			<p>
				<strong>{entry.userName ?? t('roadmap.history.system')}</strong> · {t(`roadmap.history.changes.${entry.change}`)} {what}
				{entry.number ? ` ${entry.number}` : null}
				{entry.label ? <> «{entry.label}»</> : null} ·{' '}
				<time dateTime={entry.createdAt} className="muted small">
					{formatDateTime(entry.createdAt, language)}
				</time>
			</p>
			{entry.implementation && 'status' in entry.implementation ? (
				<p>
					{t('roadmap.history.statusUpdate', {
						status: entry.implementation.status ? t(`roadmap.options.status.${entry.implementation.status}`) : '—',
						date: entry.implementation.dated,
					})}
					{entry.implementation.note ? ` — ${entry.implementation.note}` : ''}
				</p>
			) : null}
			{entry.implementation && 'value' in entry.implementation ? (
				<p>
					{t('roadmap.history.valueReported', { value: entry.implementation.value, period: entry.implementation.period })}
					{entry.implementation.source ? ` — ${entry.implementation.source}` : ''}
				</p>
			) : null}
			{entry.fields.length && kind && entry.change !== 'implementation' ? (
				<dl className="diff">
					{entry.fields.map((change) => (
						<div key={change.field}>
							<dt>{t(`roadmap.fields.${kind}.${change.field}`)}</dt>
							<dd>
								<del>{value(change.field, change.before, entry.currency.before)}</del>
								<span className="visually-hidden"> {t('roadmap.history.becomes')} </span>
								<span aria-hidden="true"> → </span>
								<ins>{value(change.field, change.after, entry.currency.after)}</ins>
							</dd>
						</div>
					))}
				</dl>
			) : null}
			{entry.setting ? (
				<p>
					{entry.setting.field === 'currency'
						? t('roadmap.history.currencyChange', { before: entry.setting.before, after: entry.setting.after })
						: entry.setting.field === 'status'
							? t('roadmap.history.statusChange', {
									before: t(`roadmap.status.${String(entry.setting.before)}`),
									after: t(`roadmap.status.${String(entry.setting.after)}`),
								})
							: entry.setting.after
								? t('roadmap.history.sharedOn')
								: t('roadmap.history.sharedOff')}
				</p>
			) : null}
			<div className="history__actions">
				<Link to={viewHref} className="small">
					{t('roadmap.history.viewAsOf')}
				</Link>
				{editable && entry.restorable ? (
					<Form method="post" className="inline-form">
						<input type="hidden" name="intent" value="restore" />
						<input type="hidden" name="changeId" value={entry.id} />
						<button type="submit" className="button" aria-label={t('roadmap.history.restoreItem', { item: `${what} «${entry.label}»` })}>
							{t('roadmap.history.restore')}
						</button>
					</Form>
				) : null}
				{entry.change === 'delete' && !entry.restorable ? <span className="muted small">{t('roadmap.history.isBack')}</span> : null}
				{editable && entry.setBack && !entry.setBack.isCurrent ? (
					<Form method="post" className="inline-form">
						<input type="hidden" name="intent" value="setBack" />
						<input type="hidden" name="changeId" value={entry.id} />
						<input type="hidden" name="version" value={entry.setBack.version} />
						<button type="submit" className="button" aria-label={t('roadmap.history.setBackItem', { item: `${what} «${entry.label}»` })}>
							{t('roadmap.history.setBack')}
						</button>
					</Form>
				) : null}
				{entry.setBack?.isCurrent ? <span className="muted small">{t('roadmap.history.isCurrent')}</span> : null}
			</div>
		</li>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
