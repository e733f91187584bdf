import { getFormProps, getInputProps, getSelectProps, type SubmissionResult, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { Form } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { Field, FormErrors, SelectField } from '#app/components/ui/forms.tsx'
import { JoinSchema, NewAccountSchema } from '#app/features/auth/schemas.ts'
import { useLanguage } from '#app/utils/use-language.ts'
import { SECTORS } from '#app/utils/vocabularies.ts'

type Invitation = {
	role: 'delegate' | 'facilitator'
	name: string
	sector: string | null
	organisation: string | null
	position: string | null
}

/**
 * Accepting an invitation: a visitor creates an account (name, password, language) and joins; a
 * signed-in invitee joins with the account they have. Delegates also say where they work.
 */
export function AcceptInvitationForm({
	invitation,
	creating,
	lastResult,
}: {
	invitation: Invitation
	creating: boolean
	lastResult?: SubmissionResult<string[]>
}) {
	const { t } = useTexts()
	const language = useLanguage()
	const schema = creating ? NewAccountSchema : JoinSchema
	const [form, fields] = useForm({
		id: 'accept-invitation',
		lastResult,
		constraint: getZodConstraint(schema),
		defaultValue: {
			name: invitation.name ?? '',
			sector: invitation.sector ?? '',
			organisation: invitation.organisation ?? '',
			position: invitation.position ?? '',
			language,
		},
		shouldValidate: 'onBlur',
		onValidate: ({ formData }) => parseWithZod(formData, { schema }),
	})

	const sectorOptions = [
		{ value: '', label: t('forms.choose') },
		...SECTORS.map((sector) => ({ value: sector, label: t(`sectors.${sector}`) })),
	]

	return (
		<Form method="post" {...getFormProps(form)} className="stack">
			<input type="hidden" name="intent" value={creating ? 'create' : 'join'} />
			{creating ? (
				<>
					<Field
						label={t('forms.name')}
						errors={fields.name.errors}
						inputProps={{ ...getInputProps(fields.name, { type: 'text' }), autoComplete: 'name' }}
					/>
					<Field
						label={t('forms.password')}
						hint={t('forms.passwordHint')}
						errors={fields.password.errors}
						inputProps={{
							...getInputProps(fields.password, { type: 'password' }),
							autoComplete: 'new-password',
						}}
					/>
					<Field
						label={t('settings.confirmPassword')}
						errors={fields.confirmPassword.errors}
						inputProps={{
							...getInputProps(fields.confirmPassword, { type: 'password' }),
							autoComplete: 'new-password',
						}}
					/>
					<SelectField
						label={t('settings.language')}
						errors={fields.language.errors}
						selectProps={getSelectProps(fields.language)}
						options={[
							{ value: 'es', label: 'Español' },
							{ value: 'en', label: 'English' },
						]}
					/>
				</>
			) : null}
			{invitation.role === 'delegate' ? (
				<>
					<SelectField
						label={t('forms.sector')}
						errors={fields.sector.errors}
						selectProps={getSelectProps(fields.sector)}
						options={sectorOptions}
					/>
					<Field
						label={t('forms.organisation')}
						errors={fields.organisation.errors}
						inputProps={{ ...getInputProps(fields.organisation, { type: 'text' }), autoComplete: 'organization' }}
					/>
					<Field
						label={t('forms.position')}
						errors={fields.position.errors}
						inputProps={{ ...getInputProps(fields.position, { type: 'text' }), autoComplete: 'organization-title' }}
					/>
				</>
			) : (
				<input type="hidden" name="sector" value="international_organisation" />
			)}
			<FormErrors id={form.errorId} errors={form.errors} />
			<button className="button button--primary" type="submit">
				{creating ? t('invite.createAndJoin') : t('invite.join')}
			</button>
		</Form>
	)
}
