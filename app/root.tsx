import { type LinksFunction, type LoaderFunctionArgs, type MetaFunction, data } from '@remix-run/node'
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteLoaderData } from '@remix-run/react'
import { useEffect } from 'react'
import { useTexts } from '#app/utils/use-texts.tsx'
import { PageTextsScript, useTextsLanguage } from '#app/components/page-texts.tsx'
import { GeneralErrorBoundary } from '#app/components/ui/error-boundary.tsx'
import { unreadCount } from '#app/features/notifications/notify.server.ts'
import { OfflineSync } from '#app/features/offline/offline-ui.tsx'
import { SiteFooter, SiteHeader } from '#app/components/ui/site-header.tsx'
import appStylesheet from '#app/styles/app.css?url'
import { DEFAULT_LANGUAGE } from '#app/utils/i18n.ts'
import { getLanguage, getT } from '#app/utils/i18n.server.ts'
import { errorTitle, type PageTitles } from '#app/utils/meta.ts'
import { useNonce } from '#app/utils/nonce.tsx'
import { Stylesheet } from '#app/utils/inline-styles.tsx'
import { getViewer, primaryRole } from '#app/utils/permissions.server.ts'

export const links: LinksFunction = () => [
	{ rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
	{ rel: 'manifest', href: '/manifest.webmanifest' },
	{ rel: 'apple-touch-icon', href: '/icon-192.png' },
]

export async function loader({ request }: LoaderFunctionArgs) {
	const viewer = await getViewer(request)
	const language = await getLanguage(request, viewer?.language)
	const t = await getT(language)
	const titles: PageTitles = {
		appName: t('app.name'),
		errors: {
			forbidden: t('errors.forbidden.title'),
			notFound: t('errors.notFound.title'),
			badRequest: t('errors.badRequest.title'),
			unavailable: t('errors.unavailable.title'),
			unexpected: t('errors.unexpected.title'),
		},
	}
	return data({
		language,
		titles,
		viewer: viewer
			? { id: viewer.id, name: viewer.name, role: primaryRole(viewer), isStaff: viewer.isStaff, unread: await unreadCount(viewer.id) }
			: null,
	})
}

/** Used by pages without a meta of their own, and when the root itself fails. */
export const meta: MetaFunction<typeof loader> = ({ data, error, matches }) => [
	{ title: error ? errorTitle(error, matches) : data?.titles.appName },
]

export type RootLoaderData = Awaited<ReturnType<typeof loader>>['data']

export function useRootData() {
	return useRouteLoaderData<typeof loader>('root')
}

export function Layout({ children }: { children: React.ReactNode }) {
	const rootData = useRootData()
	const language = rootData?.language ?? DEFAULT_LANGUAGE
	const { t } = useTexts()
	const nonce = useNonce()
	return (
		<html lang={language} dir="ltr">
			<head>
				<meta charSet="utf-8" />
				<meta name="viewport" content="width=device-width, initial-scale=1" />
				<meta name="color-scheme" content="light" />
				<meta name="theme-color" content="#5b2a86" />
				<Meta />
				<Stylesheet href={appStylesheet} nonce={nonce} />
				<Links />
			</head>
			<body>
				<a className="skip-link" href="#main">
					{t('nav.skipToContent')}
				</a>
				<SiteHeader viewer={rootData?.viewer ?? null} language={language} />
				<main id="main" tabIndex={-1}>
					{children}
				</main>
				<SiteFooter />
				<ScrollRestoration nonce={nonce} />
				<Scripts nonce={nonce} />
				<PageTextsScript />
			</body>
		</html>
	)
}

export default function App() {
	const rootData = useRootData()
	useTextsLanguage(rootData?.language ?? DEFAULT_LANGUAGE)
	// Marks the page as interactive (browser tests wait for it before clicking).
	useEffect(() => {
		document.documentElement.dataset.hydrated = 'true'
	}, [])
	return (
		<>
			<Outlet />
			<OfflineSync viewerId={rootData?.viewer?.id ?? null} />
		</>
	)
}

export function ErrorBoundary() {
	return <GeneralErrorBoundary />
}
