import { describe, expect, test } from 'vitest'
import { parseRoster, parseSector } from '#app/features/cohorts/roster.server.ts'

describe('reading a roster', () => {
	test('reads rows with or without a header, comma or semicolon, English or Spanish', () => {
		const plain = parseRoster(
			'Ana Example,ana@example.org,government,Ministry,Director\nBruno Sample,BRUNO@example.org,civil society,Network,Chair',
		)
		expect(plain.errors).toEqual([])
		expect(plain.rows.map((r) => [r.email, r.sector])).toEqual([
			['ana@example.org', 'government'],
			['bruno@example.org', 'civil_society'],
		])
		const spanish = parseRoster('\uFEFFnombre;correo;sector;organización;cargo\nCarla Prueba;carla@example.org;Sociedad civil;Red;Vocera\n')
		expect(spanish.errors).toEqual([])
		expect(spanish.rows[0]).toEqual({
			name: 'Carla Prueba',
			email: 'carla@example.org',
			sector: 'civil_society',
			organisation: 'Red',
			position: 'Vocera',
		})
	})

	test('reports every bad row with its line: missing email, bad email, unknown sector, duplicate', () => {
		const { rows, errors } = parseRoster(
			[
				'name,email,sector,organisation,position',
				'Good Person,good@example.org,government,Ministry,Analyst',
				'No Email,,government,Ministry,Analyst',
				'Bad Email,not-an-email,academia,University,Lecturer',
				'Odd Sector,odd@example.org,army,Defence,Officer',
				'Twice,good@example.org,government,Ministry,Analyst',
			].join('\n'),
		)
		expect(rows.map((r) => r.email)).toEqual(['good@example.org'])
		expect(errors.map((e) => [e.line, e.field, e.message])).toEqual([
			[3, 'email', 'roster.errors.emailMissing'],
			[4, 'email', 'roster.errors.emailInvalid'],
			[5, 'sector', 'roster.errors.sectorUnknown'],
			[6, 'email', 'roster.errors.duplicate'],
		])
	})

	test('flags people already in the delegation or already invited', () => {
		const { errors } = parseRoster('Ana,ana@example.org,government', { emails: new Set(['ana@example.org']) })
		expect(errors).toMatchObject([{ line: 1, field: 'email', message: 'roster.errors.alreadyInvited' }])
	})

	test('an empty roster or one without an email column says so', () => {
		expect(parseRoster('  \n').errors[0]?.message).toBe('roster.errors.empty')
		expect(parseRoster('name,sector\nAna,government').errors[0]?.message).toBe('roster.errors.noEmailColumn')
	})

	test('sectors are understood in either language', () => {
		expect(parseSector('Organismo internacional')).toBe('international_organisation')
		expect(parseSector('international organization')).toBe('international_organisation')
		expect(parseSector('Gobierno')).toBe('government')
		expect(parseSector('military')).toBeNull()
	})
})
