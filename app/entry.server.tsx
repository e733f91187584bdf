import { PassThrough } from 'node:stream'
import { type AppLoadContext, createReadableStreamFromReadable, type EntryContext } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { createInstance } from 'i18next'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
// Importing the database here makes the server refuse to start on an unmigrated database.
import '#app/utils/db.server.ts'
import '#app/utils/env.server.ts'
import { DEFAULT_LANGUAGE, DEFAULT_NAMESPACE, isLanguage } from '#app/utils/i18n.ts'
import { i18nServer, resources } from '#app/utils/i18n.server.ts'
import { NonceProvider } from '#app/utils/nonce.tsx'

declare module '@remix-run/node' {
	interface AppLoadContext {
		/** The Content-Security-Policy nonce server.js made for this response. */
		cspNonce?: string
	}
}

export const streamTimeout = 5_000

export default async function handleRequest(
	request: Request,
	responseStatusCode: number,
	responseHeaders: Headers,
	remixContext: EntryContext,
	loadContext: AppLoadContext,
) {
	const nonce = loadContext.cspNonce ?? ''
	const rootData = remixContext.staticHandlerContext.loaderData.root as
		| { language?: string }
		| undefined
	const language = isLanguage(rootData?.language)
		? rootData.language
		: ((await i18nServer.getLocale(request)) ?? DEFAULT_LANGUAGE)
	const i18n = createInstance()
	await i18n.use(initReactI18next).init({
		lng: language,
		fallbackLng: DEFAULT_LANGUAGE,
		ns: [DEFAULT_NAMESPACE],
		defaultNS: DEFAULT_NAMESPACE,
		resources,
		interpolation: { escapeValue: false },
	})

	const callback = isbot(request.headers.get('user-agent') ?? '') ? 'onAllReady' : 'onShellReady'

	return new Promise((resolve, reject) => {
		let shellRendered = false
		const { pipe, abort } = renderToPipeableStream(
			<NonceProvider value={nonce}>
				<I18nextProvider i18n={i18n}>
					<RemixServer context={remixContext} url={request.url} nonce={nonce} />
				</I18nextProvider>
			</NonceProvider>,
			{
				nonce,
				[callback]: () => {
					shellRendered = true
					const body = new PassThrough()
					responseHeaders.set('Content-Type', 'text/html; charset=utf-8')
					resolve(
						new Response(createReadableStreamFromReadable(body), {
							headers: responseHeaders,
							status: responseStatusCode,
						}),
					)
					pipe(body)
				},
				onShellError(error: unknown) {
					reject(error)
				},
				onError(error: unknown) {
					responseStatusCode = 500
					if (shellRendered) console.error(error)
				},
			},
		)
		setTimeout(abort, streamTimeout + 1000)
	})
}

export function handleError(error: unknown, { request }: { request: Request }) {
	if (request.signal.aborted) return
	console.error(error)
}
