import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'

export async function loader() {
	throw new Response('Not found', { status: 404 })
}

export async function action() {
	throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
	return null
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
