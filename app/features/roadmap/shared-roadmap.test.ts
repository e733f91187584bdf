import JSZip from 'jszip'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { roadmapItems } from '#app/features/roadmap/roadmap.server.ts'
import { type CommentThread } from '#app/features/roadmap/threads.ts'
import * as overview from '#app/routes/roadmaps.$delegationId._index.tsx'
import * as section from '#tests/roadmap-section.ts'
import * as actionsCsv from '#app/routes/roadmaps.$delegationId.actions[.]csv.tsx'
import * as draft from '#app/routes/roadmaps.$delegationId.draft[.]docx.tsx'
import * as history from '#app/routes/roadmaps.$delegationId.history.tsx'
import * as implementation from '#app/routes/roadmaps.$delegationId.implementation.tsx'
import * as live from '#app/routes/roadmaps.$delegationId.live.tsx'
import * as roadmapJson from '#app/routes/roadmaps.$delegationId.roadmap[.]json.tsx'
import * as snapshots from '#app/routes/roadmaps.$delegationId.snapshots._index.tsx'
import { db } from '#app/utils/db.server.ts'
import { requestAs, routeArgs, run } from '#tests/helpers.ts'

/**
 * A roadmap shared with the cohort, read by another delegation of it: the plan (overview, sections,
 * implementation, exports), and nothing of what surrounds it — comments, deleted items, the history,
 * snapshots, the live stream, TA requests, implementation notes and who wrote them — while the
 * delegation's own members keep reading all of it.
 */
const MEMBER = 'pa2@example.org'
const PEER = 'delegate.bo@example.org'
const FACILITATOR = 'facilitator@example.org'
const pa = { delegationId: 'panama-2025-pa' }
const base = '/roadmaps/panama-2025-pa'
const ITEM_COMMENT = 'Comentario interno: falta el costeo del programa'
const SECTION_COMMENT = 'Nota del equipo de facilitación sobre el diseño'
const DELETED_RISK = 'Riesgo descartado por la delegación'
const STATUS_NOTE = 'Nota interna: la ministra aún no firma'

type Route = { loader?: (args: any) => Promise<unknown>; action?: (args: any) => Promise<unknown> }

async function get(route: Route, email: string, path: string, params: Record<string, string> = pa) {
	const request = await requestAs(email, path)
	return run(() => route.loader!(routeArgs(request, params)))
}

async function post(route: Route, email: string, path: string, form: Record<string, string>, params: Record<string, string>) {
	const request = await requestAs(email, path, { form })
	return run(() => route.action!(routeArgs(request, params)))
}

type SectionPage = {
	threadsByItem: Record<string, CommentThread[]>
	sectionThreads: CommentThread[]
	commentTargets: unknown[]
	showComments: boolean
	deleted: unknown
	liveAfter: number | null
	openTa: { byItem: Record<string, number>; bySection: Record<string, number> }
	abilities: { inspect: boolean }
}
type Overview = { openComments: Record<string, number>; liveAfter: number | null; abilities: { inspect: boolean } }
type Latest = Record<string, { status: string | null; note: string | null; userName: string | null; dated: string }>

/** The change id of the risk deleted below: the section page's `?deleted=` notice with Undo. */
let deletedChange = 0

beforeAll(async () => {
	const toc = { ...pa, section: 'theory-of-change' }
	const design = { ...pa, section: 'strategic-design' }
	expect(
		(await post(section, MEMBER, `${base}/strategic-design`, { intent: 'comment', itemId: 'pa-action-1', body: ITEM_COMMENT }, design))
			.status,
	).toBe(302)
	expect((await post(section, FACILITATOR, `${base}/strategic-design`, { intent: 'comment', body: SECTION_COMMENT }, design)).status).toBe(
		302,
	)
	expect(
		(await post(section, MEMBER, `${base}/theory-of-change`, { intent: 'create', kind: 'risk', risk: DELETED_RISK }, toc)).status,
	).toBe(302)
	const roadmap = await db.selectFrom('roadmaps').select('id').where('delegation_id', '=', pa.delegationId).executeTakeFirstOrThrow()
	const risk = (await roadmapItems(roadmap.id)).find((item) => item.data.risk === DELETED_RISK)!
	const deleted = await post(
		section,
		MEMBER,
		`${base}/theory-of-change`,
		{ intent: 'delete', id: risk.id, version: String(risk.version) },
		toc,
	)
	expect(deleted.status).toBe(302)
	deletedChange = Number(new URL(deleted.response!.headers.get('Location')!, 'http://localhost').searchParams.get('deleted'))
	expect(deletedChange).toBeGreaterThan(0)
	const status = await post(
		implementation,
		MEMBER,
		`${base}/implementation`,
		{ intent: 'status', itemId: 'pa-action-1', status: 'in_progress', note: STATUS_NOTE, dated: '2026-01-15' },
		pa,
	)
	expect(status.status).toBe(302)
	await db.updateTable('roadmaps').set({ shared_with_cohort: 1 }).where('delegation_id', '=', pa.delegationId).execute()
})

afterAll(async () => {
	await db.updateTable('roadmaps').set({ shared_with_cohort: 0 }).where('delegation_id', '=', pa.delegationId).execute()
})

describe('a roadmap shared with the cohort, read by another delegation', () => {
	test('the overview: the plan, without comment counts, history links or a live stream; the member still has them', async () => {
		const peer = await get(overview, PEER, base)
		expect(peer.status).toBe(200)
		const peerPage = peer.data as Overview
		expect(peerPage.abilities.inspect).toBe(false)
		expect(Object.values(peerPage.openComments).every((count) => count === 0)).toBe(true)
		expect(peerPage.liveAfter).toBeNull()

		const member = (await get(overview, MEMBER, base)).data as Overview
		expect(member.abilities.inspect).toBe(true)
		expect(member.openComments['strategic-design']).toBe(2)
		expect(member.liveAfter).toBeGreaterThan(0)
	})

	test('a section page: no comments, no deleted item, no TA requests, no live stream; the member still sees them', async () => {
		const design = { ...pa, section: 'strategic-design' }
		const peer = await get(section, PEER, `${base}/strategic-design`, design)
		expect(peer.status).toBe(200)
		const peerPage = peer.data as SectionPage
		expect(peerPage.threadsByItem).toEqual({})
		expect(peerPage.sectionThreads).toEqual([])
		expect(peerPage.commentTargets).toEqual([])
		expect(peerPage.showComments).toBe(false)
		expect(peerPage.liveAfter).toBeNull()
		expect(peerPage.openTa).toEqual({ byItem: {}, bySection: {} })
		expect(JSON.stringify(peerPage)).not.toContain(ITEM_COMMENT)
		expect(JSON.stringify(peerPage)).not.toContain(SECTION_COMMENT)
		// The plan itself is there.
		expect(JSON.stringify(peerPage)).toContain('pa-action-1')

		const member = (await get(section, MEMBER, `${base}/strategic-design`, design)).data as SectionPage
		expect(member.showComments).toBe(true)
		expect(member.threadsByItem['pa-action-1']?.map((thread) => thread.body)).toEqual([ITEM_COMMENT])
		expect(member.sectionThreads.map((thread) => thread.body)).toEqual([SECTION_COMMENT])
		expect(member.liveAfter).toBeGreaterThan(0)
		// The seed's open TA request about costing is Panama's.
		expect(Object.values(member.openTa.bySection).reduce((sum, n) => sum + n, 0)).toBeGreaterThan(0)
	})

	test('the notice of a deleted item, with its Undo, reaches the member only', async () => {
		const toc = { ...pa, section: 'theory-of-change' }
		const path = `${base}/theory-of-change?deleted=${deletedChange}`
		const peer = (await get(section, PEER, path, toc)).data as SectionPage
		expect(peer.deleted).toBeNull()
		expect(JSON.stringify(peer)).not.toContain(DELETED_RISK)
		const member = (await get(section, MEMBER, path, toc)).data as SectionPage
		expect(JSON.stringify(member.deleted)).toContain(DELETED_RISK)
	})

	test('the history, the snapshots and the live stream are refused to the peer (403), not to the member', async () => {
		for (const [route, path] of [
			[history, `${base}/history`],
			[history, `${base}/history?view=implementation`],
			[snapshots, `${base}/snapshots`],
			[live, `${base}/live?after=0`],
		] as const) {
			expect((await get(route, PEER, path)).status, path).toBe(403)
			const member = await get(route, MEMBER, path)
			expect(member.status, path).toBe(200)
			if (member.response?.headers.get('Content-Type')?.startsWith('text/event-stream')) await member.response.body?.cancel()
		}
		const memberHistory = JSON.stringify((await get(history, MEMBER, `${base}/history`)).data)
		expect(memberHistory).toContain(DELETED_RISK)
	})

	test('implementation: the status and its date are the plan; the note and who wrote it stay with the delegation', async () => {
		const peer = await get(implementation, PEER, `${base}/implementation`)
		expect(peer.status).toBe(200)
		const peerLatest = (peer.data as { latest: Latest }).latest['pa-action-1']!
		expect(peerLatest).toMatchObject({ status: 'in_progress', dated: '2026-01-15', note: null, userName: null })
		expect(JSON.stringify(peer.data)).not.toContain(STATUS_NOTE)
		const memberLatest = ((await get(implementation, MEMBER, `${base}/implementation`)).data as { latest: Latest }).latest['pa-action-1']!
		expect(memberLatest.note).toBe(STATUS_NOTE)
		expect(memberLatest.userName).toBeTruthy()
	})

	test('the exports the peer downloads carry the plan, not comments, deleted items or notes', async () => {
		const texts: string[] = []
		for (const [route, path] of [
			[roadmapJson, `${base}/roadmap.json`],
			[actionsCsv, `${base}/actions.csv`],
		] as const) {
			const result = await get(route, PEER, path)
			expect(result.status, path).toBe(200)
			texts.push(await result.response!.text())
		}
		const docx = await get(draft, PEER, `${base}/draft.docx`)
		expect(docx.status).toBe(200)
		const zip = await JSZip.loadAsync(await docx.response!.arrayBuffer())
		texts.push(await zip.file('word/document.xml')!.async('string'))
		for (const text of texts) {
			// The plan is in each of them: Panama's first action.
			expect(text).toContain('Programa de reclutamiento con enfoque de género')
			for (const hidden of [ITEM_COMMENT, SECTION_COMMENT, DELETED_RISK, STATUS_NOTE]) expect(text).not.toContain(hidden)
		}
	})
})
