import { type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { getCatalogue, getCompiled, pickVersion } from '#app/features/curriculum/content.server.ts'
import { mdxModuleSource, mdxModuleUrl } from '#app/features/curriculum/mdx-modules.ts'
import type { OfflinePlan } from '#app/features/offline/offline-store.ts'
import { requireCurriculum } from '#app/utils/access.server.ts'
import { getLanguage } from '#app/utils/i18n.server.ts'

/** A page's HTML and its data for a client-side navigation, beside its curriculum module (estimate). */
const PAGE_BYTES = 24 * 1024

const QuerySchema = z.object({
	module: z
		.string()
		.regex(/^[a-z0-9-]{1,80}$/)
		.optional(),
})

/**
 * What "Keep for offline reading" saves (`?module=<slug>`, or the whole curriculum without it), in the
 * reader's language: every lesson's page, its data and its curriculum module, and how much that is.
 */
export async function loader({ request }: LoaderFunctionArgs) {
	const { viewer } = await requireCurriculum(request, 'view')
	const query = QuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
	if (!query.success) return Response.json({ error: 'That is not a module of the curriculum.' }, { status: 400 })
	const language = await getLanguage(request, viewer.language)
	const modules = getCatalogue().modules.filter((module) => !query.data.module || module.slug === query.data.module)
	if (modules.length === 0) return Response.json({ error: 'That is not a module of the curriculum.' }, { status: 404 })

	const urls = new Set<string>(['/learn', '/learn.data', '/offline'])
	let estimatedBytes = 3 * PAGE_BYTES
	const plan: OfflinePlan['modules'] = []
	for (const module of modules) {
		const pages = [{ path: `/learn/${module.slug}`, file: pickVersion(module.versions, language).file }]
		const lessons = module.lessons.map((lesson) => {
			const version = pickVersion(lesson.versions, language)
			pages.push({ path: `/learn/${module.slug}/${lesson.slug}`, file: version.file })
			return { url: `/learn/${module.slug}/${lesson.slug}`, title: version.title }
		})
		const moduleUrls: string[] = []
		for (const page of pages) {
			const compiled = await getCompiled(page.file)
			moduleUrls.push(page.path, `${page.path}.data`, mdxModuleUrl(compiled.hash))
			estimatedBytes += PAGE_BYTES + 2 * Buffer.byteLength(mdxModuleSource(compiled.code))
		}
		for (const url of moduleUrls) urls.add(url)
		plan.push({ slug: module.slug, title: pickVersion(module.versions, language).title, language, lessons, urls: moduleUrls })
	}
	const body: OfflinePlan = { modules: plan, urls: [...urls], estimatedBytes }
	return Response.json(body)
}
