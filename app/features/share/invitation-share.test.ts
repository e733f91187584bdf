import { describe, expect, test } from 'vitest'
import { countryLanguage, invitationShares } from '#app/features/share/invitation-share.server.ts'
import { requestAs, routeArgs, run } from '#tests/helpers.ts'

type Shared = { links: Array<{ url: string; language: string; shareText: string; shareTitle: string }> }

async function invite(email: string, name: string, delegation = { cohortId: 'panama-2025', delegationId: 'panama-2025-cr' }) {
	const { action } = await import('#app/routes/cohorts.$cohortId.delegations.$delegationId/route.tsx')
	const request = await requestAs('facilitator@example.org', `/cohorts/${delegation.cohortId}/delegations/${delegation.delegationId}`, {
		form: { intent: 'inviteOne', name, email, sector: 'government' },
	})
	const result = await run(() => action(routeArgs(request, delegation)))
	expect(result.status).toBe(200)
	return (result.data as Shared).links[0]!
}

describe('sharing an invitation link', () => {
	test('a new invitee of Costa Rica’s delegation gets the message in Spanish, with their link', async () => {
		const link = await invite('ines.share@example.org', 'Inés Compartida')
		expect(link.language).toBe('es')
		expect(link.shareText).toBe(
			`Hola, Inés Compartida: le invitamos a sumarse a la delegación de Costa Rica en la Academia PAN (Panama City 2025). Cree su cuenta con este enlace personal: ${link.url}`,
		)
		expect(link.url).toMatch(/^http:\/\/localhost\/invite\/[A-Za-z0-9_-]{20,}$/)
	})

	test('someone whose address already has an account gets it in their account’s language', async () => {
		// The Trinidad and Tobago alumna reads English.
		const link = await invite('alumni.tt@example.org', 'Alumna TT')
		expect(link.language).toBe('en')
		expect(link.shareText).toContain('you are invited to join the Costa Rica delegation at the NAP Academy (Panama City 2025)')
		expect(link.shareText).toContain(link.url)
	})

	test('the country’s main language, else the facilitator’s', async () => {
		expect(countryLanguage('tt')).toBe('en')
		expect(countryLanguage('EC')).toBe('es')
		expect(countryLanguage('BR')).toBeNull()
		const [brazil] = await invitationShares({
			links: [{ name: 'Beatriz', email: 'beatriz.share@example.org', token: 't', url: 'https://academy.example.org/invite/t' }],
			delegation: { cohort_id: 'panama-2025', country_code: 'BR' },
			facilitatorLanguage: 'en',
		})
		expect(brazil!.language).toBe('en')
		expect(brazil!.shareTitle).toBe('Invitation to the NAP Academy – Panama City 2025')
		// Not HTML-escaped: the link survives as it is.
		expect(brazil!.shareText).toContain('https://academy.example.org/invite/t')
	})
})
