import { expect, test } from 'vitest'
import { requestAs, routeArgs, run } from '#tests/helpers.ts'

const { loader } = await import('#app/routes/roadmaps.$delegationId.print.tsx')

async function printPage(email: string, delegationId: string) {
	return run(async () => loader(routeArgs(await requestAs(email, `/roadmaps/${delegationId}/print`), { delegationId })))
}

test("the print page's cover names the delegation's members with their institutions, and no e-mail address", async () => {
	const page = await printPage('cr2@example.org', 'panama-2025-cr')
	expect(page.status).toBe(200)
	const { members } = page.data as { members: Array<{ name: string; organisation: string; position: string; sector: string }> }
	expect(members).toHaveLength(6)
	expect(members).toContainEqual(
		expect.objectContaining({
			name: 'Carla Demostración',
			organisation: 'Ministerio de Relaciones Exteriores y Culto',
			position: 'Consejera',
			sector: 'government',
		}),
	)
	expect(members).toContainEqual(
		expect.objectContaining({ name: 'Cristian Muestra', organisation: 'Una asociación de mujeres rurales', sector: 'civil_society' }),
	)
	expect(JSON.stringify(members)).not.toContain('@')
})

test('a delegate of another delegation gets no print page, and so no list of its members', async () => {
	const page = await printPage('delegate.bo@example.org', 'panama-2025-cr')
	expect(page.status).toBe(403)
	expect(page.data).toBeUndefined()
})
