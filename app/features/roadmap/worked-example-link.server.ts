/**
 * Which lesson's page links to the worked example. Apart from worked-example.server.ts, whose
 * imports (the roadmap's model, its import) a lesson's page has no use for, nor for their interface
 * texts, which the build would otherwise count among the lesson's (scripts/route-texts.ts).
 */
import { getModule } from '#app/features/curriculum/content.server.ts'

/** The module whose last lesson leads to the example (strategic design builds what it shows). */
const EXAMPLE_AFTER_MODULE = 'strategic-design'

/** Whether a lesson's page links to the example: the last lesson of the strategic design module. */
export function lessonLeadsToExample(lessonKey: string) {
	return getModule(EXAMPLE_AFTER_MODULE)?.lessons.at(-1)?.key === lessonKey
}
