import AxeBuilder from '@axe-core/playwright'
import { expect, type Page } from '@playwright/test'

/** The page as it is now has no serious or critical accessibility violation (axe-core, WCAG 2.2 AA rules). */
export async function expectNoSeriousViolations(page: Page) {
	const results = await new AxeBuilder({ page }).analyze()
	const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
	const found = serious.map(
		(v) =>
			`${v.id}: ${v.help} (${v.nodes
				.map((n) => n.target.join(' '))
				.slice(0, 3)
				.join(', ')})`,
	)
	expect(found, page.url()).toEqual([])
}
