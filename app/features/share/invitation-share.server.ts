/**
 * The message that goes with an invitation link when a facilitator shares it (WhatsApp, the phone's
 * share sheet), written in the invitee's language. An invitation stores no language, so it is, in
 * order: the language of the invitee's account when their address already has one; else the main
 * language of the delegation's country (Spanish for Bolivia, Costa Rica, Ecuador, Panama…, English
 * for Trinidad and Tobago, Barbados, Jamaica…); else the language the facilitator is using.
 */
import { type Kysely } from 'kysely'
import { type NewLink } from '#app/features/cohorts/roster.server.ts'
import { db } from '#app/utils/db.server.ts'
import { countryName } from '#app/utils/format.ts'
import { isLanguage, type Language } from '#app/utils/i18n.ts'
import { getT } from '#app/utils/i18n.server.ts'
import type { Database } from '#db/schema.ts'

/** Calendar and message text is not HTML: values go in as they are. */
const RAW = { escapeValue: false }

const SPANISH = new Set('AR BO CL CO CR CU DO EC ES GQ GT HN MX NI PA PE PR PY SV UY VE'.split(' '))
const ENGLISH = new Set('AG AU BB BS BZ CA DM GB GD GY IE JM KN LC NZ TT US VC'.split(' '))

/** The main language of a country among the Academy's, or null when it is neither. */
export function countryLanguage(code: string): Language | null {
	const upper = code.toUpperCase()
	if (SPANISH.has(upper)) return 'es'
	if (ENGLISH.has(upper)) return 'en'
	return null
}

export type SharedLink = NewLink & { url: string; language: Language; shareText: string; shareTitle: string }

/**
 * Each invitee's language, by address (lower case): their account's, else the delegation country's
 * main language, else the facilitator's. `executor` lets the mail for a new invitation be queued
 * in the transaction that creates it.
 */
export async function inviteeLanguages(
	emails: string[],
	delegation: { country_code: string },
	facilitatorLanguage: Language,
	executor: Kysely<Database> = db,
): Promise<(email: string) => Language> {
	const addresses = [...new Set(emails.map((email) => email.trim().toLowerCase()))]
	const accounts = addresses.length
		? await executor.selectFrom('users').select(['email', 'language']).where('email', 'in', addresses).execute()
		: []
	const accountLanguage = new Map(accounts.map((account) => [account.email, account.language]))
	const fallback = countryLanguage(delegation.country_code) ?? facilitatorLanguage
	return (email) => {
		const known = accountLanguage.get(email.trim().toLowerCase())
		return isLanguage(known) ? known : fallback
	}
}

export async function invitationShares(input: {
	links: Array<NewLink & { url: string }>
	delegation: { cohort_id: string; country_code: string }
	facilitatorLanguage: Language
}): Promise<SharedLink[]> {
	if (!input.links.length) return []
	const [cohort, languageOf] = await Promise.all([
		db.selectFrom('cohorts').select('name').where('id', '=', input.delegation.cohort_id).executeTakeFirstOrThrow(),
		inviteeLanguages(
			input.links.map((link) => link.email),
			input.delegation,
			input.facilitatorLanguage,
		),
	])
	return Promise.all(
		input.links.map(async (link) => {
			const language = languageOf(link.email)
			const t = await getT(language)
			const values = {
				name: link.name || link.email,
				cohort: cohort.name,
				country: countryName(input.delegation.country_code, language),
				url: link.url,
			}
			return {
				...link,
				language,
				shareText: t('share.invitationText', { ...values, interpolation: RAW }),
				shareTitle: t('share.invitationTitle', { ...values, interpolation: RAW }),
			}
		}),
	)
}
