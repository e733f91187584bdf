import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { errorKind } from '#app/utils/meta.ts'

/** A human message for every error, in the page's language: 403, 404, 400, 413 and the unexpected. */
export function GeneralErrorBoundary() {
	const error = useRouteError()
	const { t } = useTexts()
	const status = isRouteErrorResponse(error) ? error.status : 500
	const kind = errorKind(status)
	if (!isRouteErrorResponse(error)) console.error(error)
	// A form past its size or field limit (413) says so, and what to do.
	const messages = status === 413 ? 'limits.bodyTooLarge' : `errors.${kind}`
	return (
		<div className="page page--narrow error-page">
			<p className="eyebrow">{t('errors.status', { status })}</p>
			<h1>{t(`${messages}.title`)}</h1>
			<p>{t(`${messages}.body`)}</p>
			<p>
				<Link to="/" className="button">
					{t('errors.backHome')}
				</Link>
			</p>
		</div>
	)
}
