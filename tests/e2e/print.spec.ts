import { hash } from '@node-rs/argon2'
import { type Page } from '@playwright/test'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { applyChange, createRoadmap } from '../../app/features/roadmap/items.server.ts'
import { db, DEMO_PASSWORD, expect, loginAs, test } from './fixtures.ts'
import { newCohortWithDelegation } from './roadmaps.ts'

/**
 * The printed roadmap as a ministry gets it: a roadmap of Mexico's shape (4 pillars, 10 objectives,
 * 16 lines of action, 23 indicators), printed to PDF by Chromium on A4 and on Letter, and read back
 * page by page.
 */

const MEMBERS = [
	{
		name: 'Lucía Hernández Ortega',
		organisation: 'Secretaría de Relaciones Exteriores',
		sector: 'government' as const,
		position: 'Directora',
	},
	{ name: 'Marta Ruiz Campos', organisation: 'Instituto Nacional de las Mujeres', sector: 'government' as const, position: 'Coordinadora' },
	{ name: 'Jorge Salas Medina', organisation: 'Secretaría de la Defensa Nacional', sector: 'government' as const, position: 'Enlace' },
	{ name: 'Rosa Elena Vidal', organisation: 'Red Nacional de Refugios', sector: 'civil_society' as const, position: 'Presidenta' },
]

/** Objectives per pillar, and actions per objective: 10 objectives, 16 actions. */
const SHAPE = [
	[2, 2, 1],
	[2, 2, 1],
	[2, 1],
	[2, 1],
]
/** Which actions (in plan order) carry an indicator of their own: 13 of 16, plus one per objective = 23. */
const ACTIONS_WITH_INDICATOR = new Set([0, 1, 2, 3, 5, 6, 7, 9, 10, 11, 12, 14, 15])

const OBJECTIVES = [
	'Prevenir la violencia contra las mujeres y las niñas en contextos de inseguridad y crimen organizado',
	'Fortalecer los mecanismos de alerta temprana con perspectiva de género en los estados fronterizos',
	'Transformar las normas sociales que toleran la violencia en las comunidades',
	'Aumentar la participación significativa de las mujeres en las instituciones de seguridad y defensa',
	'Asegurar la presencia de mujeres en los procesos de negociación y construcción de paz',
	'Promover el liderazgo de mujeres indígenas y afrodescendientes en la toma de decisiones',
	'Garantizar la atención integral y el acceso a la justicia de las sobrevivientes de violencia',
	'Proteger a las defensoras de derechos humanos y a las periodistas',
	'Incorporar la perspectiva de género en la respuesta humanitaria y a desastres',
	'Asegurar la reintegración y la recuperación de las mujeres desplazadas',
]
const ACTIONS = [
	'Diseñar e implementar protocolos de prevención de la violencia de género en los municipios con mayor incidencia delictiva',
	'Capacitar al personal de la Guardia Nacional en derechos humanos de las mujeres y atención a víctimas',
	'Instalar un sistema de alerta temprana comunitario con participación de organizaciones de mujeres',
	'Elaborar mapas de riesgo georreferenciados desagregados por sexo y edad',
	'Realizar campañas nacionales de comunicación para la transformación de normas sociales',
	'Establecer cuotas de ingreso y ascenso para mujeres en las fuerzas armadas y la policía',
	'Crear redes de mujeres policías y militares con mentoría entre pares',
	'Incluir a mujeres mediadoras en las mesas de diálogo y negociación a nivel local',
	'Financiar escuelas de liderazgo para mujeres indígenas y afrodescendientes',
	'Ampliar la red de centros de justicia para las mujeres en todas las entidades federativas',
	'Fortalecer los refugios y casas de medio camino con financiamiento plurianual',
	'Implementar el mecanismo de protección para defensoras con enfoque diferenciado',
	'Capacitar a periodistas y medios en cobertura con perspectiva de género',
	'Integrar la perspectiva de género en los protocolos de protección civil y respuesta a desastres',
	'Garantizar servicios de salud sexual y reproductiva en albergues y campamentos',
	'Desarrollar programas de autonomía económica para mujeres desplazadas internamente',
]
const LEADS = [
	'Secretaría de Seguridad y Protección Ciudadana',
	'Guardia Nacional',
	'Instituto Nacional de las Mujeres',
	'Secretaría de la Defensa Nacional',
	'Secretaría de Gobernación',
	'Comisión Nacional para Prevenir y Erradicar la Violencia contra las Mujeres',
]
const MEANS = [
	'Registros administrativos del Secretariado Ejecutivo del Sistema Nacional de Seguridad Pública, desagregados por entidad federativa',
	'Encuesta Nacional sobre la Dinámica de las Relaciones en los Hogares (ENDIREH) del INEGI',
	'Informes anuales de la Secretaría de la Defensa Nacional y de la Guardia Nacional sobre su personal',
	'Listas de asistencia, actas de las sesiones y evaluaciones de las capacitaciones',
]

type Indicator = { statement: string; reporter: string }

/** A cohort, a delegation of Mexico with four members, and its roadmap built through `applyChange`. */
async function mexicoRoadmap() {
	const { delegationId, suffix } = await newCohortWithDelegation('print', 'MX', { name: 'Cohorte de impresión' })
	const now = new Date().toISOString()
	const passwordHash = await hash(DEMO_PASSWORD)
	const emails: string[] = []
	for (const [index, member] of MEMBERS.entries()) {
		const id = `e2e-print-${suffix}-${index}`
		const email = `${id}@example.org`
		emails.push(email)
		await db
			.insertInto('users')
			.values({ id, email, name: member.name, password_hash: passwordHash, language: 'es', created_at: now })
			.execute()
		await db
			.insertInto('delegation_members')
			.values({
				delegation_id: delegationId,
				user_id: id,
				sector: member.sector,
				organisation: member.organisation,
				position: member.position,
				is_lead: index === 0 ? 1 : 0,
				joined_at: now,
			})
			.execute()
	}
	const { id: roadmapId } = await createRoadmap(db, { delegationId, language: 'es', userId: null, currency: 'MXN' })
	const create = async (kind: 'objective' | 'action' | 'indicator', parentId: string, data: Record<string, unknown>) => {
		const result = await applyChange(db, roadmapId, null, { type: 'create', kind, parentId, data })
		if (!result.ok || !result.id) throw new Error(`Could not create a ${kind}: ${JSON.stringify(result)}`)
		return result.id
	}
	const pillars = await db
		.selectFrom('roadmap_items')
		.select('id')
		.where('roadmap_id', '=', roadmapId)
		.where('kind', '=', 'pillar')
		.orderBy('position')
		.execute()
	const indicators: Indicator[] = []
	const actionNumbers: string[] = []
	const addIndicator = async (parentId: string, index: number) => {
		const n = String(indicators.length + 1).padStart(2, '0')
		const percent = index % 3 !== 2
		const statement = percent
			? `Porcentaje de mujeres que participan en las instancias previstas, indicador ${n}, medido en las entidades prioritarias`
			: `Número de protocolos, programas y servicios en funcionamiento, indicador ${n}, con presupuesto asignado`
		const reporter = `Unidad de igualdad de género, informe ${n}`
		// Every fourth indicator has no baseline yet, every fifth no target: the print shows a dash.
		await create('indicator', parentId, {
			statement,
			type: index % 2 ? 'outcome' : 'output',
			measure: percent ? 'percent' : 'number',
			unit: percent ? '%' : 'servicios',
			baselineValue: index % 4 === 3 ? '' : String(10 + index),
			baselineYear: index % 4 === 3 ? null : 2024,
			targetValue: index % 5 === 4 ? '' : String(30 + index),
			targetYear: index % 5 === 4 ? null : 2030,
			means: MEANS[index % MEANS.length],
			frequency: 'annual',
			reporter,
		})
		indicators.push({ statement, reporter })
	}
	let objectiveIndex = 0
	let actionIndex = 0
	for (const [p, objectives] of SHAPE.entries()) {
		for (const [o, actionCount] of objectives.entries()) {
			const objectiveId = await create('objective', pillars[p]!.id, { statement: OBJECTIVES[objectiveIndex] })
			await addIndicator(objectiveId, indicators.length)
			for (let a = 0; a < actionCount; a++) {
				const actionId = await create('action', objectiveId, {
					description: ACTIONS[actionIndex],
					lead: LEADS[actionIndex % LEADS.length],
					partners: actionIndex % 3 ? 'ONU Mujeres; organizaciones de la sociedad civil' : '',
					start: '2026-Q1',
					end: actionIndex % 2 ? '2028-Q4' : '2027-Q2',
					status: 'planned',
					// Every seventh action is not costed yet: a dash, never a bare currency.
					cost: actionIndex % 7 === 6 ? null : (1_250_000 + actionIndex * 100_000) * 100,
					source: actionIndex % 2 ? 'international_cooperation' : 'national_budget',
					committed: actionIndex % 3 === 0,
					level: 'national',
					places: '',
				})
				actionNumbers.push(`${p + 1}.${o + 1}.${a + 1}`)
				if (ACTIONS_WITH_INDICATOR.has(actionIndex)) await addIndicator(actionId, indicators.length)
				actionIndex++
			}
			objectiveIndex++
		}
	}
	expect(indicators).toHaveLength(23)
	expect(actionNumbers).toHaveLength(16)
	return { delegationId, email: emails[1]!, indicators, actionNumbers }
}

/** Each page's text, with runs of white space as one space (non-breaking ones too). */
async function pdfPages(pdf: Buffer) {
	const document = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise
	const pages: string[] = []
	for (let n = 1; n <= document.numPages; n++) {
		const content = await (await document.getPage(n)).getTextContent()
		const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : '')).join('')
		pages.push(text.replace(/\s+/g, ' ').trim())
	}
	await document.destroy()
	return pages
}

/** Text without any white space: a word wrapped over two lines still matches. */
const squeeze = (text: string) => text.replace(/\s+/g, '')

async function headingTexts(page: Page) {
	return page.locator('.print-page :is(h1, h2, h3, h4)').evaluateAll((headings) => headings.map((h) => h.textContent ?? ''))
}

for (const format of ['A4', 'Letter'] as const) {
	test(`the roadmap printed to PDF on ${format}: a cover with the delegation, no stranded heading, no split row, no bare unit`, async ({
		page,
	}) => {
		test.setTimeout(120_000)
		const { delegationId, email, indicators, actionNumbers } = await mexicoRoadmap()
		await loginAs(page, email)
		await page.goto(`/roadmaps/${delegationId}/print`)
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Hoja de ruta de México')
		const headings = (await headingTexts(page)).map(squeeze).filter(Boolean)

		const pdf = await page.pdf({ format })
		await test.info().attach(`roadmap-${format}.pdf`, { body: pdf, contentType: 'application/pdf' })
		const pages = await pdfPages(pdf)
		expect(pages.length).toBeGreaterThan(3)

		// The cover: who, which cohort, how far along, when, in which currency, and the members.
		const cover = pages[0]!
		expect.soft(cover).toContain('Hoja de ruta de México')
		expect.soft(cover).toMatch(/Cohorte de impresión/)
		expect.soft(cover).toContain('Borrador')
		expect.soft(cover).toContain('MXN')
		expect.soft(cover).toMatch(/Impreso el/)
		for (const member of MEMBERS) {
			expect.soft(squeeze(cover)).toContain(squeeze(member.name))
			expect.soft(squeeze(cover)).toContain(squeeze(member.organisation))
		}

		// No page holds only headings (a heading stranded at the bottom of the page before it).
		for (const [index, text] of pages.entries()) {
			let rest = squeeze(text)
			for (const heading of [...headings].sort((a, b) => b.length - a.length)) rest = rest.split(heading).join('')
			expect.soft(rest, `page ${index + 1} has only headings: ${text}`).not.toBe('')
		}
		// Headings are not the last thing on a page either: what follows a heading is on its page.
		for (const [index, text] of pages.entries()) {
			const squeezed = squeeze(text)
			for (const heading of headings) {
				if (squeezed.length > heading.length) {
					expect.soft(squeezed.endsWith(heading), `page ${index + 1} ends with the heading ${heading}`).toBe(false)
				}
			}
		}

		// No indicator row is split over two pages: all of a row's text is on one page.
		for (const indicator of indicators) {
			const onPages = pages.filter((text) => squeeze(text).includes(squeeze(indicator.statement)))
			expect.soft(onPages, `the row of "${indicator.statement}" is whole on one page`).toHaveLength(1)
			expect
				.soft(squeeze(onPages[0] ?? ''), `the rest of the row of "${indicator.statement}" is on its page`)
				.toContain(squeeze(indicator.reporter))
		}

		// Empty values are dashes: no bare "%" or unit, nothing the code forgot to fill.
		const all = pages.join('\n')
		expect.soft(all).not.toMatch(/(?<!\d ?)%/)
		expect.soft(all).not.toMatch(/(?<![\d.,]) servicios \(\d{4}\)/)
		expect.soft(all).not.toMatch(/\b(undefined|null|NaN)\b/)
		expect.soft(all).not.toMatch(/\(\s*\)/)

		// Every line of action is there, by its number.
		for (const number of actionNumbers) expect.soft(all).toMatch(new RegExp(`(^|\\s)${number.replaceAll('.', '\\.')}(\\s|$)`))
	})
}

test('at the width of an A4 page no table is wider than the page, in print', async ({ page }) => {
	const { delegationId, email } = await mexicoRoadmap()
	await loginAs(page, email)
	// A4 is 210 mm wide; less the page's margins (15 mm each side) that is 180 mm, 680 CSS pixels.
	await page.setViewportSize({ width: 680, height: 960 })
	await page.goto(`/roadmaps/${delegationId}/print`)
	await page.emulateMedia({ media: 'print' })
	const tables = await page.locator('.print-page table').evaluateAll((all) =>
		all.map((table) => ({
			caption: table.closest('[aria-label]')?.getAttribute('aria-label') ?? '',
			width: table.scrollWidth,
			container: table.parentElement!.clientWidth,
			page: document.documentElement.clientWidth,
		})),
	)
	expect(tables.length).toBeGreaterThan(10)
	for (const table of tables) {
		expect(table.width, `${table.caption} fits its container`).toBeLessThanOrEqual(table.container)
		expect(table.width, `${table.caption} fits the page`).toBeLessThanOrEqual(table.page)
	}
})

test.describe('the print button', () => {
	test('prints the page with JavaScript, and is not on paper', async ({ page }) => {
		const { delegationId, email } = await mexicoRoadmap()
		await loginAs(page, email)
		await page.goto(`/roadmaps/${delegationId}`)
		await page.getByRole('link', { name: 'Imprimir / PDF' }).first().click()
		await expect(page).toHaveURL(new RegExp(`/roadmaps/${delegationId}/print$`))
		await page.evaluate(() => {
			;(window as unknown as { printed: number }).printed = 0
			window.print = () => {
				;(window as unknown as { printed: number }).printed++
			}
		})
		const button = page.getByRole('button', { name: 'Imprimir' })
		await button.click()
		expect(await page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1)
		await page.emulateMedia({ media: 'print' })
		await expect(button).toBeHidden()
	})

	test.describe('without JavaScript', () => {
		test.use({ javaScriptEnabled: false })
		test('there is no button that would do nothing, and the page says how to print', async ({ page }) => {
			const { delegationId, email } = await mexicoRoadmap()
			await loginAs(page, email)
			await page.goto(`/roadmaps/${delegationId}/strategic-design`)
			await page.getByRole('link', { name: 'Imprimir / PDF' }).click()
			await expect(page).toHaveURL(new RegExp(`/roadmaps/${delegationId}/print$`))
			await expect(page.getByText(/Ctrl\+P/)).toBeVisible()
			await expect(page.getByRole('button', { name: 'Imprimir' })).toHaveCount(0)
		})
	})
})
