import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { textsStore } from '#app/utils/texts.client.ts'
import { TextsProvider } from '#app/utils/use-texts.tsx'
import { loadRenderedMdxModules } from '#app/features/curriculum/mdx-modules.ts'
import { loadRenderedParts } from '#app/utils/on-demand-registry.ts'

async function hydrate() {
	// The page's curriculum modules are needed to hydrate (its texts are in the page already,
	// app/utils/texts.client.ts), and so are the modules of the parts loaded on demand that the
	// server rendered open (app/utils/on-demand.tsx). If one cannot load, the page stays as the
	// server rendered it (it works without JavaScript).
	await Promise.all([loadRenderedMdxModules(), loadRenderedParts()])

	startTransition(() => {
		hydrateRoot(
			document,
			<TextsProvider store={textsStore}>
				<StrictMode>
					<RemixBrowser />
				</StrictMode>
			</TextsProvider>,
		)
	})
}

void hydrate()
