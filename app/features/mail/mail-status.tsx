import { useTexts } from '#app/utils/use-texts.tsx'
import type { MailStatusName } from '#app/features/mail/mail.ts'

/** A message's delivery status as words (the colour only repeats them). */
export function MailStatusBadge({ status }: { status: MailStatusName }) {
	const { t } = useTexts()
	return <span className={`badge badge--mail-${status}`}>{t(`mail.status.${status}`)}</span>
}

const URL_PATTERN = /(https?:\/\/[^\s<>"]+)/g

/** A message's plain text, with its web addresses as links (only http and https). */
export function MailText({ text }: { text: string }) {
	const parts = text.split(URL_PATTERN)
	return (
		<pre className="mail-text">
			{parts.map((part, index) =>
				index % 2 === 1 ? (
					<a key={index} href={part}>
						{part}
					</a>
				) : (
					part
				),
			)}
		</pre>
	)
}
