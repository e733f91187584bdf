import fs from 'node:fs'
import path from 'node:path'
import { contentDir, contentHash } from '#app/features/curriculum/content.server.ts'
import { searchIndexKey } from '#app/features/search/search-index.server.ts'
import { type Case, everyone, type Expected, signedIn, staffOnly } from '#tests/authorization/matrix.ts'
import { guideCases } from '#tests/authorization/guide-cases.ts'
import { SECTIONS } from '#app/features/roadmap/kinds.ts'

/**
 * The authorization matrix, one table per resource area. Every role of `ROLES` has an expected
 * status in every case; `matrix.test.ts` runs them all and fails when a route file in app/routes
 * has a loader or action with no case here.
 */

// -------------------------------------------------------------------------------------------------
// Learning, home, settings, the cohort page

const IN_2025: Expected = {
	signedOut: 302,
	staff: 200,
	facilitator2025: 200,
	facilitator2024: 403,
	delegateBolivia: 200,
	leadPanama: 200,
	memberPanama: 200,
	alumniTT: 403,
}
const IN_2024: Expected = {
	signedOut: 302,
	staff: 200,
	facilitator2025: 403,
	facilitator2024: 200,
	delegateBolivia: 403,
	leadPanama: 403,
	memberPanama: 403,
	alumniTT: 200,
}

const lesson = { module: 'theory-of-change', lesson: 'why-a-theory-of-change' }
const lessonFile = '01-theory-of-change/01-why-a-theory-of-change.en.mdx'
const lessonModule = `${contentHash(lessonFile, fs.readFileSync(path.join(contentDir(), lessonFile), 'utf8'))}.js`
const searchIndexFile = `es.${searchIndexKey('es')}.json`

export const learningCases: Case[] = [
	{ label: 'GET /', route: '_index.tsx', kind: 'loader', path: '/', params: {}, expected: everyone(200) },
	{ label: 'GET /home', route: 'home.tsx', kind: 'loader', path: '/home', params: {}, expected: signedIn(200) },
	{
		label: 'GET /cohorts/panama-2025',
		route: 'cohorts.$cohortId._index.tsx',
		kind: 'loader',
		path: '/cohorts/panama-2025',
		params: { cohortId: 'panama-2025' },
		expected: IN_2025,
	},
	{
		label: 'GET /cohorts/port-of-spain-2024',
		route: 'cohorts.$cohortId._index.tsx',
		kind: 'loader',
		path: '/cohorts/port-of-spain-2024',
		params: { cohortId: 'port-of-spain-2024' },
		expected: IN_2024,
	},
	{
		label: 'GET /cohorts/no-such-cohort',
		route: 'cohorts.$cohortId._index.tsx',
		kind: 'loader',
		path: '/cohorts/no-such-cohort',
		params: { cohortId: 'no-such-cohort' },
		expected: signedIn(404),
	},
	{ label: 'GET /learn', route: 'learn._index.tsx', kind: 'loader', path: '/learn', params: {}, expected: signedIn(200) },
	{
		label: 'GET /learn/theory-of-change',
		route: 'learn.$module._index.tsx',
		kind: 'loader',
		path: '/learn/theory-of-change',
		params: { module: 'theory-of-change' },
		expected: signedIn(200),
	},
	{
		label: 'GET a lesson',
		route: 'learn.$module.$lesson.tsx',
		kind: 'loader',
		path: '/learn/theory-of-change/why-a-theory-of-change',
		params: lesson,
		expected: signedIn(200),
	},
	{
		label: 'GET /learn/theory-of-change/no-such-lesson',
		route: 'learn.$module.$lesson.tsx',
		kind: 'loader',
		path: '/learn/theory-of-change/no-such-lesson',
		params: { module: 'theory-of-change', lesson: 'no-such-lesson' },
		expected: signedIn(404),
	},
	{
		label: 'POST a lesson (unknown check)',
		route: 'learn.$module.$lesson.tsx',
		kind: 'action',
		path: '/learn/theory-of-change/why-a-theory-of-change',
		params: lesson,
		form: { intent: 'answer', checkId: 'no-such-check', option: 'a' },
		expected: signedIn(404),
	},
	{
		label: 'GET a lesson module',
		route: 'mdx.$file.tsx',
		kind: 'loader',
		path: `/mdx/${lessonModule}`,
		params: { file: lessonModule },
		expected: signedIn(200),
	},
	{
		label: 'GET an unknown lesson module',
		route: 'mdx.$file.tsx',
		kind: 'loader',
		path: `/mdx/${'0'.repeat(32)}.js`,
		params: { file: `${'0'.repeat(32)}.js` },
		expected: signedIn(404),
	},
	...guideCases,
	{
		label: 'GET the costing sheet (CSV)',
		route: 'worksheets.costing-sheet[.]csv.tsx',
		kind: 'loader',
		path: '/worksheets/costing-sheet.csv',
		params: {},
		expected: signedIn(200),
	},
	{ label: 'GET /glossary', route: 'glossary.tsx', kind: 'loader', path: '/glossary', params: {}, expected: signedIn(200) },
	// What "Keep for offline reading" saves: the lessons' access rule.
	{
		label: 'GET /offline.json?module=…',
		route: 'offline[.]json.tsx',
		kind: 'loader',
		path: '/offline.json?module=localization',
		params: {},
		expected: signedIn(200),
	},
	{
		label: 'GET /offline.json for a module there is not',
		route: 'offline[.]json.tsx',
		kind: 'loader',
		path: '/offline.json?module=no-such-module',
		params: {},
		expected: signedIn(404),
	},
	// Search has the lessons' access rule (requireCurriculum 'view'), and so has its index file.
	{
		label: 'GET /search?q=…',
		route: 'search.tsx',
		kind: 'loader',
		path: '/search?q=linea%20de%20base',
		params: {},
		expected: signedIn(200),
	},
	{
		label: 'GET a search index',
		route: 'search-index.$file.tsx',
		kind: 'loader',
		path: `/search-index/${searchIndexFile}`,
		params: { file: searchIndexFile },
		expected: signedIn(200),
	},
	{
		label: 'GET an unknown search index',
		route: 'search-index.$file.tsx',
		kind: 'loader',
		path: `/search-index/es.${'0'.repeat(32)}.json`,
		params: { file: `es.${'0'.repeat(32)}.json` },
		expected: signedIn(404),
	},
	{ label: 'GET /settings', route: 'settings.tsx', kind: 'loader', path: '/settings', params: {}, expected: signedIn(200) },
	{
		label: 'POST /settings (empty name)',
		route: 'settings.tsx',
		kind: 'action',
		path: '/settings',
		params: {},
		form: { intent: 'profile', name: '', language: 'es' },
		expected: signedIn(400),
	},
]

// -------------------------------------------------------------------------------------------------
// Running cohorts: staff and the cohort's facilitators

const STAFF_ONLY = staffOnly()
const RUNS_2025: Expected = { ...STAFF_ONLY, facilitator2025: 200 }
const RUNS_2024: Expected = { ...STAFF_ONLY, facilitator2024: 200 }
/** A record of the 2024 cohort asked for through the 2025 cohort's address. */
const NOT_IN_2025: Expected = { ...RUNS_2025, staff: 404, facilitator2025: 404 }
const p2025 = { cohortId: 'panama-2025' }
const p2024 = { cohortId: 'port-of-spain-2024' }

export const cohortCases: Case[] = [
	{ label: 'GET /cohorts', route: 'cohorts._index.tsx', kind: 'loader', path: '/cohorts', params: {}, expected: signedIn(200) },
	{ label: 'GET /cohorts/new', route: 'cohorts.new.tsx', kind: 'loader', path: '/cohorts/new', params: {}, expected: STAFF_ONLY },
	{
		label: 'GET edit 2025',
		route: 'cohorts.$cohortId.edit.tsx',
		kind: 'loader',
		path: '/cohorts/panama-2025/edit',
		params: p2025,
		expected: STAFF_ONLY,
	},
	{
		label: 'GET dashboard 2025',
		route: 'cohorts.$cohortId.dashboard.tsx',
		kind: 'loader',
		path: '/cohorts/panama-2025/dashboard',
		params: p2025,
		expected: RUNS_2025,
	},
	{
		label: 'GET dashboard 2024',
		route: 'cohorts.$cohortId.dashboard.tsx',
		kind: 'loader',
		path: '/cohorts/port-of-spain-2024/dashboard',
		params: p2024,
		expected: RUNS_2024,
	},
	{
		label: 'GET reflections 2025',
		route: 'cohorts.$cohortId.reflections.tsx',
		kind: 'loader',
		path: '/cohorts/panama-2025/reflections',
		params: p2025,
		expected: RUNS_2025,
	},
	{
		// Those who run the cohort get past authorization to the 404 of a reflection nobody shared.
		label: 'POST reply to a reflection 2025 (none shared: 404 for those who run it)',
		route: 'cohorts.$cohortId.reflections.tsx',
		kind: 'action',
		path: '/cohorts/panama-2025/reflections',
		params: p2025,
		form: {
			intent: 'reply',
			userId: 'user-delegate-bo',
			lessonKey: 'theory-of-change/why-a-theory-of-change',
			reflectionId: 'our-bet',
			body: 'Thank you',
		},
		expected: { ...RUNS_2025, staff: 404, facilitator2025: 404 },
	},
	{
		label: 'POST reply to a reflection 2024 (empty: 400 for those who run it)',
		route: 'cohorts.$cohortId.reflections.tsx',
		kind: 'action',
		path: '/cohorts/port-of-spain-2024/reflections',
		params: p2024,
		form: {
			intent: 'reply',
			userId: 'user-alumni-tt',
			lessonKey: 'theory-of-change/why-a-theory-of-change',
			reflectionId: 'our-bet',
			body: ' ',
		},
		expected: { ...RUNS_2024, staff: 400, facilitator2024: 400 },
	},
	{
		label: 'GET checks 2025',
		route: 'cohorts.$cohortId.checks.tsx',
		kind: 'loader',
		path: '/cohorts/panama-2025/checks',
		params: p2025,
		expected: RUNS_2025,
	},
	{
		label: 'GET new delegation 2025',
		route: 'cohorts.$cohortId.delegations.new.tsx',
		kind: 'loader',
		path: '/cohorts/panama-2025/delegations/new',
		params: p2025,
		expected: RUNS_2025,
	},
	{
		label: 'GET delegation BO 2025',
		route: 'cohorts.$cohortId.delegations.$delegationId/route.tsx',
		kind: 'loader',
		path: '/cohorts/panama-2025/delegations/panama-2025-bo',
		params: { ...p2025, delegationId: 'panama-2025-bo' },
		expected: RUNS_2025,
	},
	{
		label: 'GET delegation TT through 2025',
		route: 'cohorts.$cohortId.delegations.$delegationId/route.tsx',
		kind: 'loader',
		path: '/cohorts/panama-2025/delegations/port-of-spain-2024-tt',
		params: { ...p2025, delegationId: 'port-of-spain-2024-tt' },
		expected: NOT_IN_2025,
	},
	{
		label: 'GET delegate BO 2025',
		route: 'cohorts.$cohortId.delegates.$userId.tsx',
		kind: 'loader',
		path: '/cohorts/panama-2025/delegates/user-delegate-bo',
		params: { ...p2025, userId: 'user-delegate-bo' },
		expected: RUNS_2025,
	},
	{
		label: 'GET delegate TT through 2025',
		route: 'cohorts.$cohortId.delegates.$userId.tsx',
		kind: 'loader',
		path: '/cohorts/panama-2025/delegates/user-alumni-tt',
		params: { ...p2025, userId: 'user-alumni-tt' },
		expected: NOT_IN_2025,
	},
	{
		label: 'GET roster.csv 2025',
		route: 'cohorts.$cohortId.roster[.]csv.tsx',
		kind: 'loader',
		path: '/cohorts/panama-2025/roster.csv',
		params: p2025,
		expected: RUNS_2025,
	},
	{
		label: 'GET progress.csv 2025',
		route: 'cohorts.$cohortId.progress[.]csv.tsx',
		kind: 'loader',
		path: '/cohorts/panama-2025/progress.csv',
		params: p2025,
		expected: RUNS_2025,
	},
	{
		label: 'GET invitations.csv 2025',
		route: 'cohorts.$cohortId.invitations[.]csv.tsx',
		kind: 'loader',
		path: '/cohorts/panama-2025/invitations.csv',
		params: p2025,
		expected: RUNS_2025,
	},
	{
		label: 'GET roster.csv 2024',
		route: 'cohorts.$cohortId.roster[.]csv.tsx',
		kind: 'loader',
		path: '/cohorts/port-of-spain-2024/roster.csv',
		params: p2024,
		expected: RUNS_2024,
	},
	{
		label: 'GET links.csv 2025 (a redirect to the cohort page)',
		route: 'cohorts.$cohortId.links[.]csv.tsx',
		kind: 'loader',
		path: '/cohorts/panama-2025/links.csv',
		params: p2025,
		expected: everyone(302),
		redirects: true,
	},
	{
		label: 'GET peer roadmaps 2025 (none shared)',
		route: 'cohorts.$cohortId.roadmaps.tsx',
		kind: 'loader',
		path: '/cohorts/panama-2025/roadmaps',
		params: p2025,
		expected: IN_2025,
	},
	{
		label: 'GET the roadmaps compared, 2025',
		route: 'cohorts.$cohortId.roadmaps_.compare.tsx',
		kind: 'loader',
		path: '/cohorts/panama-2025/roadmaps/compare',
		params: p2025,
		expected: IN_2025,
	},
	{
		label: 'GET the roadmaps compared, 2024 (closed)',
		route: 'cohorts.$cohortId.roadmaps_.compare.tsx',
		kind: 'loader',
		path: '/cohorts/port-of-spain-2024/roadmaps/compare',
		params: p2024,
		expected: IN_2024,
	},
	{
		label: 'GET the roadmaps compared, unknown cohort',
		route: 'cohorts.$cohortId.roadmaps_.compare.tsx',
		kind: 'loader',
		path: '/cohorts/no-such-cohort/roadmaps/compare',
		params: { cohortId: 'no-such-cohort' },
		expected: signedIn(404),
	},

	{
		label: 'POST /cohorts/new (invalid)',
		route: 'cohorts.new.tsx',
		kind: 'action',
		path: '/cohorts/new',
		params: {},
		form: { name: 'X' },
		expected: staffOnly(400),
	},
	{
		label: 'POST edit 2025 (add facilitator)',
		route: 'cohorts.$cohortId.edit.tsx',
		kind: 'action',
		path: '/cohorts/panama-2025/edit',
		params: p2025,
		form: { intent: 'addFacilitator', email: 'bb1@example.org' },
		expected: STAFF_ONLY,
	},
	{
		label: 'POST new delegation 2025 (invalid)',
		route: 'cohorts.$cohortId.delegations.new.tsx',
		kind: 'action',
		path: '/cohorts/panama-2025/delegations/new',
		params: p2025,
		form: { countryCode: 'ZZ', napStatus: 'drafting' },
		expected: { ...RUNS_2025, staff: 400, facilitator2025: 400 },
	},
	{
		label: 'POST delegation BO 2025 (NAP status)',
		route: 'cohorts.$cohortId.delegations.$delegationId/route.tsx',
		kind: 'action',
		path: '/cohorts/panama-2025/delegations/panama-2025-bo',
		params: { ...p2025, delegationId: 'panama-2025-bo' },
		form: { intent: 'napStatus', napStatus: 'drafting' },
		expected: RUNS_2025,
	},
	{
		label: 'POST delegation BO 2025 (send a member a reset link)',
		route: 'cohorts.$cohortId.delegations.$delegationId/route.tsx',
		kind: 'action',
		path: '/cohorts/panama-2025/delegations/panama-2025-bo',
		params: { ...p2025, delegationId: 'panama-2025-bo' },
		form: { intent: 'sendReset', userId: 'user-delegate-bo' },
		expected: RUNS_2025,
	},
	{
		label: 'POST delegation BO 2025 (reset link for someone not in it)',
		route: 'cohorts.$cohortId.delegations.$delegationId/route.tsx',
		kind: 'action',
		path: '/cohorts/panama-2025/delegations/panama-2025-bo',
		params: { ...p2025, delegationId: 'panama-2025-bo' },
		form: { intent: 'sendReset', userId: 'user-delegate-pa' },
		expected: { ...RUNS_2025, staff: 404, facilitator2025: 404 },
	},
	{
		label: 'POST delegation TT through 2025',
		route: 'cohorts.$cohortId.delegations.$delegationId/route.tsx',
		kind: 'action',
		path: '/cohorts/panama-2025/delegations/port-of-spain-2024-tt',
		params: { ...p2025, delegationId: 'port-of-spain-2024-tt' },
		form: { intent: 'napStatus', napStatus: 'drafting' },
		expected: NOT_IN_2025,
	},
	{
		label: 'POST links.csv 2025',
		route: 'cohorts.$cohortId.links[.]csv.tsx',
		kind: 'action',
		path: '/cohorts/panama-2025/links.csv',
		params: p2025,
		form: { name: 'A', email: 'a@example.org', url: 'http://localhost/invite/abc' },
		expected: RUNS_2025,
	},
]

// -------------------------------------------------------------------------------------------------
// Roadmaps: the delegation edits, the cohort's facilitators and staff read and comment

/** Panama's roadmap while it is not shared with the cohort. */
export const ROADMAP_READ: Expected = {
	signedOut: 302,
	staff: 200,
	facilitator2025: 200,
	facilitator2024: 403,
	delegateBolivia: 403,
	leadPanama: 200,
	memberPanama: 200,
	alumniTT: 403,
}
const pa = { delegationId: 'panama-2025-pa' }
/** Only the delegation's members get past authorization, to a 400 that changes nothing. */
const MEMBERS_REACH_400: Expected = signedIn(403, { leadPanama: 400, memberPanama: 400 })
/** The delegation's members and those who run its cohort (who comment) get past authorization, to a 404 that changes nothing. */
const COMMENTERS_REACH_404: Expected = signedIn(403, { staff: 404, facilitator2025: 404, leadPanama: 404, memberPanama: 404 })
const roadmapGet = (label: string, route: string, path: string, params: Record<string, string> = pa): Case => ({
	label: `GET ${label} (not shared)`,
	route,
	kind: 'loader',
	path,
	params,
	expected: ROADMAP_READ,
})

export const roadmapCases: Case[] = [
	roadmapGet('overview', 'roadmaps.$delegationId._index.tsx', '/roadmaps/panama-2025-pa'),
	...SECTIONS.map((section) =>
		roadmapGet(`section ${section}`, `roadmaps.$delegationId.${section}.tsx`, `/roadmaps/panama-2025-pa/${section}`),
	),
	roadmapGet('history', 'roadmaps.$delegationId.history.tsx', '/roadmaps/panama-2025-pa/history'),
	roadmapGet('print', 'roadmaps.$delegationId.print.tsx', '/roadmaps/panama-2025-pa/print'),
	roadmapGet('roadmap.json', 'roadmaps.$delegationId.roadmap[.]json.tsx', '/roadmaps/panama-2025-pa/roadmap.json'),
	roadmapGet('actions.csv', 'roadmaps.$delegationId.actions[.]csv.tsx', '/roadmaps/panama-2025-pa/actions.csv'),
	roadmapGet('draft.docx', 'roadmaps.$delegationId.draft[.]docx.tsx', '/roadmaps/panama-2025-pa/draft.docx'),
	roadmapGet('draft.docx in Spanish', 'roadmaps.$delegationId.draft[.]docx.tsx', '/roadmaps/panama-2025-pa/draft.docx?lng=es'),
	{
		label: 'GET draft.docx of a delegation that does not exist',
		route: 'roadmaps.$delegationId.draft[.]docx.tsx',
		kind: 'loader',
		path: '/roadmaps/no-such-delegation/draft.docx',
		params: { delegationId: 'no-such-delegation' },
		expected: signedIn(404),
	},
	roadmapGet('indicators.csv', 'roadmaps.$delegationId.indicators[.]csv.tsx', '/roadmaps/panama-2025-pa/indicators.csv'),
	roadmapGet('results matrix', 'roadmaps.$delegationId.matrix.tsx', '/roadmaps/panama-2025-pa/matrix?status=planned&sort=cost&dir=desc'),
	// The live stream: who may read the roadmap gets its events; nobody else gets a stream at all.
	roadmapGet('live stream', 'roadmaps.$delegationId.live.tsx', '/roadmaps/panama-2025-pa/live?after=0'),
	{
		// "I am editing this", for a stream that is not open: who may edit gets past authorization to the 404.
		label: 'POST live editing (no such stream)',
		route: 'roadmaps.$delegationId.live.tsx',
		kind: 'action',
		path: '/roadmaps/panama-2025-pa/live',
		params: pa,
		form: { intent: 'editing', connection: '00000000-0000-4000-8000-000000000000', editing: 'pa-action-1' },
		expected: signedIn(403, { leadPanama: 404, memberPanama: 404 }),
	},
	{
		// An inline edit that is not an action's update: who may edit gets its 400, and nothing changes.
		label: 'POST results matrix (not an action update)',
		route: 'roadmaps.$delegationId.matrix.tsx',
		kind: 'action',
		path: '/roadmaps/panama-2025-pa/matrix',
		params: pa,
		form: { intent: 'delete', id: 'none', version: '1' },
		expected: MEMBERS_REACH_400,
	},
	{
		// An action's update for an item that is not there: authorised people get the section's 404.
		label: 'POST results matrix (inline edit)',
		route: 'roadmaps.$delegationId.matrix.tsx',
		kind: 'action',
		path: '/roadmaps/panama-2025-pa/matrix',
		params: pa,
		form: { intent: 'update', kind: 'action', id: 'no-such-action', version: '1', description: 'Changed in the matrix' },
		expected: signedIn(403, { leadPanama: 404, memberPanama: 404 }),
	},
	{
		label: 'POST add an objective',
		route: 'roadmaps.$delegationId.strategic-design.tsx',
		kind: 'action',
		path: '/roadmaps/panama-2025-pa/strategic-design',
		params: pa,
		form: { intent: 'create', kind: 'pillar', name: 'Matrix pillar' },
		expected: {
			signedOut: 302,
			staff: 403,
			facilitator2025: 403,
			facilitator2024: 403,
			leadPanama: 302,
			memberPanama: 302,
			delegateBolivia: 403,
			alumniTT: 403,
		},
	},
	{
		// Authorised people get the 400 of the wrong section (the steps belong to coordination), so the
		// matrix changes nothing; app/features/roadmap/timeline.test.ts adds them for real.
		label: 'POST add the usual NAP steps (from another section)',
		route: 'roadmaps.$delegationId.strategic-design.tsx',
		kind: 'action',
		path: '/roadmaps/panama-2025-pa/strategic-design',
		params: pa,
		form: { intent: 'timeline' },
		expected: MEMBERS_REACH_400,
	},
	{
		// A preview writes nothing: the delegation's members see how the row is read.
		label: 'POST preview rows pasted from a spreadsheet',
		route: 'roadmaps.$delegationId.strategic-design.tsx',
		kind: 'action',
		path: '/roadmaps/panama-2025-pa/strategic-design',
		params: pa,
		form: {
			intent: 'pastePreview',
			parentId: 'pa-objective-1',
			rows: 'Matrix action\tMinistry\t\t2026-Q1\t2026-Q4\t1000\tnational_budget',
		},
		expected: signedIn(403, { leadPanama: 200, memberPanama: 200 }),
	},
	{
		// A paste with a bad row (an end before its start) creates nothing, so the matrix changes nothing;
		// app/features/roadmap/paste.server.test.ts creates rows for real.
		label: 'POST paste rows from a spreadsheet (one bad row: 400 for those allowed)',
		route: 'roadmaps.$delegationId.strategic-design.tsx',
		kind: 'action',
		path: '/roadmaps/panama-2025-pa/strategic-design',
		params: pa,
		form: { intent: 'paste', parentId: 'pa-objective-1', rows: 'Matrix action\tMinistry\t\t2027-Q1\t2026-Q4\t\t' },
		expected: MEMBERS_REACH_400,
	},
	{
		label: 'POST comment',
		route: 'roadmaps.$delegationId.coordination.tsx',
		kind: 'action',
		path: '/roadmaps/panama-2025-pa/coordination',
		params: pa,
		form: { intent: 'comment', body: 'Who chairs the group?' },
		expected: {
			signedOut: 302,
			staff: 302,
			facilitator2025: 302,
			facilitator2024: 403,
			leadPanama: 302,
			memberPanama: 302,
			delegateBolivia: 403,
			alumniTT: 403,
		},
	},
	{
		// Those who may comment get past authorization to the 404 of a comment that is not there.
		label: 'POST reply to a comment (none such: 404 for those allowed)',
		route: 'roadmaps.$delegationId.coordination.tsx',
		kind: 'action',
		path: '/roadmaps/panama-2025-pa/coordination',
		params: pa,
		form: { intent: 'reply', commentId: '999999', body: 'Yes, the vice-minister.' },
		expected: COMMENTERS_REACH_404,
	},
	{
		label: 'POST resolve a thread (none such: 404 for those allowed)',
		route: 'roadmaps.$delegationId.coordination.tsx',
		kind: 'action',
		path: '/roadmaps/panama-2025-pa/coordination',
		params: pa,
		form: { intent: 'resolve', commentId: '999999', resolved: 'true' },
		expected: COMMENTERS_REACH_404,
	},
	{
		label: 'POST reply to a comment (empty: 400 for those allowed)',
		route: 'roadmaps.$delegationId.coordination.tsx',
		kind: 'action',
		path: '/roadmaps/panama-2025-pa/coordination',
		params: pa,
		form: { intent: 'reply', commentId: '1', body: '' },
		expected: { ...COMMENTERS_REACH_404, staff: 400, facilitator2025: 400, leadPanama: 400, memberPanama: 400 },
	},
	{
		label: 'POST share with the cohort',
		route: 'roadmaps.$delegationId._index.tsx',
		kind: 'action',
		path: '/roadmaps/panama-2025-pa',
		params: pa,
		form: { intent: 'share', shared: 'false', version: '0' },
		expected: {
			signedOut: 302,
			staff: 403,
			facilitator2025: 403,
			facilitator2024: 403,
			leadPanama: 302,
			memberPanama: 403,
			delegateBolivia: 403,
			alumniTT: 403,
		},
	},
	{
		label: 'POST reopen (not final: 409 for those allowed)',
		route: 'roadmaps.$delegationId._index.tsx',
		kind: 'action',
		path: '/roadmaps/panama-2025-pa',
		params: pa,
		form: { intent: 'reopen', version: '0' },
		expected: {
			signedOut: 302,
			staff: 409,
			facilitator2025: 403,
			facilitator2024: 403,
			leadPanama: 409,
			memberPanama: 403,
			delegateBolivia: 403,
			alumniTT: 403,
		},
	},
	{
		label: 'GET the worked example',
		route: 'roadmap.example.tsx',
		kind: 'loader',
		path: '/roadmap/example',
		params: {},
		expected: signedIn(200),
	},
	{
		label: 'GET the worked example as JSON',
		route: 'roadmap.example[.]json.tsx',
		kind: 'loader',
		path: '/roadmap/example.json',
		params: {},
		expected: signedIn(200),
	},
	{
		label: 'POST start from the worked example (Panama has content: 409 for those allowed)',
		route: 'roadmaps.$delegationId._index.tsx',
		kind: 'action',
		path: '/roadmaps/panama-2025-pa',
		params: pa,
		form: { intent: 'startFromExample' },
		expected: { ...signedIn(403), leadPanama: 409, memberPanama: 409 },
	},
	// A change number that reads as none, on every section's page: those allowed get the 400, and
	// nothing is restored.
	...SECTIONS.map((section): Case => ({
		label: `POST Undo a delete on ${section} (no such change: 400 for those allowed)`,
		route: `roadmaps.$delegationId.${section}.tsx`,
		kind: 'action',
		path: `/roadmaps/panama-2025-pa/${section}`,
		params: pa,
		form: { intent: 'restore', changeId: '0' },
		expected: MEMBERS_REACH_400,
	})),

	{
		label: 'POST restore from the history (no such change: 400 for those allowed)',
		route: 'roadmaps.$delegationId.history.tsx',
		kind: 'action',
		path: '/roadmaps/panama-2025-pa/history',
		params: pa,
		form: { intent: 'restore', changeId: '0' },
		expected: MEMBERS_REACH_400,
	},
	{
		label: 'POST set back to a version from the history (no such change: 400 for those allowed)',
		route: 'roadmaps.$delegationId.history.tsx',
		kind: 'action',
		path: '/roadmaps/panama-2025-pa/history',
		params: pa,
		form: { intent: 'setBack', changeId: '0' },
		expected: MEMBERS_REACH_400,
	},
	{
		label: 'POST import (empty roadmap: 400 for those allowed)',
		route: 'roadmaps.$delegationId._index.tsx',
		kind: 'action',
		path: '/roadmaps/panama-2025-pa',
		params: pa,
		form: { intent: 'import', json: '{}' },
		expected: MEMBERS_REACH_400,
	},
]

// -------------------------------------------------------------------------------------------------
// A roadmap shared with the cohort: the other delegations read its plan, not what surrounds it

/** Panama's roadmap shared with the cohort, read as its plan: Bolivia's delegate reads it too. */
const SHARED_PLAN: Expected = { ...ROADMAP_READ, delegateBolivia: 200 }
const sharedGet = (label: string, route: string, path: string, expected: Expected, params: Record<string, string> = pa): Case => ({
	label: `GET ${label} (shared)`,
	route,
	kind: 'loader',
	path,
	params,
	expected,
	shares: 'panama-2025-pa',
})
const sharedPlan = (label: string, route: string, path: string, params?: Record<string, string>) =>
	sharedGet(label, route, path, SHARED_PLAN, params)
/** What is not the plan — its history, snapshots, live stream, TA requests — stays with those who `inspect` it. */
const sharedInspect = (label: string, route: string, path: string) => sharedGet(label, route, path, ROADMAP_READ)

export const sharedRoadmapCases: Case[] = [
	sharedPlan('overview', 'roadmaps.$delegationId._index.tsx', '/roadmaps/panama-2025-pa'),
	...SECTIONS.map((section) =>
		sharedPlan(`section ${section}`, `roadmaps.$delegationId.${section}.tsx`, `/roadmaps/panama-2025-pa/${section}`),
	),
	sharedPlan('results matrix', 'roadmaps.$delegationId.matrix.tsx', '/roadmaps/panama-2025-pa/matrix'),
	sharedPlan('implementation', 'roadmaps.$delegationId.implementation.tsx', '/roadmaps/panama-2025-pa/implementation'),
	sharedPlan('print', 'roadmaps.$delegationId.print.tsx', '/roadmaps/panama-2025-pa/print'),
	sharedPlan('roadmap.json', 'roadmaps.$delegationId.roadmap[.]json.tsx', '/roadmaps/panama-2025-pa/roadmap.json'),
	sharedPlan('actions.csv', 'roadmaps.$delegationId.actions[.]csv.tsx', '/roadmaps/panama-2025-pa/actions.csv'),
	sharedPlan('indicators.csv', 'roadmaps.$delegationId.indicators[.]csv.tsx', '/roadmaps/panama-2025-pa/indicators.csv'),
	sharedPlan('draft.docx', 'roadmaps.$delegationId.draft[.]docx.tsx', '/roadmaps/panama-2025-pa/draft.docx'),
	sharedInspect('history', 'roadmaps.$delegationId.history.tsx', '/roadmaps/panama-2025-pa/history'),
	sharedInspect(
		'history, implementation view',
		'roadmaps.$delegationId.history.tsx',
		'/roadmaps/panama-2025-pa/history?view=implementation',
	),
	sharedInspect('live stream', 'roadmaps.$delegationId.live.tsx', '/roadmaps/panama-2025-pa/live?after=0'),
	sharedInspect('snapshots', 'roadmaps.$delegationId.snapshots._index.tsx', '/roadmaps/panama-2025-pa/snapshots'),
	sharedInspect('compare snapshots', 'roadmaps.$delegationId.snapshots.compare.tsx', '/roadmaps/panama-2025-pa/snapshots/compare'),
	sharedInspect('TA requests and offers', 'roadmaps.$delegationId.assistance.tsx', '/roadmaps/panama-2025-pa/assistance'),
]

// -------------------------------------------------------------------------------------------------
// Snapshots: those who run the cohort and the delegation read and compare them (not peers of a shared roadmap); those who run the cohort take them

/** Trinidad and Tobago's roadmap (the closed 2024 cohort), read by its alumni and those who run that cohort. */
const TT_READ: Expected = IN_2024
const ttParams = { delegationId: 'port-of-spain-2024-tt' }
/** The seed's close snapshots are numbered in the order of their roadmaps: Barbados's is the first. */
const BARBADOS_CLOSE_SNAPSHOT = 1

export const snapshotCases: Case[] = [
	roadmapGet('snapshots', 'roadmaps.$delegationId.snapshots._index.tsx', '/roadmaps/panama-2025-pa/snapshots'),
	roadmapGet('compare (no snapshots yet)', 'roadmaps.$delegationId.snapshots.compare.tsx', '/roadmaps/panama-2025-pa/snapshots/compare'),
	{
		label: 'GET compare TT (the close snapshot with now)',
		route: 'roadmaps.$delegationId.snapshots.compare.tsx',
		kind: 'loader',
		path: '/roadmaps/port-of-spain-2024-tt/snapshots/compare',
		params: ttParams,
		expected: TT_READ,
	},
	{
		// Readers get past authorization to the 400 of a snapshot of another roadmap; the others learn nothing.
		label: 'GET compare TT with a snapshot of Barbados (400 for those allowed)',
		route: 'roadmaps.$delegationId.snapshots.compare.tsx',
		kind: 'loader',
		path: `/roadmaps/port-of-spain-2024-tt/snapshots/compare?from=${BARBADOS_CLOSE_SNAPSHOT}&to=now`,
		params: ttParams,
		expected: { ...TT_READ, staff: 400, facilitator2024: 400, alumniTT: 400 },
	},
	{
		label: 'GET compare TT with no such snapshot (404 for those allowed)',
		route: 'roadmaps.$delegationId.snapshots.compare.tsx',
		kind: 'loader',
		path: '/roadmaps/port-of-spain-2024-tt/snapshots/compare?from=999999&to=now',
		params: ttParams,
		expected: { ...TT_READ, staff: 404, facilitator2024: 404, alumniTT: 404 },
	},
	{
		label: 'POST take a snapshot of TT',
		route: 'roadmaps.$delegationId.snapshots._index.tsx',
		kind: 'action',
		path: '/roadmaps/port-of-spain-2024-tt/snapshots',
		params: ttParams,
		form: { intent: 'take', name: 'Matrix snapshot' },
		expected: signedIn(403, { staff: 302, facilitator2024: 302 }),
	},
	{
		label: 'POST take a snapshot of PA (no name: 400 for those allowed)',
		route: 'roadmaps.$delegationId.snapshots._index.tsx',
		kind: 'action',
		path: '/roadmaps/panama-2025-pa/snapshots',
		params: pa,
		form: { intent: 'take', name: '' },
		expected: signedIn(403, { staff: 400, facilitator2025: 400 }),
	},
]

// -------------------------------------------------------------------------------------------------
// Technical assistance and implementation

const PA_ASSISTANCE: Expected = {
	signedOut: 302,
	staff: 200,
	facilitator2025: 200,
	facilitator2024: 403,
	leadPanama: 200,
	memberPanama: 200,
	delegateBolivia: 403,
	alumniTT: 403,
}
const QUEUE: Expected = { ...staffOnly(), facilitator2025: 200, facilitator2024: 200 }
const taRequest = { requestId: 'ta-pa-costing' }
const tt = { delegationId: 'port-of-spain-2024-tt' }

export const assistanceCases: Case[] = [
	{
		label: 'GET delegation requests (PA)',
		route: 'roadmaps.$delegationId.assistance.tsx',
		kind: 'loader',
		path: '/roadmaps/panama-2025-pa/assistance',
		params: pa,
		expected: PA_ASSISTANCE,
	},
	{
		label: 'POST new request (PA, invalid)',
		route: 'roadmaps.$delegationId.assistance.tsx',
		kind: 'action',
		path: '/roadmaps/panama-2025-pa/assistance',
		params: pa,
		form: { intent: 'ask', topic: 'other', need: 'short' },
		expected: { ...signedIn(403), leadPanama: 400, memberPanama: 400 },
	},
	{
		label: 'POST accept an offer (PA, unknown offer: 404 for those who may ask)',
		route: 'roadmaps.$delegationId.assistance.tsx',
		kind: 'action',
		path: '/roadmaps/panama-2025-pa/assistance',
		params: pa,
		form: { intent: 'accept', offerId: 'no-such-offer' },
		expected: { ...signedIn(403), leadPanama: 404, memberPanama: 404 },
	},
	{
		label: 'POST decline an offer (PA, unknown offer: 404 for those who may ask)',
		route: 'roadmaps.$delegationId.assistance.tsx',
		kind: 'action',
		path: '/roadmaps/panama-2025-pa/assistance',
		params: pa,
		form: { intent: 'decline', offerId: 'no-such-offer' },
		expected: { ...signedIn(403), leadPanama: 404, memberPanama: 404 },
	},
	{
		label: 'GET request (PA)',
		route: 'assistance.$requestId/route.tsx',
		kind: 'loader',
		path: '/assistance/ta-pa-costing',
		params: taRequest,
		expected: PA_ASSISTANCE,
	},
	{
		label: 'POST message (PA)',
		route: 'assistance.$requestId/route.tsx',
		kind: 'action',
		path: '/assistance/ta-pa-costing',
		params: taRequest,
		form: { intent: 'message', body: 'Hello' },
		expected: { ...PA_ASSISTANCE, staff: 302, facilitator2025: 302, leadPanama: 302, memberPanama: 302 },
	},
	{
		label: 'POST status (PA; open → done: 409 for staff)',
		route: 'assistance.$requestId/route.tsx',
		kind: 'action',
		path: '/assistance/ta-pa-costing',
		params: taRequest,
		form: { intent: 'status', to: 'done' },
		expected: staffOnly(409),
	},
	{ label: 'GET queue', route: 'assistance._index.tsx', kind: 'loader', path: '/assistance', params: {}, expected: QUEUE },
	{
		label: 'GET queue CSV',
		route: 'assistance.requests[.]csv.tsx',
		kind: 'loader',
		path: '/assistance/requests.csv',
		params: {},
		expected: QUEUE,
	},
	{
		label: 'GET overview',
		route: 'assistance.overview.tsx',
		kind: 'loader',
		path: '/assistance/overview',
		params: {},
		expected: staffOnly(),
	},
	{
		label: 'POST offer from a gap (message too short: 400 for staff)',
		route: 'assistance.overview.tsx',
		kind: 'action',
		path: '/assistance/overview',
		params: {},
		form: {
			intent: 'offer',
			delegationId: 'panama-2025-pa',
			gap: 'emptySection',
			section: 'localization',
			topic: 'localization',
			message: 'Hi',
		},
		expected: staffOnly(400),
	},
	{
		label: 'POST withdraw an offer (unknown offer: 404 for staff)',
		route: 'assistance.overview.tsx',
		kind: 'action',
		path: '/assistance/overview',
		params: {},
		form: { intent: 'withdraw', offerId: 'no-such-offer' },
		expected: staffOnly(404),
	},
	{
		label: 'GET implementation (TT)',
		route: 'roadmaps.$delegationId.implementation.tsx',
		kind: 'loader',
		path: '/roadmaps/port-of-spain-2024-tt/implementation',
		params: tt,
		expected: IN_2024,
	},
	{
		label: 'POST implementation (TT, invalid)',
		route: 'roadmaps.$delegationId.implementation.tsx',
		kind: 'action',
		path: '/roadmaps/port-of-spain-2024-tt/implementation',
		params: tt,
		form: { intent: 'report', itemId: 'tt-indicator-1', period: '', value: '' },
		expected: { ...signedIn(403), alumniTT: 400 },
	},
]

// -------------------------------------------------------------------------------------------------
// Ways in and out: sign-in, invitations, language, redirects, health, the 404 page

export const entryCases: Case[] = [
	{ label: 'GET /healthz', route: 'healthz.tsx', kind: 'loader', path: '/healthz', params: {}, expected: everyone(200) },
	// The offline page and the web app manifest hold nothing of anyone: the service worker keeps them.
	{ label: 'GET /offline', route: 'offline.tsx', kind: 'loader', path: '/offline', params: {}, expected: everyone(200) },
	{
		label: 'GET /manifest.webmanifest',
		route: 'manifest[.]webmanifest.tsx',
		kind: 'loader',
		path: '/manifest.webmanifest',
		params: {},
		expected: everyone(200),
	},
	{
		label: 'GET an unknown page',
		route: '$.tsx',
		kind: 'loader',
		path: '/no/such/page',
		params: { '*': 'no/such/page' },
		expected: everyone(404),
	},
	{
		label: 'POST an unknown page',
		route: '$.tsx',
		kind: 'action',
		path: '/no/such/page',
		params: { '*': 'no/such/page' },
		form: {},
		expected: everyone(404),
	},
	{ label: 'GET /login', route: 'login.tsx', kind: 'loader', path: '/login', params: {}, expected: everyone(302, { signedOut: 200 }) },
	{
		label: 'POST /login (not an e-mail address)',
		route: 'login.tsx',
		kind: 'action',
		path: '/login',
		params: {},
		form: { email: 'not-an-address', password: 'x' },
		expected: everyone(302, { signedOut: 400 }),
	},
	{ label: 'GET /logout', route: 'logout.tsx', kind: 'loader', path: '/logout', params: {}, expected: everyone(302), redirects: true },
	{
		label: 'POST /logout',
		route: 'logout.tsx',
		kind: 'action',
		path: '/logout',
		params: {},
		form: {},
		expected: everyone(302),
		redirects: true,
	},
	{ label: 'GET /invite', route: 'invite._index.tsx', kind: 'loader', path: '/invite', params: {}, expected: everyone(200) },
	{
		label: 'POST /invite (unknown code)',
		route: 'invite._index.tsx',
		kind: 'action',
		path: '/invite',
		params: {},
		form: { code: 'no-such-code' },
		expected: everyone(404),
	},
	{
		label: 'GET an unknown invitation',
		route: 'invite.$token/route.tsx',
		kind: 'loader',
		path: '/invite/no-such-token',
		params: { token: 'no-such-token' },
		expected: everyone(404),
	},
	{
		label: 'POST an unknown invitation',
		route: 'invite.$token/route.tsx',
		kind: 'action',
		path: '/invite/no-such-token',
		params: { token: 'no-such-token' },
		form: { intent: 'join', sector: 'government' },
		expected: everyone(404),
	},
	{
		label: 'GET /set-language',
		route: 'set-language.tsx',
		kind: 'loader',
		path: '/set-language',
		params: {},
		expected: everyone(302),
		redirects: true,
	},
	{
		label: 'POST /set-language (unknown language)',
		route: 'set-language.tsx',
		kind: 'action',
		path: '/set-language',
		params: {},
		form: { lng: 'xx' },
		expected: everyone(400),
	},
	{
		label: 'GET /roadmap (to one’s own)',
		route: 'roadmap._index.tsx',
		kind: 'loader',
		path: '/roadmap',
		params: {},
		expected: signedIn(302),
	},
	{
		label: 'GET /roadmap/monitoring (to one’s own)',
		route: 'roadmap.$section.tsx',
		kind: 'loader',
		path: '/roadmap/monitoring',
		params: { section: 'monitoring' },
		expected: signedIn(302),
	},
]

// -------------------------------------------------------------------------------------------------
// Calendars: .ics downloads (who may see the cohort, the request) and the private feed (its token)

const BO_ASSISTANCE: Expected = { ...signedIn(403), staff: 200, facilitator2025: 200, delegateBolivia: 200 }
const notFoundFor = (expected: Expected): Expected =>
	Object.fromEntries(Object.entries(expected).map(([role, status]) => [role, status === 200 ? 404 : status])) as Expected

export const calendarCases: Case[] = [
	{
		label: 'GET the convening .ics 2025',
		route: 'cohorts.$cohortId.calendar[.]ics.tsx',
		kind: 'loader',
		path: '/cohorts/panama-2025/calendar.ics',
		params: p2025,
		expected: IN_2025,
	},
	{
		label: 'GET the convening .ics 2024',
		route: 'cohorts.$cohortId.calendar[.]ics.tsx',
		kind: 'loader',
		path: '/cohorts/port-of-spain-2024/calendar.ics',
		params: p2024,
		expected: IN_2024,
	},
	{
		label: 'GET the convening .ics of no cohort',
		route: 'cohorts.$cohortId.calendar[.]ics.tsx',
		kind: 'loader',
		path: '/cohorts/no-such-cohort/calendar.ics',
		params: { cohortId: 'no-such-cohort' },
		expected: signedIn(404),
	},
	{
		label: 'GET a scheduled TA session .ics (BO)',
		route: 'assistance.$requestId_.calendar[.]ics.tsx',
		kind: 'loader',
		path: '/assistance/ta-bo-local/calendar.ics',
		params: { requestId: 'ta-bo-local' },
		expected: BO_ASSISTANCE,
	},
	{
		label: 'GET the .ics of a request with no date (PA: 404 for who may see it)',
		route: 'assistance.$requestId_.calendar[.]ics.tsx',
		kind: 'loader',
		path: '/assistance/ta-pa-costing/calendar.ics',
		params: taRequest,
		expected: notFoundFor(PA_ASSISTANCE),
	},
	{
		label: 'GET the .ics of no request',
		route: 'assistance.$requestId_.calendar[.]ics.tsx',
		kind: 'loader',
		path: '/assistance/no-such-request/calendar.ics',
		params: { requestId: 'no-such-request' },
		expected: signedIn(404),
	},
	{
		// The token is the credential: a session changes nothing, and a wrong token is a 404 for everyone.
		label: 'GET a calendar feed with a wrong token',
		route: 'calendar.$file.tsx',
		kind: 'loader',
		path: `/calendar/${'A'.repeat(43)}.ics`,
		params: { file: `${'A'.repeat(43)}.ics` },
		expected: everyone(404),
	},
	{
		label: 'GET a calendar feed address that cannot be one',
		route: 'calendar.$file.tsx',
		kind: 'loader',
		path: '/calendar/feed',
		params: { file: 'feed' },
		expected: everyone(404),
	},
	{
		label: 'POST /settings make or reset my calendar feed',
		route: 'settings.tsx',
		kind: 'action',
		path: '/settings',
		params: {},
		form: { intent: 'calendarFeed' },
		expected: signedIn(200),
	},
	{
		label: 'POST /settings turn my calendar feed off',
		route: 'settings.tsx',
		kind: 'action',
		path: '/settings',
		params: {},
		form: { intent: 'calendarFeedOff' },
		expected: signedIn(200),
	},
]

// -------------------------------------------------------------------------------------------------
// Mail and password reset

export const mailCases: Case[] = [
	// Everyone signed in reads the mail sent to them; staff read all of it (the query filters).
	{ label: 'GET /mail', route: 'mail._index.tsx', kind: 'loader', path: '/mail', params: {}, expected: signedIn(200) },
	{
		label: 'GET /mail filtered (a status that does not exist)',
		route: 'mail._index.tsx',
		kind: 'loader',
		path: '/mail?status=lost&address=pa',
		params: {},
		expected: signedIn(200),
	},
	{
		label: 'GET an unknown message',
		route: 'mail.$messageId.tsx',
		kind: 'loader',
		path: '/mail/no-such-message',
		params: { messageId: 'no-such-message' },
		expected: signedIn(404),
	},
	{
		label: 'GET /forgot-password',
		route: 'forgot-password.tsx',
		kind: 'loader',
		path: '/forgot-password',
		params: {},
		expected: everyone(302, { signedOut: 200 }),
	},
	{
		label: 'POST /forgot-password (not an e-mail address)',
		route: 'forgot-password.tsx',
		kind: 'action',
		path: '/forgot-password',
		params: {},
		form: { email: 'not-an-address' },
		expected: everyone(302, { signedOut: 400 }),
	},
	{
		label: 'POST /forgot-password (an unknown address)',
		route: 'forgot-password.tsx',
		kind: 'action',
		path: '/forgot-password',
		params: {},
		form: { email: 'nobody.here@example.org' },
		expected: everyone(302, { signedOut: 200 }),
	},
	// The token is the permission: anyone holding a link may use it, signed in or not.
	{
		label: 'GET a tampered reset link',
		route: 'reset-password.$token.tsx',
		kind: 'loader',
		path: '/reset-password/not-a-token',
		params: { token: 'not-a-token' },
		expected: everyone(400),
	},
	{
		label: 'POST a tampered reset link',
		route: 'reset-password.$token.tsx',
		kind: 'action',
		path: `/reset-password/${'A'.repeat(43)}`,
		params: { token: 'A'.repeat(43) },
		form: { newPassword: 'a-new-password-1', confirmPassword: 'a-new-password-1' },
		expected: everyone(400),
	},
]

// -------------------------------------------------------------------------------------------------
// Notifications: everyone signed in has their own; nobody reaches another person's

export const notificationCases: Case[] = [
	{ label: 'GET /notifications', route: 'notifications.tsx', kind: 'loader', path: '/notifications', params: {}, expected: signedIn(200) },
	{
		label: 'GET /notifications, an older page',
		route: 'notifications.tsx',
		kind: 'loader',
		path: '/notifications?before=2026-01-01T00:00:00.000Z',
		params: {},
		expected: signedIn(200),
	},
	{
		label: 'POST /notifications mark all read',
		route: 'notifications.tsx',
		kind: 'action',
		path: '/notifications',
		params: {},
		form: { intent: 'markAllRead' },
		expected: signedIn(200),
	},
	{
		// An id that is nobody's — or someone else's — is not found, for every role.
		label: 'POST /notifications open a notification that is not mine',
		route: 'notifications.tsx',
		kind: 'action',
		path: '/notifications',
		params: {},
		form: { intent: 'open', id: '00000000-0000-4000-8000-000000000000' },
		expected: signedIn(404),
	},
	{
		label: 'POST /notifications (no intent)',
		route: 'notifications.tsx',
		kind: 'action',
		path: '/notifications',
		params: {},
		form: {},
		expected: signedIn(400),
	},
	{
		label: 'POST /settings notification settings',
		route: 'settings.tsx',
		kind: 'action',
		path: '/settings',
		params: {},
		form: { intent: 'notifications', assistance: 'daily', comments: 'immediate' },
		expected: signedIn(200),
	},
	{
		label: 'POST /settings notification settings (not an option)',
		route: 'settings.tsx',
		kind: 'action',
		path: '/settings',
		params: {},
		form: { intent: 'notifications', assistance: 'hourly' },
		expected: signedIn(400),
	},
]

// -------------------------------------------------------------------------------------------------
// Two-step sign-in: the second step (signed out, with a pending sign-in) and its settings page

export const twoStepCases: Case[] = [
	{
		label: 'GET /login/two-step',
		route: 'login_.two-step.tsx',
		kind: 'loader',
		path: '/login/two-step',
		params: {},
		expected: everyone(302, { signedOut: 200 }),
	},
	{
		label: 'POST /login/two-step (no pending sign-in)',
		route: 'login_.two-step.tsx',
		kind: 'action',
		path: '/login/two-step',
		params: {},
		form: { intent: 'code', code: '123456' },
		expected: everyone(302, { signedOut: 400 }),
	},
	{
		label: 'POST /login/two-step (not six digits)',
		route: 'login_.two-step.tsx',
		kind: 'action',
		path: '/login/two-step',
		params: {},
		form: { intent: 'code', code: '12ab' },
		expected: everyone(302, { signedOut: 400 }),
	},
	{
		label: 'GET /settings/two-step',
		route: 'settings_.two-step.tsx',
		kind: 'loader',
		path: '/settings/two-step',
		params: {},
		expected: signedIn(200),
	},
	{
		label: 'POST /settings/two-step start setting it up',
		route: 'settings_.two-step.tsx',
		kind: 'action',
		path: '/settings/two-step',
		params: {},
		form: { intent: 'begin' },
		expected: signedIn(302),
	},
	{
		label: 'POST /settings/two-step confirm (not a code)',
		route: 'settings_.two-step.tsx',
		kind: 'action',
		path: '/settings/two-step',
		params: {},
		form: { intent: 'confirm', code: 'abc' },
		expected: signedIn(400),
	},
	{
		label: 'POST /settings/two-step turn off (not on)',
		route: 'settings_.two-step.tsx',
		kind: 'action',
		path: '/settings/two-step',
		params: {},
		form: { intent: 'turnOff', password: 'not-the-password', code: '123456' },
		expected: signedIn(400),
	},
	{
		label: 'POST /settings/two-step new recovery codes (not on)',
		route: 'settings_.two-step.tsx',
		kind: 'action',
		path: '/settings/two-step',
		params: {},
		form: { intent: 'regenerate', password: 'not-the-password', code: '123456' },
		expected: signedIn(400),
	},
]

// -------------------------------------------------------------------------------------------------
// The audit log and people's data: staff only, except each person's own data

export const auditCases: Case[] = [
	{ label: 'GET /audit', route: 'audit.tsx', kind: 'loader', path: '/audit', params: {}, expected: staffOnly() },
	{
		label: 'GET /audit filtered (an unknown action, a bad date)',
		route: 'audit.tsx',
		kind: 'loader',
		path: '/audit?action=nope&from=yesterday&cohort=panama-2025&actor=pa',
		params: {},
		expected: staffOnly(),
	},
	{ label: 'GET /audit.csv', route: 'audit[.]csv.tsx', kind: 'loader', path: '/audit.csv', params: {}, expected: staffOnly() },
	{ label: 'GET /people', route: 'people._index.tsx', kind: 'loader', path: '/people', params: {}, expected: staffOnly() },
	{ label: 'GET /people?q=pa', route: 'people._index.tsx', kind: 'loader', path: '/people?q=pa', params: {}, expected: staffOnly() },
	{
		label: 'GET /people/<a delegate>',
		route: 'people.$userId.tsx',
		kind: 'loader',
		path: '/people/user-delegate-bo',
		params: { userId: 'user-delegate-bo' },
		expected: staffOnly(),
	},
	{
		label: 'GET /people/<nobody>',
		route: 'people.$userId.tsx',
		kind: 'loader',
		path: '/people/no-such-person',
		params: { userId: 'no-such-person' },
		expected: staffOnly(404),
	},
	{
		label: 'POST erase a delegate (not confirmed: 400 for staff)',
		route: 'people.$userId.tsx',
		kind: 'action',
		path: '/people/user-delegate-bo',
		params: { userId: 'user-delegate-bo' },
		form: { intent: 'erase' },
		expected: staffOnly(400),
	},
	{
		label: 'POST deactivate nobody',
		route: 'people.$userId.tsx',
		kind: 'action',
		path: '/people/no-such-person',
		params: { userId: 'no-such-person' },
		form: { intent: 'deactivate' },
		expected: staffOnly(404),
	},
	{
		label: 'POST reactivate an active account (409 for staff)',
		route: 'people.$userId.tsx',
		kind: 'action',
		path: '/people/user-delegate-bo',
		params: { userId: 'user-delegate-bo' },
		form: { intent: 'reactivate' },
		expected: staffOnly(409),
	},
	{
		label: 'POST /people/<a delegate> (unknown intent)',
		route: 'people.$userId.tsx',
		kind: 'action',
		path: '/people/user-delegate-bo',
		params: { userId: 'user-delegate-bo' },
		form: { intent: 'delete' },
		expected: everyone(400),
	},
	{
		label: 'GET /settings/my-data.json (each their own)',
		route: 'settings_.my-data[.]json.tsx',
		kind: 'loader',
		path: '/settings/my-data.json',
		params: {},
		expected: signedIn(200),
	},
]

export const AREAS = {
	learning: learningCases,
	cohorts: cohortCases,
	roadmaps: roadmapCases,
	sharedRoadmap: sharedRoadmapCases,
	snapshots: snapshotCases,
	assistance: assistanceCases,
	entry: entryCases,
	calendars: calendarCases,
	mail: mailCases,
	notifications: notificationCases,
	twoStep: twoStepCases,
	audit: auditCases,
} as const

export const CASES: Case[] = Object.values(AREAS).flat()
