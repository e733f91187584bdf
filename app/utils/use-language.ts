import { useRouteLoaderData } from '@remix-run/react'
import type { loader as rootLoader } from '#app/root.tsx'
import { DEFAULT_LANGUAGE, type Language } from '#app/utils/i18n.ts'

/** The page's language (the root loader decides it: account, cookie, then the browser). */
export function useLanguage(): Language {
	return useRouteLoaderData<typeof rootLoader>('root')?.language ?? DEFAULT_LANGUAGE
}
