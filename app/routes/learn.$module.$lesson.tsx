import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from '@remix-run/node'
import { type ClientLoaderFunctionArgs, Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { LessonContext, lessonFormError } from '#app/features/curriculum/lesson-context.tsx'
import { MdxContent } from '#app/features/curriculum/mdx-components.tsx'
import { ProgressBar } from '#app/components/ui/progress-bar.tsx'
import { allLessons, getCompiled, pickVersion } from '#app/features/curriculum/content.server.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { prepareMdx } from '#app/features/curriculum/mdx-modules.server.ts'
import { withCurriculumModule } from '#app/features/curriculum/mdx-modules.ts'
import { requireLesson } from '#app/utils/access.server.ts'
import {
	answerCheck,
	checkFeedback,
	completeLesson,
	getProgressRows,
	getReflections,
	latestAttempts,
	lessonReflections,
	recordLessonView,
	reopenLesson,
	saveReflection,
} from '#app/features/progress/progress.server.ts'
import { repliesToOwnReflections } from '#app/features/progress/reflection-replies.server.ts'
import { LessonActionSchema } from '#app/features/progress/schemas.ts'
import { readFormData } from '#app/utils/form-data.server.ts'
import { pageMeta } from '#app/utils/meta.ts'
import { lessonLeadsToExample } from '#app/features/roadmap/worked-example-link.server.ts'
import { keepWhenOffline, useWaiting, WaitingToSend } from '#app/features/offline/offline-ui.tsx'

export const clientLoader = ({ serverLoader }: ClientLoaderFunctionArgs) => withCurriculumModule(serverLoader<typeof loader>())

export const meta = pageMeta<typeof loader>((data) => [
	{ title: `${data.title} · ${data.appName}` },
	{ name: 'description', content: data.summary },
])

export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, lesson, module } = await requireLesson(request, params.module, params.lesson, 'view')
	const language = await getLanguage(request, viewer.language)
	const t = await getT(language)
	const version = pickVersion(lesson.versions, language)
	const compiled = await getCompiled(version.file)

	const [attempts, reflections, rows, reflectionReplies] = await Promise.all([
		latestAttempts(viewer.id, lesson.key),
		getReflections(viewer.id, lesson.key),
		getProgressRows(viewer.id),
		repliesToOwnReflections(viewer.id, lesson.key),
	])
	await recordLessonView(viewer.id, lesson.key, rows)
	// Explanations (the check's and the chosen options') come from the reader's language and only
	// for checks already answered.
	const checks = Object.fromEntries(
		compiled.checks.map((check) => {
			const attempt = attempts.get(check.id)
			return [check.id, attempt ? { ...attempt, ...checkFeedback(check, attempt.answer) } : undefined]
		}),
	)
	const unanswered = compiled.checks.filter((check) => !attempts.has(check.id)).length

	const ordered = allLessons()
	const index = ordered.findIndex((entry) => entry.key === lesson.key)
	const neighbour = (offset: number) => {
		const entry = ordered[index + offset]
		if (!entry) return null
		return {
			moduleSlug: entry.moduleSlug,
			slug: entry.slug,
			title: pickVersion(entry.versions, language).title,
		}
	}
	const completedKeys = new Set(rows.filter((row) => row.completedAt).map((row) => row.lessonKey))
	return {
		appName: t('app.name'),
		title: version.title,
		summary: version.summary,
		minutes: version.minutes,
		objectives: version.objectives,
		fallback: version.fallback,
		contentLanguage: version.language,
		contentHash: prepareMdx(compiled),
		module: {
			slug: module.slug,
			title: pickVersion(module.versions, language).title,
			total: module.lessons.length,
			completed: module.lessons.filter((entry) => completedKeys.has(entry.key)).length,
			position: module.lessons.findIndex((entry) => entry.key === lesson.key) + 1,
		},
		completed: completedKeys.has(lesson.key),
		checkCount: compiled.checks.length,
		unanswered,
		checks,
		reflections,
		/** What those who run the delegate's cohort answered to the reflections they shared. */
		reflectionReplies,
		previous: neighbour(-1),
		next: neighbour(1),
		/** The last lesson of strategic design links the worked example (Valmira's whole roadmap). */
		leadsToExample: lessonLeadsToExample(lesson.key),
	}
}

/** Which form of the page a post came from: each check and each reflection shows its own errors. */
function formIdOf(formData: FormData) {
	const intent = formData.get('intent')
	if (intent === 'answer') return `check:${String(formData.get('checkId'))}`
	if (intent === 'reflect') return `reflection:${String(formData.get('reflectionId'))}`
	return intent === 'complete' ? 'complete' : 'lesson'
}

export async function action({ request, params }: ActionFunctionArgs) {
	const { viewer, lesson } = await requireLesson(request, params.module, params.lesson, 'learn')
	const formData = await readFormData(request)
	// With JavaScript (useFetcher) the page gets data back; a plain form post is redirected.
	const viaJs = formData.get('via') === 'js'
	const formId = formIdOf(formData)
	const submission = parseWithZod(formData, { schema: LessonActionSchema })
	if (submission.status !== 'success') return data({ formId, result: submission.reply() }, { status: 400 })
	const refuse = (status: number, error: string, field = '') =>
		data({ formId, result: submission.reply(field ? { fieldErrors: { [field]: [error] } } : { formErrors: [error] }) }, { status })
	const back = (anchor: string) => redirect(`${new URL(request.url).pathname}${anchor}`)
	const input = submission.value
	switch (input.intent) {
		case 'answer': {
			const language = await getLanguage(request, viewer.language)
			const result = await answerCheck(viewer.id, lesson, input.checkId, input.option, language)
			if (!result.ok) {
				return result.error === 'unknownCheck'
					? refuse(404, 'learn.errors.unknownCheck')
					: refuse(400, `learn.errors.${result.error}`, 'option')
			}
			if (!viaJs) return back(`#check-${input.checkId}`)
			return { formId, result: submission.reply(), correct: result.correct }
		}
		case 'reflect': {
			const known = (await lessonReflections(lesson)).some((r) => r.id === input.reflectionId)
			if (!known) return refuse(404, 'learn.errors.unknownReflection')
			const savedAt = await saveReflection(viewer.id, lesson.key, input.reflectionId, input.body, Boolean(input.shared))
			if (!viaJs) return back(`#reflection-${input.reflectionId}`)
			return { formId, result: submission.reply(), savedAt }
		}
		case 'complete': {
			const result = await completeLesson(viewer.id, lesson)
			if (!result.ok) return refuse(400, 'learn.errors.unansweredChecks')
			return back('#lesson-complete')
		}
		case 'reopen': {
			await reopenLesson(viewer.id, lesson.key)
			return back('#lesson-complete')
		}
	}
}

export default function LessonPage() {
	const lesson = useLoaderData<typeof loader>()
	const actionData = useActionData<typeof action>()
	const { t } = useTexts()
	const formError = lessonFormError(actionData)
	const completionWaiting = useWaiting('complete')
	return (
		<article className="page lesson">
			<nav aria-label={t('learn.breadcrumb')} className="breadcrumb">
				<Link to="/learn">{t('nav.learn')}</Link> › <Link to={`/learn/${lesson.module.slug}`}>{lesson.module.title}</Link>
			</nav>
			<header className="lesson__header">
				<p className="eyebrow">
					{t('learn.lessonOf', { position: lesson.module.position, total: lesson.module.total })} ·{' '}
					{t('learn.minutes', { count: lesson.minutes })}
					{lesson.completed ? <> · {t('learn.completed')}</> : null}
				</p>
				<h1>{lesson.title}</h1>
				<p className="lead">{lesson.summary}</p>
				{lesson.fallback ? (
					<p className="alert" role="note">
						{t('learn.fallbackNote')}
					</p>
				) : null}
				<section className="objectives" aria-labelledby="objectives-heading">
					<h2 id="objectives-heading">{t('learn.objectives')}</h2>
					<ul lang={lesson.contentLanguage}>
						{lesson.objectives.map((objective) => (
							<li key={objective}>{objective}</li>
						))}
					</ul>
				</section>
			</header>

			<LessonContext.Provider
				value={{ checks: lesson.checks, reflections: lesson.reflections, replies: lesson.reflectionReplies, formError }}
			>
				<MdxContent hash={lesson.contentHash} lang={lesson.contentLanguage} />
			</LessonContext.Provider>

			<section id="lesson-complete" className="panel completion" aria-labelledby="completion-heading">
				<h2 id="completion-heading">{t('learn.yourProgress')}</h2>
				<ProgressBar
					done={lesson.module.completed}
					total={lesson.module.total}
					label={t('learn.moduleProgress', { title: lesson.module.title })}
				/>
				{lesson.completed ? (
					<>
						<p className="alert alert--success" role="status">
							{t('learn.lessonDone')}
						</p>
						<Form method="post" preventScrollReset>
							<input type="hidden" name="intent" value="reopen" />
							<button type="submit" className="link-button">
								{t('learn.markNotDone')}
							</button>
						</Form>
					</>
				) : (
					<Form method="post" preventScrollReset onSubmit={keepWhenOffline('complete')}>
						<input type="hidden" name="intent" value="complete" />
						{completionWaiting ? <WaitingToSend /> : null}
						{lesson.unanswered > 0 ? <p className="muted">{t('learn.answerChecksFirst', { count: lesson.unanswered })}</p> : null}
						{formError?.formId === 'complete' ? (
							<p className="alert alert--error" role="alert">
								{t(formError.error)}
							</p>
						) : null}
						<button type="submit" className="button button--primary">
							{t('learn.markComplete')}
						</button>
					</Form>
				)}
			</section>

			{lesson.leadsToExample ? (
				<p className="panel">
					{t('workedExample.afterLesson')} <Link to="/roadmap/example">{t('workedExample.link')}</Link>
				</p>
			) : null}

			<nav className="pager" aria-label={t('learn.pager')}>
				{lesson.previous ? (
					<Link to={`/learn/${lesson.previous.moduleSlug}/${lesson.previous.slug}`} rel="prev">
						<span className="pager__label">{t('learn.previous')}</span>
						{lesson.previous.title}
					</Link>
				) : (
					<span />
				)}
				{lesson.next ? (
					<Link to={`/learn/${lesson.next.moduleSlug}/${lesson.next.slug}`} rel="next">
						<span className="pager__label">{t('learn.next')}</span>
						{lesson.next.title}
					</Link>
				) : null}
			</nav>
		</article>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
