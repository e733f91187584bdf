import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { errorKind } from '#app/utils/meta.ts'

/** A human message for every error, in the page's language: 403, 404, 400 and the unexpected. */
export function GeneralErrorBoundary() {
	const error = useRouteError()
	const { t } = useTranslation()
	const status = isRouteErrorResponse(error) ? error.status : 500
	const kind = errorKind(status)
	if (!isRouteErrorResponse(error)) console.error(error)
	return (
		<div className="page page--narrow error-page">
			<p className="eyebrow">{t('errors.status', { status })}</p>
			<h1>{t(`errors.${kind}.title`)}</h1>
			<p>{t(`errors.${kind}.body`)}</p>
			<p>
				<Link to="/" className="button">
					{t('errors.backHome')}
				</Link>
			</p>
		</div>
	)
}
