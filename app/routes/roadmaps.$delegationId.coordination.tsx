/** The roadmap's coordination section (app/features/roadmap/section/: the page every section shares). */
import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Coordination } from '#app/features/roadmap/section/coordination.tsx'
import { SectionErrorBoundary, SectionPage, sectionMeta } from '#app/features/roadmap/section/section-page.tsx'
import { loadSection, sectionAction } from '#app/features/roadmap/section/section.server.ts'

const section = 'coordination'

export const meta = sectionMeta

export async function loader({ request, params }: LoaderFunctionArgs) {
	return loadSection(request, { ...params, section })
}

export async function action({ request, params }: ActionFunctionArgs) {
	return sectionAction(request, { ...params, section })
}

export default function CoordinationPage() {
	return <SectionPage View={Coordination} />
}

export const ErrorBoundary = SectionErrorBoundary
