import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, useActionData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { type z } from 'zod'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { Field } from '#app/components/ui/forms.tsx'
import { InvitationCodeSchema } from '#app/features/auth/schemas.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { findInvitation } from '#app/features/cohorts/invitations.server.ts'
import { pageMeta } from '#app/utils/meta.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request }: LoaderFunctionArgs) {
	const t = await getT(await getLanguage(request))
	return { title: `${t('invite.title')} · ${t('app.name')}` }
}

export async function action({ request }: ActionFunctionArgs) {
	const submission = parseWithZod(await readFormData(request), { schema: InvitationCodeSchema })
	if (submission.status !== 'success') {
		return data({ result: submission.reply() }, { status: 400 })
	}
	const token = submission.value.code
	if (!(await findInvitation(token))) {
		return data({ result: submission.reply({ fieldErrors: { code: ['invite.state.unknown'] } }) }, { status: 404 })
	}
	throw redirect(`/invite/${encodeURIComponent(token)}`)
}

export default function EnterInvitation() {
	const { t } = useTexts()
	const actionData = useActionData<typeof action>()
	const [form, fields] = useForm<z.input<typeof InvitationCodeSchema>>({
		id: 'invitation-code',
		lastResult: actionData?.result,
		constraint: getZodConstraint(InvitationCodeSchema),
		shouldValidate: 'onBlur',
	})
	return (
		<div className="page page--narrow">
			<h1>{t('invite.title')}</h1>
			<p className="lead">{t('invite.codeIntro')}</p>
			<Form method="post" {...getFormProps(form)} className="stack">
				<Field
					label={t('invite.codeLabel')}
					errors={fields.code.errors}
					inputProps={{ ...getInputProps(fields.code, { type: 'text' }), autoComplete: 'off' }}
				/>
				<button className="button button--primary" type="submit">
					{t('invite.continue')}
				</button>
			</Form>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
