import type { TFunction } from 'i18next'
import type { Language } from '#app/utils/i18n.ts'

/** What a template makes of its data: the message as its recipient reads it. */
export type RenderedMail = { subject: string; text: string; html: string }

/** A template: typed data and the recipient's translation function in, the message out. */
export type MailTemplate<Data> = (data: Data, t: TFunction, language: Language) => RenderedMail

/** A piece of a message's body: a paragraph, or a link shown as its own line (a button in HTML). */
export type MailBlock = { paragraph: string } | { link: { label: string; url: string } }

export function escapeHtml(value: string) {
	return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
}

/**
 * Every message's frame, in text and HTML: the Academy's name, a heading, the body, a closing
 * line. The HTML is plain and accessible: a `lang` attribute, a real heading, real links with
 * their address written out too, no images (so no tracking pixels), no scripts, inline styles only.
 */
export function renderMail(options: {
	t: TFunction
	language: Language
	subject: string
	heading: string
	blocks: MailBlock[]
	footer?: string[]
}): RenderedMail {
	const { t, language, subject, heading, blocks } = options
	const academy = t('app.name')
	const footer = [t('mail.layout.automatic', { academy }), ...(options.footer ?? [])]
	const text = [
		academy,
		'',
		heading,
		'',
		...blocks.flatMap((block) => ('paragraph' in block ? [block.paragraph, ''] : [`${block.link.label}:`, block.link.url, ''])),
		'--',
		...footer,
		'',
	].join('\n')
	const body = blocks
		.map((block) =>
			'paragraph' in block
				? `<p style="margin:0 0 16px">${escapeHtml(block.paragraph)}</p>`
				: `<p style="margin:0 0 16px"><a href="${escapeHtml(block.link.url)}" style="display:inline-block;padding:12px 16px;background:#1d4ed8;color:#ffffff;text-decoration:underline;border-radius:4px">${escapeHtml(block.link.label)}</a></p>` +
					`<p style="margin:0 0 16px;font-size:14px">${escapeHtml(t('mail.layout.linkFallback'))}<br><a href="${escapeHtml(block.link.url)}" style="color:#1d4ed8;word-break:break-all">${escapeHtml(block.link.url)}</a></p>`,
		)
		.join('\n')
	const html = `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin:0;padding:16px;background:#ffffff;color:#1f2937;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5">
<main style="max-width:600px;margin:0 auto">
<p style="margin:0 0 16px;font-weight:bold">${escapeHtml(academy)}</p>
<h1 style="margin:0 0 16px;font-size:22px;line-height:1.3">${escapeHtml(heading)}</h1>
${body}
</main>
<footer style="max-width:600px;margin:24px auto 0;border-top:1px solid #6b7280;padding-top:12px;font-size:14px;color:#374151">
${footer.map((line) => `<p style="margin:0 0 8px">${escapeHtml(line)}</p>`).join('\n')}
</footer>
</body>
</html>
`
	return { subject, text, html }
}
