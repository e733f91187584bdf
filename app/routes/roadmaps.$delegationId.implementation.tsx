import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { ErrorList } from '#app/components/ui/forms.tsx'
import { RoadmapHeader } from '#app/features/roadmap/roadmap-header.tsx'
import { Stats } from '#app/components/ui/stats.tsx'
import { useRootData } from '#app/root.tsx'
import { readFormData } from '#app/utils/form-data.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { getT } from '#app/utils/i18n.server.ts'
import { DEFAULT_LANGUAGE } from '#app/utils/i18n.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { permissionForIntent, requireRoadmap } from '#app/utils/access.server.ts'
import { ACTION_STATUSES } from '#app/features/roadmap/kinds.ts'
import { applyChange } from '#app/features/roadmap/items.server.ts'
import { IndicatorChart, duePeriodLabel } from '#app/features/roadmap/indicator-chart.tsx'
import { duePeriodCode } from '#app/features/roadmap/indicator-series.ts'
import {
	buildTree,
	indicatorReports,
	indicatorsOverTime,
	latestImplementation,
	roadmapItems,
} from '#app/features/roadmap/roadmap.server.ts'
import { ActionStatusUpdate, IndicatorReport } from '#app/features/roadmap/schemas.ts'
import { db } from '#app/utils/db.server.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { delegation, roadmap, language, abilities } = await requireRoadmap(request, params.delegationId, 'view')
	const t = await getT(language)
	const tree = buildTree(await roadmapItems(roadmap.id))
	const today = new Date().toISOString().slice(0, 10)
	const { series, due } = indicatorsOverTime(
		tree,
		await indicatorReports(roadmap.id),
		{ status: delegation.cohortStatus, endDate: delegation.cohortEndDate },
		today,
	)
	const counts = Object.fromEntries(ACTION_STATUSES.map((s) => [s, tree.actions.filter((a) => (a.data.status ?? 'planned') === s).length]))
	return {
		title: `${t('implementation.title')} · ${t('roadmap.title')}`,
		delegation,
		roadmap,
		abilities,
		tree,
		counts,
		latest: await latestFor(roadmap.id, abilities.inspect),
		series,
		due,
		today,
	}
}

/**
 * The latest update of each item. Its status, date, value and source are the plan being carried
 * out, which a peer reading a shared roadmap sees; its note and who wrote it are the delegation's
 * own working record (`inspect`), left out for a peer.
 */
async function latestFor(roadmapId: string, inspect: boolean) {
	const latest = await latestImplementation(roadmapId)
	if (inspect) return latest
	return Object.fromEntries(Object.entries(latest).map(([itemId, row]) => [itemId, { ...row, note: null, userName: null }]))
}

const ImplementationSchema = z.discriminatedUnion('intent', [
	ActionStatusUpdate.extend({ intent: z.literal('status'), itemId: z.string({ error: 'roadmap.errors.notFound' }) }),
	IndicatorReport.extend({ intent: z.literal('report'), itemId: z.string({ error: 'roadmap.errors.notFound' }) }),
])

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readFormData(request)
	const { viewer, roadmap } = await requireRoadmap(
		request,
		params.delegationId,
		permissionForIntent('implementation', formData.get('intent')),
	)
	const submission = parseWithZod(formData, { schema: ImplementationSchema })
	const itemId = String(submission.payload.itemId ?? '')
	if (submission.status !== 'success') return data({ itemId, result: submission.reply() }, { status: 400 })
	const { itemId: id, ...value } = submission.value
	const result = await applyChange(
		db,
		roadmap.id,
		viewer.id,
		value.intent === 'status'
			? { type: 'implementation', id, status: value.status, note: value.note, dated: value.dated }
			: { type: 'report', id, period: value.period, value: value.value, dated: value.dated, source: value.source },
	)
	if (result.ok) return redirect(`${new URL(request.url).pathname}#item-${itemId}`)
	if (result.reason === 'invalid') return data({ itemId, result: submission.reply({ fieldErrors: result.errors }) }, { status: 400 })
	return data({ itemId, result: submission.reply({ formErrors: ['roadmap.errors.notFound'] }) }, { status: 404 })
}

export default function Implementation() {
	const { delegation, roadmap, abilities, tree, counts, latest, series, due, today } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTexts()
	const language = useRootData()?.language ?? DEFAULT_LANGUAGE
	const errorsFor = (id: string) =>
		actionData?.itemId === id ? (actionData.result.error as Record<string, string[]> | undefined) : undefined
	const valueFor = (id: string, name: string, fallback: string) =>
		actionData?.itemId === id ? String(actionData.result.initialValue?.[name] ?? fallback) : fallback
	return (
		<div className="page page--wide roadmap">
			<RoadmapHeader delegation={delegation} roadmap={roadmap} section="implementation" />
			<h2 className="section-title">{t('implementation.title')}</h2>
			<p className="lead">{t('implementation.intro')}</p>
			<Stats items={ACTION_STATUSES.map((status) => ({ label: t(`roadmap.options.status.${status}`), value: counts[status] }))} />
			{tree.actions.length === 0 ? <p>{t('roadmap.needActions')}</p> : null}
			<section aria-labelledby="actions-heading">
				<h3 id="actions-heading">{t('roadmap.kinds.action.plural')}</h3>
				<ol className="actions-list">
					{tree.actions.map((action) => {
						const last = latest[action.id]
						const errors = errorsFor(action.id)
						return (
							<li key={action.id} id={`item-${action.id}`} className="action-card">
								<p className="action-card__title">{String(action.data.description)}</p>
								<p>
									<span className={`badge badge--${String(action.data.status ?? 'planned')}`}>
										{t(`roadmap.options.status.${String(action.data.status ?? 'planned')}`)}
									</span>
									{last ? (
										<span className="muted small">
											{' '}
											· {formatDate(last.dated, language, 'medium')}
											{last.note ? ` — ${last.note}` : ''}
											{abilities.inspect ? ` (${last.userName ?? '—'})` : null}
										</span>
									) : null}
								</p>
								{abilities.edit ? (
									<Form method="post" className="inline-fields" preventScrollReset>
										<input type="hidden" name="intent" value="status" />
										<input type="hidden" name="itemId" value={action.id} />
										<div className="field">
											<label htmlFor={`status-${action.id}`}>{t('roadmap.fields.action.status')}</label>
											<select
												id={`status-${action.id}`}
												name="status"
												defaultValue={valueFor(action.id, 'status', String(action.data.status ?? 'planned'))}
											>
												{ACTION_STATUSES.map((s) => (
													<option key={s} value={s}>
														{t(`roadmap.options.status.${s}`)}
													</option>
												))}
											</select>
										</div>
										<div className="field">
											<label htmlFor={`dated-${action.id}`}>{t('implementation.date')}</label>
											<input
												id={`dated-${action.id}`}
												name="dated"
												type="date"
												defaultValue={valueFor(action.id, 'dated', today)}
												aria-invalid={errors?.dated ? true : undefined}
												aria-describedby={errors?.dated ? `dated-${action.id}-error` : undefined}
											/>
											<ErrorList id={`dated-${action.id}-error`} errors={errors?.dated} />
										</div>
										<div className="field field--grow">
											<label htmlFor={`note-${action.id}`}>{t('implementation.note')}</label>
											<input
												id={`note-${action.id}`}
												name="note"
												type="text"
												maxLength={2000}
												defaultValue={valueFor(action.id, 'note', '')}
											/>
										</div>
										<button type="submit" className="button">
											{t('implementation.saveStatus')}
										</button>
									</Form>
								) : null}
							</li>
						)
					})}
				</ol>
			</section>
			<section aria-labelledby="indicators-heading">
				<h3 id="indicators-heading">{t('roadmap.kinds.indicator.plural')}</h3>
				<ol className="actions-list">
					{tree.indicators.map((indicator) => {
						const last = latest[indicator.id]
						const errors = errorsFor(indicator.id)
						return (
							<li key={indicator.id} id={`item-${indicator.id}`} className="action-card">
								<p className="action-card__title">{String(indicator.data.statement)}</p>
								<p className="small">
									{t('roadmap.doc.baseline')}: {String(indicator.data.baselineValue ?? '—')} · {t('roadmap.doc.target')}:{' '}
									{String(indicator.data.targetValue ?? '—')} {String(indicator.data.unit ?? '')}
								</p>
								<p>
									{last ? (
										<strong>
											{t('implementation.latest', {
												value: last.value,
												period: last.period,
												date: formatDate(last.dated, language, 'medium'),
											})}
										</strong>
									) : (
										<span className="muted">{t('implementation.noValue')}</span>
									)}
									{last?.source ? <span className="muted small"> — {last.source}</span> : null}
								</p>
								{due[indicator.id] ? (
									<p>
										<span className="report-due">
											{t('indicatorSeries.noReportFor', { period: duePeriodLabel(due[indicator.id]!.period, t, language) })}
										</span>
									</p>
								) : null}
								{series[indicator.id] ? (
									<IndicatorChart series={series[indicator.id]!} statement={String(indicator.data.statement)} id={indicator.id} />
								) : null}
								{abilities.edit ? (
									<Form method="post" className="inline-fields" preventScrollReset>
										<input type="hidden" name="intent" value="report" />
										<input type="hidden" name="itemId" value={indicator.id} />
										{(['period', 'value', 'dated', 'source'] as const).map((name) => (
											<div className="field" key={name}>
												<label htmlFor={`${name}-${indicator.id}`}>{t(`implementation.${name}`)}</label>
												<input
													id={`${name}-${indicator.id}`}
													name={name}
													type={name === 'dated' ? 'date' : 'text'}
													defaultValue={valueFor(
														indicator.id,
														name,
														name === 'dated'
															? today
															: name === 'period' && due[indicator.id]
																? duePeriodCode(due[indicator.id]!.period)
																: '',
													)}
													aria-invalid={errors?.[name] ? true : undefined}
													aria-describedby={errors?.[name] ? `${name}-${indicator.id}-error` : undefined}
												/>
												<ErrorList id={`${name}-${indicator.id}-error`} errors={errors?.[name]} />
											</div>
										))}
										<button type="submit" className="button">
											{t('implementation.report')}
										</button>
									</Form>
								) : null}
							</li>
						)
					})}
				</ol>
			</section>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
