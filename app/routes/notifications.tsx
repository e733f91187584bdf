import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { listNotifications, markAllRead, openNotification, unreadCount } from '#app/features/notifications/notify.server.ts'
import { NotificationActionSchema } from '#app/features/notifications/schemas.ts'
import { requireAccount } from '#app/utils/access.server.ts'
import { formatDateTime } from '#app/utils/format.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

/** The viewer's own notifications, newest first, worded in their language; `?before=` pages back. */
export async function loader({ request }: LoaderFunctionArgs) {
	const { viewer } = await requireAccount(request)
	const language = await getLanguage(request, viewer.language)
	const t = await getT(language)
	const before = new URL(request.url).searchParams.get('before')
	const validBefore = before && !Number.isNaN(Date.parse(before)) ? before : undefined
	const [page, unread] = await Promise.all([listNotifications(viewer.id, language, { before: validBefore }), unreadCount(viewer.id)])
	return { title: `${t('notifications.title')} · ${t('app.name')}`, ...page, unread, paged: Boolean(validBefore) }
}

export async function action({ request }: ActionFunctionArgs) {
	const { viewer } = await requireAccount(request)
	const submission = parseWithZod(await readFormData(request), { schema: NotificationActionSchema })
	if (submission.status !== 'success') {
		return data({ result: submission.reply({ formErrors: ['notifications.notFound'] }), marked: null }, { status: 400 })
	}
	if (submission.value.intent === 'markAllRead') {
		return data({ result: submission.reply(), marked: await markAllRead(viewer.id) })
	}
	const path = await openNotification(viewer.id, submission.value.id)
	if (!path) return data({ result: submission.reply({ formErrors: ['notifications.notFound'] }), marked: null }, { status: 404 })
	return redirect(path)
}

export default function Notifications() {
	const { items, olderThan, unread, paged } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTexts()
	const language = useLanguage()
	const formError = actionData?.result.error?.['']?.[0]
	return (
		<div className="page page--narrow">
			<h1>{t('notifications.title')}</h1>
			<p className="lead">{t('notifications.intro')}</p>
			<p>
				<Link to="/settings#notifications">{t('notifications.settingsLink')}</Link>
			</p>
			{formError ? (
				<p role="alert" className="alert alert--error">
					{t(formError)}
				</p>
			) : null}
			{actionData?.marked !== null && actionData?.marked !== undefined ? (
				<p role="status" className="alert alert--success">
					{t('notifications.markedRead', { count: actionData.marked })}
				</p>
			) : null}
			{unread > 0 ? (
				<Form method="post" className="form-actions">
					<p className="muted">{t('notifications.unread', { count: unread })}</p>
					<button type="submit" name="intent" value="markAllRead" className="button">
						{t('notifications.markAllRead')}
					</button>
				</Form>
			) : null}
			{items.length ? (
				<ol className="notification-list">
					{items.map((item) => (
						<li key={item.id} className={item.read ? 'notification' : 'notification notification--unread'}>
							<Form method="post">
								<input type="hidden" name="id" value={item.id} />
								<p className="notification__title">
									{item.read ? null : <span className="badge badge--new">{t('notifications.new')}</span>}{' '}
									<button type="submit" name="intent" value="open" className="link-button">
										{item.title}
									</button>
								</p>
								{item.lines.length ? (
									<ul className="notification__lines plain-list">
										{item.lines.map((line, index) => (
											<li key={index}>{line}</li>
										))}
									</ul>
								) : null}
								<p className="muted small">
									<time dateTime={item.createdAt}>{formatDateTime(item.createdAt, language)}</time>
								</p>
							</Form>
						</li>
					))}
				</ol>
			) : (
				<p>{t('notifications.empty')}</p>
			)}
			{olderThan || paged ? (
				<nav className="pagination" aria-label={t('notifications.older')}>
					{paged ? <Link to="/notifications">{t('notifications.newest')}</Link> : null}{' '}
					{olderThan ? <Link to={`/notifications?before=${encodeURIComponent(olderThan)}`}>{t('notifications.older')}</Link> : null}
				</nav>
			) : null}
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
