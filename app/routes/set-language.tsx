import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, redirect } from '@remix-run/node'
import { SetLanguageSchema } from '#app/features/auth/schemas.ts'
import { db } from '#app/utils/db.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { languageCookie } from '#app/utils/i18n.server.ts'
import { safeRedirect } from '#app/utils/misc.ts'
import { getViewer } from '#app/utils/permissions.server.ts'

export async function loader() {
	return redirect('/')
}

/** The visible switcher: remembers the choice in a cookie and, when signed in, in the account. */
export async function action({ request }: ActionFunctionArgs) {
	const submission = parseWithZod(await readFormData(request), { schema: SetLanguageSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const { lng, redirectTo } = submission.value
	const viewer = await getViewer(request)
	if (viewer) {
		await db.updateTable('users').set({ language: lng }).where('id', '=', viewer.id).execute()
	}
	return redirect(safeRedirect(redirectTo, '/'), {
		headers: { 'Set-Cookie': await languageCookie.serialize(lng) },
	})
}
