import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { AssistanceStatusBadge } from '#app/features/assistance/assistance-status.tsx'
import { mailOrigin } from '#app/features/mail/outbox.server.ts'
import { addEvent, assignableUsers, assignRequest, changeStatus, requestEvents } from '#app/features/assistance/assistance.server.ts'
import { ASSISTANCE_TRANSITIONS } from '#app/features/assistance/assistance.ts'
import { RequestActionSchema } from '#app/features/assistance/schemas.ts'
import { permissionForIntent, requireAssistanceRequest } from '#app/utils/access.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { countryName, formatDate } from '#app/utils/format.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { useLanguage } from '#app/utils/use-language.ts'
import { MessageForms } from './message-forms.tsx'
import { Timeline } from './timeline.tsx'
import { TriageForms } from './triage-forms.tsx'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, assistance, abilities, intents } = await requireAssistanceRequest(request, params.requestId, 'view')
	const language = await getLanguage(request, viewer.language)
	const t = await getT(language)
	return {
		title: `${t('assistance.request')} · ${countryName(assistance.country_code, language)}`,
		ta: assistance,
		// Internal notes are not even loaded for the delegation.
		events: await requestEvents(assistance.id, abilities.comment),
		abilities: { message: intents.message, note: intents.note, manage: intents.assign && intents.status },
		transitions: ASSISTANCE_TRANSITIONS[assistance.status],
		assignees: intents.assign ? await assignableUsers(assistance.cohort_id) : [],
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readFormData(request)
	const intent = formData.get('intent')
	const { viewer, assistance } = await requireAssistanceRequest(request, params.requestId, permissionForIntent('assistance', intent))
	const submission = parseWithZod(formData, { schema: RequestActionSchema })
	if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
	const input = submission.value
	switch (input.intent) {
		case 'message':
		case 'note':
			await addEvent(assistance.id, viewer, { kind: input.intent, body: input.body }, mailOrigin(request))
			break
		case 'status': {
			const result = await changeStatus(assistance.id, viewer, input, mailOrigin(request), { request, actor: viewer })
			if (!result.ok) {
				const field = { transition: 'to', scheduleDate: 'scheduledFor', declineReason: 'reason' }[result.error]
				const reply = submission.reply({ fieldErrors: { [field]: [`assistance.errors.${result.error}`] } })
				return data({ intent, result: reply }, { status: result.error === 'transition' ? 409 : 400 })
			}
			break
		}
		case 'assign':
			if (!(await assignRequest(assistance.id, viewer, input.assigneeId ?? null, mailOrigin(request), { request, actor: viewer }))) {
				return data({ intent, result: submission.reply({ fieldErrors: { assigneeId: ['assistance.errors.assignee'] } }) }, { status: 400 })
			}
			break
	}
	const url = new URL(request.url)
	return redirect(`${url.pathname}${url.search}`)
}

export default function AssistanceRequest() {
	const { ta, events, abilities, transitions, assignees } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTexts()
	const language = useLanguage()
	/** The field errors of the form that was just posted, by field name. */
	const errorsOf = (intent: string) => (actionData?.intent === intent ? (actionData.result.error ?? undefined) : undefined)
	return (
		<div className="page">
			<nav aria-label={t('learn.breadcrumb')} className="breadcrumb">
				{abilities.note ? <Link to="/assistance">{t('assistance.queue')}</Link> : null}
				{abilities.note ? ' › ' : null}
				<Link to={`/roadmaps/${ta.delegation_id}/assistance`}>
					{t('assistance.title')} · {countryName(ta.country_code, language)}
				</Link>
			</nav>
			<p className="eyebrow">
				{t('assistance.request')} · {ta.cohortName}
			</p>
			<h1>
				{t(`assistance.topics.${ta.topic}`)} · {countryName(ta.country_code, language)}
			</h1>
			<p>
				<AssistanceStatusBadge status={ta.status} />
				{ta.scheduled_for ? ` · ${t('assistance.scheduledFor', { date: formatDate(ta.scheduled_for, language) })}` : ''}
				{ta.status === 'declined' && ta.decline_reason ? ` · ${t('assistance.declinedBecause', { reason: ta.decline_reason })}` : ''}
			</p>
			{ta.scheduled_for && ta.status !== 'declined' ? (
				<p className="actions">
					<a className="button" href={`/assistance/${ta.id}/calendar.ics`} download>
						{t('calendar.addSession')}
					</a>
				</p>
			) : null}
			<dl className="facts">
				<div>
					<dt>{t('assistance.urgency')}</dt>
					<dd>{t(`assistance.urgencies.${ta.urgency}`)}</dd>
				</div>
				<div>
					<dt>{t('assistance.dueDate')}</dt>
					<dd>{ta.due_date ? formatDate(ta.due_date, language) : t('assistance.noDue')}</dd>
				</div>
				<div>
					<dt>{t('assistance.format')}</dt>
					<dd>{t(`assistance.formats.${ta.format}`)}</dd>
				</div>
				<div>
					<dt>{t('assistance.language')}</dt>
					<dd>{ta.language === 'es' ? 'Español' : 'English'}</dd>
				</div>
				<div>
					<dt>{t('assistance.assignee')}</dt>
					<dd>{ta.assigneeName ?? t('assistance.unassigned')}</dd>
				</div>
			</dl>
			<h2>{t('assistance.need')}</h2>
			<p className="pre">{ta.need}</p>
			{ta.item_id || ta.section ? (
				<p>
					<Link to={`/roadmaps/${ta.delegation_id}/${ta.section ?? ''}${ta.item_id ? `#item-${ta.item_id}` : ''}`}>
						{t('assistance.openInRoadmap')}
					</Link>
				</p>
			) : null}

			{abilities.manage ? (
				<TriageForms
					assigneeId={ta.assignee_id}
					assignees={assignees}
					transitions={transitions}
					assignErrors={errorsOf('assign')}
					statusErrors={errorsOf('status')}
				/>
			) : null}

			<section aria-labelledby="events-heading">
				<h2 id="events-heading">{t('assistance.timeline')}</h2>
				<Timeline events={events} />
				<MessageForms allowed={abilities} errorsOf={errorsOf} />
			</section>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
