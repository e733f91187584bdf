import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { CohortForm } from '#app/features/cohorts/cohort-form.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { createCohort } from '#app/features/cohorts/cohorts.server.ts'
import { requireAcademy } from '#app/utils/access.server.ts'
import { CohortSchema } from '#app/features/cohorts/schemas.ts'
import { countryOptions } from '#app/utils/countries.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request }: LoaderFunctionArgs) {
	const { viewer } = await requireAcademy(request, 'manage')
	const language = await getLanguage(request, viewer.language)
	const t = await getT(language)
	return { title: `${t('cohortForm.newTitle')} · ${t('app.name')}`, countries: countryOptions(language) }
}

export async function action({ request }: ActionFunctionArgs) {
	const { viewer } = await requireAcademy(request, 'manage')
	const submission = parseWithZod(await readFormData(request), { schema: CohortSchema })
	if (submission.status !== 'success') {
		return data({ result: submission.reply() }, { status: 400 })
	}
	const id = await createCohort(submission.value, { request, actor: viewer })
	throw redirect(`/cohorts/${id}`)
}

export default function NewCohort() {
	const { countries } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTexts()
	return (
		<div className="page page--narrow">
			<nav aria-label={t('learn.breadcrumb')} className="breadcrumb">
				<Link to="/cohorts">{t('cohorts.title')}</Link>
			</nav>
			<h1>{t('cohortForm.newTitle')}</h1>
			<CohortForm lastResult={actionData?.result} countries={countries} submitLabel={t('cohortForm.create')} />
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
