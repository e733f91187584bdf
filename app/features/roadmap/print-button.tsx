import { useTexts } from '#app/utils/use-texts.tsx'
import { useHydrated } from '#app/utils/use-hydrated.ts'

/**
 * Opens the browser's print dialog. Rendered only once React runs: without JavaScript a button would
 * do nothing, and the page's hint (Ctrl+P / Cmd+P) says how to print instead.
 */
export function PrintButton() {
	const { t } = useTexts()
	const hydrated = useHydrated()
	if (!hydrated) return null
	return (
		<button type="button" className="button" onClick={() => window.print()}>
			{t('roadmap.printButton')}
		</button>
	)
}
