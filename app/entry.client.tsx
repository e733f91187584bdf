import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { startTexts } from '#app/utils/texts.client.ts'
import { loadRenderedMdxModules } from '#app/features/curriculum/mdx-modules.ts'

async function hydrate() {
	// The page's curriculum modules load alongside its texts; both are needed to hydrate.
	// If one cannot load, the page stays as the server rendered it (it works without JavaScript).
	const curriculum = loadRenderedMdxModules()
	// The page's texts are in the page already (app/utils/texts.client.ts).
	const i18next = await startTexts()
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
