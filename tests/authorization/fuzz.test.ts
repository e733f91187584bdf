import fs from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { ASSISTANCE_FORMATS, ASSISTANCE_STATUSES, ASSISTANCE_TOPICS, ASSISTANCE_URGENCIES } from '#app/features/assistance/assistance.ts'
import { inviteRows } from '#app/features/cohorts/roster.server.ts'
import { getCatalogue } from '#app/features/curriculum/content.server.ts'
import { db } from '#app/utils/db.server.ts'
import { ACTION_STATUSES, KIND_NAMES, KINDS, SECTIONS } from '#app/features/roadmap/kinds.ts'
import { SECTORS } from '#app/utils/vocabularies.ts'
import { loadRoute, ROLES, type Role, ROUTE_FILES, type RouteModule } from '#tests/authorization/matrix.ts'
import { BASE, cookieFor, routeArgs, run } from '#tests/helpers.ts'

/**
 * Property-based fuzzing of every route in app/routes (found by listing the folder, so a new route
 * is fuzzed without touching this file — except its action needs its field names below).
 *
 * - Every action gets random and malformed bodies (random fields including every field name the
 *   route reads, real and bogus `intent`s, ids of other cohorts, huge strings, unicode, numbers as
 *   strings, dates; JSON to a form action, truncated multipart, no content type, …) and random
 *   params, as anonymous, delegates, a facilitator, staff and alumni.
 * - Every loader gets random ids in its params and random query strings.
 *
 * Properties: nothing throws anything but a Response and no status is 500 or more; and no
 * unauthorised read or write succeeds (see `unauthorised` below for the exact definition).
 *
 * Random by default; FUZZ_SEED=<n> replays a run, FUZZ_RUNS=<n> changes the number of runs per
 * route. fast-check prints the seed, the path and the counterexample of a failure.
 */
const RUNS = Number(process.env.FUZZ_RUNS) || 12
const ACTION_RUNS = RUNS * 2
if (process.env.FUZZ_SEED) fc.configureGlobal({ seed: Number(process.env.FUZZ_SEED) })

const FUZZ_ROLES: Role[] = [
	'signedOut',
	'staff',
	'facilitator2025',
	'facilitator2024',
	'delegateBolivia',
	'leadPanama',
	'memberPanama',
	'alumniTT',
]

/** Field names and intents each action reads. A route with an action and no entry fails the suite. */
const ITEM_FIELDS = [...new Set(Object.values(KINDS).flatMap((kind) => kind.fields.map((field) => field.name)))]
const COHORT_FIELDS = ['name', 'hostCity', 'hostCountry', 'venue', 'startDate', 'endDate', 'preworkDueDate', 'status']
/** Every section's route reads the same form fields (app/features/roadmap/section/section.server.ts). */
const SECTION_FIELDS = {
	intents: ['create', 'update', 'delete', 'move', 'currency', 'timeline', 'comment', 'reply', 'resolve', 'restore'],
	fields: [
		'confirm',
		'changeId',
		'kind',
		'parentId',
		'id',
		'version',
		'direction',
		'currency',
		'body',
		'itemId',
		'commentId',
		'resolved',
		'formKey',
		...ITEM_FIELDS,
	],
}

const ACTION_FIELDS: Record<string, { intents: string[]; fields: string[] }> = {
	'$.tsx': { intents: [], fields: [] },
	'assistance.$requestId/route.tsx': {
		intents: ['message', 'note', 'status', 'assign'],
		fields: ['body', 'to', 'scheduledFor', 'reason', 'assigneeId'],
	},
	'cohorts.$cohortId.delegations.$delegationId/route.tsx': {
		intents: ['napStatus', 'member', 'removeMember', 'sendReset', 'inviteOne', 'roster', 'revoke', 'reissue'],
		fields: [
			'napStatus',
			'userId',
			'sector',
			'organisation',
			'position',
			'isLead',
			'name',
			'email',
			'days',
			'file',
			'roster',
			'invitationId',
		],
	},
	'cohorts.$cohortId.delegations.new.tsx': { intents: [], fields: ['countryCode', 'napStatus'] },
	'cohorts.$cohortId.reflections.tsx': { intents: ['reply'], fields: ['userId', 'lessonKey', 'reflectionId', 'body'] },
	'cohorts.$cohortId.edit.tsx': { intents: ['save', 'addFacilitator', 'removeFacilitator'], fields: [...COHORT_FIELDS, 'email', 'userId'] },
	'cohorts.$cohortId.links[.]csv.tsx': { intents: [], fields: ['name', 'email', 'url'] },
	'cohorts.new.tsx': { intents: [], fields: COHORT_FIELDS },
	'invite.$token/route.tsx': {
		intents: ['create', 'join'],
		fields: ['name', 'password', 'confirmPassword', 'language', 'sector', 'organisation', 'position'],
	},
	'invite._index.tsx': { intents: [], fields: ['code'] },
	'learn.$module.$lesson.tsx': {
		intents: ['answer', 'reflect', 'complete', 'reopen'],
		fields: ['checkId', 'option', 'reflectionId', 'body', 'shared', 'via'],
	},
	'login.tsx': { intents: [], fields: ['email', 'password', 'redirectTo'] },
	'login_.two-step.tsx': { intents: ['code', 'recovery'], fields: ['code', 'recoveryCode'] },
	'settings_.two-step.tsx': { intents: ['begin', 'confirm', 'turnOff', 'regenerate'], fields: ['code', 'password'] },
	'forgot-password.tsx': { intents: [], fields: ['email'] },
	'reset-password.$token.tsx': { intents: [], fields: ['newPassword', 'confirmPassword'] },
	'logout.tsx': { intents: [], fields: [] },
	...Object.fromEntries(SECTIONS.map((section) => [`roadmaps.$delegationId.${section}.tsx`, SECTION_FIELDS])),

	'roadmaps.$delegationId._index.tsx': {
		intents: ['advance', 'backToDraft', 'reopen', 'share', 'import'],
		fields: ['shared', 'file', 'json'],
	},
	'roadmaps.$delegationId.assistance.tsx': {
		intents: ['ask', 'accept', 'decline'],
		fields: ['topic', 'need', 'urgency', 'dueDate', 'language', 'format', 'section', 'itemId', 'offerId', 'returnTo'],
	},
	'assistance.overview.tsx': {
		intents: ['offer', 'withdraw'],
		fields: ['delegationId', 'gap', 'section', 'itemId', 'topic', 'message', 'offerId'],
	},
	'roadmaps.$delegationId.history.tsx': { intents: ['restore', 'setBack'], fields: ['changeId', 'version'] },
	'people.$userId.tsx': { intents: ['deactivate', 'reactivate', 'erase'], fields: ['confirm'] },
	'roadmaps.$delegationId.snapshots._index.tsx': { intents: ['take'], fields: ['name'] },
	// The results matrix's inline edits: an action's update, as the strategic design takes it.
	'roadmaps.$delegationId.matrix.tsx': { intents: ['update'], fields: ['kind', 'id', 'version', 'formKey', ...ITEM_FIELDS] },
	'roadmaps.$delegationId.live.tsx': { intents: ['editing'], fields: ['connection', 'editing'] },
	'roadmaps.$delegationId.implementation.tsx': {
		intents: ['status', 'report'],
		fields: ['itemId', 'status', 'note', 'dated', 'period', 'value', 'source'],
	},
	'set-language.tsx': { intents: [], fields: ['lng', 'redirectTo'] },
	'settings.tsx': {
		intents: ['profile', 'password', 'calendarFeed', 'calendarFeedOff', 'notifications'],
		fields: [
			'name',
			'language',
			'currentPassword',
			'newPassword',
			'confirmPassword',
			'assistance',
			'comments',
			'cohort',
			'prework',
			'alumni',
			'quietDays',
		],
	},
	'notifications.tsx': { intents: ['open', 'markAllRead'], fields: ['id'] },
}
const ALL_FIELDS = [...new Set(Object.values(ACTION_FIELDS).flatMap((f) => f.fields))]
const ALL_INTENTS = [...new Set(Object.values(ACTION_FIELDS).flatMap((f) => f.intents))]
const QUERY_KEYS = [
	'status',
	'country',
	'cohort',
	'topic',
	'assignee',
	'months',
	'at',
	'view',
	'module',
	'delegation',
	'item',
	'section',
	'lng',
	'redirectTo',
	'q',
	'sort',
	'page',
	'format',
	'language',
	'person',
	'from',
	'to',
	'before',
	'confirmDelete',
	'deleted',
	'done',
	'taken',
]

/** Routes a signed-out visitor may read, and routes that redirect everybody (not a read). */
const PUBLIC_LOADERS = new Set([
	'_index.tsx',
	'login.tsx',
	'login_.two-step.tsx',
	'forgot-password.tsx',
	'reset-password.$token.tsx',
	'invite._index.tsx',
	'invite.$token/route.tsx',
	'healthz.tsx',
	'offline.tsx',
	'manifest[.]webmanifest.tsx',
])
const PUBLIC_ACTIONS = new Set([
	'login.tsx',
	'login_.two-step.tsx',
	'forgot-password.tsx',
	'reset-password.$token.tsx',
	'invite._index.tsx',
	'invite.$token/route.tsx',
	'set-language.tsx',
	'logout.tsx',
	'$.tsx',
])
const REDIRECT_ANYONE = new Set(['logout.tsx', 'set-language.tsx', 'cohorts.$cohortId.links[.]csv.tsx'])

/** What exists in the database, read before fuzzing (ids to aim at) — the oracle re-reads what it needs. */
type World = {
	cohorts: string[]
	delegations: string[]
	requests: string[]
	users: string[]
	/** Users who are none of the fuzzer's roles. */
	spareUsers: string[]
	items: string[]
	invitations: string[]
	comments: string[]
	modules: string[]
	lessons: Array<{ module: string; lesson: string }>
	contentIds: string[]
	tokens: string[]
	roadmapJson: string
	cookieName: string
}
let world: World

const SECRET_NOTE = (requestId: string) => `FUZZ-INTERNAL-NOTE-${requestId}`
const SECRET_REFLECTION = (userId: string) => `FUZZ-PRIVATE-REFLECTION-${userId}`

beforeAll(async () => {
	const [cohorts, delegations, requests, users, items, invitations, comments] = await Promise.all([
		db.selectFrom('cohorts').select('id').execute(),
		db.selectFrom('delegations').select('id').execute(),
		db.selectFrom('assistance_requests').select('id').execute(),
		db.selectFrom('users').select(['id', 'email']).execute(),
		db.selectFrom('roadmap_items').select('id').execute(),
		db.selectFrom('invitations').select('id').execute(),
		db.selectFrom('roadmap_comments').select('id').execute(),
	])
	// Secrets the oracle looks for: an internal note on every request, a private reflection per delegate.
	for (const r of requests) {
		await db
			.insertInto('assistance_events')
			.values({
				request_id: r.id,
				kind: 'note',
				internal: 1,
				body: SECRET_NOTE(r.id),
				user_id: 'user-staff',
				created_at: new Date().toISOString(),
			})
			.execute()
	}
	const catalogue = getCatalogue()
	const firstLesson = catalogue.modules[0]!.lessons[0]!
	for (const email of [ROLES.leadPanama, ROLES.delegateBolivia, ROLES.alumniTT]) {
		const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
		await db
			.insertInto('reflections')
			.values({
				user_id: user.id,
				lesson_key: firstLesson.key,
				reflection_id: 'fuzz-private',
				body: SECRET_REFLECTION(user.id),
				shared: 0,
				created_at: new Date().toISOString(),
				updated_at: new Date().toISOString(),
			})
			.execute()
	}
	// Two live invitations, so the invitation pages are fuzzed past "unknown token".
	const links = await inviteRows({
		cohortId: 'panama-2025',
		delegationId: 'panama-2025-pa',
		rows: [
			{ name: 'Fuzz One', email: 'fuzz.one@example.org', sector: 'government', organisation: '', position: '' },
			{ name: 'Fuzz Two', email: ROLES.delegateBolivia, sector: 'civil_society', organisation: '', position: '' },
		],
		mail: {
			origin: 'http://localhost',
			inviter: { id: 'user-staff', name: 'Academy staff' },
			facilitatorLanguage: 'en',
			delegation: { cohort_id: 'panama-2025', country_code: 'PA' },
		},
		days: 10,
	})
	const contentIds = new Set<string>()
	const contentRoot = path.resolve('content')
	for (const folder of fs.readdirSync(contentRoot).filter((f) => fs.statSync(path.join(contentRoot, f)).isDirectory())) {
		for (const file of fs.readdirSync(path.join(contentRoot, folder))) {
			for (const match of fs
				.readFileSync(path.join(contentRoot, folder, file), 'utf8')
				.matchAll(/<(?:KnowledgeCheck|Reflection)[^>]*\bid="([^"]+)"/g))
				contentIds.add(match[1]!)
		}
	}
	const json = await loadRoute('roadmaps.$delegationId.roadmap[.]json.tsx')
	const exported = await run(async () =>
		json.loader!(routeArgs(await request('staff', 'GET', '/roadmaps/panama-2025-pa/roadmap.json'), { delegationId: 'panama-2025-pa' })),
	)
	world = {
		cohorts: cohorts.map((r) => r.id),
		delegations: delegations.map((r) => r.id),
		requests: requests.map((r) => r.id),
		users: users.map((r) => r.id),
		spareUsers: users.filter((r) => !(Object.values(ROLES) as Array<string | null>).includes(r.email)).map((r) => r.id),
		items: items.map((r) => r.id),
		invitations: invitations.map((r) => r.id),
		comments: comments.map((r) => String(r.id)),
		modules: catalogue.modules.map((m) => m.slug),
		lessons: catalogue.modules.flatMap((m) => m.lessons.map((l) => ({ module: m.slug, lesson: l.key.split('/').pop()! }))),
		contentIds: [...contentIds],
		tokens: links.map((l) => l.token),
		roadmapJson: await exported.response!.text(),
		cookieName: (await cookieFor(ROLES.staff)).split('=')[0]!,
	}
})

// -------------------------------------------------------------------------------------------------
// Requests

async function request(
	role: Role,
	method: string,
	url: string,
	body?: { body?: BodyInit; contentType?: string | null },
	forgedCookie?: string,
) {
	const headers = new Headers()
	const email = ROLES[role]
	if (email) headers.set('Cookie', await cookieFor(email))
	else if (forgedCookie) headers.set('Cookie', forgedCookie)
	if (body?.contentType) headers.set('Content-Type', body.contentType)
	const init: RequestInit = { method, headers, body: body?.body }
	const req = new Request(url.startsWith('http') ? url : `${BASE}${url}`, init)
	// `new Request` adds a content type for FormData and strings; "no content type" means none.
	if (body?.contentType === null) req.headers.delete('Content-Type')
	return req
}

/** A route's file name without its extension (and a route folder's name without `/route.tsx`). */
function routeName(file: string) {
	return file.replace(/(\/route)?\.tsx$/, '')
}

/** The URL of a route file for these params: `cohorts.$cohortId.roster[.]csv.tsx` → /cohorts/x/roster.csv. */
function pathFor(file: string, params: Record<string, string>) {
	const segments = routeName(file)
		.replaceAll('[.]', '\u0000')
		.split('.')
		.filter((s) => s !== '_index')
		.map((s) => {
			if (s === '$') return (params['*'] ?? '').split('/').map(encodeURIComponent).join('/')
			if (s.startsWith('$')) return encodeURIComponent(params[s.slice(1)] ?? '')
			// A trailing underscore opts a segment out of its parent's layout; it is not in the URL.
			return s.replaceAll('\u0000', '.').replace(/_$/, '')
		})
	return `/${segments.join('/')}`
}

function paramNames(file: string) {
	return routeName(file)
		.split('.')
		.filter((s) => s.startsWith('$'))
		.map((s) => (s === '$' ? '*' : s.slice(1)))
}

// -------------------------------------------------------------------------------------------------
// Arbitraries

const HUGE = 'x'.repeat(1_100_000)
const nasty = fc.constantFrom(
	'',
	' ',
	'-1',
	'0',
	'-0',
	'1.5',
	'NaN',
	'Infinity',
	'-Infinity',
	'1e309',
	'9007199254740993',
	'0x10',
	'١٢٣',
	'2026-02-30',
	'2020-01-01',
	'9999-12-31',
	'0000-00-00',
	'2026-13-01',
	'2026-Q5',
	'2026-Q1',
	'2030',
	'2026-07-15T25:61:00Z',
	'true',
	'false',
	'on',
	'null',
	'undefined',
	'{}',
	'[]',
	'{"a":1}',
	'{"format":"nap-academy-roadmap","version":1,"items":[{"kind":"pillar"}]}',
	'[1,2',
	'<script>alert(1)</script>',
	"' OR 1=1 --",
	'"; DROP TABLE users; --',
	'../../etc/passwd',
	'..%2F..%2F',
	'%00',
	'\u0000',
	'\uFFFF',
	'\u202Eevil',
	'😀'.repeat(300),
	'ñandú',
	'é'.normalize('NFD'),
	'a'.repeat(5000),
	'y'.repeat(70_000),
	'name,email,sector\nAna Uno,ana.uno@example.org,government',
	'name,email\n"unterminated,x@example.org',
	'a@b',
	'staff@example.org',
	'delegate.bo@example.org',
	'http://localhost/invite/abc',
	'javascript:alert(1)',
	'//evil.example.org',
	'/\\evil.example.org',
	'/home?q=😀',
	'/ĀĒ',
	'/a\nb',
)
const knownValues = () =>
	fc.constantFrom(
		...ALL_INTENTS,
		...KIND_NAMES,
		...SECTIONS,
		...ACTION_STATUSES,
		...ASSISTANCE_TOPICS,
		...ASSISTANCE_URGENCIES,
		...ASSISTANCE_FORMATS,
		...ASSISTANCE_STATUSES,
		...SECTORS,
		'no_plan',
		'drafting',
		'adopted',
		'implementing',
		'planned',
		'open',
		'in_convening',
		'closed',
		'en',
		'es',
		'xx',
		'USD',
		'PAB',
		'JPY',
		'XXX',
		'up',
		'down',
		'js',
		'PA',
		'BO',
		'TT',
		'ZZ',
		'pa',
		'panama-2025',
		'port-of-spain-2024',
		...world.items,
		...world.users,
		...world.requests,
		...world.delegations,
		...world.invitations,
		...world.comments,
		...world.contentIds,
		...world.tokens,
	)
const value = () =>
	fc.oneof(
		{ weight: 4, arbitrary: knownValues() },
		{ weight: 3, arbitrary: nasty },
		{ weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
		{ weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
		{ weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
		{ weight: 1, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map(String) },
		{
			weight: 1,
			arbitrary: fc
				.tuple(fc.date({ noInvalidDate: false }), fc.boolean())
				.map(([d, day]) => (Number.isNaN(d.getTime()) ? 'Invalid Date' : day ? d.toISOString().slice(0, 10) : d.toISOString())),
		},
		{ weight: 1, arbitrary: fc.constant(world.roadmapJson) },
		{ weight: 1, arbitrary: fc.nat(world.roadmapJson.length).map((n) => world.roadmapJson.slice(0, n)) },
		{
			weight: 1,
			arbitrary: fc.constant(world.roadmapJson.replace(/"version": \d+/g, '"version": "x"').replace(/"kind": "action"/, '"kind": "nope"')),
		},
		{ weight: 1, arbitrary: fc.constant(HUGE) },
	)

type Field = [name: string, value: string | { file: string; type: string; name: string }]
function fields(file: string) {
	const vocab = ACTION_FIELDS[file] ?? { intents: [], fields: [] }
	const name = fc.oneof(
		{ weight: 6, arbitrary: vocab.fields.length ? fc.constantFrom(...vocab.fields) : fc.constantFrom(...ALL_FIELDS) },
		{ weight: 1, arbitrary: fc.constantFrom(...ALL_FIELDS) },
		{ weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
	)
	const intent = fc.oneof(
		{ weight: 4, arbitrary: vocab.intents.length ? fc.constantFrom(...vocab.intents) : fc.constant('') },
		{ weight: 1, arbitrary: value() },
	)
	const entry: fc.Arbitrary<Field> = fc.oneof(
		{ weight: 8, arbitrary: fc.tuple(name, value()) },
		{
			weight: 1,
			arbitrary: fc.tuple(
				fc.constantFrom('file', ...vocab.fields),
				fc.record({
					file: value(),
					type: fc.constantFrom('text/csv', 'application/json', 'application/octet-stream', ''),
					name: fc.constantFrom('roster.csv', 'roadmap.json', '', '../x'),
				}),
			),
		},
	)
	// Sometimes every field the route reads, with plausible values, so validation gets past "missing field".
	const everyField = fc.option(fc.array(knownValues(), { minLength: vocab.fields.length, maxLength: vocab.fields.length }), { freq: 2 })
	return fc.tuple(fc.option(intent, { freq: 4 }), everyField, fc.array(entry, { maxLength: 10 })).map(([intentValue, all, entries]) => {
		const out: Field[] = intentValue === null ? [] : [['intent', intentValue]]
		if (all) vocab.fields.forEach((f, i) => out.push([f, all[i]!]))
		return [...out, ...entries]
	})
}

type Body = { kind: string; body?: BodyInit; contentType?: string | null }
function toForm(entries: Field[]) {
	const form = new FormData()
	for (const [name, v] of entries) {
		if (typeof v === 'string') form.append(name, v)
		else form.append(name, new File([v.file], v.name, { type: v.type }))
	}
	return form
}
function toUrlEncoded(entries: Field[]) {
	const params = new URLSearchParams()
	for (const [name, v] of entries) params.append(name, typeof v === 'string' ? v : v.file)
	return params
}
async function multipartBytes(entries: Field[]) {
	const req = new Request(BASE, { method: 'POST', body: toForm(entries) })
	return { bytes: new Uint8Array(await req.arrayBuffer()), contentType: req.headers.get('Content-Type')! }
}

type BodySpec = { kind: (typeof BODY_KINDS)[number]; entries: Field[]; cut: number }
const BODY_KINDS = [
	'urlencoded',
	'multipart',
	'json',
	'truncated-multipart',
	'bad-urlencoded',
	'no-content-type',
	'multipart-no-boundary',
	'wrong-boundary',
	'text',
	'empty',
] as const
function body(file: string): fc.Arbitrary<BodySpec> {
	const kind = fc.oneof(
		{ weight: 6, arbitrary: fc.constantFrom('urlencoded', 'multipart') },
		{ weight: 4, arbitrary: fc.constantFrom(...BODY_KINDS) },
	)
	return fc.record({ kind, entries: fields(file), cut: fc.double({ min: 0, max: 1, noNaN: true }) })
}
async function makeBody({ kind, entries, cut }: BodySpec): Promise<Body> {
	switch (kind) {
		case 'urlencoded':
			return { kind, body: toUrlEncoded(entries), contentType: 'application/x-www-form-urlencoded' }
		case 'multipart':
			return { kind, body: toForm(entries) }
		case 'json':
			return {
				kind,
				body: JSON.stringify(Object.fromEntries(entries.map(([k, v]) => [k, typeof v === 'string' ? v : v.file]))),
				contentType: 'application/json',
			}
		case 'truncated-multipart': {
			const { bytes, contentType } = await multipartBytes(entries)
			return { kind, body: bytes.slice(0, Math.floor(bytes.length * cut)), contentType }
		}
		case 'bad-urlencoded':
			return { kind, body: `intent=%E0%A4%A&${toUrlEncoded(entries)}&%&=&a=%ZZ%`, contentType: 'application/x-www-form-urlencoded' }
		case 'no-content-type':
			return { kind, body: new TextEncoder().encode(toUrlEncoded(entries).toString()), contentType: null }
		case 'multipart-no-boundary':
			return { kind, body: (await multipartBytes(entries)).bytes, contentType: 'multipart/form-data' }
		case 'wrong-boundary':
			return { kind, body: (await multipartBytes(entries)).bytes, contentType: 'multipart/form-data; boundary=not-the-boundary' }
		case 'text':
			return { kind, body: toUrlEncoded(entries).toString(), contentType: 'text/plain' }
		case 'empty':
			return { kind, body: undefined, contentType: null }
	}
}

/** A route param: a real id of the right kind (often someone else's), any real id, or junk. */
function param(name: string): fc.Arbitrary<string> {
	const right: Record<string, () => fc.Arbitrary<string>> = {
		cohortId: () => fc.constantFrom(...world.cohorts),
		delegationId: () => fc.constantFrom(...world.delegations),
		requestId: () => fc.constantFrom(...world.requests),
		userId: () => fc.constantFrom(...world.users),
		token: () => fc.constantFrom(...world.tokens),
		module: () => fc.constantFrom(...world.modules),
		lesson: () => fc.constantFrom(...world.lessons.map((l) => l.lesson)),
		section: () => fc.constantFrom(...SECTIONS),
	}
	const junk = fc.oneof(
		fc.constantFrom(
			'',
			'..',
			'../..',
			'../../etc/passwd',
			'%2e%2e%2f',
			'null',
			'undefined',
			'0',
			'-1',
			'__proto__',
			'constructor',
			'a'.repeat(3000),
			'😀',
			"'",
			'panama-2025/../port-of-spain-2024',
		),
		fc.string({ maxLength: 30 }),
		fc.string({ unit: 'grapheme', maxLength: 20 }),
	)
	const anyId = fc.constantFrom(...world.cohorts, ...world.delegations, ...world.requests, ...world.users, ...world.items)
	return fc.oneof({ weight: 5, arbitrary: right[name]?.() ?? junk }, { weight: 1, arbitrary: anyId }, { weight: 2, arbitrary: junk })
}
function params(file: string): fc.Arbitrary<Record<string, string>> {
	const names = paramNames(file)
	// Staff's person page deactivates and erases for real: the fuzzer aims it at people who are none of
	// its roles (whose sessions the other routes' runs need), or at ids that are not anyone's.
	if (file === 'people.$userId.tsx') {
		return fc.record({ userId: fc.oneof(fc.constantFrom(...world.spareUsers), param('module'), fc.string({ maxLength: 30 })) })
	}
	// The lesson param is most useful together with its own module.
	if (names.includes('module') && names.includes('lesson')) {
		return fc.oneof(
			fc.constantFrom(...world.lessons).map((l) => ({ module: l.module, lesson: l.lesson })),
			fc.record({ module: param('module'), lesson: param('lesson') }),
		)
	}
	return fc.record(Object.fromEntries(names.map((n) => [n, param(n)])))
}
const query = () =>
	fc.oneof(
		{ weight: 1, arbitrary: fc.constant('') },
		{
			weight: 1,
			arbitrary: fc.constantFrom(
				'?%E0%A4%A',
				'?months=abc&months=-5&at=NaN',
				'?at=99999999999999999999',
				'?view=implementation&at=1',
				'?redirectTo=//evil.example.org',
				'?lng=es',
				'?&&==&',
			),
		},
		{
			weight: 4,
			arbitrary: fc
				.array(fc.tuple(fc.constantFrom(...QUERY_KEYS), value()), { maxLength: 5 })
				.map((pairs) => `?${toUrlEncoded(pairs.map(([k, v]) => [k, v.length > 5000 ? v.slice(0, 5000) : v]))}`),
		},
	)

// -------------------------------------------------------------------------------------------------
// The oracle: what an unauthorised read or write is

/** Re-read on every check: fuzzed actions change memberships, facilitators and sharing. */
async function viewerTies(role: Role) {
	const email = ROLES[role]
	if (!email) return null
	const user = await db.selectFrom('users').select(['id', 'is_staff']).where('email', '=', email).executeTakeFirstOrThrow()
	const facilitates = (await db.selectFrom('cohort_facilitators').select('cohort_id').where('user_id', '=', user.id).execute()).map(
		(r) => r.cohort_id,
	)
	const memberships = await db
		.selectFrom('delegation_members as m')
		.innerJoin('delegations as d', 'd.id', 'm.delegation_id')
		.select(['d.id as delegationId', 'd.cohort_id as cohortId'])
		.where('m.user_id', '=', user.id)
		.execute()
	return { id: user.id, isStaff: user.is_staff === 1, facilitates, memberships }
}
/** A roadmap's routes that are not its plan: a peer reading a shared roadmap never gets past them. */
const NOT_THE_PLAN = new Set([
	'roadmaps.$delegationId.assistance.tsx',
	'roadmaps.$delegationId.history.tsx',
	'roadmaps.$delegationId.live.tsx',
	'roadmaps.$delegationId.snapshots._index.tsx',
	'roadmaps.$delegationId.snapshots.compare.tsx',
])

type Ties = NonNullable<Awaited<ReturnType<typeof viewerTies>>>
const runs = (v: Ties, cohortId: string) => v.isStaff || v.facilitates.includes(cohortId)
const inCohort = (v: Ties, cohortId: string) => v.memberships.some((m) => m.cohortId === cohortId)
const member = (v: Ties, delegationId: string) => v.memberships.some((m) => m.delegationId === delegationId)

async function delegationOf(id: string | undefined) {
	if (id === undefined) return undefined
	return (
		(await db
			.selectFrom('delegations as d')
			.leftJoin('roadmaps as r', 'r.delegation_id', 'd.id')
			.select(['d.id', 'd.cohort_id', 'r.shared_with_cohort'])
			.where('d.id', '=', id)
			.executeTakeFirst()) ?? null
	)
}

/**
 * Why a success (2xx; 3xx too for actions) would be unauthorised, or null when it may succeed.
 * - Signed out: only public routes succeed; any other redirect goes to /login.
 * - An id that does not exist is never a success.
 * - cohorts/<c>/…: the cohort page, its .ics and peer roadmaps need a tie to c (runs it or belongs to it);
 *   everything else needs to run c (staff or its facilitator); a delegation or delegate must be in c.
 * - roadmaps/<d>/…: a member of d, or runs d's cohort, or — reading the plan, when the roadmap is
 *   shared — a member of another delegation of that cohort; the assistance page, the history, the
 *   snapshots, the live stream and every write: member or runs.
 * - assistance/<r>: a member of r's delegation or runs its cohort; the queue: staff or facilitators;
 *   the overview: staff.
 */
async function unauthorised(
	file: string,
	kind: 'loader' | 'action',
	role: Role,
	p: Record<string, string>,
	status: number,
	location: string | null,
): Promise<string | null> {
	const success = status < 300 || (status < 400 && (kind === 'action' || !REDIRECT_ANYONE.has(file)))
	// A calendar feed opens with its secret token alone, and the fuzzer never holds a real one.
	if (file === 'calendar.$file.tsx') return success ? `a calendar feed with a made-up token, yet ${status}` : null
	if (ROLES[role] === null) {
		if (
			status >= 300 &&
			status < 400 &&
			!REDIRECT_ANYONE.has(file) &&
			!(kind === 'action' && PUBLIC_ACTIONS.has(file)) &&
			!location?.startsWith('/login?redirectTo=')
		) {
			return `signed out, redirected to ${location} instead of /login`
		}
		const isPublic = kind === 'loader' ? PUBLIC_LOADERS.has(file) || REDIRECT_ANYONE.has(file) : PUBLIC_ACTIONS.has(file)
		if (status < 300 && !isPublic) return 'signed out, yet 2xx'
		return null
	}
	if (!success) return null
	if (kind === 'loader' && status >= 300) return null
	const v = (await viewerTies(role))!
	if (p.cohortId !== undefined) {
		const cohort = await db.selectFrom('cohorts').select('id').where('id', '=', p.cohortId).executeTakeFirst()
		if (!cohort) return `no cohort ${JSON.stringify(p.cohortId)}, yet ${status}`
		const readable =
			kind === 'loader' &&
			(file === 'cohorts.$cohortId._index.tsx' ||
				file === 'cohorts.$cohortId.calendar[.]ics.tsx' ||
				file === 'cohorts.$cohortId.roadmaps.tsx' ||
				file === 'cohorts.$cohortId.roadmaps_.compare.tsx')
		if (readable ? !runs(v, cohort.id) && !inCohort(v, cohort.id) : !runs(v, cohort.id) && !REDIRECT_ANYONE.has(file))
			return `no tie to cohort ${cohort.id}`
		if (p.delegationId !== undefined) {
			const d = await delegationOf(p.delegationId)
			if (!d || d.cohort_id !== cohort.id) return `delegation ${p.delegationId} is not in ${cohort.id}`
		}
		if (p.userId !== undefined) {
			const inIt = await db
				.selectFrom('delegation_members as m')
				.innerJoin('delegations as d', 'd.id', 'm.delegation_id')
				.select('m.user_id')
				.where('m.user_id', '=', p.userId)
				.where('d.cohort_id', '=', cohort.id)
				.executeTakeFirst()
			if (!inIt) return `user ${p.userId} is not a delegate of ${cohort.id}`
		}
		return null
	}
	if (p.delegationId !== undefined) {
		const d = await delegationOf(p.delegationId)
		if (!d) return `no delegation ${JSON.stringify(p.delegationId)}, yet ${status}`
		if (member(v, d.id) || runs(v, d.cohort_id)) return null
		const peerRead = kind === 'loader' && !NOT_THE_PLAN.has(file) && d.shared_with_cohort === 1 && inCohort(v, d.cohort_id)
		return peerRead ? null : `no tie to delegation ${d.id}`
	}
	if (p.requestId !== undefined) {
		const r = await db
			.selectFrom('assistance_requests as r')
			.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
			.select(['r.delegation_id', 'd.cohort_id'])
			.where('r.id', '=', p.requestId)
			.executeTakeFirst()
		if (!r) return `no request ${JSON.stringify(p.requestId)}, yet ${status}`
		return member(v, r.delegation_id) || runs(v, r.cohort_id) ? null : `no tie to request ${p.requestId}`
	}
	if (p.token !== undefined && kind === 'loader' && !world.tokens.includes(p.token)) return `unknown invitation, yet ${status}`
	if (file === 'assistance._index.tsx' || file === 'assistance.requests[.]csv.tsx')
		return v.isStaff || v.facilitates.length ? null : 'the queue is for staff and facilitators'
	if (file === 'assistance.overview.tsx' || file === 'cohorts.new.tsx') return v.isStaff ? null : 'staff only'
	if (/^(audit|people)[.[]/.test(file)) return v.isStaff ? null : 'staff only'
	return null
}

/** Secrets in a readable answer: internal notes only for those who run the cohort, private reflections only for their author. */
async function leaks(role: Role, text: string): Promise<string | null> {
	if (!text.includes('FUZZ-')) return null
	const v = await viewerTies(role)
	for (const match of text.matchAll(/FUZZ-INTERNAL-NOTE-([\w-]+)/g)) {
		const r = await db
			.selectFrom('assistance_requests as r')
			.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
			.select('d.cohort_id')
			.where('r.id', '=', match[1]!)
			.executeTakeFirstOrThrow()
		if (!v || !runs(v, r.cohort_id)) return `internal note of ${match[1]} shown to ${role}`
	}
	for (const match of text.matchAll(/FUZZ-PRIVATE-REFLECTION-([\w-]+)/g)) {
		if (v?.id !== match[1]) return `private reflection of ${match[1]} shown to ${role}`
	}
	return null
}

/** What a live stream sends at first (its hello and who is here), read for a moment and then closed. */
async function streamStart(response: Response) {
	const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
	let text = ''
	const until = Date.now() + 1000
	while (!text.includes('event: presence') && Date.now() < until) {
		const chunk = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), until - Date.now()))])
		if (!chunk || chunk.done) break
		text += chunk.value
	}
	await reader.cancel()
	return text
}

async function readable(result: Awaited<ReturnType<typeof run>>) {
	if (result.status >= 300) return ''
	if (result.response?.headers.get('Content-Type')?.startsWith('text/event-stream')) return streamStart(result.response)
	if (result.response) return result.response.clone().text()
	return JSON.stringify(result.data) ?? ''
}

/** Runs one request and checks every property; returns a description of the first failure. */
async function check(file: string, kind: 'loader' | 'action', role: Role, p: Record<string, string>, req: Request) {
	const route: RouteModule = await loadRoute(file)
	let result: Awaited<ReturnType<typeof run>>
	try {
		result = await run(() => route[kind]!(routeArgs(req, p)))
	} catch (error) {
		throw new Error(`${kind} of ${file} threw (a 500): ${error instanceof Error ? error.stack : String(error)}`)
	}
	expect(result.status, `${kind} of ${file}: status`).toBeLessThan(500)
	const location = result.response?.headers.get('Location') ?? null
	const why = await unauthorised(file, kind, role, p, result.status, location)
	expect(why, `${role} ${req.method} ${req.url} → ${result.status}${location ? ` ${location}` : ''}`).toBeNull()
	const leak = await leaks(role, await readable(result))
	expect(leak, `${role} ${req.method} ${req.url}`).toBeNull()
}

// -------------------------------------------------------------------------------------------------

describe('fuzz: every route', () => {
	test('every route file with an action has its field names listed here', async () => {
		const missing: string[] = []
		for (const file of ROUTE_FILES) if ((await loadRoute(file)).action && !ACTION_FIELDS[file]) missing.push(file)
		expect(missing).toEqual([])
	})

	for (const file of ROUTE_FILES) {
		test(
			`${file}: random params, queries and bodies → no 500, no unauthorised read or write`,
			async () => {
				const route = await loadRoute(file)
				if (route.loader) {
					await fc.assert(
						fc.asyncProperty(fc.constantFrom(...FUZZ_ROLES), params(file), query(), fc.boolean(), async (role, p, q, forged) => {
							const req = await request(
								role,
								'GET',
								`${pathFor(file, p)}${q}`,
								undefined,
								forged ? `${world.cookieName}=forged-${q.length}` : undefined,
							)
							await check(file, 'loader', role, p, req)
						}),
						{ numRuns: RUNS },
					)
				}
				if (route.action) {
					await fc.assert(
						fc.asyncProperty(
							fc.constantFrom(...FUZZ_ROLES),
							params(file),
							body(file),
							fc.constantFrom('POST', 'POST', 'POST', 'PUT', 'PATCH', 'DELETE'),
							async (role, p, spec, method) => {
								const b = await makeBody(spec)
								const req = await request(role, method, pathFor(file, p), b)
								await check(file, 'action', role, p, req)
							},
						),
						{ numRuns: ACTION_RUNS },
					)
				}
			},
			30_000 + RUNS * 2_000,
		)
	}
})
