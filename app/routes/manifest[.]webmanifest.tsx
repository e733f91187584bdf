import { type LoaderFunctionArgs } from '@remix-run/node'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { getViewer } from '#app/utils/permissions.server.ts'

/** The web app manifest, in the reader's language: the Academy installs on a phone's home screen. */
export async function loader({ request }: LoaderFunctionArgs) {
	const viewer = await getViewer(request)
	const language = await getLanguage(request, viewer?.language)
	const t = await getT(language)
	const manifest = {
		name: t('app.name'),
		short_name: t('app.name'),
		description: t('offline.manifestDescription'),
		lang: language,
		dir: 'ltr',
		start_url: '/home',
		scope: '/',
		display: 'standalone',
		background_color: '#ffffff',
		theme_color: '#5b2a86',
		icons: [
			{ src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
			{ src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
			{ src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
			{ src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml' },
		],
	}
	return new Response(JSON.stringify(manifest), {
		headers: { 'Content-Type': 'application/manifest+json; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
	})
}
