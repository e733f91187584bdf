/** The roadmap's gender budgeting section (app/features/roadmap/section/: the page every section shares). */
import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { GenderBudgeting } from '#app/features/roadmap/section/gender-budgeting.tsx'
import { SectionErrorBoundary, SectionPage, sectionMeta } from '#app/features/roadmap/section/section-page.tsx'
import { loadSection, sectionAction } from '#app/features/roadmap/section/section.server.ts'

const section = 'gender-budgeting'

export const meta = sectionMeta

export async function loader({ request, params }: LoaderFunctionArgs) {
	return loadSection(request, { ...params, section })
}

export async function action({ request, params }: ActionFunctionArgs) {
	return sectionAction(request, { ...params, section })
}

export default function GenderBudgetingPage() {
	return <SectionPage View={GenderBudgeting} />
}

export const ErrorBoundary = SectionErrorBoundary
