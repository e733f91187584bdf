import { describe, expect, test } from 'vitest'
import { db } from '#app/utils/db.server.ts'
import { requestAs, routeArgs, run } from '#tests/helpers.ts'

/** The account forms answer a bad submission with 400 and a message next to the wrong field, and change nothing. */
type Reply = { result: { error?: Record<string, string[] | null> | null } }
const errorsOf = (result: { data?: unknown }) => (result.data as Reply).result.error ?? {}
const EMAIL = 'delegate.bo@example.org'
const user = () => db.selectFrom('users').selectAll().where('email', '=', EMAIL).executeTakeFirstOrThrow()

describe('invalid account forms', () => {
	test('the language switcher refuses an unknown language and keeps the account’s', async () => {
		const { action } = await import('#app/routes/set-language.tsx')
		const before = await user()
		// Thrown, for the page's error boundary to answer with its 400 page.
		const thrown = (await action(routeArgs(await requestAs(EMAIL, '/set-language', { form: { lng: 'fr' } }))).catch(
			(error: unknown) => error,
		)) as {
			data: unknown
			init: { status: number }
		}
		expect(thrown.init.status).toBe(400)
		expect(errorsOf(thrown).lng).toEqual(['forms.languageInvalid'])
		expect((await user()).language).toBe(before.language)
	})

	test('settings: a short name and mismatched passwords are refused field by field', async () => {
		const { action } = await import('#app/routes/settings.tsx')
		const before = await user()
		const profile = await run(async () =>
			action(routeArgs(await requestAs(EMAIL, '/settings', { form: { intent: 'profile', name: 'X', language: 'en' } }))),
		)
		expect(profile.status).toBe(400)
		expect(errorsOf(profile).name).toEqual(['forms.nameTooShort'])
		const password = await run(async () =>
			action(
				routeArgs(
					await requestAs(EMAIL, '/settings', {
						form: { intent: 'password', currentPassword: 'whatever', newPassword: 'a-long-new-password', confirmPassword: 'another-one' },
					}),
				),
			),
		)
		expect(password.status).toBe(400)
		expect(errorsOf(password).confirmPassword).toEqual(['forms.passwordsDontMatch'])
		expect(await user()).toEqual(before)
	})

	test('signing out and posting to an unknown page read their (empty) forms', async () => {
		const logout = await import('#app/routes/logout.tsx')
		expect((await run(async () => logout.action(routeArgs(await requestAs(EMAIL, '/logout', { form: {} }))))).status).toBe(302)
		const notFound = await import('#app/routes/$.tsx')
		const result = await run(async () =>
			notFound.action(routeArgs(await requestAs(EMAIL, '/no/such/page', { form: { anything: 'x' } }), { '*': 'no/such/page' })),
		)
		expect(result.status).toBe(404)
	})
})
