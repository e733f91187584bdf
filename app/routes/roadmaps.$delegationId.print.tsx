import { type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { RoadmapDocument } from '#app/features/roadmap/roadmap-document.tsx'
import { useRootData } from '#app/root.tsx'
import { countryName, formatDate } from '#app/utils/format.ts'
import { getT } from '#app/utils/i18n.server.ts'
import { DEFAULT_LANGUAGE } from '#app/utils/i18n.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { requireRoadmap } from '#app/utils/access.server.ts'
import { loadTree } from '#app/features/roadmap/transfer.server.ts'
import { budgetTotals } from '#app/features/roadmap/roadmap.server.ts'
import { delegationMembers } from '#app/features/cohorts/delegations.server.ts'
import { PrintButton } from '#app/features/roadmap/print-button.tsx'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { delegation, roadmap, language } = await requireRoadmap(request, params.delegationId, 'view')
	const t = await getT(language)
	const [tree, members] = await Promise.all([loadTree(roadmap.id), delegationMembers(delegation.id)])
	return {
		title: `${t('roadmap.of', { country: countryName(delegation.country_code, language) })} · ${delegation.cohortName}`,
		delegation,
		roadmap,
		tree,
		totals: budgetTotals(tree),
		// Who the delegation is, for the cover: names and institutions only (no e-mail addresses on paper).
		members: members.map((m) => ({
			id: m.id,
			name: m.name,
			organisation: m.organisation,
			position: m.position,
			sector: m.sector,
			isLead: m.isLead,
		})),
		printedAt: new Date().toISOString(),
	}
}

/** A clean document for the browser's print to PDF: cover, the six sections, tables. */
export default function PrintRoadmap() {
	const { delegation, roadmap, tree, totals, printedAt, members } = useLoaderData<typeof loader>()
	const { t } = useTexts()
	const language = useRootData()?.language ?? DEFAULT_LANGUAGE
	return (
		<article className="print-page">
			<div className="no-print print-toolbar">
				<p>
					<Link to={`/roadmaps/${delegation.id}`}>← {t('roadmap.overview')}</Link> · {t('roadmap.printHint')}
				</p>
				<p>
					<a href={`/roadmaps/${delegation.id}/draft.docx`} download>
						{t('draft.download')}
					</a>
				</p>
				<PrintButton />
			</div>
			<header className="cover">
				<p className="eyebrow">{t('app.name')}</p>
				<h1>{t('roadmap.of', { country: countryName(delegation.country_code, language) })}</h1>
				<p className="lead">{t('roadmap.doc.subtitle')}</p>
				<dl className="facts">
					<div>
						<dt>{t('cohorts.cohort')}</dt>
						<dd>{delegation.cohortName}</dd>
					</div>
					<div>
						<dt>{t('roadmap.statusTitle')}</dt>
						<dd>{t(`roadmap.status.${roadmap.status}`)}</dd>
					</div>
					<div>
						<dt>{t('roadmap.doc.date')}</dt>
						<dd>{formatDate(printedAt, language)}</dd>
					</div>
					<div>
						<dt>{t('roadmap.budget.currency')}</dt>
						<dd>{roadmap.currency}</dd>
					</div>
				</dl>
				<h2>{t('roadmap.doc.members')}</h2>
				{members.length ? (
					<ul className="cover-members">
						{members.map((m) => (
							<li key={m.id}>
								<strong>{m.name}</strong>
								{m.isLead ? ` (${t('roadmap.doc.lead')})` : ''} — {[m.organisation, m.position].filter(Boolean).join(', ') || '—'} ·{' '}
								{t(`sectors.${m.sector}`)}
							</li>
						))}
					</ul>
				) : (
					<p className="muted">{t('roadmap.doc.noMembers')}</p>
				)}
			</header>
			<RoadmapDocument tree={tree} totals={totals} currency={roadmap.currency} language={language} />
		</article>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
