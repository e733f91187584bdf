import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { destroySession } from '#app/features/auth/auth.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { EmptyFormSchema } from '#app/utils/schemas.ts'

export async function loader() {
	return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
	// The sign-out button's form has no fields; whatever else is posted is ignored.
	parseWithZod(await readFormData(request), { schema: EmptyFormSchema })
	return redirect('/', { headers: { 'Set-Cookie': await destroySession(request) } })
}
