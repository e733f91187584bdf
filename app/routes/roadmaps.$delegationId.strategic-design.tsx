/** The roadmap's strategic design section (app/features/roadmap/section/: the page every section shares). */
import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { StrategicDesign } from '#app/features/roadmap/section/strategic-design.tsx'
import { SectionErrorBoundary, SectionPage, sectionMeta } from '#app/features/roadmap/section/section-page.tsx'
import { loadSection, sectionAction } from '#app/features/roadmap/section/section.server.ts'

const section = 'strategic-design'

export const meta = sectionMeta

export async function loader({ request, params }: LoaderFunctionArgs) {
	return loadSection(request, { ...params, section })
}

export async function action({ request, params }: ActionFunctionArgs) {
	return sectionAction(request, { ...params, section })
}

export default function StrategicDesignPage() {
	return <SectionPage View={StrategicDesign} />
}

export const ErrorBoundary = SectionErrorBoundary
