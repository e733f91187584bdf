/**
 * Reading the results matrix's GET form, on the server only (the browser never parses it, so zod
 * stays out of the matrix page's scripts).
 */
import { z } from 'zod'
import { ACTION_STATUSES } from '#app/features/roadmap/kinds.ts'
import { MATRIX_DIRECTIONS, MATRIX_SORTS } from '#app/features/roadmap/matrix.ts'

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined)

/**
 * The matrix's GET form (`?pillar=&lead=&status=&sort=&dir=`). A value that is not one of the form's
 * choices is dropped, so a stale or tampered link still shows the matrix.
 */
export const MatrixQuery = z.object({
	pillar: optional(z.string().trim().min(1).max(100)),
	lead: optional(z.string().trim().min(1).max(200)),
	status: optional(z.enum(ACTION_STATUSES)),
	sort: z.enum(MATRIX_SORTS).catch('number'),
	dir: z.enum(MATRIX_DIRECTIONS).catch('asc'),
})
export type MatrixQuery = z.output<typeof MatrixQuery>

export function readMatrixQuery(params: URLSearchParams): MatrixQuery {
	const value = (name: string) => params.get(name) || undefined
	return MatrixQuery.parse({
		pillar: value('pillar'),
		lead: value('lead'),
		status: value('status'),
		sort: value('sort'),
		dir: value('dir'),
	})
}
