import { type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { MailStatusBadge, MailText } from '#app/features/mail/mail-status.tsx'
import { parseAttachments, seesDeliveryError } from '#app/features/mail/outbox.server.ts'
import { requireMailMessage } from '#app/utils/access.server.ts'
import { env } from '#app/utils/env.server.ts'
import { formatDateTime } from '#app/utils/format.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

/**
 * One message, as its recipient got it. The page shows the plain-text version, with its web
 * addresses as links, rather than the HTML: the text says everything the HTML does (the
 * templates render both from the same data), and showing text means no markup from a message —
 * whatever a name or a comment in it contained — is ever interpreted on the Academy's own pages.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, message } = await requireMailMessage(request, params.messageId)
	const t = await getT(await getLanguage(request, viewer.language))
	return {
		title: `${message.subject} · ${t('mail.title')} · ${t('app.name')}`,
		message: {
			subject: message.subject,
			from: env.MAIL_FROM,
			to: message.to_address,
			language: message.language,
			status: message.status,
			createdAt: message.created_at,
			sentAt: message.sent_at,
			attempts: message.attempts,
			nextAttemptAt: message.status === 'queued' && message.attempts > 0 ? message.next_attempt_at : null,
			error: seesDeliveryError(viewer, message) ? message.last_error : null,
			text: message.text,
			attachments: parseAttachments(message.attachments).map((file) => ({ filename: file.filename, size: file.content.length })),
		},
	}
}

export default function MailMessagePage() {
	const { message } = useLoaderData<typeof loader>()
	const { t } = useTexts()
	const language = useLanguage()
	return (
		<div className="page page--narrow">
			<p>
				<Link to="/mail">{t('mail.message.back')}</Link>
			</p>
			<h1 lang={message.language}>{message.subject}</h1>
			<dl className="facts">
				<dt>{t('mail.message.from')}</dt>
				<dd>{message.from}</dd>
				<dt>{t('mail.to')}</dt>
				<dd>{message.to}</dd>
				<dt>{t('mail.message.created')}</dt>
				<dd>{formatDateTime(message.createdAt, language)}</dd>
				{message.sentAt ? (
					<>
						<dt>{t('mail.message.sent')}</dt>
						<dd>{formatDateTime(message.sentAt, language)}</dd>
					</>
				) : null}
				<dt>{t('mail.statusLabel')}</dt>
				<dd>
					<MailStatusBadge status={message.status} />
					{message.attempts ? <> · {t('mail.message.attempts', { count: message.attempts })}</> : null}
				</dd>
			</dl>
			{message.status === 'failed' ? (
				<div className="alert alert--error" role="alert">
					<p>{t('mail.message.notDelivered')}</p>
					{message.error ? (
						<p>
							{t('mail.message.error')}: <code>{message.error}</code>
						</p>
					) : null}
				</div>
			) : null}
			{message.nextAttemptAt ? (
				<p className="muted">
					{t('mail.message.nextAttempt', { time: formatDateTime(message.nextAttemptAt, language) })}
					{message.error ? (
						<>
							{' '}
							· <code>{message.error}</code>
						</>
					) : null}
				</p>
			) : null}
			<section className="panel" aria-labelledby="mail-text-heading">
				<h2 id="mail-text-heading">{t('mail.message.textVersion')}</h2>
				<p className="muted">{t('mail.message.textNote')}</p>
				<div lang={message.language}>
					<MailText text={message.text} />
				</div>
				{message.attachments.length ? (
					<ul>
						{message.attachments.map((file) => (
							<li key={file.filename}>{file.filename}</li>
						))}
					</ul>
				) : null}
			</section>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
