import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { linksCsv } from '#app/features/cohorts/exports.server.ts'
import { LinksSchema } from '#app/features/cohorts/schemas.ts'
import { requireCohort } from '#app/utils/access.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { getLanguage } from '#app/utils/i18n.server.ts'
import { recordExport } from '#app/features/audit/audit.server.ts'

export async function loader({ params }: { params: { cohortId?: string } }) {
	return redirect(`/cohorts/${encodeURIComponent(params.cohortId ?? '')}`)
}

/** Turns the links just shown on the page into a CSV download (the server keeps no tokens). */
export async function action({ request, params }: ActionFunctionArgs) {
	const { viewer, cohort } = await requireCohort(request, params.cohortId, 'manage')
	// Names may be empty (a re-issued facilitator link): the values are read as posted, not coerced.
	const submission = parseWithZod(await readFormData(request), { schema: LinksSchema, disableAutoCoercion: true })
	if (submission.status !== 'success') {
		// A download, not a page: there is no form to show the errors next to.
		return new Response('These links could not be read.', { status: 400 })
	}
	const { name, email, url } = submission.value
	const links = url.map((link, i) => ({ url: link, name: name[i]!, email: email[i]! }))
	await recordExport(request, viewer, { name: 'links.csv', cohortId: cohort.id, targetType: 'cohort', targetId: cohort.id })
	return linksCsv(cohort.id, await getLanguage(request, viewer.language), links)
}
