import { formatTime } from '#app/utils/format.ts'
import { Link, useFetcher } from '@remix-run/react'
import { Children, isValidElement, type ReactElement, type ReactNode, useEffect, useRef, useState } from 'react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { firstError, type LessonActionResult, useLessonContext } from '#app/features/curriculum/lesson-context.tsx'
import { REFLECTION_MAX_LENGTH } from '#app/features/progress/limits.ts'
import { TableWrap } from '#app/components/ui/table-wrap.tsx'
import { ThreadMessage } from '#app/components/ui/thread.tsx'
import { getMdxComponent, MDX_ATTRIBUTE, mdxModuleUrl } from '#app/features/curriculum/mdx-modules.ts'
import { keepWhenOffline, useWaiting, WaitingToSend } from '#app/features/offline/offline-ui.tsx'
import { slugify } from '#app/utils/slugify.ts'
import { useHydrated } from '#app/utils/use-hydrated.ts'

/** Tells the action whether to answer with data (JavaScript) or a redirect (plain form post). */
function Via() {
	const hydrated = useHydrated()
	return <input type="hidden" name="via" value={hydrated ? 'js' : 'html'} />
}

function useFormError(formId: string, fetcherData: LessonActionResult | undefined) {
	const { formError } = useLessonContext()
	const fetcherError = fetcherData?.formId === formId ? firstError(fetcherData.result) : null
	if (fetcherError) return fetcherError
	if (formError?.formId === formId) return formError.error
	return null
}

type OptionProps = { value: string; children?: ReactNode }

/** Rendered by KnowledgeCheck; never on its own. */
export function Option(_props: OptionProps) {
	return null
}

export function KnowledgeCheck({
	id,
	question,
	multiple,
	children,
}: {
	id: string
	question: string
	multiple?: string
	children?: ReactNode
}) {
	const { t } = useTexts()
	const fetcher = useFetcher<LessonActionResult>({ key: `check-${id}` })
	const { checks } = useLessonContext()
	const state = checks[id]
	const error = useFormError(`check:${id}`, fetcher.data)
	const isMultiple = multiple === 'true'
	const options = Children.toArray(children)
		.filter((child): child is ReactElement<OptionProps> => isValidElement(child))
		.map((child) => ({ value: child.props.value, label: child.props.children }))
	const busy = fetcher.state !== 'idle'
	// Answered with no connection: kept on the phone until it can be sent (then graded by the server).
	const waiting = useWaiting(`check-${id}`)
	return (
		<section className="check" id={`check-${id}`} aria-labelledby={`check-${id}-title`}>
			<p className="check__eyebrow" id={`check-${id}-title`}>
				{t('learn.knowledgeCheck')}
			</p>
			<fetcher.Form method="post" preventScrollReset onSubmit={keepWhenOffline(`check-${id}`)}>
				<input type="hidden" name="intent" value="answer" />
				<input type="hidden" name="checkId" value={id} />
				<Via />
				<fieldset aria-describedby={state || error ? `check-${id}-result` : undefined}>
					<legend>{question}</legend>
					{isMultiple ? <p className="muted small">{t('learn.chooseAll')}</p> : null}
					{options.map((option) => (
						<label key={option.value} className="choice">
							<input
								type={isMultiple ? 'checkbox' : 'radio'}
								name="option"
								value={option.value}
								defaultChecked={state?.answer.includes(option.value)}
							/>
							<span>{option.label}</span>
						</label>
					))}
				</fieldset>
				<div id={`check-${id}-result`} aria-live="polite">
					{waiting ? <WaitingToSend /> : null}
					{error ? (
						<p className="alert alert--error" role="alert">
							{t(error)}
						</p>
					) : null}
					{state && !busy && !waiting ? (
						<div className={`check__result ${state.correct ? 'is-correct' : 'is-incorrect'}`}>
							<p>
								<strong>{state.correct ? t('learn.correct') : t('learn.incorrect')}</strong>
							</p>
							<OptionFeedback id={id} chosen={state.chosen} />
							<p>{state.explanation}</p>
						</div>
					) : null}
				</div>
				<button type="submit" className="button" disabled={busy}>
					{busy ? t('learn.checking') : state ? t('learn.answerAgain') : t('learn.checkAnswer')}
				</button>
			</fetcher.Form>
		</section>
	)
}

/** Under a graded answer: each chosen option that has an explanation of its own, beside its label. */
function OptionFeedback({ id, chosen }: { id: string; chosen: Array<{ value: string; label: string; explain: string | null }> }) {
	const { t } = useTexts()
	const explained = chosen.filter((option) => option.explain)
	if (explained.length === 0) return null
	return (
		<div className="check__feedback">
			<p className="check__feedback-title" id={`check-${id}-chosen`}>
				{t('learn.yourAnswer', { count: explained.length })}
			</p>
			<ul aria-labelledby={`check-${id}-chosen`}>
				{explained.map((option) => (
					<li key={option.value}>
						<strong className="check__choice">{option.label}</strong> — {option.explain}
					</li>
				))}
			</ul>
		</div>
	)
}

/** Rendered by KnowledgeCheck's answer key on the server; never on the page. */
export function Explanation() {
	return null
}

export function Reflection({ id, prompt }: { id: string; prompt: string }) {
	const { t, language } = useTexts()
	const fetcher = useFetcher<LessonActionResult>({ key: `reflection-${id}` })
	const { reflections, replies, formError } = useLessonContext()
	const saved = reflections[id]
	const answers = replies[id] ?? []
	// A refused post without JavaScript brings the typed text back instead of losing it.
	const draft = formError?.formId === `reflection:${id}` ? formError.draft : undefined
	const error = useFormError(`reflection:${id}`, fetcher.data)
	const formRef = useRef<HTMLFormElement>(null)
	const timer = useRef<ReturnType<typeof setTimeout>>(undefined)
	const [dirty, setDirty] = useState(false)
	const waiting = useWaiting(`reflection-${id}`)
	const keep = keepWhenOffline(`reflection-${id}`)
	useEffect(() => () => clearTimeout(timer.current), [])
	useEffect(() => {
		if (fetcher.state === 'idle' && fetcher.data?.savedAt) setDirty(false)
	}, [fetcher.state, fetcher.data])

	// With JavaScript, a pause in typing saves the text (autosave); the button always works.
	function scheduleSave() {
		setDirty(true)
		clearTimeout(timer.current)
		timer.current = setTimeout(() => {
			const form = formRef.current
			if (!form) return
			const body = new FormData(form).get('body')
			if (typeof body === 'string' && body.trim() && body.length <= REFLECTION_MAX_LENGTH) {
				if (navigator.onLine) fetcher.submit(form)
				else form.requestSubmit() // kept on the phone by the form's submit handler
			}
		}, 1500)
	}

	const savedAt = fetcher.data?.savedAt ?? saved?.updatedAt
	const status =
		fetcher.state !== 'idle'
			? t('learn.saving')
			: dirty
				? t('learn.unsaved')
				: savedAt
					? t('learn.savedAt', {
							time: formatTime(savedAt, language),
						})
					: ''
	return (
		<section className="reflection" id={`reflection-${id}`}>
			<fetcher.Form
				method="post"
				ref={formRef}
				preventScrollReset
				onChange={scheduleSave}
				onSubmit={(event) => {
					keep(event)
					if (event.defaultPrevented) setDirty(false)
				}}
			>
				<input type="hidden" name="intent" value="reflect" />
				<input type="hidden" name="reflectionId" value={id} />
				<Via />
				<label htmlFor={`reflection-${id}-body`} className="reflection__prompt">
					<span className="check__eyebrow">{t('learn.reflection')}</span>
					{prompt}
				</label>
				<textarea
					id={`reflection-${id}-body`}
					name="body"
					rows={5}
					defaultValue={draft ?? saved?.body ?? ''}
					aria-describedby={`reflection-${id}-status`}
					aria-invalid={error ? true : undefined}
				/>
				<label className="choice">
					<input type="checkbox" name="shared" value="on" defaultChecked={saved?.shared ?? false} />
					<span>{t('learn.shareWithFacilitators')}</span>
				</label>
				<div id={`reflection-${id}-status`} aria-live="polite">
					{error ? (
						<p className="alert alert--error" role="alert">
							{t(error, { max: REFLECTION_MAX_LENGTH })}
						</p>
					) : waiting ? (
						<WaitingToSend />
					) : (
						<p className="muted small">{status}</p>
					)}
				</div>
				<button type="submit" className="button">
					{t('learn.saveReflection')}
				</button>
			</fetcher.Form>
			{answers.length ? (
				<div className="reflection__replies">
					<p className="check__eyebrow" id={`reflection-${id}-replies`}>
						{t('learn.repliesFromFacilitators')}
					</p>
					<ol className="thread__replies" aria-labelledby={`reflection-${id}-replies`}>
						{answers.map((reply) => (
							<li key={reply.id}>
								<ThreadMessage id={`reflection-reply-${reply.id}`} author={reply.author} createdAt={reply.created_at} body={reply.body} />
							</li>
						))}
					</ol>
				</div>
			) : null}
		</section>
	)
}

export function Callout({ type = 'note', title, children }: { type?: string; title?: string; children?: ReactNode }) {
	const { t } = useTexts()
	const kind = ['note', 'tip', 'warning'].includes(type) ? type : 'note'
	return (
		<aside className={`callout callout--${kind}`}>
			<p className="callout__title">
				<span className="callout__kind">{t(`learn.callout.${kind}`)}</span>
				{title ? <> · {title}</> : null}
			</p>
			{children}
		</aside>
	)
}

export function Example({ title, children }: { title?: string; children?: ReactNode }) {
	const { t } = useTexts()
	return (
		<section className="example">
			<p className="example__title">
				<span className="callout__kind">{t('learn.example')}</span>
				{title ? <> · {title}</> : null}
			</p>
			{children}
		</section>
	)
}

export function Term({ name, definition, children }: { name: string; definition: string; children?: ReactNode }) {
	return (
		<Link to={`/glossary#term-${slugify(name)}`} className="term" title={definition}>
			<dfn>{children ?? name}</dfn>
		</Link>
	)
}

function ContentLink({ href, children, ...rest }: React.AnchorHTMLAttributes<HTMLAnchorElement>) {
	if (href?.startsWith('/')) {
		return (
			<Link to={href} {...rest}>
				{children}
			</Link>
		)
	}
	return (
		<a href={href} rel="noreferrer" {...rest}>
			{children}
		</a>
	)
}

function Table(props: React.TableHTMLAttributes<HTMLTableElement>) {
	const { t } = useTexts()
	return (
		<TableWrap label={t('learn.table')}>
			<table {...props} />
		</TableWrap>
	)
}

const components = {
	KnowledgeCheck,
	Option,
	Explanation,
	Reflection,
	Callout,
	Example,
	Term,
	a: ContentLink,
	table: Table,
}

/** Renders the curriculum module with this hash (loaded beforehand: see mdx-modules.ts). */
export function MdxContent({ hash, lang }: { hash: string; lang: string }) {
	const Component = getMdxComponent(hash)
	return (
		<div {...{ [MDX_ATTRIBUTE]: hash }} className="prose" lang={lang}>
			<link rel="modulepreload" href={mdxModuleUrl(hash)} />
			<Component components={components} />
		</div>
	)
}
