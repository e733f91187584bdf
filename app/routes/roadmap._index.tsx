import { type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { requireViewer } from '#app/utils/permissions.server.ts'
import { ownDelegationId } from '#app/features/roadmap/roadmap.server.ts'

/** `/roadmap`: the viewer's own delegation's roadmap; people who run cohorts pick one there. */
export async function loader({ request }: LoaderFunctionArgs) {
	const viewer = await requireViewer(request)
	const delegationId = ownDelegationId(viewer)
	if (delegationId) throw redirect(`/roadmaps/${delegationId}`)
	if (viewer.isStaff || viewer.facilitates.length) throw redirect('/cohorts')
	throw new Response('No delegation', { status: 404 })
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
