import { type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { invariantResponse, requireViewer } from '#app/utils/permissions.server.ts'
import { ownDelegationId } from '#app/features/roadmap/roadmap.server.ts'
import { SECTIONS } from '#app/features/roadmap/kinds.ts'

/** `/roadmap/<section>` (the lessons link here): that section of the viewer's own roadmap. */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const section = SECTIONS.find((s) => s === params.section)
	invariantResponse(section)
	const viewer = await requireViewer(request)
	const delegationId = ownDelegationId(viewer)
	if (delegationId) throw redirect(`/roadmaps/${delegationId}/${section}`)
	if (viewer.isStaff || viewer.facilitates.length) throw redirect('/cohorts')
	throw new Response('No delegation', { status: 404 })
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
