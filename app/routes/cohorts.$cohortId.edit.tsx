import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { CohortForm } from '#app/features/cohorts/cohort-form.tsx'
import { ErrorList, FormErrors } from '#app/components/ui/forms.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { CohortSchema, FacilitatorIntentSchema } from '#app/features/cohorts/schemas.ts'
import { requireAcademy, requireCohort } from '#app/utils/access.server.ts'
import {
	addFacilitator,
	facilitatorCandidates,
	getCohortRoster,
	removeFacilitator,
	updateCohort,
} from '#app/features/cohorts/cohorts.server.ts'
import { countryOptions } from '#app/utils/countries.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

/** Editing a cohort and choosing its facilitators is for Academy staff. */
async function load(request: Request, cohortId: string | undefined) {
	const { viewer } = await requireAcademy(request, 'manage')
	const { cohort } = await requireCohort(request, cohortId, 'manage')
	return { viewer, cohort }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, cohort } = await load(request, params.cohortId)
	const language = await getLanguage(request, viewer.language)
	const t = await getT(language)
	const roster = await getCohortRoster(viewer, cohort.id)
	return {
		title: `${t('cohortForm.editTitle')} · ${cohort.name}`,
		cohort,
		facilitators: roster.facilitators,
		candidates: await facilitatorCandidates(cohort.id),
		countries: countryOptions(language),
	}
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { viewer, cohort } = await load(request, params.cohortId)
	const formData = await readFormData(request)
	const intent = formData.get('intent')
	if (intent === 'save') {
		const submission = parseWithZod(formData, { schema: CohortSchema })
		if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
		await updateCohort(cohort.id, submission.value, viewer.id, { request, actor: viewer })
		throw redirect(`/cohorts/${cohort.id}`)
	}
	// The facilitator forms; an unknown intent is refused by the schema's discriminator.
	const submission = parseWithZod(formData, { schema: FacilitatorIntentSchema })
	if (submission.status !== 'success') return data({ intent, result: submission.reply() }, { status: 400 })
	const input = submission.value
	if (input.intent === 'addFacilitator') {
		const added = await addFacilitator(cohort.id, input.email, { request, actor: viewer })
		if (!added.ok) {
			return data({ intent, result: submission.reply({ fieldErrors: { email: ['cohortForm.noSuchUser'] } }) }, { status: 404 })
		}
	} else {
		await removeFacilitator(cohort.id, input.userId, { request, actor: viewer })
	}
	return { intent, result: submission.reply({ resetForm: true }) }
}

export default function EditCohort() {
	const { cohort, facilitators, candidates, countries } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTexts()
	const facilitatorResult =
		actionData?.intent === 'addFacilitator' || actionData?.intent === 'removeFacilitator' ? actionData.result : undefined
	const emailErrors = actionData?.intent === 'addFacilitator' ? actionData.result.error?.email : undefined
	return (
		<div className="page page--narrow">
			<nav aria-label={t('learn.breadcrumb')} className="breadcrumb">
				<Link to="/cohorts">{t('cohorts.title')}</Link> › <Link to={`/cohorts/${cohort.id}`}>{cohort.name}</Link>
			</nav>
			<h1>{t('cohortForm.editTitle')}</h1>
			<CohortForm
				lastResult={actionData?.intent === 'save' ? actionData.result : undefined}
				countries={countries}
				submitLabel={t('cohortForm.save')}
				defaultValue={{
					name: cohort.name,
					hostCity: cohort.host_city,
					hostCountry: cohort.host_country,
					venue: cohort.venue ?? '',
					startDate: cohort.start_date,
					endDate: cohort.end_date,
					preworkDueDate: cohort.prework_due_date ?? '',
					status: cohort.status,
				}}
			/>

			<section className="panel" aria-labelledby="facilitators-heading">
				<h2 id="facilitators-heading">{t('cohort.facilitators')}</h2>
				{facilitators.length === 0 ? <p>{t('cohortForm.noFacilitators')}</p> : null}
				<FormErrors
					errors={
						facilitatorResult?.error?.[''] ?? (actionData?.intent === 'removeFacilitator' ? facilitatorResult?.error?.userId : undefined)
					}
				/>
				<ul className="plain-list">
					{facilitators.map((f) => (
						<li key={f.id}>
							{f.name}{' '}
							<Form method="post" className="inline-form">
								<input type="hidden" name="intent" value="removeFacilitator" />
								<input type="hidden" name="userId" value={f.id} />
								<button type="submit" className="link-button">
									{t('cohortForm.removeFacilitator', { name: f.name })}
								</button>
							</Form>
						</li>
					))}
				</ul>
				<Form method="post" className="stack">
					<input type="hidden" name="intent" value="addFacilitator" />
					<div className="field">
						<label htmlFor="facilitator-email">{t('cohortForm.addFacilitator')}</label>
						<select
							id="facilitator-email"
							name="email"
							required
							aria-invalid={emailErrors?.length ? true : undefined}
							aria-describedby={emailErrors?.length ? 'facilitator-error' : undefined}
						>
							<option value="">{t('forms.choose')}</option>
							{candidates.map((c) => (
								<option key={c.id} value={c.email}>
									{c.name} ({c.email})
								</option>
							))}
						</select>
						<ErrorList id="facilitator-error" errors={emailErrors} />
					</div>
					<button type="submit" className="button">
						{t('cohortForm.add')}
					</button>
				</Form>
			</section>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
