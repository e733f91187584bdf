import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import en from '#app/locales/en/common.json'
import es from '#app/locales/es/common.json'
import type { Language } from '#app/utils/i18n.ts'

/**
 * The locked terminology of content/AUTHORING.md (its last table), checked in every lesson and
 * module overview of each language and in the interface texts. Each rule is a forbidden variant,
 * written precisely enough that the locked form next to it is never flagged: a rule that cannot be
 * made precise (e.g. "efecto" in its everyday sense) is limited to the contexts where it can only
 * mean the locked concept. One row has no rule: "Plan Nacional de Acción" is forbidden for plans in
 * general but is the official name of Mexico's plan, which the lessons cite, and no pattern tells the
 * two apart.
 */
type Rule = { name: string; use: string; pattern: RegExp; where?: 'prose' | 'label' }

const ACTION_STATUSES = String.raw`(?:Planeada|En progreso|Completada|Cancelada)`

const RULES: Record<Language, Rule[]> = {
	en: [{ name: 'PAN-1325', use: "Mexico's PNA-1325", pattern: /\bPAN-1325\b/ }],
	es: [
		{ name: 'PAN-1325', use: 'el PNA-1325 de México', pattern: /\bPAN-1325\b/ },
		{
			name: 'presupuestos con perspectiva de género',
			use: 'presupuestos con enfoque de género',
			pattern: /\bpresupuestos? con perspectiva de género\b/i,
		},
		{
			name: 'presupuestación sensible al género',
			use: 'presupuestos con enfoque de género',
			pattern: /\bpresupuestación sensible al género\b/i,
		},
		{ name: 'teoría de cambio', use: 'teoría del cambio', pattern: /\bteorías? de cambio\b/i },
		{ name: 'línea base', use: 'línea de base', pattern: /\bl[ií]neas? base\b/i },
		{ name: 'valor meta / valor objetivo', use: 'meta', pattern: /\bvalor(?:es)? (?:meta|objetivo)s?\b/i },
		{ name: 'fuente de verificación', use: 'medio de verificación', pattern: /\bfuentes? de verificación\b/i },
		{
			name: 'efecto (for outcome)',
			use: 'resultado',
			// Only where "efecto" names a level of the results chain; "los efectos de un problema" is Spanish.
			pattern:
				/\b(?:nivel(?:es)? de efectos?|indicador(?:es)? de efectos?|efectos? intermedios?|productos?,? (?:y |o )?efectos?|efectos?,? (?:y |o )?productos?)\b|\*\*Efectos?\*\*/i,
		},
		{
			name: 'enlace (for a focal point)',
			use: 'punto focal',
			// An invitation link ("enlace de invitación") is an enlace; a person is not.
			pattern: /\b(?:enlaces? de género|enlaces? institucionales?|cargos? de enlace|designan? (?:a )?(?:un|una|su|sus) enlaces?)\b/i,
		},
		{
			name: '"no hacer daño" as the name of the approach',
			use: 'Acción sin daño',
			pattern: /(?:title="|[«"“*]|\b(?:enfoque|principio|criterio) (?:de )?)no hacer daño/i,
		},
		{
			name: '"el Congreso" / "el Parlamento" for Bolivia, Costa Rica, Ecuador or Panamá',
			use: 'Asamblea Legislativa Plurinacional, Asamblea Legislativa, Asamblea Nacional',
			// In one sentence with one of the four countries.
			pattern:
				/\b(?:el|del|al) (?:Congreso|Parlamento)\b[^.!?\n]*\b(?:Bolivia|Costa Rica|Ecuador|Panamá)\b|\b(?:Bolivia|Costa Rica|Ecuador|Panamá)\b[^.!?\n]*\b(?:el|del|al) (?:Congreso|Parlamento)\b/,
		},
		{
			name: 'action status (Planeada, En progreso, Completada, Cancelada)',
			use: 'Planificada, En curso, Terminada, Retrasada, Descartada',
			// In prose, a status written as a label (bold, quoted, code); in the interface, a status label.
			pattern: new RegExp(String.raw`(?:\*\*|[«"“\x60])${ACTION_STATUSES}(?:\*\*|[»"”\x60])`),
		},
		{
			name: 'action status (Planeada, En progreso, Completada, Cancelada)',
			use: 'Planificada, En curso, Terminada, Retrasada, Descartada',
			pattern: new RegExp(String.raw`^${ACTION_STATUSES}$`),
			where: 'label',
		},
		{
			name: 'Asuntos de Género y de la Niñez',
			use: 'Oficina del Primer Ministro (Asuntos de Género e Infancia)',
			pattern: /\bAsuntos de Género y de la Niñez\b/i,
		},
		{
			name: 'Comité de Asistencia para el Desarrollo',
			use: 'Comité de Ayuda al Desarrollo (CAD)',
			pattern: /\bComité de Asistencia para el Desarrollo\b/i,
		},
		{
			name: 'Mujer, Paz y Seguridad',
			use: 'Mujeres, Paz y Seguridad (MPS)',
			// The Secretary-General's report title ("sobre la mujer y la paz y la seguridad") is another wording.
			pattern: /\bmujer, paz y seguridad\b/i,
		},
		{
			name: 'a comma as thousands separator',
			use: 'a point (1.250.000), or none in a four-digit number (3510)',
			pattern: /(?<![\d.,])[1-9]\d{0,2}(?:,\d{3})+(?!\d)/,
		},
	],
}

/** Addresses and document symbols ("S/RES/1325 (2000)", "E/CN.6/2013/4") are not prose: their digits are not numbers. */
function withoutAddresses(text: string) {
	return text
		.replace(/\]\([^)]*\)/g, ']()')
		.replace(/\bhttps?:\/\/\S+/g, ' ')
		.replace(/\b[A-Z][A-Z0-9.]*(?:\/[A-Za-z0-9.,-]+)+/g, ' ')
}

type Finding = { rule: string; use: string; found: string; line: number }

/**
 * Every forbidden variant in a text of one language, with its line. `label`: the text is the label of
 * a status in the interface (its key is in a status vocabulary).
 */
function findForbiddenTerms(text: string, language: Language, { label = false } = {}): Finding[] {
	const findings: Finding[] = []
	const lines = withoutAddresses(text).split('\n')
	for (const rule of RULES[language]) {
		if ((rule.where ?? 'prose') === 'label' && !label) continue
		lines.forEach((line, index) => {
			const global = new RegExp(rule.pattern.source, rule.pattern.flags.includes('g') ? rule.pattern.flags : `${rule.pattern.flags}g`)
			for (const match of (rule.where === 'label' ? line.trim() : line).matchAll(global)) {
				findings.push({ rule: rule.name, use: rule.use, found: match[0], line: index + 1 })
			}
		})
	}
	return findings
}

describe('the terminology checker', () => {
	const flags = (text: string, language: Language = 'es', options = {}) => findForbiddenTerms(text, language, options).map((f) => f.found)

	test.each([
		['El PAN-1325 de México tiene cuatro pilares.', 'PAN-1325'],
		['Los presupuestos con perspectiva de género ayudan.', 'presupuestos con perspectiva de género'],
		['Un presupuesto con perspectiva de género.', 'presupuesto con perspectiva de género'],
		['La presupuestación sensible al género es clave.', 'presupuestación sensible al género'],
		['Su teoría de cambio no convence.', 'teoría de cambio'],
		['Dos teorías de cambio distintas.', 'teorías de cambio'],
		['Falta la línea base.', 'línea base'],
		['Sin linea base no hay comparación.', 'linea base'],
		['Las líneas base de 2024.', 'líneas base'],
		['El valor meta para 2028.', 'valor meta'],
		['Fije el valor objetivo.', 'valor objetivo'],
		['Anote la fuente de verificación.', 'fuente de verificación'],
		['Las fuentes de verificación del marco.', 'fuentes de verificación'],
		['Productos, efectos y fin.', 'Productos, efectos'],
		['Se ubica en el nivel de efecto de la cadena.', 'nivel de efecto'],
		['2. **Efecto** — casi siempre el objetivo.', '**Efecto**'],
		['Algunos planes agregan un efecto intermedio.', 'efecto intermedio'],
		['Corresponden a efecto y producto.', 'efecto y producto'],
		['Un indicador de efecto mide el cambio.', 'indicador de efecto'],
		['La policía, a través de su enlace de género.', 'enlace de género'],
		['Enlaces institucionales → secretaría técnica', 'Enlaces institucionales'],
		['Los cargos de enlace que pueden comprometerlas.', 'cargos de enlace'],
		['Cada institución designa un enlace que reporta.', 'designa un enlace'],
		['<Callout type="warning" title="No hacer daño">', 'title="No hacer daño'],
		['Aplique el principio de no hacer daño.', 'principio de no hacer daño'],
		['El enfoque «no hacer daño».', '«no hacer daño'],
		['En Bolivia, el Congreso aprueba el presupuesto.', 'Bolivia, el Congreso'],
		['La comisión del Parlamento de Costa Rica.', 'del Parlamento de Costa Rica'],
		['El estado pasa a **Completada** al cerrar.', '**Completada**'],
		['Márquela como «En progreso».', '«En progreso»'],
		['Oficina del Primer Ministro (Asuntos de Género y de la Niñez)', 'Asuntos de Género y de la Niñez'],
		['El Comité de Asistencia para el Desarrollo de la OCDE.', 'Comité de Asistencia para el Desarrollo'],
		['La agenda de Mujer, Paz y Seguridad.', 'Mujer, Paz y Seguridad'],
		['217 redes con 3,510 mujeres.', '3,510'],
		['Un costo de USD 1,250,000 al año.', '1,250,000'],
	])('catches %j', (text, found) => {
		expect(flags(text)).toEqual([found])
	})

	test('catches a forbidden action status as an interface label, and PAN-1325 in English', () => {
		expect(flags('Cancelada', 'es', { label: true })).toEqual(['Cancelada'])
		expect(flags(' En progreso ', 'es', { label: true })).toEqual(['En progreso'])
		expect(flags("Mexico's PAN-1325 (2021)", 'en')).toEqual(['PAN-1325'])
		expect(findForbiddenTerms('Line 1\nLine 2 with la línea base', 'es')).toMatchObject([{ line: 2, use: 'línea de base' }])
	})

	test.each([
		'El PNA-1325 de México tiene cuatro pilares.',
		'Todo Plan de Acción Nacional (PAN) hace una apuesta; los PAN de la región también.',
		'Los presupuestos con enfoque de género no son un presupuesto aparte.',
		'La teoría del cambio va antes que el marco lógico; teorías del cambio distintas.',
		'La línea de base: valor y año; las líneas de base de 2024.',
		'La meta: valor y año, con hitos intermedios. El valor de la meta se fija con datos.',
		'El medio de verificación y el método de recolección; la fuente de los datos.',
		'Sus causas, las raíces; sus efectos, las ramas. Analizando sus efectos sobre la igualdad.',
		'La cadena de resultados vincula actividades, productos, resultados e impacto.',
		'El indicador de resultado mide el cambio; el de producto, lo entregado.',
		'Pida un enlace de invitación a la Academia. Puede que el enlace esté mal escrito.',
		'Cada institución designa un punto focal que reporta a la secretaría.',
		'<Callout type="warning" title="Acción sin daño">',
		'Consultar a sobrevivientes puede ponerlas en riesgo: no hacer daño es una obligación.',
		'En Bolivia, la Asamblea Legislativa Plurinacional aprueba el presupuesto.',
		'El sector seguridad y el Congreso. En México, el Congreso de la Unión legisla.',
		'La acción pasa de Planificada a En curso, y luego a Terminada, Retrasada o Descartada.',
		'Marcar la lección como completada. Lección completada. El taller fue cancelado.',
		'Oficina del Primer Ministro (Asuntos de Género e Infancia)',
		'El Comité de Ayuda al Desarrollo (CAD) de la OCDE.',
		'Mujeres, Paz y Seguridad (MPS). Informe del Secretario General sobre la mujer y la paz y la seguridad.',
		'USD 1.250.000 y 34,5 %; 4500 personas en 2024; 0,125 de la población; 2,5 millones; 1, 2 y 3.',
		'Las resoluciones 1820 (2008), 1888 (2009) y 2106 (2013); S/RES/1325 (2000); S/2023/725.',
		'Ver [el informe](https://example.org/informe?p=1,250) o https://example.org/a,100,000.',
	])('does not flag %j', (text) => {
		expect(flags(text)).toEqual([])
	})

	test('does not flag the allowed forms as interface labels, nor English text', () => {
		for (const label of ['Planificada', 'En curso', 'Terminada', 'Retrasada', 'Descartada', 'Completada la lección']) {
			expect(flags(label, 'es', { label: true }), label).toEqual([])
		}
		expect(flags("Mexico's PNA-1325; USD 1,250,000; the theory of change; a baseline", 'en')).toEqual([])
	})
})

/** Every MDX file under content/, with its language. */
function contentFiles() {
	const root = path.resolve('content')
	const files: Array<{ file: string; language: Language }> = []
	const walk = (dir: string) => {
		for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
			const full = path.join(dir, entry.name)
			if (entry.isDirectory()) walk(full)
			const language = /\.(en|es)\.mdx$/.exec(entry.name)?.[1] as Language | undefined
			if (entry.isFile() && language) files.push({ file: path.relative(process.cwd(), full), language })
		}
	}
	walk(root)
	return files.sort((a, b) => a.file.localeCompare(b.file))
}

/** Every text of a locale file, with its key. */
function localeTexts(value: unknown, prefix = ''): Array<{ key: string; text: string }> {
	if (typeof value === 'string') return [{ key: prefix, text: value }]
	if (value && typeof value === 'object') {
		return Object.entries(value).flatMap(([key, inner]) => localeTexts(inner, prefix ? `${prefix}.${key}` : key))
	}
	return []
}

const describeFinding = (where: string, finding: Finding) =>
	`${where}:${finding.line}: "${finding.found}" (${finding.rule}; use ${finding.use})`

describe('the locked terminology', () => {
	test.each(contentFiles().map((entry) => [entry.file, entry] as const))('%s uses it', (_name, { file, language }) => {
		const findings = findForbiddenTerms(fs.readFileSync(file, 'utf8'), language).map((finding) => describeFinding(file, finding))
		expect(findings).toEqual([])
	})

	test.each([
		['en', en],
		['es', es],
	] as const)('the interface texts (app/locales/%s/common.json) use it', (language, texts) => {
		const findings = localeTexts(texts).flatMap(({ key, text }) => {
			// A status vocabulary's labels (roadmap.options.status.*, assistance.statuses.*…); "learn.completed"
			// is a lesson's state, not an action's status.
			const label = key
				.split('.')
				.slice(0, -1)
				.some((segment) => /status/i.test(segment))
			return findForbiddenTerms(text, language, { label }).map((finding) => describeFinding(`${language}:${key}`, finding))
		})
		expect(findings).toEqual([])
	})
})
