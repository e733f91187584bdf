import fs from 'node:fs'
import JSZip from 'jszip'
import mammoth from 'mammoth'
import { describe, expect, test } from 'vitest'
import { DOCX_TYPE, draftDocument, draftInput } from '#app/features/roadmap/draft.server.ts'
import { formatMoney } from '#app/features/roadmap/item-values.tsx'
import { type CostLine, FUNDING_SOURCES } from '#app/features/roadmap/kinds.ts'
import { buildTree, getRoadmapByDelegation, type TreeItem } from '#app/features/roadmap/roadmap.server.ts'
import { importRoadmap, loadTree } from '#app/features/roadmap/transfer.server.ts'
import { workedExampleFile } from '#app/features/roadmap/worked-example.server.ts'
import { formatPercent } from '#app/utils/format.ts'
import type { Language } from '#app/utils/i18n.ts'
import { requestAs, routeArgs, run, userIdFor } from '#tests/helpers.ts'

/**
 * The official draft as a Word document, read back as a reader would get it: its text with mammoth
 * (which shows what LibreOffice and Word show, from the document's own styles), its tables cell by
 * cell, and the package itself (styles, fields, sections) with jszip.
 */

const { loader } = await import('#app/routes/roadmaps.$delegationId.draft[.]docx.tsx')

/** The demo's partly built roadmap (db/seed.ts): Panama's one objective, one action of USD 120,000 (80,000 committed), one indicator. */
const PANAMA = { id: 'panama-2025-pa', country_code: 'PA', cohort_id: 'panama-2025' }

/** A fragment's text; paragraphs one a line. */
const stripTags = (html: string) =>
	html
		.replace(/<\/p><p>/g, '\n')
		.replace(/<[^>]+>/g, '')
		.replace(/&amp;/g, '&')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.trim()

/** The document as read back: its headings by level, its tables as rows of cell texts, its raw text, its package. */
async function readBack(buffer: Buffer) {
	const { value: html } = await mammoth.convertToHtml({ buffer })
	const { value: text } = await mammoth.extractRawText({ buffer })
	const headings = (level: number) => [...html.matchAll(new RegExp(`<h${level}>(.*?)</h${level}>`, 'g'))].map((m) => stripTags(m[1]!))
	const tables = [...html.matchAll(/<table>(.*?)<\/table>/g)].map((table) =>
		[...table[1]!.matchAll(/<tr>(.*?)<\/tr>/g)].map((row) =>
			[...row[1]!.matchAll(/<t[hd][^>]*>(.*?)<\/t[hd]>/g)].map((c) => stripTags(c[1]!)),
		),
	)
	/** The table whose header row starts with these cells. */
	const tableStarting = (...header: string[]) => {
		const found = tables.find((rows) => header.every((cell, index) => rows[0]?.[index] === cell))
		if (!found)
			throw new Error(`no table with the header ${header.join(' | ')}; tables: ${tables.map((t) => t[0]?.join(' | ')).join('\n')}`)
		return found
	}
	const lines = text
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean)
	const zip = await JSZip.loadAsync(buffer)
	const part = async (name: string) => {
		const file = zip.file(name)
		if (!file) throw new Error(`no ${name} in the package`)
		return file.async('string')
	}
	return { html, lines, headings, tables, tableStarting, zip, part }
}

async function panamaDraft(language: Language) {
	const roadmap = (await getRoadmapByDelegation(PANAMA.id))!
	const input = await draftInput(PANAMA, roadmap, language)
	return { input, doc: await readBack(await draftDocument(input)) }
}

const EXPECTED = {
	en: {
		title: 'National Action Plan on Women, Peace and Security',
		sections: [
			'1. Theory of change',
			'2. Strategic design',
			'3. Gender budgeting',
			'4. Institutional coordination',
			'5. Localization',
			'6. Monitoring and evaluation',
			'How this draft was made',
		],
		pillar: 'Pillar',
		objective: 'Strategic objective',
		contents: 'Contents',
		status: 'Status of the roadmap: Draft',
		matrix: 'Results matrix',
		byPillar: ['Pillar', 'Total', 'Committed', 'Funded share', 'Funding gap'],
		bySource: ['Funding source', 'Total', 'Committed', 'Funded share'],
		matrixHeader: ['No.', 'Line of action', 'Lead institution'],
		indicatorsHeader: ['No.', 'Indicator', 'Attached to'],
		calendarHeader: ['Month', 'Reports due', 'Reports'],
		noAssumption: 'No assumption yet.',
		noRisk: 'No risk yet.',
		noMechanism: 'The coordination mechanism has not been described yet.',
		noPartner: 'No local partner yet.',
		emptyPillar: 'No strategic objective under this pillar yet.',
		total: 'Total',
		national: 'National',
		convening: 'at the Panama City 2025 convening of the NAP Academy, held in Panama City, Panama (June 24 – 26, 2025)',
	},
	es: {
		title: 'Plan de Acción Nacional sobre Mujeres, Paz y Seguridad',
		sections: [
			'1. Teoría del cambio',
			'2. Diseño estratégico',
			'3. Presupuesto con enfoque de género',
			'4. Coordinación interinstitucional',
			'5. Localización',
			'6. Monitoreo y evaluación',
			'Cómo se elaboró este borrador',
		],
		pillar: 'Pilar',
		objective: 'Objetivo estratégico',
		contents: 'Índice',
		status: 'Estado de la hoja de ruta: Borrador',
		matrix: 'Matriz de resultados',
		byPillar: ['Pilar', 'Total', 'Comprometido', 'Parte financiada', 'Brecha de financiamiento'],
		bySource: ['Fuente de financiamiento', 'Total', 'Comprometido', 'Parte financiada'],
		matrixHeader: ['N.º', 'Línea de acción', 'Institución responsable'],
		indicatorsHeader: ['N.º', 'Indicador', 'Vinculado a'],
		calendarHeader: ['Mes', 'Informes que corresponden', 'Informes'],
		noAssumption: 'Todavía no hay ningún supuesto.',
		noRisk: 'Todavía no hay ningún riesgo.',
		noMechanism: 'Todavía no se ha descrito el mecanismo de coordinación.',
		noPartner: 'Todavía no hay ningún socio local.',
		emptyPillar: 'Todavía no hay ningún objetivo estratégico en este pilar.',
		total: 'Total',
		national: 'Nacional',
		convening: 'en el encuentro Panama City 2025 de la Academia PAN, celebrado en Panama City, Panamá (24–26 de junio de 2025)',
	},
} as const

describe("the Word draft of the demo's partly built roadmap (Panama)", () => {
	for (const language of ['en', 'es'] as const) {
		const x = EXPECTED[language]
		const money = (minor: number) => formatMoney(minor, 'USD', language)

		test(`in ${language}: cover, contents, every section in order, the items with their numbers`, async () => {
			const { doc } = await panamaDraft(language)
			expect(doc.lines[1]).toBe(x.title)
			expect(doc.lines[2]).toBe(language === 'en' ? 'Panama' : 'Panamá')
			expect(doc.lines).toContain(x.status)
			// The delegation on the cover: names and institutions, never an e-mail address.
			expect(doc.lines).toContain(language === 'en' ? 'Patricia Prueba (delegation lead)' : 'Patricia Prueba (coordina la delegación)')
			expect(doc.lines).toContain('Ministerio de Seguridad Pública')
			expect(doc.html).not.toContain('@example.org')

			// Sections are Heading 1, in the print view's order and numbering.
			expect(doc.headings(1)).toEqual(x.sections)
			// The contents list comes before the first section, with every section and sub-section in it.
			const contents = doc.lines.indexOf(x.contents)
			// Each heading is there twice: listed in the contents, then in the text.
			const firstSection = doc.lines.lastIndexOf(x.sections[0])
			expect(contents).toBeGreaterThan(0)
			const listed = doc.lines.slice(contents + 1, firstSection)
			for (const heading of [...x.sections, ...doc.headings(2)]) expect(listed).toContain(heading)

			// Theory of change, with what is missing said in words.
			expect(doc.lines).toContain(
				'Las mujeres están subrepresentadas en las instituciones de seguridad y en los espacios de decisión sobre paz.',
			)
			expect(doc.lines.find((line) => line.includes('metas de reclutamiento con paridad'))).toMatch(
				language === 'en'
					? /^1\. If las instituciones .* then más mujeres .* because la representación/
					: /^1\. Si las instituciones .* entonces más mujeres .* porque la representación/,
			)
			expect(doc.lines).toContain(x.noAssumption)
			expect(doc.lines).toContain(x.noRisk)

			// The strategic framework, numbered: pillar 2, objective 2.1, action 2.1.1, indicator 2.1.a.
			expect(doc.headings(2)).toEqual(
				expect.arrayContaining([
					`${x.pillar} 1: Prevención`,
					`${x.pillar} 2: Participación`,
					`${x.pillar} 4: Socorro y recuperación`,
					x.matrix,
				]),
			)
			expect(doc.headings(3)).toEqual([
				`${x.objective} 2.1: Aumentar la participación de mujeres en el Ministerio de Seguridad Pública al 30 % en 2030`,
			])
			expect(doc.lines).toContain('2.1.1 Programa de reclutamiento con enfoque de género')
			expect(doc.lines).toContain('2.1.a Porcentaje de mujeres en el personal uniformado')
			expect(doc.lines.filter((line) => line === x.emptyPillar)).toHaveLength(3 + 3) // in the framework and in the matrix

			// Coordination and localization, empty or not, say what they hold.
			expect(doc.lines).toContain(x.noMechanism)
			expect(doc.lines).toContain(x.noPartner)
			expect(doc.lines.slice(doc.lines.indexOf(x.sections[4]))).toEqual(
				expect.arrayContaining([x.national, '2.1.1 Programa de reclutamiento con enfoque de género']),
			)
			// How it was made: the convening, its place and dates.
			expect(doc.lines.find((line) => line.includes(x.convening))).toBeDefined()
		})

		test(`in ${language}: the results matrix, the budget annex and the M&E annex hold the plan's figures`, async () => {
			const { doc } = await panamaDraft(language)
			// The seed's one action: 80,000 from the national budget (committed) and 40,000 asked of cooperation.
			const total = 8_000_000 + 4_000_000
			const committed = 8_000_000

			const matrix = doc.tableStarting(...x.matrixHeader)
			const action = matrix.find((row) => row[0] === '2.1.1')!
			expect(action.slice(0, 4)).toEqual([
				'2.1.1',
				'Programa de reclutamiento con enfoque de género',
				'Ministerio de Seguridad Pública',
				'Ministerio de la Mujer',
			])
			expect(action[6]).toContain(money(total))
			expect(action[6]).toContain(money(8_000_000))
			expect(action[6]).toContain(money(4_000_000))
			expect(action[7]).toBe(formatPercent(committed / total, language))
			expect(matrix.at(-1)!.slice(0, 3)).toEqual([x.total, money(total), formatPercent(committed / total, language)])

			const byPillar = doc.tableStarting(...x.byPillar)
			expect(byPillar.slice(1)).toEqual([
				['1. Prevención', money(0), money(0), '—', money(0)],
				['2. Participación', money(total), money(committed), formatPercent(committed / total, language), money(total - committed)],
				['3. Protección', money(0), money(0), '—', money(0)],
				['4. Socorro y recuperación', money(0), money(0), '—', money(0)],
				[x.total, money(total), money(committed), formatPercent(committed / total, language), money(total - committed)],
			])
			const bySource = doc.tableStarting(...x.bySource)
			expect(bySource).toHaveLength(1 + FUNDING_SOURCES.length + 1)
			expect(bySource.find((row) => row[0] === (language === 'en' ? 'National budget' : 'Presupuesto nacional'))).toEqual([
				expect.any(String),
				money(8_000_000),
				money(8_000_000),
				formatPercent(1, language),
			])
			expect(bySource.find((row) => row[0] === (language === 'en' ? 'International cooperation' : 'Cooperación internacional'))).toEqual([
				expect.any(String),
				money(4_000_000),
				money(0),
				formatPercent(0, language),
			])
			expect(bySource.at(-1)).toEqual([x.total, money(total), money(committed), formatPercent(committed / total, language)])

			const indicators = doc.tableStarting(...x.indicatorsHeader)
			expect(indicators.slice(1).map((row) => row.slice(0, 2))).toEqual([['2.1.a', 'Porcentaje de mujeres en el personal uniformado']])
			expect(indicators[1]![4]).toBe('—') // no baseline yet
			expect(indicators[1]![5]).toBe('30 % (2030)')
			// A yearly indicator is reported once, in December.
			const calendar = doc.tableStarting(...x.calendarHeader)
			expect(calendar.slice(1)).toEqual([
				[
					language === 'en' ? 'December' : 'diciembre',
					'2.1.a Porcentaje de mujeres en el personal uniformado — Ministerio de Seguridad Pública',
					'1',
				],
			])
		})
	}

	test('is a Word package with heading styles, a contents field Word updates, page numbers, repeated header rows and landscape sections', async () => {
		const roadmap = (await getRoadmapByDelegation(PANAMA.id))!
		const { zip, part } = await readBack(await draftDocument(await draftInput(PANAMA, roadmap, 'en')))
		const document = await part('word/document.xml')
		for (const style of ['Title', 'Heading1', 'Heading2', 'Heading3']) expect(document).toContain(`<w:pStyle w:val="${style}"/>`)
		// Word's navigation pane and its table of contents read the headings' outline levels.
		const styles = await part('word/styles.xml')
		expect(styles).toMatch(/w:styleId="Heading1".*?<w:outlineLvl w:val="0"\/>/)
		expect(styles).toMatch(/w:styleId="Heading2".*?<w:outlineLvl w:val="1"\/>/)
		expect(document).toContain('TOC \\h \\o &quot;1-2&quot;')
		expect(await part('word/settings.xml')).toContain('<w:updateFields')
		// Every table's first row repeats on each page it runs over.
		const tables = document.match(/<w:tbl>/g)!.length
		expect(tables).toBeGreaterThanOrEqual(6)
		expect(document.match(/<w:tblHeader\/>/g)).toHaveLength(tables)
		// Portrait, then the matrix in landscape, portrait, the M&E annex in landscape, portrait.
		expect([...document.matchAll(/w:orient="(\w+)"/g)].map((m) => m[1])).toEqual([
			'portrait',
			'landscape',
			'portrait',
			'landscape',
			'portrait',
		])
		const footers = await Promise.all(
			Object.keys(zip.files)
				.filter((name) => /^word\/footer\d+\.xml$/.test(name))
				.map(part),
		)
		expect(footers.filter((footer) => footer.includes('>PAGE<') && footer.includes('>NUMPAGES<')).length).toBeGreaterThanOrEqual(5)
	})
})

describe('the Word draft of a whole plan (the worked example, imported)', () => {
	for (const [language, delegation, member] of [
		['en', { id: 'port-of-spain-2024-gy', country_code: 'GY', cohort_id: 'port-of-spain-2024' }, 'gy1@example.org'],
		['es', { id: 'panama-2025-cr', country_code: 'CR', cohort_id: 'panama-2025' }, 'cr1@example.org'],
	] as const) {
		test(`in ${language}: every pillar, objective, action and indicator with its number, and totals that add up`, async () => {
			const roadmap = (await getRoadmapByDelegation(delegation.id))!
			const imported = await importRoadmap(roadmap, await userIdFor(member), fs.readFileSync(workedExampleFile(language), 'utf8'))
			expect(imported.ok).toBe(true)
			const reloaded = (await getRoadmapByDelegation(delegation.id))!
			const { doc } = { doc: await readBack(await draftDocument(await draftInput(delegation, reloaded, language))) }
			const tree = await loadTree(roadmap.id)
			const money = (minor: number) => formatMoney(minor, reloaded.currency, language)
			const x = EXPECTED[language]

			// The numbering, worked out here from the plan's order.
			const matrix = doc.tableStarting(...x.matrixHeader)
			const indicators = doc.tableStarting(...x.indicatorsHeader)
			tree.pillars.forEach((pillar, p) => {
				expect(doc.headings(2)).toContain(`${x.pillar} ${p + 1}: ${String(pillar.data.name)}`)
				pillar.objectives.forEach((objective, o) => {
					expect(doc.headings(3)).toContain(`${x.objective} ${p + 1}.${o + 1}: ${String(objective.data.statement)}`)
					objective.indicators.forEach((indicator, i) =>
						expect(indicators).toContainEqual(expect.arrayContaining([`${p + 1}.${o + 1}.${'abc'[i]}`, String(indicator.data.statement)])),
					)
					objective.actions.forEach((action, a) => {
						const number = `${p + 1}.${o + 1}.${a + 1}`
						expect(doc.lines).toContain(`${number} ${String(action.data.description)}`)
						expect(matrix).toContainEqual(expect.arrayContaining([number, String(action.data.description)]))
						action.indicators.forEach((indicator, i) =>
							expect(indicators).toContainEqual(expect.arrayContaining([`${number}.${'abc'[i]}`, String(indicator.data.statement)])),
						)
					})
				})
			})
			expect(matrix.filter((row) => /^\d+\.\d+\.\d+$/.test(row[0]!))).toHaveLength(12)
			expect(indicators).toHaveLength(1 + 8)

			// Totals summed here from the cost lines, pillar by pillar and source by source.
			const sum = (lines: CostLine[], committedOnly = false) =>
				lines.filter((line) => !committedOnly || line.committed).reduce((total, line) => total + line.amount, 0)
			const linesOf = (actions: TreeItem[]) => actions.flatMap((a) => (a.data.costs ?? []) as CostLine[])
			const all = linesOf(tree.actions)
			expect(sum(all)).toBe(620_000_000) // the case's USD 6,200,000
			const byPillar = doc.tableStarting(...x.byPillar)
			tree.pillars.forEach((pillar, p) => {
				const lines = linesOf(pillar.objectives.flatMap((o) => o.actions))
				expect(byPillar[p + 1]).toEqual([
					`${p + 1}. ${String(pillar.data.name)}`,
					money(sum(lines)),
					money(sum(lines, true)),
					sum(lines) ? formatPercent(sum(lines, true) / sum(lines), language) : '—',
					money(sum(lines) - sum(lines, true)),
				])
			})
			expect(byPillar.at(-1)).toEqual([
				x.total,
				money(sum(all)),
				money(sum(all, true)),
				formatPercent(sum(all, true) / sum(all), language),
				money(sum(all) - sum(all, true)),
			])
			const bySource = doc.tableStarting(...x.bySource)
			FUNDING_SOURCES.forEach((source, index) => {
				const lines = all.filter((line) => line.source === source)
				expect(bySource[index + 1]!.slice(1, 3)).toEqual([money(sum(lines)), money(sum(lines, true))])
			})
			expect(matrix.at(-1)!.slice(0, 3)).toEqual([x.total, money(sum(all)), formatPercent(sum(all, true) / sum(all), language)])

			// The reporting calendar: each month, the reports due then, from each indicator's frequency.
			const perYear = { monthly: 12, quarterly: 4, biannual: 2, annual: 1 } as Record<string, number>
			const reports = tree.indicators.reduce((n, i) => n + (perYear[String(i.data.frequency)] ?? 0), 0)
			expect(reports).toBeGreaterThan(0)
			const calendar = doc.tableStarting(...x.calendarHeader).slice(1)
			expect(calendar.reduce((n, row) => n + Number(row[2]), 0)).toBe(reports)
			expect(calendar.reduce((n, row) => n + row[1]!.split('\n').length, 0)).toBe(reports)
			// An indicator reported twice a year is due in June and in December.
			const biannual = tree.indicators.find((i) => i.data.frequency === 'biannual')!
			const months = calendar.filter((row) => row[1]!.includes(String(biannual.data.statement))).map((row) => row[0])
			expect(months).toEqual(language === 'en' ? ['June', 'December'] : ['junio', 'diciembre'])
			// Coordination: every member institution of the mechanism, in its section.
			const coordination = doc.lines.slice(doc.lines.lastIndexOf(x.sections[3]), doc.lines.lastIndexOf(x.sections[4]))
			expect(tree.members.length).toBeGreaterThan(0)
			for (const member of tree.members) {
				expect(coordination.find((line) => line.startsWith(String(member.data.institution)))).toBeDefined()
			}
		})
	}

	test('a plan of 400 lines of action and 400 indicators is generated whole', async () => {
		const items: TreeItem[] = []
		const add = (kind: TreeItem['kind'], parentId: string | null, data: TreeItem['data']) => {
			const id = `big-${items.length}`
			items.push({ id, kind, parentId, version: 1, data })
			return id
		}
		for (let p = 0; p < 4; p++) {
			const pillar = add('pillar', null, { name: `Pillar ${p + 1}` })
			for (let o = 0; o < 10; o++) {
				const objective = add('objective', pillar, { statement: `Objective ${p + 1}.${o + 1}` })
				for (let a = 0; a < 10; a++) {
					const action = add('action', objective, {
						description: `Line of action number ${p + 1}.${o + 1}.${a + 1}, with a description as long as a real one usually is in a plan`,
						lead: 'Ministry of Foreign Affairs',
						start: '2026-Q1',
						end: '2027-Q4',
						status: 'planned',
						costs: [
							{ amount: 1_000_000, source: 'national_budget', committed: true },
							{ amount: 500_000, source: 'international_cooperation', committed: false },
						],
						level: 'national',
					})
					add('indicator', action, { statement: `Indicator of ${p + 1}.${o + 1}.${a + 1}`, frequency: 'quarterly', targetValue: '10' })
				}
			}
		}
		const roadmap = (await getRoadmapByDelegation(PANAMA.id))!
		const input = { ...(await draftInput(PANAMA, roadmap, 'en')), tree: buildTree(items) }
		const doc = await readBack(await draftDocument(input))
		const matrix = doc.tableStarting(...EXPECTED.en.matrixHeader)
		expect(matrix.filter((row) => /^\d+\.\d+\.\d+$/.test(row[0]!))).toHaveLength(400)
		expect(matrix.at(-1)!.slice(0, 3)).toEqual(['Total', formatMoney(400 * 1_500_000, 'USD', 'en'), '67%'])
		expect(doc.tableStarting(...EXPECTED.en.indicatorsHeader)).toHaveLength(401)
		const calendar = doc.tableStarting(...EXPECTED.en.calendarHeader)
		expect(calendar.slice(1).map((row) => [row[0], row[2]])).toEqual([
			['March', '400'],
			['June', '400'],
			['September', '400'],
			['December', '400'],
		])
	})
})

describe('GET /roadmaps/:id/draft.docx', () => {
	const get = async (email: string | null, delegationId: string, query = '') =>
		run(async () => loader(routeArgs(await requestAs(email, `/roadmaps/${delegationId}/draft.docx${query}`), { delegationId })))

	test("sends the delegation's lead a Word file named after the country and the date, in the reader's language or the one asked for", async () => {
		const today = new Date().toISOString().slice(0, 10)
		const english = await get('delegate.pa@example.org', PANAMA.id, '?lng=en')
		expect(english.status).toBe(200)
		expect(english.response!.headers.get('Content-Type')).toBe(DOCX_TYPE)
		expect(english.response!.headers.get('Content-Disposition')).toBe(`attachment; filename="NAP-draft-Panama-${today}.docx"`)
		const englishDoc = await readBack(Buffer.from(await english.response!.arrayBuffer()))
		expect(englishDoc.headings(1)).toEqual(EXPECTED.en.sections)

		const spanish = await get('delegate.pa@example.org', PANAMA.id, '?lng=es')
		expect(spanish.response!.headers.get('Content-Disposition')).toBe(`attachment; filename="Borrador-PAN-Panama-${today}.docx"`)
		const spanishDoc = await readBack(Buffer.from(await spanish.response!.arrayBuffer()))
		expect(spanishDoc.headings(1)).toEqual(EXPECTED.es.sections)
	})

	test('gives nothing to a delegate of another delegation, and a 404 for a delegation that does not exist', async () => {
		const outsider = await get('delegate.bo@example.org', PANAMA.id)
		expect(outsider.status).toBe(403)
		expect(outsider.response!.headers.get('Content-Type')).not.toBe(DOCX_TYPE)
		expect((await get('staff@example.org', 'no-such-delegation')).status).toBe(404)
		expect((await get(null, PANAMA.id)).status).toBe(302)
	})
})
