import { describe, expect, test } from 'vitest'
import { allContentFiles, compileSource, getCompiled } from '#app/features/curriculum/content.server.ts'
import {
	buildSearchAsset,
	createSearcher,
	normalizeWord,
	type SearchDocument,
	type SearchPage,
	type SearchResults,
	type Segment,
} from '#app/features/search/search.ts'
import { getSearchIndex } from '#app/features/search/search-index.server.ts'
import { requestAs, routeArgs, run } from '#tests/helpers.ts'

const marked = (segments: Segment[]) => segments.filter((s) => s.mark).map((s) => s.text)
const plain = (segments: Segment[]) => segments.map((s) => s.text).join('')
const hits = (results: SearchResults) => results.groups.flatMap((group) => group.hits.map((hit) => ({ group, ...hit })))

describe('the search index (a small one)', () => {
	const pages: Record<string, SearchPage> = {
		'monitoring-and-evaluation/baselines': {
			kind: 'lesson',
			href: '/learn/monitoring-and-evaluation/baselines',
			title: 'Líneas de base y metas',
			module: 'Monitoreo y evaluación',
			lang: 'es',
		},
		'gender-budgeting/costing': {
			kind: 'lesson',
			href: '/learn/gender-budgeting/costing',
			title: 'Costear un PAN',
			module: 'Presupuestos con enfoque de género',
			lang: 'es',
		},
		glossary: { kind: 'glossary', href: '/glossary', title: '', module: '', lang: 'es' },
	}
	const documents: SearchDocument[] = [
		{
			id: 0,
			page: 'monitoring-and-evaluation/baselines',
			heading: 'Cuando no hay línea de base',
			anchor: 'cuando-no-hay-linea-de-base',
			text: 'Si la LÍNEA DE BASE no existe, mídala en el primer año del plan.',
		},
		{
			id: 1,
			page: 'gender-budgeting/costing',
			heading: 'Los presupuestos con enfoque de género',
			anchor: 'los-presupuestos-con-enfoque-de-genero',
			text: 'Cada acción del plan necesita su costo unitario y una institución que lo asuma.',
		},
		{
			id: 2,
			page: 'gender-budgeting/costing',
			heading: 'La base de la estimación',
			anchor: 'la-base-de-la-estimacion',
			text: 'La base de la estimación es el costo de una línea de acción, no de todo el plan.',
		},
		{
			id: 3,
			page: 'glossary',
			heading: 'línea de base',
			anchor: 'term-linea-de-base',
			text: 'Valor de un indicador al inicio del plan, con el año en que se midió.',
		},
	]
	const searcher = createSearcher(buildSearchAsset('es', pages, documents))

	test('ignores accents and capitals, both ways', () => {
		for (const query of ['linea de base', 'LÍNEA DE BASE', 'Línea De Base']) {
			const found = hits(searcher.search(query))
			expect(
				found.map((hit) => hit.href),
				query,
			).toEqual(
				expect.arrayContaining(['/glossary#term-linea-de-base', '/learn/monitoring-and-evaluation/baselines#cuando-no-hay-linea-de-base']),
			)
		}
		// The words that matched are marked as they are written in the text.
		const [lesson] = hits(searcher.search('linea de base')).filter((hit) => hit.group.kind === 'lesson')
		expect(marked(lesson!.text)).toEqual(['LÍNEA', 'BASE'])
		expect(marked(lesson!.heading)).toEqual(['línea', 'base'])
		expect(plain(lesson!.text)).toBe('Si la LÍNEA DE BASE no existe, mídala en el primer año del plan.')
	})

	test('needs every word of the query (function words aside)', () => {
		const found = hits(searcher.search('línea de base'))
		// "línea de acción" and "base" in one passage do not make a "línea de base"… but both words are there.
		expect(found.map((hit) => hit.href)).toContain('/learn/gender-budgeting/costing#la-base-de-la-estimacion')
		expect(hits(searcher.search('base unitario')).map((hit) => hit.href)).toEqual([])
		expect(hits(searcher.search('costo unitario')).map((hit) => hit.href)).toEqual([
			'/learn/gender-budgeting/costing#los-presupuestos-con-enfoque-de-genero',
		])
		expect(searcher.search('de la').total).toBe(0)
		expect(searcher.search('   ').groups).toEqual([])
	})

	test('matches the start of a word, without Spanish stemming', () => {
		const found = hits(searcher.search('presupuest'))
		expect(found.map((hit) => hit.href)).toEqual(['/learn/gender-budgeting/costing#los-presupuestos-con-enfoque-de-genero'])
		expect(marked(found[0]!.heading)).toEqual(['presupuestos'])
		expect(hits(searcher.search('instituc')).map((hit) => marked(hit.text))).toEqual([['institución']])
		// No stemming: the singular does not find the plural's other forms, the start of a word does.
		expect(searcher.search('presupuestario').total).toBe(0)
	})

	test('forgives one typing slip in a longer word', () => {
		expect(hits(searcher.search('indicsdor')).map((hit) => hit.href)).toEqual(['/glossary#term-linea-de-base'])
		expect(hits(searcher.search('unitaro')).map((hit) => hit.href)).toEqual([
			'/learn/gender-budgeting/costing#los-presupuestos-con-enfoque-de-genero',
		])
		// Short words must be exact (or the start of a word): "cota" is not "costo".
		expect(searcher.search('cota').total).toBe(0)
	})

	test('finds glossary terms by their name and their definition, grouped apart', () => {
		const results = searcher.search('indicador inicio')
		expect(results.groups.map((group) => group.kind)).toEqual(['glossary'])
		expect(results.groups[0]!.hits[0]).toMatchObject({ href: '/glossary#term-linea-de-base' })
		expect(plain(results.groups[0]!.hits[0]!.heading)).toBe('línea de base')
	})

	test('groups passages by lesson, the best first, and counts them', () => {
		const results = searcher.search('plan')
		expect(results.total).toBe(4)
		expect(results.shown).toBe(4)
		const costing = results.groups.find((group) => group.page === 'gender-budgeting/costing')!
		expect(costing).toMatchObject({ title: 'Costear un PAN', module: 'Presupuestos con enfoque de género', lang: 'es' })
		expect(costing.hits).toHaveLength(2)
		expect(new Set(results.groups.map((group) => group.page)).size).toBe(results.groups.length)
	})

	test('cuts a long passage around its first match', () => {
		const long = `${'Texto de relleno sin interés alguno. '.repeat(20)}Aquí aparece la línea de base del indicador. ${'Más relleno. '.repeat(20)}`
		const one = createSearcher(
			buildSearchAsset('es', pages, [{ id: 0, page: 'gender-budgeting/costing', heading: 'Largo', anchor: 'largo', text: long }]),
		)
		const [hit] = hits(one.search('linea'))
		const shown = plain(hit!.text)
		expect(shown.length).toBeLessThan(260)
		expect(shown.startsWith('…')).toBe(true)
		expect(shown.endsWith('…')).toBe(true)
		expect(marked(hit!.text)).toEqual(['línea'])
	})
})

describe('the curriculum’s search index', () => {
	test('in Spanish, “linea de base” typed without its accent finds the lesson’s passages at their headings, and the glossary term', async () => {
		const { searcher, url } = await getSearchIndex('es')
		expect(url).toMatch(/^\/search-index\/es\.[a-f0-9]{32}\.json$/)
		const results = searcher.search('linea de base')
		const lesson = results.groups.find((group) => group.page === 'monitoring-and-evaluation/baselines-targets-and-verification')!
		expect(lesson).toMatchObject({
			kind: 'lesson',
			lang: 'es',
			href: '/learn/monitoring-and-evaluation/baselines-targets-and-verification',
		})
		expect(lesson.hits.length).toBeGreaterThan(0)
		for (const hit of lesson.hits) {
			// "línea", "Líneas", "base"…: every hit shows both words of the query marked.
			const words = marked([...hit.heading, ...hit.text]).map(normalizeWord)
			expect(
				words.some((word) => word.startsWith('linea')),
				plain(hit.text),
			).toBe(true)
			expect(
				words.some((word) => word.startsWith('base')),
				plain(hit.text),
			).toBe(true)
		}
		expect(lesson.hits.some((hit) => /#[a-z0-9-]+$/.test(hit.href))).toBe(true)
		const glossary = results.groups.find((group) => group.kind === 'glossary')!
		expect(glossary.hits.map((hit) => hit.href)).toContain('/glossary#term-linea-de-base')
	})

	test('in English, a prefix finds the glossary and the lessons', async () => {
		const { searcher } = await getSearchIndex('en')
		const results = searcher.search('subsidiar')
		expect(results.groups.find((group) => group.kind === 'glossary')?.hits.map((hit) => hit.href)).toContain('/glossary#term-subsidiarity')
		expect(results.groups.some((group) => group.kind === 'lesson')).toBe(true)
	})

	test('every passage links to a heading the lesson really has, and no answer key is in the index', async () => {
		const { json } = await getSearchIndex('es')
		const index = JSON.parse(json) as { pages: Record<string, SearchPage> }
		for (const file of allContentFiles()) {
			const compiled = await getCompiled(file)
			for (const passage of compiled.passages) {
				if (passage.anchor) expect(compiled.code, `${file} #${passage.anchor}`).toContain(`id:"${passage.anchor}"`)
			}
			for (const check of compiled.checks) {
				expect(json, file).not.toContain(check.explanation.slice(0, 40))
				for (const option of check.options) if (option.explain) expect(json, file).not.toContain(option.explain.slice(0, 40))
			}
		}
		expect(Object.keys(index.pages)).toContain('glossary')
	})
})

describe('headings and passages', () => {
	const front = `---\ntitle: "A lesson"\nsummary: "A summary long enough."\nminutes: 5\nobjectives:\n  - "One."\n---\n\n`

	test('headings get stable ids (repeated ones numbered, never a page’s own ids), and each block is a passage under its heading', async () => {
		const source = `${front}Opening words.

## Línea de base: ¿qué es?

A paragraph with a <Term name="baseline" definition="The value at the start.">baseline</Term>.

- First item
- Second item

## Línea de base: ¿qué es?

| Field | Value |
| --- | --- |
| Baseline | 14 % (2024) |

## Lesson complete

<Callout type="tip" title="A tip's title">

Inside the callout.

</Callout>

<KnowledgeCheck id="q" question="Which one?">
  <Option correct explain="Right: secret reason.">A secret option</Option>
  <Option>B</Option>
  <Explanation>A secret explanation.</Explanation>
</KnowledgeCheck>
`
		const compiled = await compileSource('x/01-a.en.mdx', source)
		expect(compiled.passages).toEqual([
			{ heading: '', anchor: '', text: 'Opening words.' },
			{ heading: 'Línea de base: ¿qué es?', anchor: 'linea-de-base-que-es', text: 'A paragraph with a baseline.' },
			{ heading: 'Línea de base: ¿qué es?', anchor: 'linea-de-base-que-es', text: 'First item · Second item' },
			{ heading: 'Línea de base: ¿qué es?', anchor: 'linea-de-base-que-es-2', text: 'Baseline · 14 % (2024)' },
			{ heading: 'Lesson complete', anchor: 'lesson-complete-2', text: "A tip's title" },
			{ heading: 'Lesson complete', anchor: 'lesson-complete-2', text: 'Inside the callout.' },
		])
		expect(compiled.code).toContain('id:"linea-de-base-que-es"')
		expect(compiled.code).toContain('id:"linea-de-base-que-es-2"')
		expect(compiled.code).toContain('id:"lesson-complete-2"')
	})
})

describe('the search page and its index file', () => {
	test('the page answers a query in the reader’s language, grouped by lesson, each hit at its heading', async () => {
		const { loader } = await import('#app/routes/search.tsx')
		const request = await requestAs('ec4@example.org', `/search?${new URLSearchParams({ q: 'linea de base', lng: 'es' })}`)
		const page = (await run(() => loader(routeArgs(request)))).data as Awaited<ReturnType<typeof loader>>
		expect(page.results.query).toBe('linea de base')
		expect(page.results.total).toBeGreaterThan(0)
		expect(page.indexUrl).toMatch(/^\/search-index\/es\./)
		const lesson = page.results.groups.find((group) => group.page === 'monitoring-and-evaluation/baselines-targets-and-verification')
		expect(lesson?.title).toBe('Líneas de base, metas y medios de verificación')
		expect(lesson!.hits[0]!.href).toMatch(/^\/learn\/monitoring-and-evaluation\/baselines-targets-and-verification(#[a-z0-9-]+)?$/)

		const english = (await run(async () => loader(routeArgs(await requestAs('ec4@example.org', '/search?q=baseline&lng=en')))))
			.data as typeof page
		expect(english.indexUrl).toMatch(/^\/search-index\/en\./)
		expect(english.results.groups.some((group) => group.lang === 'en' && group.kind === 'lesson')).toBe(true)

		const empty = (await run(async () => loader(routeArgs(await requestAs('ec4@example.org', '/search'))))).data as typeof page
		expect(empty.results).toMatchObject({ query: '', total: 0, groups: [] })
	})

	test('the index file is served to signed-in people only, by its hash, cached for good', async () => {
		const { loader } = await import('#app/routes/search-index.$file.tsx')
		const { url, key } = await getSearchIndex('es')
		const file = url.split('/').pop()!
		const served = await run(async () => loader(routeArgs(await requestAs('ec4@example.org', url), { file })))
		expect(served.status).toBe(200)
		expect(served.response!.headers.get('Cache-Control')).toContain('immutable')
		const asset = JSON.parse(await served.response!.text()) as { language: string }
		expect(asset.language).toBe('es')
		expect((await run(async () => loader(routeArgs(await requestAs(null, url), { file })))).status).toBe(302)
		for (const bad of [`es.${'0'.repeat(32)}.json`, `fr.${key}.json`, `es.${key}.js`, '../../etc/passwd']) {
			expect((await run(async () => loader(routeArgs(await requestAs('ec4@example.org', url), { file: bad })))).status, bad).toBe(404)
		}
	})
})
