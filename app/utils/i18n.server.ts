import type { TFunction } from 'i18next'
import { createCookie } from '@remix-run/node'
import { RemixI18Next } from 'remix-i18next/server'
import enCommon from '#app/locales/en/common.json'
import esCommon from '#app/locales/es/common.json'
import { DEFAULT_LANGUAGE, DEFAULT_NAMESPACE, isLanguage, type Language, LANGUAGES } from '#app/utils/i18n.ts'

export const resources = {
	en: { [DEFAULT_NAMESPACE]: enCommon },
	es: { [DEFAULT_NAMESPACE]: esCommon },
}

/** Set by the visible language switcher; remembered for a year. */
export const languageCookie = createCookie('lng', {
	path: '/',
	sameSite: 'lax',
	httpOnly: true,
	maxAge: 60 * 60 * 24 * 365,
})

export const i18nServer = new RemixI18Next({
	detection: {
		supportedLanguages: [...LANGUAGES],
		fallbackLanguage: DEFAULT_LANGUAGE,
		cookie: languageCookie,
		order: ['searchParams', 'cookie', 'header'],
	},
	i18next: { resources, defaultNS: DEFAULT_NAMESPACE, fallbackLng: DEFAULT_LANGUAGE },
})

/**
 * The language of a request: `?lng=` on the URL first (any page), then the signed-in user's
 * setting, then the switcher's cookie, then Accept-Language.
 */
export async function getLanguage(request: Request, userLanguage?: string | null): Promise<Language> {
	const fromUrl = new URL(request.url).searchParams.get('lng')
	if (isLanguage(fromUrl)) return fromUrl
	if (isLanguage(userLanguage)) return userLanguage
	const detected = await i18nServer.getLocale(request)
	return isLanguage(detected) ? detected : DEFAULT_LANGUAGE
}

/**
 * The server's translation function for a language. The resources are bundled and never change, so
 * one i18next instance per language serves every request (getFixedT builds a new one per call).
 */
const fixedT = new Map<Language, ReturnType<typeof i18nServer.getFixedT>>()
export async function getT(language: Language) {
	let t = fixedT.get(language)
	if (!t) {
		t = i18nServer.getFixedT(language, DEFAULT_NAMESPACE)
		fixedT.set(language, t)
		t.catch(() => fixedT.delete(language))
	}
	return t
}

/**
 * A translation function that does not HTML-escape interpolated values, for text that is escaped
 * where it is written instead: mail (the layout escapes its HTML; the text version must read
 * "Trinidad & Tobago") and strings a loader hands to React (which escapes them itself).
 */
export async function getTextT(language: Language): Promise<TFunction> {
	const t = await getT(language)
	return ((key: string, options?: Record<string, unknown>) =>
		t(key, { ...options, interpolation: { escapeValue: false } })) as unknown as TFunction
}
