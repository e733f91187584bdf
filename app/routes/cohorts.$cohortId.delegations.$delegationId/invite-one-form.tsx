import { Form } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { Field, SelectField } from '#app/components/ui/forms.tsx'
import { SECTORS } from '#app/utils/vocabularies.ts'
import { type DelegationActionData, fieldErrorsOf, postedValuesOf } from './action-data.ts'

/** An invitation link for one person. */
export function InviteOneForm({ defaultDays, actionData }: { defaultDays: number; actionData?: DelegationActionData }) {
	const { t } = useTexts()
	const errors = fieldErrorsOf(actionData, 'inviteOne')
	const posted = postedValuesOf(actionData, 'inviteOne')
	const text = (name: 'name' | 'email' | 'organisation' | 'position', label: string, type = 'text') => (
		<Field
			label={label}
			errors={errors?.[name]}
			inputProps={{ id: `invite-${name}`, name, type, defaultValue: posted?.[name] ?? undefined }}
		/>
	)
	return (
		<section className="panel" aria-labelledby="invite-one-heading">
			<h2 id="invite-one-heading">{t('invitations.inviteOne')}</h2>
			<Form method="post" className="stack" noValidate>
				<input type="hidden" name="intent" value="inviteOne" />
				{text('name', t('forms.name'))}
				{text('email', t('forms.email'), 'email')}
				<SelectField
					label={t('forms.sector')}
					errors={errors?.sector}
					selectProps={{ id: 'invite-sector', name: 'sector', defaultValue: posted?.sector ?? '' }}
					options={[
						{ value: '', label: t('forms.choose') },
						...SECTORS.map((sector) => ({ value: sector, label: t(`sectors.${sector}`) })),
					]}
				/>
				{text('organisation', t('forms.organisation'))}
				{text('position', t('forms.position'))}
				<Field
					label={t('invitations.days')}
					errors={errors?.days}
					inputProps={{ id: 'invite-days', name: 'days', type: 'number', defaultValue: posted?.days ?? String(defaultDays) }}
				/>
				<button type="submit" className="button button--primary">
					{t('invitations.create')}
				</button>
			</Form>
		</section>
	)
}
