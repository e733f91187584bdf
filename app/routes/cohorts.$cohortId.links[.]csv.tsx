import { type ActionFunctionArgs, redirect } from '@remix-run/node'
import { z } from 'zod'
import { linksCsv } from '#app/features/cohorts/exports.server.ts'
import { requireCohort } from '#app/features/cohorts/cohorts.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { getLanguage } from '#app/utils/i18n.server.ts'

const LinksSchema = z.object({
	name: z.array(z.string().max(200)).max(1000),
	email: z.array(z.string().max(254)).max(1000),
	url: z.array(z.url().max(500)).max(1000),
})

export async function loader({ params }: { params: { cohortId?: string } }) {
	return redirect(`/cohorts/${encodeURIComponent(params.cohortId ?? '')}`)
}

/** Turns the links just shown on the page into a CSV download (the server keeps no tokens). */
export async function action({ request, params }: ActionFunctionArgs) {
	const { viewer, cohort } = await requireCohort(request, params.cohortId, 'manage')
	const formData = await readFormData(request)
	const parsed = LinksSchema.safeParse({
		name: formData.getAll('name'),
		email: formData.getAll('email'),
		url: formData.getAll('url'),
	})
	if (!parsed.success || parsed.data.url.length !== parsed.data.email.length || parsed.data.url.length !== parsed.data.name.length) {
		return new Response('These links could not be read.', { status: 400 })
	}
	const links = parsed.data.url.map((url, i) => ({ url, name: parsed.data.name[i]!, email: parsed.data.email[i]! }))
	return linksCsv(cohort.id, await getLanguage(request, viewer.language), links)
}
