import { useActionData, useFetcher, useLocation, useSearchParams } from '@remix-run/react'
import { useEffect, useRef, useState } from 'react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { EditLink, useEditing } from '#app/features/roadmap/editing.tsx'
import { type PasteAnswer } from '#app/features/roadmap/paste.ts'
import { onDemand } from '#app/utils/on-demand.tsx'

/** The open box, loaded when someone opens it (a page of many objectives shows only their links). */
const box = onDemand('roadmap-paste-box', () => import('#app/features/roadmap/paste-box.tsx'))
const PasteBox = box.part('PasteBox')

function answerFor(value: unknown, formKey: string): PasteAnswer | null {
	if (!value || typeof value !== 'object') return null
	return (value as PasteAnswer).feedback?.formKey === formKey ? (value as PasteAnswer) : null
}

/**
 * "Paste rows from a spreadsheet" under an objective: a textarea, a preview of how each row is read
 * with its problems next to its cells, and — when every row is valid — one button that creates them
 * all. Plain forms that post to the section page (the page comes back with the preview); with
 * JavaScript a fetcher keeps the page where it is and moves the focus to the preview.
 */
export function PasteRows({ objectiveId, currency, open }: { objectiveId: string; currency: string; open?: true }) {
	const { t } = useTexts()
	const formKey = `paste-${objectiveId}`
	const fetcher = useFetcher()
	const editing = useEditing()
	const actionData = useActionData()
	const location = useLocation()
	const [searchParams] = useSearchParams()
	const added = searchParams.get('under') === objectiveId ? Number(searchParams.get('pasted')) || 0 : 0
	// After the rows are created the page moves on: the preview it answered is done with.
	const [done, setDone] = useState<unknown>(null)
	const fromFetcher = answerFor(fetcher.data, formKey)
	const answer = (fromFetcher && fromFetcher !== done ? fromFetcher : null) ?? answerFor(actionData, formKey)
	const [text, setText] = useState(answer?.paste?.text ?? '')
	const headingRef = useRef<HTMLHeadingElement>(null)
	const noticeRef = useRef<HTMLParagraphElement>(null)
	const lastLocation = useRef(location.key)

	useEffect(() => {
		if (fetcher.state === 'idle' && answerFor(fetcher.data, formKey)) headingRef.current?.focus()
	}, [fetcher.state, fetcher.data, formKey])
	useEffect(() => {
		if (location.key === lastLocation.current) return
		lastLocation.current = location.key
		if (!added) return
		// Landed here after creating the rows: start from an empty box, and say what happened.
		setText('')
		setDone(fetcher.data)
		noticeRef.current?.focus()
	}, [location.key, added, fetcher.data])

	const action = `${location.pathname}#${formKey}`

	// Asked for (its link, a refused paste, rows just added): the fold; otherwise only its link, so a
	// page of many objectives holds no form nobody opened.
	if (!(open || editing.current === formKey || answer || added)) {
		return (
			<p className="add paste">
				<EditLink editKey={formKey} label={t('roadmap.paste.fold')} preload={box.preload}>
					{t('roadmap.paste.fold')}
				</EditLink>
			</p>
		)
	}
	return (
		<PasteBox
			fetcher={fetcher}
			formKey={formKey}
			objectiveId={objectiveId}
			currency={currency}
			text={text}
			setText={setText}
			headingRef={headingRef}
			noticeRef={noticeRef}
			added={added}
			action={action}
			answer={answer}
			answeredByFetcher={Boolean(fromFetcher && fromFetcher !== done)}
		/>
	)
}
