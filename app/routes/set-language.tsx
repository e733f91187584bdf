import { type ActionFunctionArgs, data, redirect } from '@remix-run/node'
import { z } from 'zod'
import { db } from '#app/utils/db.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { languageCookie } from '#app/utils/i18n.server.ts'
import { LANGUAGES } from '#app/utils/i18n.ts'
import { safeRedirect } from '#app/utils/misc.ts'
import { getViewer } from '#app/utils/permissions.server.ts'

const LanguageSchema = z.object({
	lng: z.enum(LANGUAGES),
	redirectTo: z.string().optional(),
})

export async function loader() {
	return redirect('/')
}

/** The visible switcher: remembers the choice in a cookie and, when signed in, in the account. */
export async function action({ request }: ActionFunctionArgs) {
	const parsed = LanguageSchema.safeParse(Object.fromEntries(await readFormData(request)))
	if (!parsed.success) {
		return data({ error: 'Unknown language' }, { status: 400 })
	}
	const viewer = await getViewer(request)
	if (viewer) {
		await db.updateTable('users').set({ language: parsed.data.lng }).where('id', '=', viewer.id).execute()
	}
	return redirect(safeRedirect(parsed.data.redirectTo, '/'), {
		headers: { 'Set-Cookie': await languageCookie.serialize(parsed.data.lng) },
	})
}
