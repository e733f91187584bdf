import { type LoaderFunctionArgs } from '@remix-run/node'
import { type ClientLoaderFunctionArgs, Link, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { MdxContent } from '#app/features/curriculum/mdx-components.tsx'
import { getCompiled, pickVersion } from '#app/features/curriculum/content.server.ts'
import { pickGuideVersion } from '#app/features/curriculum/guides.server.ts'
import { prepareMdx } from '#app/features/curriculum/mdx-modules.server.ts'
import { withCurriculumModule } from '#app/features/curriculum/mdx-modules.ts'
import { requireModuleGuide } from '#app/utils/access.server.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'

export const clientLoader = ({ serverLoader }: ClientLoaderFunctionArgs) => withCurriculumModule(serverLoader<typeof loader>())

export const meta = pageMeta<typeof loader>((data) => [{ title: `${data.title} · ${data.appName}` }])

/** `/learn/<module>/guide`: the module's facilitator guide, for facilitators and staff (never a lesson). */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, module } = await requireModuleGuide(request, params.module)
	const language = await getLanguage(request, viewer.language)
	const t = await getT(language)
	const version = pickGuideVersion(module.guide, language)!
	const compiled = await getCompiled(version.file)
	return {
		appName: t('app.name'),
		module: { slug: module.slug, order: module.order, title: pickVersion(module.versions, language).title },
		title: version.title,
		summary: version.summary,
		minutes: version.minutes,
		fallback: version.fallback,
		contentLanguage: version.language,
		contentHash: prepareMdx(compiled),
	}
}

export default function FacilitatorGuide() {
	const guide = useLoaderData<typeof loader>()
	const { t } = useTexts()
	return (
		<article className="page">
			<nav aria-label={t('learn.breadcrumb')} className="breadcrumb">
				<Link to="/learn">{t('nav.learn')}</Link> › <Link to={`/learn/${guide.module.slug}`}>{guide.module.title}</Link>
			</nav>
			<p className="eyebrow">
				{t('guide.eyebrow')} · {t('learn.moduleNumber', { number: guide.module.order })} · {t('learn.minutes', { count: guide.minutes })}
			</p>
			<h1 lang={guide.contentLanguage}>{guide.title}</h1>
			<p className="lead" lang={guide.contentLanguage}>
				{guide.summary}
			</p>
			{guide.fallback ? (
				<p className="alert" role="note">
					{t(`guide.fallbackNote.${guide.contentLanguage}`)}
				</p>
			) : null}
			<p className="muted small">{t('guide.audience')}</p>
			<MdxContent hash={guide.contentHash} lang={guide.contentLanguage} />
		</article>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
