import { Form } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { ErrorList } from '#app/components/ui/forms.tsx'
import type { AssistanceStatus } from '#app/features/assistance/assistance.ts'
import { describedBy, type FormErrors } from './errors.ts'

/** Staff only: assign the request and move it to its next status. */
export function TriageForms({
	assigneeId,
	assignees,
	transitions,
	assignErrors,
	statusErrors,
}: {
	assigneeId: string | null
	assignees: Array<{ id: string; name: string }>
	transitions: AssistanceStatus[]
	assignErrors: FormErrors
	statusErrors: FormErrors
}) {
	const { t } = useTexts()
	return (
		<section className="panel" aria-labelledby="triage-heading">
			<h2 id="triage-heading">{t('assistance.triage')}</h2>
			<Form method="post" className="inline-fields">
				<input type="hidden" name="intent" value="assign" />
				<label htmlFor="assigneeId">{t('assistance.assignee')}</label>
				<select id="assigneeId" name="assigneeId" defaultValue={assigneeId ?? ''} {...describedBy(assignErrors, 'assigneeId')}>
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
				<ErrorList id="assigneeId-error" errors={assignErrors?.assigneeId} />
			</Form>
			{transitions.length ? (
				<Form method="post" className="stack">
					<input type="hidden" name="intent" value="status" />
					<div className="field">
						<label htmlFor="to">{t('assistance.moveTo')}</label>
						<select id="to" name="to" defaultValue={transitions[0]} {...describedBy(statusErrors, 'to')}>
							{transitions.map((s) => (
								<option key={s} value={s}>
									{t(`assistance.statuses.${s}`)}
								</option>
							))}
						</select>
						<ErrorList id="to-error" errors={statusErrors?.to} />
					</div>
					<div className="field">
						<label htmlFor="scheduledFor">{t('assistance.scheduleDate')}</label>
						<input id="scheduledFor" name="scheduledFor" type="date" {...describedBy(statusErrors, 'scheduledFor')} />
						<ErrorList id="scheduledFor-error" errors={statusErrors?.scheduledFor} />
					</div>
					<div className="field">
						<label htmlFor="reason">{t('assistance.declineReason')}</label>
						<input id="reason" name="reason" type="text" maxLength={2000} {...describedBy(statusErrors, 'reason')} />
						<ErrorList id="reason-error" errors={statusErrors?.reason} />
					</div>
					<ErrorList errors={statusErrors?.['']} />
					<button type="submit" className="button button--primary">
						{t('assistance.changeStatus')}
					</button>
				</Form>
			) : (
				<p className="muted">{t('assistance.finalStatus')}</p>
			)}
		</section>
	)
}
