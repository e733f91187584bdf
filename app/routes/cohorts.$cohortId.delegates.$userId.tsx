import { type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { TableWrap } from '#app/components/ui/table-wrap.tsx'
import { requireCohort } from '#app/utils/access.server.ts'
import { delegateDetail } from '#app/features/progress/dashboard.server.ts'
import { countryName, formatDateTime } from '#app/utils/format.ts'
import { getLanguage } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { can, invariantResponse } from '#app/utils/permissions.server.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.detail.member.name }])

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, cohort } = await requireCohort(request, params.cohortId, 'manage')
	const language = await getLanguage(request, viewer.language)
	// Only a delegate of this cohort can be looked at from this cohort's dashboard.
	const detail = await delegateDetail(cohort.id, params.userId ?? '', language)
	invariantResponse(detail)
	return { cohort: { id: cohort.id, name: cohort.name }, detail, peopleLink: can(viewer, 'manage', { type: 'people' }) }
}

export default function DelegateDetail() {
	const { cohort, detail, peopleLink } = useLoaderData<typeof loader>()
	const { t } = useTexts()
	const language = useLanguage()
	const { member } = detail
	return (
		<div className="page">
			<nav aria-label={t('learn.breadcrumb')} className="breadcrumb">
				<Link to={`/cohorts/${cohort.id}/dashboard`}>{t('dashboard.title')}</Link> ›{' '}
				<Link to={`/cohorts/${cohort.id}/dashboard?delegation=${member.delegationId}#drill-down`}>
					{countryName(member.country_code, language)}
				</Link>
			</nav>
			<h1>{member.name}</h1>
			{peopleLink ? (
				<p>
					<Link to={`/people/${member.id}`}>{t('personalData.accountLink')}</Link>
				</p>
			) : null}
			<p>
				{t(`sectors.${member.sector}`)} · {member.organisation} · {member.position}
			</p>
			<p className="muted">
				{member.email} ·{' '}
				{member.last_login_at
					? t('delegation.lastSignIn', { date: formatDateTime(member.last_login_at, language) })
					: t('delegation.neverSignedIn')}
			</p>
			{detail.modules.map((module) => (
				<section key={module.slug} aria-labelledby={`m-${module.slug}`}>
					<h2 id={`m-${module.slug}`}>{module.title}</h2>
					<TableWrap label={module.title}>
						<table>
							<thead>
								<tr>
									<th scope="col">{t('learn.lessons')}</th>
									<th scope="col">{t('dashboard.status')}</th>
									<th scope="col">{t('dashboard.checks')}</th>
								</tr>
							</thead>
							<tbody>
								{module.lessons.map((lesson) => (
									<tr key={lesson.key}>
										<td>{lesson.title}</td>
										<td>
											{lesson.completedAt
												? `✓ ${t('learn.completed')}`
												: lesson.viewedAt
													? `◐ ${t('dashboard.opened')}`
													: `· ${t('dashboard.notOpened')}`}
										</td>
										<td>
											{lesson.checksAnswered
												? t('dashboard.rightFirstTime', { right: lesson.checksRightFirstTime, total: lesson.checksAnswered })
												: '—'}
										</td>
									</tr>
								))}
							</tbody>
						</table>
					</TableWrap>
				</section>
			))}
			<section aria-labelledby="shared-heading">
				<h2 id="shared-heading">{t('reflections.sharedBy', { count: detail.reflections.length })}</h2>
				{detail.reflections.map((r) => (
					<blockquote key={`${r.lesson_key}-${r.reflection_id}`} className="reflection-quote">
						<p>{r.body}</p>
					</blockquote>
				))}
			</section>
		</div>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
