import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { CohortPageHeader } from '#app/features/cohorts/cohort-nav.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { MessageFold, ThreadMessage } from '#app/components/ui/thread.tsx'
import { permissionForIntent, requireCohort } from '#app/utils/access.server.ts'
import { getCatalogue, pickVersion } from '#app/features/curriculum/content.server.ts'
import { sharedReflections } from '#app/features/progress/dashboard.server.ts'
import {
	cohortReflectionReplies,
	ReflectionReplySchema,
	reflectionKey,
	replyToReflection,
} from '#app/features/progress/reflection-replies.server.ts'
import { db } from '#app/utils/db.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { countryName, formatDateTime } from '#app/utils/format.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { useLanguage } from '#app/utils/use-language.ts'

export const meta = pageMeta<typeof loader>((data) => [{ title: data.title }])

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, cohort, abilities } = await requireCohort(request, params.cohortId, 'manage')
	const language = await getLanguage(request, viewer.language)
	const t = await getT(language)
	const url = new URL(request.url)
	const modules = getCatalogue().modules.map((m) => ({ slug: m.slug, title: pickVersion(m.versions, language).title }))
	const delegations = await db
		.selectFrom('delegations')
		.select(['id', 'country_code'])
		.where('cohort_id', '=', cohort.id)
		.orderBy('country_code')
		.execute()
	// Unknown filter values are ignored rather than matching nothing by accident.
	const module = modules.find((m) => m.slug === url.searchParams.get('module'))?.slug
	const delegation = delegations.find((d) => d.id === url.searchParams.get('delegation'))?.id
	const replies = await cohortReflectionReplies(cohort.id)
	return {
		title: `${t('reflections.title')} · ${cohort.name}`,
		cohort,
		canEdit: abilities.edit,
		modules,
		delegations,
		filters: { module: module ?? '', delegation: delegation ?? '' },
		reflections: (await sharedReflections(cohort.id, { module, delegation }, language)).map((r) => {
			const key = reflectionKey({ userId: r.user_id, lessonKey: r.lesson_key, reflectionId: r.reflection_id })
			return { ...r, key, replies: replies[key] ?? [] }
		}),
	}
}

/** A reply to a shared reflection, by someone who runs the cohort; the delegate reads it under their reflection. */
export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readFormData(request)
	const needs = permissionForIntent('reflections', formData.get('intent'))
	const { viewer, cohort } = await requireCohort(request, params.cohortId, needs === 'manage' ? 'manage' : 'view')
	const submission = parseWithZod(formData, { schema: ReflectionReplySchema })
	const fields = (name: string) => String(formData.get(name) ?? '')
	const formKey = reflectionKey({ userId: fields('userId'), lessonKey: fields('lessonKey'), reflectionId: fields('reflectionId') })
	if (submission.status !== 'success') {
		const bodyOnly = Object.keys(submission.error ?? {}).every((name) => name === 'body')
		return data({ formKey, result: submission.reply(), message: bodyOnly ? null : 'reflections.badRequest' }, { status: 400 })
	}
	const { body, ...key } = submission.value
	const reply = await replyToReflection(cohort.id, viewer.id, { ...key, body })
	if (!reply) return data({ formKey, result: submission.reply(), message: 'reflections.notShared' }, { status: 404 })
	const url = new URL(request.url)
	return redirect(`${url.pathname}${url.search}#reflection-reply-${reply.id}`)
}

export default function Reflections() {
	const { cohort, canEdit, modules, delegations, filters, reflections } = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTexts()
	const language = useLanguage()
	return (
		<div className="page">
			<CohortPageHeader cohort={cohort} canEdit={canEdit} eyebrow={t('reflections.title')} />
			<Form method="get" className="filters">
				<div className="field">
					<label htmlFor="filter-module">{t('reflections.module')}</label>
					<select id="filter-module" name="module" defaultValue={filters.module}>
						<option value="">{t('reflections.all')}</option>
						{modules.map((m) => (
							<option key={m.slug} value={m.slug}>
								{m.title}
							</option>
						))}
					</select>
				</div>
				<div className="field">
					<label htmlFor="filter-delegation">{t('dashboard.delegation')}</label>
					<select id="filter-delegation" name="delegation" defaultValue={filters.delegation}>
						<option value="">{t('reflections.all')}</option>
						{delegations.map((d) => (
							<option key={d.id} value={d.id}>
								{countryName(d.country_code, language)}
							</option>
						))}
					</select>
				</div>
				<button type="submit" className="button">
					{t('reflections.filter')}
				</button>
			</Form>
			<p role="status">{t('reflections.count', { count: reflections.length })}</p>
			{actionData?.message ? (
				<p className="alert alert--error" role="alert">
					{t(actionData.message)}
				</p>
			) : null}
			{reflections.map((r) => (
				<article key={`${r.key}-${r.delegationId}`} id={`reflection-${r.key}`} className="card">
					<p className="muted small">
						{r.name} · {countryName(r.country_code, language)} · {r.lessonTitle} · {formatDateTime(r.updated_at, language)}
					</p>
					{r.prompt ? (
						<p className="small">
							<em>{r.prompt}</em>
						</p>
					) : null}
					<blockquote className="reflection-quote">
						<p>{r.body}</p>
					</blockquote>
					{r.replies.length ? (
						<ol className="thread__replies" aria-label={t('reflections.replies', { name: r.name })}>
							{r.replies.map((reply) => (
								<li key={reply.id}>
									<ThreadMessage id={`reflection-reply-${reply.id}`} author={reply.author} createdAt={reply.created_at} body={reply.body} />
								</li>
							))}
						</ol>
					) : null}
					<ReplyFold key={r.replies.length} reflection={r} refused={actionData?.formKey === r.key ? actionData : null} />
				</article>
			))}
		</div>
	)
}

type ReflectionRow = ReturnType<typeof useLoaderData<typeof loader>>['reflections'][number]
type Refused = NonNullable<ReturnType<typeof useActionData<typeof action>>>

/** The fold to answer one reflection; a refused reply comes back open, with its message and its text. */
function ReplyFold({ reflection: r, refused }: { reflection: ReflectionRow; refused: Refused | null }) {
	const { t } = useTexts()
	const typed = refused?.result.initialValue?.body
	return (
		<MessageFold
			id={`reply-${r.key}-${r.delegationId}`}
			summary={t('reflections.reply')}
			label={t('reflections.replyLabel', { name: r.name })}
			submitLabel={t('reflections.submitReply')}
			hidden={{ intent: 'reply', userId: r.user_id, lessonKey: r.lesson_key, reflectionId: r.reflection_id }}
			error={refused && !refused.message ? (refused.result.error?.body?.[0] ?? undefined) : undefined}
			typed={typeof typed === 'string' ? typed : undefined}
		/>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
