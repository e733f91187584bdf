/** The roadmap's localization section (app/features/roadmap/section/: the page every section shares). */
import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Localization } from '#app/features/roadmap/section/localization.tsx'
import { SectionErrorBoundary, SectionPage, sectionMeta } from '#app/features/roadmap/section/section-page.tsx'
import { loadSection, sectionAction } from '#app/features/roadmap/section/section.server.ts'

const section = 'localization'

export const meta = sectionMeta

export async function loader({ request, params }: LoaderFunctionArgs) {
	return loadSection(request, { ...params, section })
}

export async function action({ request, params }: ActionFunctionArgs) {
	return sectionAction(request, { ...params, section })
}

export default function LocalizationPage() {
	return <SectionPage View={Localization} />
}

export const ErrorBoundary = SectionErrorBoundary
