import { Form } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { TableWrap } from '#app/components/ui/table-wrap.tsx'
import { type InvitationMailStatus, type InvitationState } from '#app/features/cohorts/invitations.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { useLanguage } from '#app/utils/use-language.ts'

type Invitation = {
	id: string
	name: string
	email: string
	state: InvitationState
	accepted_at: string | null
	expires_at: string
	mail: { status: InvitationMailStatus; error: string | null } | null
}

/** The delegation's invitations with their state; a pending one can be revoked, an unused one re-issued. */
export function InvitationsTable({ invitations }: { invitations: Invitation[] }) {
	const { t } = useTexts()
	const language = useLanguage()
	return (
		<section aria-labelledby="invitations-heading">
			<h2 id="invitations-heading">{t('invitations.title', { count: invitations.length })}</h2>
			{invitations.length === 0 ? <p>{t('invitations.none')}</p> : null}
			{invitations.length ? (
				<TableWrap label={t('invitations.title', { count: invitations.length })}>
					<table>
						<thead>
							<tr>
								<th scope="col">{t('forms.name')}</th>
								<th scope="col">{t('invitations.state')}</th>
								<th scope="col">{t('invitations.actions')}</th>
							</tr>
						</thead>
						<tbody>
							{invitations.map((invitation) => (
								<tr key={invitation.id}>
									<td>
										{invitation.name || '—'}
										<div className="muted small">{invitation.email}</div>
									</td>
									<td>
										<span className={`badge badge--${invitation.state}`}>{t(`invitations.states.${invitation.state}`)}</span>
										<div className="muted small">
											{invitation.state === 'used' && invitation.accepted_at
												? t('invitations.acceptedOn', { date: formatDate(invitation.accepted_at, language, 'medium') })
												: invitation.state === 'valid'
													? t('invitations.expiresOn', { date: formatDate(invitation.expires_at, language, 'medium') })
													: null}
										</div>
										{invitation.mail ? <InvitationMail mail={invitation.mail} /> : null}
									</td>
									<td>
										{invitation.state === 'valid' ? <InvitationButton intent="revoke" invitationId={invitation.id} /> : null}{' '}
										{invitation.state !== 'used' ? <InvitationButton intent="reissue" invitationId={invitation.id} /> : null}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</TableWrap>
			) : null}
		</section>
	)
}

/** The invitation mail's status in words (the badge's colour only repeats them), and why it failed. */
function InvitationMail({ mail }: { mail: NonNullable<Invitation['mail']> }) {
	const { t } = useTexts()
	// Once accepted, the invitation's own state ("Accepted") says all there is to say.
	if (mail.status === 'accepted') return null
	return (
		<div className="invitation-mail">
			<span className={`badge badge--mail-${mail.status}`}>{t(`invitations.mailStatus.${mail.status}`)}</span>
			{mail.error ? <div className="muted small mail-error">{t('invitations.mailError', { error: mail.error })}</div> : null}
		</div>
	)
}

function InvitationButton({ intent, invitationId }: { intent: 'revoke' | 'reissue'; invitationId: string }) {
	const { t } = useTexts()
	return (
		<Form method="post" className="inline-form">
			<input type="hidden" name="intent" value={intent} />
			<input type="hidden" name="invitationId" value={invitationId} />
			<button type="submit" className="link-button">
				{t(`invitations.${intent}`)}
			</button>
		</Form>
	)
}
