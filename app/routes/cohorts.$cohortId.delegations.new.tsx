import { getFormProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { type z } from 'zod'
import { CountrySelect } from '#app/features/cohorts/cohort-form.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { SelectField } from '#app/components/ui/forms.tsx'
import { addDelegation } from '#app/features/cohorts/delegations.server.ts'
import { DelegationSchema } from '#app/features/cohorts/schemas.ts'
import { requireCohort } from '#app/utils/access.server.ts'
import { countryOptions } from '#app/utils/countries.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { NAP_STATUSES } from '#app/utils/vocabularies.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, cohort } = await requireCohort(request, params.cohortId, 'manage')
	const language = await getLanguage(request, viewer.language)
	const t = await getT(language)
	return { title: `${t('delegation.add')} · ${cohort.name}`, cohort, countries: countryOptions(language) }
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { viewer, cohort } = await requireCohort(request, params.cohortId, 'manage')
	const submission = parseWithZod(await readFormData(request), { schema: DelegationSchema })
	if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
	const added = await addDelegation(
		cohort.id,
		submission.value.countryCode,
		submission.value.napStatus,
		{
			userId: viewer.id,
			language: await getLanguage(request, viewer.language),
		},
		{ request, actor: viewer },
	)
	if (!added.ok) {
		return data({ result: submission.reply({ fieldErrors: { countryCode: ['delegation.alreadyExists'] } }) }, { status: 409 })
	}
	throw redirect(`/cohorts/${cohort.id}/delegations/${added.id}`)
}

export default function NewDelegation() {
	const { cohort, countries } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTexts()
	const [form, fields] = useForm<z.input<typeof DelegationSchema>, z.output<typeof DelegationSchema>>({
		id: 'delegation',
		lastResult: actionData?.result,
		defaultValue: { napStatus: 'no_plan' },
		constraint: getZodConstraint(DelegationSchema),
		shouldValidate: 'onBlur',
	})
	return (
		<div className="page page--narrow">
			<nav aria-label={t('learn.breadcrumb')} className="breadcrumb">
				<Link to={`/cohorts/${cohort.id}`}>{cohort.name}</Link>
			</nav>
			<h1>{t('delegation.add')}</h1>
			<Form method="post" {...getFormProps(form)} className="stack">
				<CountrySelect
					label={t('delegation.country')}
					options={countries}
					selectProps={getSelectProps(fields.countryCode)}
					errors={fields.countryCode.errors}
				/>
				<SelectField
					label={t('delegation.napStatus')}
					errors={fields.napStatus.errors}
					selectProps={getSelectProps(fields.napStatus)}
					options={NAP_STATUSES.map((s) => ({ value: s, label: t(`napStatus.${s}`) }))}
				/>
				<button type="submit" className="button button--primary">
					{t('delegation.create')}
				</button>
			</Form>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
