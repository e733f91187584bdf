import { type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { ErrorList } from '#app/components/ui/forms.tsx'
import { TableWrap } from '#app/components/ui/table-wrap.tsx'
import { MAIL_STATUSES } from '#app/features/mail/mail.ts'
import { MailStatusBadge } from '#app/features/mail/mail-status.tsx'
import { listMail, mailIsKept, seesDeliveryError } from '#app/features/mail/outbox.server.ts'
import { MailFilterSchema } from '#app/features/mail/schemas.ts'
import { requireSentMail } from '#app/utils/access.server.ts'
import { formatDateTime } from '#app/utils/format.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

/** Sent mail: staff see every message (filtered by address and status); everyone else their own. */
export async function loader({ request }: LoaderFunctionArgs) {
	const { viewer, abilities } = await requireSentMail(request)
	const t = await getT(await getLanguage(request, viewer.language))
	const url = new URL(request.url)
	const parsed = MailFilterSchema.safeParse({
		address: url.searchParams.get('address') || undefined,
		status: url.searchParams.get('status') || undefined,
	})
	const filter = parsed.success ? parsed.data : {}
	const errors = parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((issue) => [String(issue.path[0]), issue.message]))
	const messages = await listMail(viewer, abilities.manage ? filter : { status: filter.status })
	return {
		title: `${t('mail.title')} · ${t('app.name')}`,
		allMail: abilities.manage,
		kept: mailIsKept(),
		filter,
		errors,
		messages: messages.map((message) => ({
			id: message.id,
			to: message.to_address,
			subject: message.subject,
			status: message.status,
			createdAt: message.created_at,
			error: message.status === 'failed' && seesDeliveryError(viewer, message) ? message.last_error : null,
		})),
	}
}

export default function SentMail() {
	const { allMail, kept, filter, errors, messages } = useLoaderData<typeof loader>()
	const { t } = useTexts()
	const language = useLanguage()
	const filtered = Boolean(filter.address || filter.status)
	return (
		<div className="page page--wide">
			<h1>{t('mail.title')}</h1>
			<p className="lead">{allMail ? t('mail.introStaff') : t('mail.introOwn')}</p>
			{kept ? (
				<p className="alert" role="note">
					{t('mail.keptNotice')}
				</p>
			) : null}
			<Form method="get" className="filters" aria-label={t('mail.filter')}>
				{allMail ? (
					<div className="field">
						<label htmlFor="mail-address">{t('mail.filterAddress')}</label>
						<input
							id="mail-address"
							name="address"
							type="search"
							maxLength={200}
							defaultValue={filter.address ?? ''}
							aria-invalid={errors.address ? true : undefined}
							aria-describedby={errors.address ? 'mail-address-error' : undefined}
						/>
						<ErrorList id="mail-address-error" errors={errors.address ? [errors.address] : undefined} />
					</div>
				) : null}
				<div className="field">
					<label htmlFor="mail-status">{t('mail.filterStatus')}</label>
					<select id="mail-status" name="status" defaultValue={filter.status ?? ''}>
						<option value="">{t('mail.anyStatus')}</option>
						{MAIL_STATUSES.filter((status) => status !== 'sending').map((status) => (
							<option key={status} value={status}>
								{t(`mail.status.${status}`)}
							</option>
						))}
					</select>
					<ErrorList errors={errors.status ? [errors.status] : undefined} />
				</div>
				<button type="submit" className="button">
					{t('mail.apply')}
				</button>
			</Form>
			{messages.length ? (
				<TableWrap label={t('mail.title')}>
					<table>
						<thead>
							<tr>
								<th scope="col">{t('mail.date')}</th>
								<th scope="col">{t('mail.subject')}</th>
								<th scope="col">{t('mail.to')}</th>
								<th scope="col">{t('mail.statusLabel')}</th>
							</tr>
						</thead>
						<tbody>
							{messages.map((message) => (
								<tr key={message.id}>
									<td>{formatDateTime(message.createdAt, language)}</td>
									<td>
										<Link to={`/mail/${message.id}`}>{message.subject}</Link>
									</td>
									<td>{message.to}</td>
									<td>
										<MailStatusBadge status={message.status} />
										{message.error ? <p className="muted mail-error">{message.error}</p> : null}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</TableWrap>
			) : (
				<p role="status">{filtered ? t('mail.emptyFiltered') : t('mail.empty')}</p>
			)}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
