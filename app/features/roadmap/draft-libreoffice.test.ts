import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { afterAll, describe, expect, test } from 'vitest'
import { draftDocument, draftInput } from '#app/features/roadmap/draft.server.ts'
import { formatMoney } from '#app/features/roadmap/item-values.tsx'
import { budgetTotals, getRoadmapByDelegation } from '#app/features/roadmap/roadmap.server.ts'
import { getT } from '#app/utils/i18n.server.ts'

/**
 * The Word draft opened by a real office suite: LibreOffice (installed by scripts/ensure-test-tools.js)
 * converts the demo roadmap's draft, in English and in Spanish, to plain text and to PDF, headless.
 * A file it could not read gives no output; the text must hold every section and the budget's totals.
 */
const SOFFICE = process.env.SOFFICE_PATH || '/usr/bin/soffice'
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'academy-draft-'))
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

async function convert(file: string, to: string) {
	// A profile of its own, so that another LibreOffice running on the machine does not lock this one out.
	const profile = `file://${path.join(dir, 'profile')}`
	await promisify(execFile)(SOFFICE, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', to, '--outdir', dir, file], {
		timeout: 120_000,
	})
}

describe('the Word draft in LibreOffice', () => {
	for (const language of ['en', 'es'] as const) {
		test(`opens the demo roadmap's draft (${language}) with every section and the totals`, async () => {
			const delegation = { id: 'panama-2025-pa', country_code: 'PA', cohort_id: 'panama-2025' }
			const roadmap = (await getRoadmapByDelegation(delegation.id))!
			const input = await draftInput(delegation, roadmap, language)
			const file = path.join(dir, `draft-${language}.docx`)
			fs.writeFileSync(file, await draftDocument(input))
			await convert(file, 'txt:Text')
			await convert(file, 'pdf')
			const text = fs.readFileSync(path.join(dir, `draft-${language}.txt`), 'utf8')
			expect(fs.statSync(path.join(dir, `draft-${language}.pdf`)).size).toBeGreaterThan(10_000)
			const t = await getT(language)
			const sections = ['theory-of-change', 'strategic-design', 'gender-budgeting', 'coordination', 'localization', 'monitoring']
			for (const [index, section] of sections.entries()) {
				expect(text).toContain(`${index + 1}. ${t(`roadmap.sections.${section}.title`)}`)
			}
			const totals = budgetTotals(input.tree)
			expect(totals.total).toBeGreaterThan(0)
			for (const amount of [totals.total, totals.funded, totals.total - totals.funded]) {
				expect(text).toContain(formatMoney(amount, roadmap.currency, language))
			}
		}, 240_000)
	}
})
