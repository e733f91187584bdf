import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs } from '@remix-run/node'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { readFormData } from '#app/utils/form-data.server.ts'
import { EmptyFormSchema } from '#app/utils/schemas.ts'

export async function loader() {
	throw new Response('Not found', { status: 404 })
}

/** A form posted to a page that does not exist: read like any other form, then not found. */
export async function action({ request }: ActionFunctionArgs) {
	parseWithZod(await readFormData(request), { schema: EmptyFormSchema })
	throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
	return null
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
