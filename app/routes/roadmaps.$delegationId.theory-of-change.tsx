/** The roadmap's theory of change section (app/features/roadmap/section/: the page every section shares). */
import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { TheoryOfChange } from '#app/features/roadmap/section/theory-of-change.tsx'
import { SectionErrorBoundary, SectionPage, sectionMeta } from '#app/features/roadmap/section/section-page.tsx'
import { loadSection, sectionAction } from '#app/features/roadmap/section/section.server.ts'

const section = 'theory-of-change'

export const meta = sectionMeta

export async function loader({ request, params }: LoaderFunctionArgs) {
	return loadSection(request, { ...params, section })
}

export async function action({ request, params }: ActionFunctionArgs) {
	return sectionAction(request, { ...params, section })
}

export default function TheoryOfChangePage() {
	return <SectionPage View={TheoryOfChange} />
}

export const ErrorBoundary = SectionErrorBoundary
