/**
 * Limits of the lesson page's forms, for the server's schemas (schemas.ts) and the page's
 * components alike. Kept apart from the schemas so the lesson page, which ships no zod, can read
 * them: importing schemas.ts into a component would bundle zod with every lesson.
 */

/** A reflection longer than this is refused with a message, never cut. */
export const REFLECTION_MAX_LENGTH = 10_000
