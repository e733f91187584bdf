import { describe, expect, test } from 'vitest'
import { generateToken, sha256, signIn } from '#app/features/auth/auth.server.ts'
import { requestPasswordReset } from '#app/features/auth/password-reset.server.ts'
import { judgePassword } from '#app/features/auth/password-strength.server.ts'
import { action as inviteAction } from '#app/routes/invite.$token/route.tsx'
import { action as resetAction } from '#app/routes/reset-password.$token.tsx'
import { action as settingsAction } from '#app/routes/settings.tsx'
import { db } from '#app/utils/db.server.ts'
import { getT } from '#app/utils/i18n.server.ts'
import { DEMO_PASSWORD } from '#db/seed.ts'
import { requestAs, routeArgs, run } from '#tests/helpers.ts'

type Reply = { result?: { error?: Record<string, string[]> } }
const errorsOf = (outcome: Awaited<ReturnType<typeof run>>) => (outcome.data as Reply | undefined)?.result?.error ?? {}
const STRONG = 'Quetzal-river-lantern-41'

describe('the strength estimator', () => {
	test('refuses repeated, common, keyboard and personal passwords, each with its reason; accepts long unrelated words', () => {
		const person = ['María López', 'maria.lopez@example.org']
		expect(judgePassword('aaaaaaaaaa', person)).toBe('passwordStrength.simpleRepeat')
		expect(judgePassword('password123', person)).toBe('passwordStrength.common')
		expect(judgePassword('qwertyuiop', person)).toBe('passwordStrength.topHundred')
		expect(judgePassword('abcabcabcabc', person)).toBe('passwordStrength.extendedRepeat')
		// The Spanish dictionaries: a Spanish word and a year is no password.
		expect(judgePassword('contraseña2024', person)).toMatch(/^passwordStrength\./)
		expect(judgePassword('mariposa12345', person)).toMatch(/^passwordStrength\./)
		// The person's own name and address (with or without accents), and the Academy's name.
		expect(judgePassword('maria.lopez1', person)).toBe('passwordStrength.userInputs')
		expect(judgePassword('MariaLopez2025', person)).toBe('passwordStrength.userInputs')
		expect(judgePassword('academy-demo', person)).toBe('passwordStrength.userInputs')
		expect(judgePassword('napacademy2026', person)).toBe('passwordStrength.userInputs')
		for (const strong of [STRONG, 'correct horse battery staple', 'tortuga-volcán-cuaderno'])
			expect(judgePassword(strong, person)).toBeUndefined()
	})

	test('every reason reads as a sentence in English and in Spanish', async () => {
		const [en, es] = [await getT('en'), await getT('es')]
		const reasons = ['weak', 'straightRow', 'keyPattern', 'simpleRepeat', 'extendedRepeat', 'sequences', 'recentYears', 'dates', 'topTen']
		for (const reason of [
			...reasons,
			'topHundred',
			'common',
			'similarToCommon',
			'wordByItself',
			'namesByThemselves',
			'commonNames',
			'userInputs',
		]) {
			const key = `passwordStrength.${reason}`
			expect(en(key)).not.toBe(key)
			expect(es(key)).not.toBe(key)
			expect(es(key)).not.toBe(en(key))
		}
		expect(en('passwordStrength.simpleRepeat')).toContain('Repeated characters')
		expect(es('passwordStrength.simpleRepeat')).toContain('caracteres repetidos')
	})
})

describe('every form that sets a password refuses a weak one', () => {
	test('settings: 400 on the new password with its reason, and the password stays as it was', async () => {
		const change = async (newPassword: string) =>
			run(async () =>
				settingsAction(
					routeArgs(
						await requestAs('delegate.pa@example.org', '/settings', {
							form: { intent: 'password', currentPassword: DEMO_PASSWORD, newPassword, confirmPassword: newPassword },
						}),
					),
				),
			)
		const weak = await change('aaaaaaaaaa')
		expect(weak.status).toBe(400)
		expect(errorsOf(weak).newPassword).toEqual(['passwordStrength.simpleRepeat'])
		const personal = await change('delegate.pa2026')
		expect(errorsOf(personal).newPassword).toEqual(['passwordStrength.userInputs'])
		const from = () => new Request('http://localhost/login', { headers: { 'X-Remote-Address': '10.4.0.1' } })
		expect((await signIn('delegate.pa@example.org', DEMO_PASSWORD, from())).ok).toBe(true)
		// A strong one is saved: the change ends in a redirect carrying the new session.
		const saved = await change(STRONG)
		expect(saved.status).toBe(302)
		expect(saved.response!.headers.get('Location')).toMatch(/^\/settings\?passwordChanged=1/)
	})

	test('a reset link: a common password is refused, the link still works for a strong one', async () => {
		const ask = await requestPasswordReset({
			email: 'alumni.tt@example.org',
			ip: '10.4.0.2',
			request: new Request('http://localhost/forgot-password', { method: 'POST' }),
			language: 'en',
		})
		expect(ask).toEqual({ ok: true })
		const mail = await db
			.selectFrom('mail_outbox')
			.select('text')
			.where('to_address', '=', 'alumni.tt@example.org')
			.where('template', '=', 'password-reset')
			.executeTakeFirstOrThrow()
		const token = mail.text.match(/\/reset-password\/([\w-]+)/)![1]!
		const reset = async (newPassword: string) =>
			run(async () =>
				resetAction(
					routeArgs(await requestAs(null, `/reset-password/${token}`, { form: { newPassword, confirmPassword: newPassword } }), { token }),
				),
			)
		const common = await reset('password123')
		expect(common.status).toBe(400)
		expect(errorsOf(common).newPassword).toEqual(['passwordStrength.common'])
		expect((await reset(STRONG)).status).toBe(302)
	})

	test('accepting an invitation: the invitee’s own name is refused as a password, in either language', async () => {
		const token = generateToken()
		const now = new Date()
		await db
			.insertInto('invitations')
			.values({
				id: 'invitation-strength',
				token_hash: sha256(token),
				cohort_id: 'panama-2025',
				delegation_id: 'panama-2025-pa',
				role: 'delegate',
				email: 'lucia.fuerte@example.org',
				sector: null,
				organisation: null,
				position: null,
				created_by: null,
				created_at: now.toISOString(),
				expires_at: new Date(now.getTime() + 86_400_000).toISOString(),
				accepted_at: null,
				accepted_by: null,
			})
			.execute()
		const accept = async (password: string, language: 'en' | 'es') =>
			run(async () =>
				inviteAction(
					routeArgs(
						await requestAs(null, `/invite/${token}`, {
							form: { intent: 'create', name: 'Lucía Fuerte', password, confirmPassword: password, language, sector: 'government' },
						}),
						{ token },
					),
				),
			)
		for (const language of ['en', 'es'] as const) {
			const refused = await accept('LuciaFuerte2025', language)
			expect(refused.status).toBe(400)
			const [reason] = errorsOf(refused).password ?? []
			expect(reason).toBe('passwordStrength.userInputs')
			const t = await getT(language)
			expect(t(reason!)).toMatch(language === 'es' ? /no debe contener su nombre/ : /must not contain your name/)
		}
		expect((await accept(STRONG, 'es')).status).toBe(302)
	})
})
