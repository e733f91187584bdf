import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, redirect } from '@remix-run/node'
import { isRouteErrorResponse, Link, type MetaFunction, useRouteError } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { SetLanguageSchema } from '#app/features/auth/schemas.ts'
import { db } from '#app/utils/db.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { languageCookie } from '#app/utils/i18n.server.ts'
import { errorTitle } from '#app/utils/meta.ts'
import { safeRedirect } from '#app/utils/misc.ts'
import { getViewer } from '#app/utils/permissions.server.ts'

/** The page exists only as a refusal: it has the title of a bad request ("Request not understood · NAP Academy"). */
export const meta: MetaFunction = ({ matches }) => [
	{ title: errorTitle({ status: 400, statusText: 'Bad Request', internal: false, data: null }, matches) },
]

export async function loader() {
	return redirect('/')
}

/**
 * The visible switcher: remembers the choice in a cookie and, when signed in, in the account. A
 * language the Academy does not have is a 400 with a page that says so (nothing is changed).
 */
export async function action({ request }: ActionFunctionArgs) {
	const submission = parseWithZod(await readFormData(request), { schema: SetLanguageSchema })
	// Thrown, so that the page's error boundary answers (a returned 400 would let the loader's redirect win).
	if (submission.status !== 'success') throw data({ result: submission.reply() }, { status: 400 })
	const { lng, redirectTo } = submission.value
	const viewer = await getViewer(request)
	if (viewer) {
		await db.updateTable('users').set({ language: lng }).where('id', '=', viewer.id).execute()
	}
	return redirect(safeRedirect(redirectTo, '/'), {
		headers: { 'Set-Cookie': await languageCookie.serialize(lng) },
	})
}

/** A page of its own only to say that a choice was refused (a GET goes home, a choice goes back). */
export default function SetLanguage() {
	return <LanguageRefused />
}

function LanguageRefused() {
	const { t } = useTexts()
	return (
		<div className="page page--narrow error-page">
			<p className="eyebrow">{t('errors.status', { status: 400 })}</p>
			<h1>{t('security.languageUnknown.title')}</h1>
			<p role="alert">{t('forms.languageInvalid')}</p>
			<p>
				<Link to="/" className="button">
					{t('errors.backHome')}
				</Link>
			</p>
		</div>
	)
}

export function ErrorBoundary() {
	const error = useRouteError()
	return isRouteErrorResponse(error) && error.status === 400 ? <LanguageRefused /> : <GeneralErrorBoundary />
}
