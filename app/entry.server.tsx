import { type AppLoadContext, type EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
// Importing the database here makes the server refuse to start on an unmigrated database.
import '#app/utils/db.server.ts'
import '#app/utils/env.server.ts'
import { startAuditPruning } from '#app/features/audit/audit.server.ts'
import { startMailSender } from '#app/features/mail/sender.server.ts'
import { startScheduledWork } from '#app/features/notifications/scheduled.server.ts'
import { DEFAULT_LANGUAGE, isLanguage } from '#app/utils/i18n.ts'
import { i18nServer } from '#app/utils/i18n.server.ts'
import { NonceProvider } from '#app/utils/nonce.tsx'
import { InlineStylesheetProvider } from '#app/utils/inline-styles.tsx'
import { inlineStylesheet } from '#app/utils/inline-styles.server.ts'
import { PageTextsProvider } from '#app/components/page-texts.tsx'
import { pageTextsJson, recordingTexts, serverTextsStore } from '#app/utils/texts.server.ts'
import { TextsProvider } from '#app/utils/use-texts.tsx'
import { renderHtmlStream } from '#app/utils/render.server.ts'
import { isRequestMismatch, PAGE_METHODS } from '#app/utils/request-errors.server.ts'

declare module '@remix-run/node' {
	interface AppLoadContext {
		/** The Content-Security-Policy nonce server.js made for this response. */
		cspNonce?: string
	}
}

// The outbox's sender: one background loop per app process (each cluster worker runs its own;
// claims keep a message from being sent twice). The build imports this module once per process;
// a dev reload finds the loop already running. Tests never import it: they run passes themselves.
startMailSender()
// Reminders, digests and batched notification mail: a pass a minute, idempotent across processes.
startScheduledWork()
// The audit log's retention: rows older than AUDIT_RETENTION_DAYS go at start-up and once a day.
startAuditPruning()

export const streamTimeout = 5_000

export default async function handleRequest(
	request: Request,
	responseStatusCode: number,
	responseHeaders: Headers,
	remixContext: EntryContext,
	loadContext: AppLoadContext,
) {
	const nonce = loadContext.cspNonce ?? ''
	const rootData = remixContext.staticHandlerContext.loaderData.root as { language?: string } | undefined
	const detected = isLanguage(rootData?.language) ? rootData.language : await i18nServer.getLocale(request)
	const language = isLanguage(detected) ? detected : DEFAULT_LANGUAGE

	// The texts of the matched routes, and any other the render used, go to the browser in the page.
	const routeIds = remixContext.staticHandlerContext.matches.map((match) => match.route.id)
	let shellRendered = false
	const usedKeys = new Set<string>()
	const body = await recordingTexts(usedKeys, () =>
		renderHtmlStream(
			<NonceProvider value={nonce}>
				<InlineStylesheetProvider value={inlineStylesheet(request)}>
					<TextsProvider store={serverTextsStore(language)}>
						<PageTextsProvider value={() => pageTextsJson(language, routeIds, usedKeys)}>
							<RemixServer context={remixContext} url={request.url} nonce={nonce} />
						</PageTextsProvider>
					</TextsProvider>
				</InlineStylesheetProvider>
			</NonceProvider>,
			{
				nonce,
				// Crawlers get the whole page at once; people get the shell as soon as it is ready.
				waitForAll: isbot(request.headers.get('user-agent') ?? ''),
				timeoutMs: streamTimeout + 1000,
				onError(error: unknown) {
					responseStatusCode = 500
					if (shellRendered) console.error(error)
				},
			},
		),
	)
	shellRendered = true
	responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
	// A POST to a page that has no action: say what it takes.
	if (responseStatusCode === 405) responseHeaders.set('Allow', PAGE_METHODS)
	return new Response(body, { headers: responseHeaders, status: responseStatusCode })
}

/** The same for a data request (a form posted with JavaScript to a page without an action). */
export function handleDataRequest(response: Response) {
	if (response.status === 405) response.headers.set('Allow', PAGE_METHODS)
	return response
}

export function handleError(error: unknown, { request }: { request: Request }) {
	if (request.signal.aborted || isRequestMismatch(error)) return
	console.error(error)
}
