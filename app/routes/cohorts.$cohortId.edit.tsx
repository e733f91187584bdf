import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { z } from 'zod'
import { CohortForm } from '#app/features/cohorts/cohort-form.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { CohortSchema } from '#app/features/cohorts/schemas.ts'
import {
	addFacilitator,
	facilitatorCandidates,
	getCohort,
	getCohortRoster,
	removeFacilitator,
	updateCohort,
} from '#app/features/cohorts/cohorts.server.ts'
import { countryOptions } from '#app/utils/countries.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { invariantResponse, requirePermission, requireViewer } from '#app/utils/permissions.server.ts'
import { EmailSchema } from '#app/utils/schemas.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

async function load(request: Request, cohortId: string | undefined) {
	const viewer = await requireViewer(request)
	const cohort = await getCohort(cohortId ?? '')
	invariantResponse(cohort)
	// Editing a cohort and choosing its facilitators is for Academy staff.
	requirePermission(viewer, 'manage', { type: 'academy' })
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

const FacilitatorSchema = z.object({ email: EmailSchema })
const RemoveSchema = z.object({ userId: z.string().min(1).max(100) })

export async function action({ request, params }: ActionFunctionArgs) {
	const { cohort } = await load(request, params.cohortId)
	const formData = await readFormData(request)
	const intent = formData.get('intent')
	if (intent === 'save') {
		const submission = parseWithZod(formData, { schema: CohortSchema })
		if (submission.status !== 'success') {
			return data({ intent, result: submission.reply(), error: null }, { status: 400 })
		}
		await updateCohort(cohort.id, submission.value)
		throw redirect(`/cohorts/${cohort.id}`)
	}
	if (intent === 'addFacilitator') {
		const parsed = FacilitatorSchema.safeParse(Object.fromEntries(formData))
		if (!parsed.success) return data({ intent, result: null, error: 'forms.emailInvalid' }, { status: 400 })
		const added = await addFacilitator(cohort.id, parsed.data.email)
		if (!added.ok) return data({ intent, result: null, error: 'cohortForm.noSuchUser' }, { status: 404 })
		return { intent, result: null, error: null }
	}
	if (intent === 'removeFacilitator') {
		const parsed = RemoveSchema.safeParse(Object.fromEntries(formData))
		if (!parsed.success) return data({ intent, result: null, error: 'learn.errors.badRequest' }, { status: 400 })
		await removeFacilitator(cohort.id, parsed.data.userId)
		return { intent, result: null, error: null }
	}
	return data({ intent: null, result: null, error: 'learn.errors.badRequest' }, { status: 400 })
}

export default function EditCohort() {
	const { cohort, facilitators, candidates, countries } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTranslation()
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
							aria-describedby={actionData?.intent === 'addFacilitator' && actionData.error ? 'facilitator-error' : undefined}
						>
							<option value="">{t('forms.choose')}</option>
							{candidates.map((c) => (
								<option key={c.id} value={c.email}>
									{c.name} ({c.email})
								</option>
							))}
						</select>
						{actionData?.intent === 'addFacilitator' && actionData.error ? (
							<p id="facilitator-error" className="field-errors" role="alert">
								{t(actionData.error)}
							</p>
						) : null}
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
