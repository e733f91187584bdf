import { parseWithZod } from '@conform-to/zod/v4'
import { type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { liveStream, setEditing } from '#app/features/roadmap/live.server.ts'
import { EDIT_KEY_MAX } from '#app/features/roadmap/live.ts'
import { permissionForIntent, requireRoadmap } from '#app/utils/access.server.ts'
import { readFormData } from '#app/utils/form-data.server.ts'

/** Where a stream starts: the history row the page was read at (`?after=`), or the last one a reconnecting browser read. */
const After = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER)

/**
 * The roadmap's live stream (server-sent events, see app/features/roadmap/live.ts), for those who
 * `inspect` the roadmap (its delegation and those who run the cohort; not peers reading a shared
 * one): others' changes as they are saved, and who has it open.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
	const { viewer, roadmap } = await requireRoadmap(request, params.delegationId, 'inspect')
	const raw = request.headers.get('last-event-id') ?? new URL(request.url).searchParams.get('after') ?? '0'
	const after = After.safeParse(raw.trim() || '0')
	if (!after.success) throw new Response('"after" must be the number of a history row.', { status: 400 })
	return liveStream(request, { roadmapId: roadmap.id, userId: viewer.id, after: after.data })
}

const EditingForm = z.object({
	intent: z.literal('editing'),
	connection: z.uuid(),
	editing: z
		.string()
		.max(EDIT_KEY_MAX)
		.regex(/^[\w-]+$/)
		.optional(),
})

/** A screen says what it is editing now (an edit key), or nothing. 204 when told; 404 when that stream is not open. */
export async function action({ request, params }: ActionFunctionArgs) {
	const formData = await readFormData(request)
	const needs = permissionForIntent('live', formData.get('intent'))
	const { viewer, roadmap } = await requireRoadmap(request, params.delegationId, needs)
	const submission = parseWithZod(formData, { schema: EditingForm })
	if (submission.status !== 'success') return new Response('Not a stream id and an edit key.', { status: 400 })
	const { connection, editing } = submission.value
	const told = await setEditing({ roadmapId: roadmap.id, userId: viewer.id, connection, editing: editing ?? null })
	return new Response(null, { status: told ? 204 : 404 })
}
