import { useEffect, useId, useRef, useState } from 'react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { useHydrated } from '#app/utils/use-hydrated.ts'

/**
 * A secret link shown once (an invitation, a calendar feed), with ways to pass it on:
 * - the link itself in a read-only field that selects itself on focus: without JavaScript, that is
 *   how it is copied (select, copy);
 * - "Copy", once JavaScript runs (the Clipboard API, or the selected field and execCommand);
 * - "Share", only where the browser has the Web Share API (most phones);
 * - "Send by WhatsApp", a plain wa.me link with the message already written (works without JavaScript).
 *
 * `who` names the person or thing the link is for, so each control has its own accessible name
 * when a list shows several links.
 */
export function ShareLink({
	url,
	label,
	who,
	share,
}: {
	url: string
	label: React.ReactNode
	who: string
	/** The message to share (it contains the link), and in which language it is written; no share controls without it. */
	share?: { text: string; title: string; language: string }
}) {
	const { t } = useTexts()
	const id = useId()
	const input = useRef<HTMLInputElement>(null)
	const hydrated = useHydrated()
	const [canShare, setCanShare] = useState(false)
	const [status, setStatus] = useState('')
	useEffect(() => {
		setCanShare(typeof navigator.share === 'function')
	}, [])

	async function copy() {
		try {
			await navigator.clipboard.writeText(url)
			setStatus(t('share.copied'))
		} catch {
			input.current?.focus()
			input.current?.select()
			setStatus(document.execCommand('copy') ? t('share.copied') : t('share.copyByHand'))
		}
	}

	async function shareNow() {
		if (!share) return
		try {
			await navigator.share({ title: share.title, text: share.text })
		} catch {
			// Closing the share sheet is not an error to report.
		}
	}

	return (
		<div className="share-link stack-sm">
			<label htmlFor={`${id}-url`}>{label}</label>
			<input
				ref={input}
				id={`${id}-url`}
				type="text"
				readOnly
				value={url}
				className="link-field"
				onFocus={(event) => event.currentTarget.select()}
				aria-describedby={hydrated ? undefined : `${id}-hint`}
			/>
			{hydrated ? null : (
				<p id={`${id}-hint`} className="muted small">
					{t('share.selectToCopy')}
				</p>
			)}
			<div className="share-link__actions">
				{hydrated ? (
					<button type="button" className="button" onClick={copy}>
						{t('share.copy')}
						<span className="visually-hidden"> · {who}</span>
					</button>
				) : null}
				{share && canShare ? (
					<button type="button" className="button" onClick={shareNow}>
						{t('share.share')}
						<span className="visually-hidden"> · {who}</span>
					</button>
				) : null}
				{share ? (
					<a
						className="button"
						href={`https://wa.me/?text=${encodeURIComponent(share.text)}`}
						target="_blank"
						rel="noopener noreferrer"
						hrefLang={share.language}
					>
						{t('share.whatsapp')}
						<span className="visually-hidden">
							{' '}
							· {who} ({t('share.opensNewWindow')})
						</span>
					</a>
				) : null}
				<span role="status" className="share-link__status">
					{status}
				</span>
			</div>
		</div>
	)
}
