import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { ErrorList } from '#app/components/ui/forms.tsx'
import { AssistanceStatusBadge } from '#app/features/assistance/assistance-status.tsx'
import { addEvent, assignRequest, changeStatus, getRequest, requestEvents } from '#app/features/assistance/assistance.server.ts'
import { ASSISTANCE_STATUSES, ASSISTANCE_TRANSITIONS } from '#app/features/assistance/assistance.ts'
import { db } from '#app/utils/db.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { countryName, formatDate, formatDateTime } from '#app/utils/format.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { can, invariantResponse, requirePermission, requireViewer } from '#app/utils/permissions.server.ts'
import type { AssistanceStatus } from '#db/schema.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

async function load(request: Request, requestId: string | undefined) {
	const viewer = await requireViewer(request)
	const ta = await getRequest(requestId ?? '')
	invariantResponse(ta)
	const resource = { type: 'assistance' as const, delegationId: ta.delegation_id, cohortId: ta.cohort_id }
	requirePermission(viewer, 'view', resource)
	return { viewer, ta, resource }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, ta, resource } = await load(request, params.requestId)
	const language = await getLanguage(request, viewer.language)
	const t = await getT(language)
	const seesInternal = can(viewer, 'comment', resource)
	const manage = can(viewer, 'manage', resource)
	const assignees = manage
		? await db
				.selectFrom('users as u')
				.select(['u.id', 'u.name'])
				.where((eb) =>
					eb.or([
						eb('u.is_staff', '=', 1),
						eb.exists(
							eb
								.selectFrom('cohort_facilitators as f')
								.select('f.user_id')
								.whereRef('f.user_id', '=', 'u.id')
								.where('f.cohort_id', '=', ta.cohort_id),
						),
					]),
				)
				.orderBy('u.name')
				.execute()
		: []
	return {
		title: `${t('assistance.request')} · ${countryName(ta.country_code, language)}`,
		// Internal notes are not even loaded for the delegation.
		ta,
		events: await requestEvents(ta.id, seesInternal),
		abilities: { message: can(viewer, 'edit', resource) || seesInternal, note: seesInternal, manage },
		transitions: ASSISTANCE_TRANSITIONS[ta.status],
		assignees,
	}
}

const MessageSchema = z.object({
	body: z.string().trim().min(1, { error: 'assistance.errors.messageEmpty' }).max(4000, { error: 'roadmap.errors.tooLong' }),
})
const StatusSchema = z.object({
	to: z.enum(ASSISTANCE_STATUSES, { error: 'assistance.errors.transition' }),
	scheduledFor: z.string().optional(),
	reason: z.string().max(2000).optional(),
})

export async function action({ request, params }: ActionFunctionArgs) {
	const { viewer, ta, resource } = await load(request, params.requestId)
	const form = Object.fromEntries(await readFormData(request))
	const back = () => {
		const url = new URL(request.url)
		return redirect(`${url.pathname}${url.search}`)
	}
	const fail = (status: number, intent: string, error: string) => data({ intent, error }, { status })
	switch (form.intent) {
		case 'message':
		case 'note': {
			const intent = form.intent
			requirePermission(viewer, intent === 'note' ? 'comment' : can(viewer, 'edit', resource) ? 'edit' : 'comment', resource)
			const parsed = MessageSchema.safeParse(form)
			if (!parsed.success) return fail(400, intent, parsed.error.issues[0]!.message)
			await addEvent(ta.id, viewer.id, { kind: intent, body: parsed.data.body })
			return back()
		}
		case 'status': {
			requirePermission(viewer, 'manage', resource)
			const parsed = StatusSchema.safeParse(form)
			if (!parsed.success) return fail(400, 'status', 'assistance.errors.transition')
			const result = await changeStatus(ta.id, viewer.id, {
				to: parsed.data.to as AssistanceStatus,
				scheduledFor: parsed.data.scheduledFor,
				reason: parsed.data.reason,
			})
			if (!result.ok) return fail(result.error === 'transition' ? 409 : 400, 'status', `assistance.errors.${result.error}`)
			return back()
		}
		case 'assign': {
			requirePermission(viewer, 'manage', resource)
			const assignee = String(form.assigneeId ?? '')
			if (!(await assignRequest(ta.id, viewer.id, assignee || null))) return fail(400, 'assign', 'assistance.errors.assignee')
			return back()
		}
		default:
			return fail(400, 'unknown', 'roadmap.errors.badKind')
	}
}

export default function AssistanceRequest() {
	const { ta, events, abilities, transitions, assignees } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
	const language = useLanguage()
	const error = (intent: string) => (actionData?.intent === intent ? [actionData.error] : undefined)
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
				<section className="panel" aria-labelledby="triage-heading">
					<h2 id="triage-heading">{t('assistance.triage')}</h2>
					<Form method="post" className="inline-fields">
						<input type="hidden" name="intent" value="assign" />
						<label htmlFor="assigneeId">{t('assistance.assignee')}</label>
						<select id="assigneeId" name="assigneeId" defaultValue={ta.assignee_id ?? ''}>
							<option value="">{t('assistance.unassigned')}</option>
							{assignees.map((a) => (
								<option key={a.id} value={a.id}>
									{a.name}
								</option>
							))}
						</select>
						<button type="submit" className="button">
							{t('assistance.assign')}
						</button>
						<ErrorList errors={error('assign')} />
					</Form>
					{transitions.length ? (
						<Form method="post" className="stack">
							<input type="hidden" name="intent" value="status" />
							<div className="field">
								<label htmlFor="to">{t('assistance.moveTo')}</label>
								<select id="to" name="to" defaultValue={transitions[0]}>
									{transitions.map((s) => (
										<option key={s} value={s}>
											{t(`assistance.statuses.${s}`)}
										</option>
									))}
								</select>
							</div>
							<div className="field">
								<label htmlFor="scheduledFor">{t('assistance.scheduleDate')}</label>
								<input id="scheduledFor" name="scheduledFor" type="date" />
							</div>
							<div className="field">
								<label htmlFor="reason">{t('assistance.declineReason')}</label>
								<input id="reason" name="reason" type="text" maxLength={2000} />
							</div>
							<ErrorList errors={error('status')} />
							<button type="submit" className="button button--primary">
								{t('assistance.changeStatus')}
							</button>
						</Form>
					) : (
						<p className="muted">{t('assistance.finalStatus')}</p>
					)}
				</section>
			) : null}

			<section aria-labelledby="events-heading">
				<h2 id="events-heading">{t('assistance.timeline')}</h2>
				<ol className="plain-list timeline">
					{events.map((event) => (
						<li key={event.id} className={event.internal ? 'comment internal-note' : 'comment'}>
							<p className="muted small">
								{event.userName ?? '—'} · {formatDateTime(event.created_at, language)}
								{event.internal ? ` · 🔒 ${t('assistance.internal')}` : ''}
							</p>
							{event.kind === 'message' || event.kind === 'note' ? (
								<p className="comment__body">{event.body}</p>
							) : event.kind === 'status' ? (
								<p>
									{t('assistance.statusChanged', {
										from: t(`assistance.statuses.${event.from_value}`),
										to: t(`assistance.statuses.${event.to_value}`),
									})}
									{event.body ? ` (${event.body})` : ''}
								</p>
							) : event.kind === 'assign' ? (
								<p>{t('assistance.assignedEvent')}</p>
							) : (
								<p>{t('assistance.createdEvent')}</p>
							)}
						</li>
					))}
				</ol>
				{(
					[
						{ intent: 'message', allowed: abilities.message, label: t('assistance.addMessage'), submit: t('assistance.send') },
						{ intent: 'note', allowed: abilities.note, label: t('assistance.addNote'), submit: t('assistance.saveNote') },
					] as const
				)
					.filter((form) => form.allowed)
					.map((form) => (
						<Form key={form.intent} method="post" className="stack">
							<input type="hidden" name="intent" value={form.intent} />
							<div className="field">
								<label htmlFor={`${form.intent}-body`}>{form.label}</label>
								<textarea
									id={`${form.intent}-body`}
									name="body"
									rows={3}
									aria-describedby={error(form.intent) ? `${form.intent}-error` : undefined}
								/>
								<ErrorList id={`${form.intent}-error`} errors={error(form.intent)} />
							</div>
							<button type="submit" className="button">
								{form.submit}
							</button>
						</Form>
					))}
			</section>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
