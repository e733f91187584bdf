import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { destroySession } from '#app/features/auth/auth.server.ts'

export async function loader() {
	return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
	return redirect('/', { headers: { 'Set-Cookie': await destroySession(request) } })
}
