import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { MatrixFilters, MatrixTable } from '#app/features/roadmap/matrix-table.tsx'
import { loadMatrix, matrixAction } from '#app/features/roadmap/matrix.server.ts'
import { RoadmapHeader } from '#app/features/roadmap/roadmap-header.tsx'
import { useRootData } from '#app/root.tsx'
import { DEFAULT_LANGUAGE } from '#app/utils/i18n.ts'
import { pageMeta } from '#app/utils/meta.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request, params }: LoaderFunctionArgs) {
	return loadMatrix(request, params)
}

export async function action({ request, params }: ActionFunctionArgs) {
	return matrixAction(request, params)
}

export default function ResultsMatrix() {
	const data = useLoaderData<typeof loader>()
	const { t } = useTexts()
	const language = useRootData()?.language ?? DEFAULT_LANGUAGE
	const base = `/roadmaps/${data.delegation.id}/matrix`
	return (
		<div className="page page--wide roadmap">
			<RoadmapHeader delegation={data.delegation} roadmap={data.roadmap} section="matrix" />
			<h2 className="section-title">{t('roadmap.matrix.title')}</h2>
			<p className="lead">{t('roadmap.matrix.intro')}</p>
			{data.roadmap.status === 'final' ? <p className="alert">{t('roadmap.finalNote')}</p> : null}
			<MatrixFilters query={data.query} choices={data.choices} base={base} />
			<MatrixTable
				rows={data.rows}
				count={data.count}
				totals={data.totals}
				query={data.query}
				delegationId={data.delegation.id}
				currency={data.roadmap.currency}
				language={language}
				editable={data.editable}
			/>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
