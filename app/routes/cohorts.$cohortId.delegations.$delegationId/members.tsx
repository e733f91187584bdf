import { Form } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { Field, SelectField } from '#app/components/ui/forms.tsx'
import { formatDateTime } from '#app/utils/format.ts'
import { useLanguage } from '#app/utils/use-language.ts'
import { SECTORS } from '#app/utils/vocabularies.ts'
import { type DelegationActionData, fieldErrorsOf } from './action-data.ts'

type Member = {
	id: string
	name: string
	email: string
	last_login_at: string | null
	sector: string
	organisation: string
	position: string
	isLead: boolean
}

/** The delegation's members, each with a form for their details and one to remove them. */
export function Members({ members, actionData }: { members: Member[]; actionData?: DelegationActionData }) {
	const { t } = useTexts()
	return (
		<section aria-labelledby="members-heading">
			<h2 id="members-heading">{t('delegation.members', { count: members.length })}</h2>
			{members.length === 0 ? <p>{t('cohort.noMembers')}</p> : null}
			<ul className="card-list">
				{members.map((member) => (
					<MemberCard key={member.id} member={member} errors={fieldErrorsOf(actionData, 'member', member.id)} />
				))}
			</ul>
		</section>
	)
}

function MemberCard({ member, errors }: { member: Member; errors?: Record<string, string[] | null> }) {
	const { t } = useTexts()
	const language = useLanguage()
	return (
		<li className="card">
			<h3>
				{member.name} {member.isLead ? <span className="badge badge--lead">{t('cohort.lead')}</span> : null}
			</h3>
			<p className="muted small">
				{member.email} ·{' '}
				{member.last_login_at
					? t('delegation.lastSignIn', { date: formatDateTime(member.last_login_at, language) })
					: t('delegation.neverSignedIn')}
			</p>
			<Form method="post" className="stack">
				<input type="hidden" name="intent" value="member" />
				<input type="hidden" name="userId" value={member.id} />
				<SelectField
					label={t('forms.sector')}
					errors={errors?.sector}
					selectProps={{ id: `sector-${member.id}`, name: 'sector', defaultValue: member.sector }}
					options={SECTORS.map((sector) => ({ value: sector, label: t(`sectors.${sector}`) }))}
				/>
				<Field
					label={t('forms.organisation')}
					errors={errors?.organisation}
					inputProps={{ id: `org-${member.id}`, name: 'organisation', type: 'text', defaultValue: member.organisation, maxLength: 200 }}
				/>
				<Field
					label={t('forms.position')}
					errors={errors?.position}
					inputProps={{ id: `pos-${member.id}`, name: 'position', type: 'text', defaultValue: member.position, maxLength: 200 }}
				/>
				<label className="choice">
					<input type="checkbox" name="isLead" value="on" defaultChecked={member.isLead} />
					<span>{t('delegation.isLead')}</span>
				</label>
				<button type="submit" className="button">
					{t('delegation.saveMember', { name: member.name })}
				</button>
			</Form>
			<Form method="post">
				<input type="hidden" name="intent" value="removeMember" />
				<input type="hidden" name="userId" value={member.id} />
				<button type="submit" className="link-button">
					{t('delegation.removeMember', { name: member.name })}
				</button>
			</Form>
			<Form method="post">
				<input type="hidden" name="intent" value="sendReset" />
				<input type="hidden" name="userId" value={member.id} />
				<button type="submit" className="link-button" aria-label={`${t('passwordReset.staffSend')}: ${member.name}`}>
					{t('passwordReset.staffSend')}
				</button>
			</Form>
		</li>
	)
}
