import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { formatMoney } from '#app/features/roadmap/item-values.tsx'
import { RoadmapHeader } from '#app/features/roadmap/roadmap-header.tsx'
import { Stats } from '#app/components/ui/stats.tsx'
import { useRootData } from '#app/root.tsx'
import { BODY_LIMITS, readFormData } from '#app/utils/form-data.server.ts'
import { formatDateTime, formatPercent } from '#app/utils/format.ts'
import { getT } from '#app/utils/i18n.server.ts'
import { DEFAULT_LANGUAGE, LANGUAGES } from '#app/utils/i18n.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { permissionForIntent, requireRoadmap } from '#app/utils/access.server.ts'
import { SECTIONS } from '#app/features/roadmap/kinds.ts'
import { importRoadmap } from '#app/features/roadmap/transfer.server.ts'
import { exampleStart, workedExampleText } from '#app/features/roadmap/worked-example.server.ts'
import { applyChange } from '#app/features/roadmap/items.server.ts'
import { liveCursor } from '#app/features/roadmap/live.server.ts'
import { LiveProvider, useLastingActionData } from '#app/features/roadmap/live.tsx'
import { budgetTotals, buildTree, completeness, roadmapComments, roadmapItems } from '#app/features/roadmap/roadmap.server.ts'
import { db } from '#app/utils/db.server.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { delegation, roadmap, language, abilities } = await requireRoadmap(request, params.delegationId, 'view')
	const t = await getT(language)
	const items = await roadmapItems(roadmap.id)
	const tree = buildTree(items)
	const gaps = completeness(tree)
	// A peer reading a shared roadmap (no `inspect`) gets the plan only: no comment counts, no live stream.
	const comments = abilities.inspect ? await roadmapComments(roadmap.id) : []
	const start = exampleStart(items, language)
	return {
		title: `${t('roadmap.title')} · ${delegation.cohortName}`,
		delegation,
		roadmap,
		abilities,
		liveAfter: abilities.inspect ? await liveCursor(roadmap.id) : null,
		counts: {
			pillars: tree.pillars.length,
			objectives: tree.objectives.length,
			actions: tree.actions.length,
			indicators: tree.indicators.length,
		},
		totals: budgetTotals(tree),
		gapsBySection: Object.fromEntries(SECTIONS.map((s) => [s, gaps.filter((g) => g.section === s).length])),
		// Open threads: a reply's state is its thread's (on the thread's first comment).
		openComments: Object.fromEntries(
			SECTIONS.map((s) => [s, comments.filter((c) => c.section === s && c.parent_id === null && !c.resolved_at).length]),
		),
		isEmpty: items.every((item) => item.kind === 'pillar' && !items.some((child) => child.parentId === item.id)),
		/** The language the worked example would be imported in, while the roadmap holds only its default pillars. */
		exampleLanguage: start.ok ? start.language : null,
	}
}

const NEXT_STATUS = { draft: 'review', review: 'final' } as const

/** The roadmap version the page showed: a status or sharing change made from an older one is refused. */
const version = z.coerce.number({ error: 'roadmap.errors.staleSettings' }).int().nonnegative()

const OverviewSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('advance'), version }),
	z.object({ intent: z.literal('backToDraft'), version }),
	z.object({ intent: z.literal('reopen'), version }),
	z.object({ intent: z.literal('share'), version, shared: z.enum(['true', 'false']).optional() }),
	z.object({ intent: z.literal('import'), json: z.string().optional(), file: z.instanceof(File).optional() }),
	z.object({ intent: z.literal('startFromExample') }),
])

export async function action({ request, params }: ActionFunctionArgs) {
	// The roadmap can be imported from a JSON file here: the larger named limit.
	const formData = await readFormData(request, BODY_LIMITS.upload)
	const intent = String(formData.get('intent') ?? '')
	const { viewer, roadmap, language } = await requireRoadmap(request, params.delegationId, permissionForIntent('roadmap', intent))
	const submission = parseWithZod(formData, { schema: OverviewSchema })
	const reply = (status: number, error: string, importErrors: string[] | null = null) =>
		data({ result: submission.reply(), error, importErrors }, { status })
	if (submission.status !== 'success') return reply(400, 'roadmap.errors.badKind')
	const back = () => redirect(new URL(request.url).pathname)
	const value = submission.value
	/** A settings change: refused with 409 when the roadmap's status or sharing changed since the page was made. */
	const settle = async (change: Parameters<typeof applyChange>[3]) => {
		const result = await applyChange(db, roadmap.id, viewer.id, change)
		if (!result.ok) return reply(409, result.reason === 'stale' ? 'roadmap.errors.staleSettings' : 'roadmap.errors.badStatus')
		return back()
	}
	// The page showed an older roadmap: its status buttons were for a status the roadmap no longer has.
	const stale = 'version' in value && value.version !== roadmap.version
	switch (value.intent) {
		case 'advance': {
			if (stale) return reply(409, 'roadmap.errors.staleSettings')
			const next = roadmap.status === 'final' ? null : NEXT_STATUS[roadmap.status]
			if (!next) return reply(409, 'roadmap.errors.final')
			return settle({ type: 'status', status: next, version: value.version })
		}
		case 'backToDraft': {
			if (stale) return reply(409, 'roadmap.errors.staleSettings')
			if (roadmap.status !== 'review') return reply(409, 'roadmap.errors.badStatus')
			return settle({ type: 'status', status: 'draft', version: value.version })
		}
		case 'reopen': {
			if (stale) return reply(409, 'roadmap.errors.staleSettings')
			if (roadmap.status !== 'final') return reply(409, 'roadmap.errors.badStatus')
			return settle({ type: 'status', status: 'draft', version: value.version })
		}
		case 'share': {
			return settle({ type: 'sharing', shared: value.shared === 'true', version: value.version })
		}
		case 'import': {
			if (roadmap.status === 'final') return reply(409, 'roadmap.errors.final')
			let text = value.json ?? ''
			if (value.file && value.file.size > 0) {
				if (value.file.size > 2_000_000) return reply(413, 'roadmap.import.tooBig')
				text = await value.file.text()
			}
			if (!text.trim()) return reply(400, 'roadmap.import.empty')
			const result = await importRoadmap(roadmap, viewer.id, text)
			if (!result.ok) return reply(400, 'roadmap.import.failed', result.errors)
			return back()
		}
		case 'startFromExample': {
			// Through the ordinary import, in the roadmap's language: refused once it holds more than its default pillars.
			if (roadmap.status === 'final') return reply(409, 'roadmap.errors.final')
			const start = exampleStart(await roadmapItems(roadmap.id), language)
			if (!start.ok) return reply(409, 'workedExample.start.notEmpty')
			const result = await importRoadmap(roadmap, viewer.id, workedExampleText(start.language))
			if (!result.ok && result.errors.includes('roadmap.import.notEmpty')) return reply(409, 'workedExample.start.notEmpty')
			if (!result.ok) throw new Error(`The worked example (${start.language}) did not import: ${result.errors.join(', ')}`)
			return back()
		}
	}
}

export default function RoadmapOverview() {
	const { delegation, roadmap, abilities, counts, totals, gapsBySection, openComments, isEmpty, exampleLanguage, liveAfter } =
		useLoaderData<typeof loader>()
	const actionData = useLastingActionData<typeof action>()
	const { t } = useTexts()
	const language = useRootData()?.language ?? DEFAULT_LANGUAGE
	const base = `/roadmaps/${delegation.id}`
	const otherLanguage = LANGUAGES.find((other) => other !== language) ?? DEFAULT_LANGUAGE
	return (
		<LiveProvider delegationId={delegation.id} after={liveAfter}>
			<div className="page page--wide roadmap">
				<RoadmapHeader delegation={delegation} roadmap={roadmap} />
				{abilities.inspect ? null : <p className="alert">{t('sharedRoadmap.peerNote')}</p>}
				{actionData?.error ? (
					<div className="alert alert--error" role="alert">
						<p>{t(actionData.error)}</p>
						{actionData.importErrors?.length ? (
							<ul>
								{actionData.importErrors.map((e) => {
									const [key, where] = e.split('|')
									return (
										<li key={e}>
											{t(key!)}
											{where ? <code> {where}</code> : null}
										</li>
									)
								})}
							</ul>
						) : null}
					</div>
				) : null}
				<Stats
					items={[
						{ label: t('roadmap.kinds.pillar.plural'), value: counts.pillars },
						{ label: t('roadmap.kinds.objective.plural'), value: counts.objectives },
						{ label: t('roadmap.kinds.action.plural'), value: counts.actions },
						{ label: t('roadmap.kinds.indicator.plural'), value: counts.indicators },
						{ label: t('roadmap.budget.fundedShare'), value: formatPercent(totals.fundedShare, language) },
					]}
				/>
				<p>
					{t('roadmap.budget.summary', {
						total: formatMoney(totals.total, roadmap.currency, language),
						funded: formatMoney(totals.funded, roadmap.currency, language),
						share: formatPercent(totals.fundedShare, language),
					})}
				</p>

				<section aria-labelledby="sections-heading">
					<h2 id="sections-heading">{t('roadmap.completeness')}</h2>
					<ol className="card-list">
						{SECTIONS.map((section) => (
							<li key={section} className="card">
								<h3>
									<Link to={`${base}/${section}`}>{t(`roadmap.sections.${section}.title`)}</Link>
								</h3>
								<p className="small">{t(`roadmap.sections.${section}.question`)}</p>
								<p>
									{gapsBySection[section]
										? `⚠ ${t('roadmap.gapsCount', { count: gapsBySection[section] })}`
										: `✓ ${t('roadmap.sectionComplete')}`}
									{openComments[section] ? ` · 💬 ${t('roadmap.comments.open', { count: openComments[section] })}` : ''}
								</p>
							</li>
						))}
					</ol>
				</section>

				<section className="panel" aria-labelledby="status-heading">
					<h2 id="status-heading">{t('roadmap.statusTitle')}</h2>
					<p>
						{t('roadmap.statusNow', { status: t(`roadmap.status.${roadmap.status}`) })} {t(`roadmap.statusHelp.${roadmap.status}`)}
					</p>
					<div className="actions">
						{abilities.edit && roadmap.status !== 'final' ? (
							<Form method="post" className="inline-form">
								<input type="hidden" name="intent" value="advance" />
								<input type="hidden" name="version" value={roadmap.version} />
								<button type="submit" className="button button--primary">
									{roadmap.status === 'draft' ? t('roadmap.toReview') : t('roadmap.toFinal')}
								</button>
							</Form>
						) : null}{' '}
						{abilities.edit && roadmap.status === 'review' ? (
							<Form method="post" className="inline-form">
								<input type="hidden" name="intent" value="backToDraft" />
								<input type="hidden" name="version" value={roadmap.version} />
								<button type="submit" className="button">
									{t('roadmap.backToDraft')}
								</button>
							</Form>
						) : null}
						{abilities.reopen && roadmap.status === 'final' ? (
							<Form method="post" className="inline-form">
								<input type="hidden" name="intent" value="reopen" />
								<input type="hidden" name="version" value={roadmap.version} />
								<button type="submit" className="button">
									{t('roadmap.reopen')}
								</button>
							</Form>
						) : null}
					</div>
					{abilities.manage ? (
						<Form method="post" className="stack">
							<input type="hidden" name="intent" value="share" />
							<input type="hidden" name="version" value={roadmap.version} />
							<input type="hidden" name="shared" value={roadmap.shared_with_cohort ? 'false' : 'true'} />
							<p>{roadmap.shared_with_cohort ? t('roadmap.sharing.on') : t('roadmap.sharing.off')}</p>
							<button type="submit" className="button">
								{roadmap.shared_with_cohort ? t('roadmap.sharing.stop') : t('roadmap.sharing.start')}
							</button>
						</Form>
					) : (
						<p className="muted small">{roadmap.shared_with_cohort ? t('roadmap.sharing.on') : t('roadmap.sharing.off')}</p>
					)}
				</section>

				<section className="panel" aria-labelledby="output-heading">
					<h2 id="output-heading">{t('roadmap.output')}</h2>
					<p className="actions">
						<Link className="button" to={`${base}/print`}>
							{t('roadmap.print')}
						</Link>{' '}
						<a className="button" href={`${base}/draft.docx`} download>
							{t('draft.download')}
						</a>{' '}
						<a className="button" href={`${base}/draft.docx?lng=${otherLanguage}`} hrefLang={otherLanguage} download>
							{t(`draft.downloadIn.${otherLanguage}`)}
						</a>{' '}
						<a className="button" href={`${base}/roadmap.json`} download>
							{t('roadmap.exportJson')}
						</a>{' '}
						<a className="button" href={`${base}/actions.csv`} download>
							{t('roadmap.exportActions')}
						</a>{' '}
						<a className="button" href={`${base}/indicators.csv`} download>
							{t('roadmap.exportIndicators')}
						</a>{' '}
						{abilities.inspect ? (
							<>
								<Link className="button" to={`${base}/history`}>
									{t('roadmap.history.title')}
								</Link>{' '}
								<Link className="button" to={`${base}/snapshots`}>
									{t('snapshots.link')}
								</Link>{' '}
							</>
						) : null}
						<Link className="button" to={`/cohorts/${delegation.cohort_id}/roadmaps`}>
							{t('roadmap.peers.title')}
						</Link>
					</p>
					<p className="muted small">{t('draft.downloadHelp')}</p>
					<p className="muted small">{t('roadmap.updated', { date: formatDateTime(roadmap.updated_at, language) })}</p>
				</section>

				<section className="panel" aria-labelledby="example-heading">
					<h2 id="example-heading">{t('workedExample.start.title')}</h2>
					<p>
						<Link to="/roadmap/example">{t('workedExample.link')}</Link> <span className="muted small">{t('workedExample.linkHelp')}</span>
					</p>
					{abilities.edit && exampleLanguage && roadmap.status !== 'final' ? (
						<Form method="post" className="stack">
							<input type="hidden" name="intent" value="startFromExample" />
							<p>{t(`workedExample.start.help.${exampleLanguage}`)}</p>
							<button type="submit" className="button">
								{t('workedExample.start.submit')}
							</button>
						</Form>
					) : null}
				</section>

				{abilities.edit && isEmpty && roadmap.status !== 'final' ? (
					<section className="panel" aria-labelledby="import-heading">
						<h2 id="import-heading">{t('roadmap.import.title')}</h2>
						<p>{t('roadmap.import.help')}</p>
						<Form method="post" encType="multipart/form-data" className="stack">
							<input type="hidden" name="intent" value="import" />
							<div className="field">
								<label htmlFor="import-file">{t('roadmap.import.file')}</label>
								<input id="import-file" name="file" type="file" accept=".json,application/json" />
							</div>
							<div className="field">
								<label htmlFor="import-json">{t('roadmap.import.paste')}</label>
								<textarea id="import-json" name="json" rows={4} />
							</div>
							<button type="submit" className="button">
								{t('roadmap.import.submit')}
							</button>
						</Form>
					</section>
				) : null}
			</div>
		</LiveProvider>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
