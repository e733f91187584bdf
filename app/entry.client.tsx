import { RemixBrowser } from '@remix-run/react'
import i18next from 'i18next'
import resourcesToBackend from 'i18next-resources-to-backend'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { DEFAULT_LANGUAGE, DEFAULT_NAMESPACE, LANGUAGES } from '#app/utils/i18n.ts'
import { loadRenderedMdxModules } from '#app/features/curriculum/mdx-modules.ts'

async function hydrate() {
	// The page's curriculum modules load alongside the translations; both are needed to hydrate.
	// If one cannot load, the page stays as the server rendered it (it works without JavaScript).
	const curriculum = loadRenderedMdxModules()
	await i18next
		.use(initReactI18next)
		// Only the page's language is downloaded (its own small chunk), the other on demand.
		.use(resourcesToBackend((language: string) => import(`./locales/${language}/common.json`)))
		.init({
			lng: document.documentElement.lang || DEFAULT_LANGUAGE,
			// Both locale files have the same keys (a unit test checks it), so the client never needs
			// to download the fallback language.
			fallbackLng: false,
			supportedLngs: [...LANGUAGES],
			ns: [DEFAULT_NAMESPACE],
			defaultNS: DEFAULT_NAMESPACE,
			interpolation: { escapeValue: false },
			react: { useSuspense: false },
		})
	await curriculum

	startTransition(() => {
		hydrateRoot(
			document,
			<I18nextProvider i18n={i18next}>
				<StrictMode>
					<RemixBrowser />
				</StrictMode>
			</I18nextProvider>,
		)
	})
}

void hydrate()
