import fs from 'node:fs'
import path from 'node:path'
import { contentDir, contentHash, scanCatalogue } from '#app/features/curriculum/content.server.ts'
import { type Case, type Expected, signedIn } from '#tests/authorization/matrix.ts'

/** Facilitator guides: facilitators of any cohort and staff; never delegates or alumni. */
const GUIDE_READ: Expected = { ...signedIn(403), staff: 200, facilitator2025: 200, facilitator2024: 200 }
const modules = scanCatalogue().modules
// Whichever module has a guide (the writers add them module by module), and one that has none, if any.
const withGuide = modules.find((m) => Object.keys(m.guide).length)
if (!withGuide) throw new Error('No module of content/ has a facilitator guide (guide.<lang>.mdx) for the matrix to open')
const withoutGuide = modules.find((m) => !Object.keys(m.guide).length)
const guideFile = Object.values(withGuide.guide)[0]!.file
const guideModule = `${contentHash(guideFile, fs.readFileSync(path.join(contentDir(), guideFile), 'utf8'))}.js`

/** The guide of whichever module has one, the guide of one that has none (if any), and a guide's compiled module. */
export const guideCases: Case[] = [
	{
		label: `GET /learn/${withGuide.slug}/guide`,
		route: 'learn.$module.guide.tsx',
		kind: 'loader',
		path: `/learn/${withGuide.slug}/guide`,
		params: { module: withGuide.slug },
		expected: GUIDE_READ,
	},
	...(withoutGuide
		? [
				{
					label: `GET /learn/${withoutGuide.slug}/guide (none written)`,
					route: 'learn.$module.guide.tsx',
					kind: 'loader',
					path: `/learn/${withoutGuide.slug}/guide`,
					params: { module: withoutGuide.slug },
					expected: { ...GUIDE_READ, staff: 404, facilitator2025: 404, facilitator2024: 404 },
				} satisfies Case,
			]
		: []),
	{
		label: 'GET a facilitator guide’s module',
		route: 'mdx.$file.tsx',
		kind: 'loader',
		path: `/mdx/${guideModule}`,
		params: { file: guideModule },
		expected: GUIDE_READ,
	},
]
