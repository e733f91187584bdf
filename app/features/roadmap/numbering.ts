/**
 * The plan's numbering, as the printed roadmap reads: pillar 1, objective 1.2, line of action 1.2.3;
 * an indicator is numbered by what it measures (1.2.a for objective 1.2, 1.2.3.a for action 1.2.3).
 * Computed from the order of the items, never stored, so a move renumbers everything after it.
 */
type Numbered = { id: string }
type NumberedTree = {
	pillars: Array<
		Numbered & { objectives: Array<Numbered & { indicators: Numbered[]; actions: Array<Numbered & { indicators: Numbered[] }> }> }
	>
}

const letter = (index: number): string =>
	index < 26 ? String.fromCharCode(97 + index) : letter(Math.floor(index / 26) - 1) + letter(index % 26)

export function planNumbers(tree: NumberedTree): Map<string, string> {
	const numbers = new Map<string, string>()
	tree.pillars.forEach((pillar, p) => {
		const pillarNo = String(p + 1)
		numbers.set(pillar.id, pillarNo)
		pillar.objectives.forEach((objective, o) => {
			const objectiveNo = `${pillarNo}.${o + 1}`
			numbers.set(objective.id, objectiveNo)
			objective.indicators.forEach((indicator, i) => numbers.set(indicator.id, `${objectiveNo}.${letter(i)}`))
			objective.actions.forEach((action, a) => {
				const actionNo = `${objectiveNo}.${a + 1}`
				numbers.set(action.id, actionNo)
				action.indicators.forEach((indicator, i) => numbers.set(indicator.id, `${actionNo}.${letter(i)}`))
			})
		})
	})
	return numbers
}
