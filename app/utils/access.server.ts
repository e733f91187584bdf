/**
 * The one access layer: every loader and action reaches a resource through a `require*` function
 * here. Each one signs the visitor in (or sends them to sign in), finds the resource (404 when it is
 * not there), asks the policy in permissions.server.ts (403 when the viewer may not) and returns the
 * resource with what the viewer may do with it, so pages show only the controls that would work.
 *
 * Loaders never write: these functions only read.
 *
 * Forms that post several intents to one route name the permission each intent needs in one table
 * per resource (`INTENT_PERMISSIONS`); `permissionForIntent` reads it, and an unknown intent is a
 * 400.
 */
import { redirect } from '@remix-run/node'
import { loginUrl } from '#app/features/auth/auth.server.ts'
import { twoStepRequiredFor } from '#app/features/auth/two-step.server.ts'
import { getPerson } from '#app/features/audit/personal-data.server.ts'
import { getMail } from '#app/features/mail/outbox.server.ts'
import { getCompiledByHash, getLesson, getModule } from '#app/features/curriculum/content.server.ts'
import { guideHashes, hasGuide } from '#app/features/curriculum/guides.server.ts'
import { feedOwner, tokenFromFileName } from '#app/features/calendar/feed.server.ts'
import { db } from '#app/utils/db.server.ts'
import { getLanguage } from '#app/utils/i18n.server.ts'
import {
	type Action,
	can,
	getViewer,
	invariantResponse,
	requirePermission,
	requireViewer,
	loadViewer,
	type Resource,
	type Viewer,
} from '#app/utils/permissions.server.ts'

/** What the viewer may do with a resource: each action the page offers, decided by the policy. */
export type Abilities<A extends Action> = Record<A, boolean>

export function abilitiesOf<A extends Action>(viewer: Viewer, resource: Resource, actions: readonly A[]): Abilities<A> {
	return Object.fromEntries(actions.map((action) => [action, can(viewer, action, resource)])) as Abilities<A>
}

/**
 * The permission each intent of a resource's forms needs. A route's action looks its intent up here
 * instead of deciding it inline.
 */
export const INTENT_PERMISSIONS = {
	/** The roadmap's section pages (items, currency, comments) and its overview (status, sharing, import). */
	roadmap: {
		create: 'edit',
		update: 'edit',
		delete: 'edit',
		move: 'edit',
		currency: 'edit',
		timeline: 'edit',
		pastePreview: 'edit',
		paste: 'edit',
		comment: 'comment',
		reply: 'comment',
		resolve: 'comment',
		advance: 'edit',
		backToDraft: 'edit',
		import: 'edit',
		startFromExample: 'edit',
		share: 'manage',
		reopen: 'reopen',
		/** Bringing back a deleted item (a section's Undo, the history page), setting one back to an earlier version. */
		restore: 'edit',
		setBack: 'edit',
	},
	/** A screen with the roadmap open says what it is editing (others see "Ana is editing"). */
	live: {
		editing: 'edit',
	},
	/** A roadmap's snapshots page: taking one, for those who run the cohort. */
	snapshots: {
		take: 'snapshot',
	},
	/** Implementation after the convening: an action's status, an indicator's reported value. */
	implementation: {
		status: 'edit',
		report: 'edit',
	},
	assistance: {
		ask: 'edit',
		// Everyone on the request's thread writes messages the delegation reads: its members (edit)
		// and those who run its cohort (comment) — in the policy, exactly those who may view it.
		message: 'view',
		note: 'comment',
		assign: 'manage',
		status: 'manage',
	},
	/**
	 * Offers of technical assistance from a gap of a roadmap, on the delegation's TA resource: staff
	 * offer and withdraw (the TA overview); those who may ask for TA accept one as a request or decline it.
	 */
	offers: {
		offer: 'manage',
		withdraw: 'manage',
		accept: 'edit',
		decline: 'edit',
	},
	/** The reflections delegates share with those who run their cohort, who answer them. */
	reflections: {
		reply: 'manage',
	},
	/** A delegation's page, for those who run its cohort. */
	delegation: {
		napStatus: 'manage',
		member: 'manage',
		removeMember: 'manage',
		/** Mailing a member a link to set a new password (the link goes to their own address only). */
		sendReset: 'manage',
		inviteOne: 'manage',
		roster: 'manage',
		revoke: 'manage',
		reissue: 'manage',
	},
	/** A person's page, for staff: the account's state and erasure. */
	people: {
		deactivate: 'manage',
		reactivate: 'manage',
		erase: 'manage',
	},
} as const satisfies Record<string, Record<string, Action>>

export type IntentResource = keyof typeof INTENT_PERMISSIONS
export type Intent<R extends IntentResource> = keyof (typeof INTENT_PERMISSIONS)[R] & string

export function isIntent<R extends IntentResource>(resource: R, intent: unknown): intent is Intent<R> {
	return typeof intent === 'string' && Object.hasOwn(INTENT_PERMISSIONS[resource], intent)
}

/** The permission an intent needs; an intent the resource does not know is a 400. */
export function permissionForIntent<R extends IntentResource>(resource: R, intent: unknown): Action {
	if (!isIntent(resource, intent)) throw new Response('Unknown form intent', { status: 400, statusText: 'Bad Request' })
	return (INTENT_PERMISSIONS[resource] as Record<string, Action>)[intent]!
}

/** What the viewer may do by form intent: the permission each intent needs, asked of the policy. */
export function intentAbilities<R extends IntentResource>(viewer: Viewer, kind: R, resource: Resource): Record<Intent<R>, boolean> {
	const table: Record<string, Action> = INTENT_PERMISSIONS[kind]
	return Object.fromEntries(Object.entries(table).map(([intent, action]) => [intent, can(viewer, action, resource)])) as Record<
		Intent<R>,
		boolean
	>
}

// -------------------------------------------------------------------------------------------------
// Academy-wide and curriculum

/** Academy-wide pages (creating cohorts, the TA overview): staff only for anything but viewing. */
export async function requireAcademy(request: Request, action: Action) {
	const viewer = await requireViewer(request)
	requirePermission(viewer, action, { type: 'academy' })
	return { viewer }
}

/**
 * Pages about the viewer themselves (their settings, the cohorts they run or belong to): anyone
 * signed in, with what they may do Academy-wide.
 */
export async function requireAccount(request: Request) {
	const viewer = await requireViewer(request)
	return { viewer, abilities: abilitiesOf(viewer, { type: 'academy' }, ['manage']) }
}

/**
 * The two-step sign-in settings page: anyone signed in, including a person who must set two-step
 * up before anything else (the one page `requireViewer`'s requirement lets through).
 */
export async function requireTwoStepSettings(request: Request) {
	const viewer = await getViewer(request)
	if (!viewer) throw redirect(loginUrl(request))
	return { viewer, required: twoStepRequiredFor(viewer) }
}

/**
 * A private calendar feed by the file in its address (`<token>.ics`): the token is the credential,
 * no session is needed (calendar apps have none). A malformed, wrong, reset or deleted token is the
 * same plain 404, which says nothing about whether it ever existed.
 */
export async function requireCalendarFeed(file: string | undefined) {
	const notFound = () =>
		new Response('Calendar feed not found.\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })
	const token = tokenFromFileName(file)
	const userId = token ? await feedOwner(token) : undefined
	const viewer = userId ? await loadViewer(userId) : null
	if (!viewer) throw notFound()
	return { viewer }
}

/** The curriculum: everyone signed in reads it and records their own progress. */
export async function requireCurriculum(request: Request, action: 'view' | 'learn') {
	const viewer = await requireViewer(request)
	requirePermission(viewer, action, { type: 'curriculum' })
	return { viewer }
}

/** A module of the curriculum in the URL (404 when there is none), and whether the viewer may open its guide. */
export async function requireModule(request: Request, moduleSlug: string | undefined, action: 'view' | 'learn') {
	const { viewer } = await requireCurriculum(request, action)
	const module = getModule(moduleSlug ?? '')
	invariantResponse(module)
	return { viewer, module, abilities: { guide: hasGuide(module.guide) && can(viewer, 'view', { type: 'facilitator-guide' }) } }
}

/**
 * The facilitator guide of the module in the URL: 404 for an unknown module, 403 for anyone who may
 * not read guides (delegates, alumni), then 404 when this module has no guide.
 */
export async function requireModuleGuide(request: Request, moduleSlug: string | undefined) {
	const viewer = await requireViewer(request)
	const module = getModule(moduleSlug ?? '')
	invariantResponse(module)
	requirePermission(viewer, 'view', { type: 'facilitator-guide' })
	invariantResponse(hasGuide(module.guide) ? module : null)
	return { viewer, module }
}

/**
 * A compiled curriculum version by its hash (the page's /mdx/<hash>.js): for everyone signed in,
 * except a facilitator guide's, which only those who may read guides get (403).
 */
export async function requireCompiledContent(request: Request, hash: string | undefined) {
	const { viewer } = await requireCurriculum(request, 'view')
	const compiled = hash ? await getCompiledByHash(hash) : null
	invariantResponse(compiled, 404, 'No such curriculum module.')
	if (guideHashes().has(compiled.hash)) requirePermission(viewer, 'view', { type: 'facilitator-guide' })
	return { viewer, compiled }
}

/** A lesson in the URL with its module (404 when there is none): read (`view`) or worked through (`learn`). */
export async function requireLesson(
	request: Request,
	moduleSlug: string | undefined,
	lessonSlug: string | undefined,
	action: 'view' | 'learn',
) {
	const { viewer } = await requireCurriculum(request, action)
	const lesson = getLesson(moduleSlug ?? '', lessonSlug ?? '')
	invariantResponse(lesson)
	const module = getModule(lesson.moduleSlug)
	invariantResponse(module)
	return { viewer, lesson, module }
}

/** The worked example (Valmira's roadmap): everyone signed in reads it, and nobody may change it. */
export async function requireWorkedExample(request: Request) {
	const viewer = await requireViewer(request)
	const resource = { type: 'worked-example' } as const
	requirePermission(viewer, 'view', resource)
	return { viewer, abilities: abilitiesOf(viewer, resource, ['edit', 'comment', 'manage']) }
}

// -------------------------------------------------------------------------------------------------
// Cohorts and delegations

/**
 * The cohort in the URL for a viewer allowed to `action` it: a visitor is sent to sign in, an
 * unknown cohort is a 404 and a cohort the viewer may not see or run is a 403.
 */
export async function requireCohort(request: Request, cohortId: string | undefined, action: 'view' | 'manage') {
	const viewer = await requireViewer(request)
	const cohort = await db
		.selectFrom('cohorts')
		.selectAll()
		.where('id', '=', cohortId ?? '')
		.executeTakeFirst()
	invariantResponse(cohort)
	const resource = { type: 'cohort', cohortId: cohort.id } as const
	requirePermission(viewer, action, resource)
	// Editing a cohort's own details (name, dates, status) is Academy-wide work.
	return {
		viewer,
		cohort,
		abilities: { ...abilitiesOf(viewer, resource, ['view', 'manage']), edit: can(viewer, 'manage', { type: 'academy' }) },
	}
}

/** A delegation of the cohort in the URL (404 when it belongs to another cohort). */
export async function requireDelegation(request: Request, cohortId: string | undefined, delegationId: string | undefined, action: Action) {
	// Whoever may not run the cohort is refused (403) before learning which delegations it has.
	const { viewer, cohort } = await requireCohort(request, cohortId, action === 'view' ? 'view' : 'manage')
	const delegation = await db
		.selectFrom('delegations')
		.selectAll()
		.where('id', '=', delegationId ?? '')
		.where('cohort_id', '=', cohort.id)
		.executeTakeFirst()
	invariantResponse(delegation)
	const resource = { type: 'delegation', delegationId: delegation.id, cohortId: cohort.id } as const
	requirePermission(viewer, action, resource)
	return { viewer, cohort, delegation, abilities: abilitiesOf(viewer, resource, ['view', 'manage']) }
}

// -------------------------------------------------------------------------------------------------
// Technical assistance

/** The TA queue across countries: staff and facilitators read it (each their own cohorts), staff triage. */
export async function requireAssistanceQueue(request: Request, action: 'view' | 'manage') {
	const viewer = await requireViewer(request)
	requirePermission(viewer, action, { type: 'assistance-queue' })
	return { viewer }
}

/** One TA request, with what the viewer may do with it (write messages, internal notes, triage). */
export async function requireAssistanceRequest(request: Request, requestId: string | undefined, action: Action) {
	const viewer = await requireViewer(request)
	const assistance = await db
		.selectFrom('assistance_requests as r')
		.innerJoin('delegations as d', 'd.id', 'r.delegation_id')
		.innerJoin('cohorts as c', 'c.id', 'd.cohort_id')
		.leftJoin('users as a', 'a.id', 'r.assignee_id')
		.selectAll('r')
		.select(['d.country_code', 'd.cohort_id', 'c.name as cohortName', 'a.name as assigneeName'])
		.where('r.id', '=', requestId ?? '')
		.executeTakeFirst()
	invariantResponse(assistance)
	const resource = { type: 'assistance', delegationId: assistance.delegation_id, cohortId: assistance.cohort_id } as const
	requirePermission(viewer, action, resource)
	return {
		viewer,
		assistance,
		abilities: abilitiesOf(viewer, resource, ['view', 'edit', 'comment', 'manage']),
		intents: intentAbilities(viewer, 'assistance', resource),
	}
}

/**
 * The TA requests of a delegation, for a route that has already loaded the delegation (its
 * roadmap's assistance page): 403 unless the viewer may `action` them; what they may do by intent.
 */
export function requireDelegationAssistance(viewer: Viewer, delegation: { id: string; cohort_id: string }, action: Action) {
	const resource = { type: 'assistance', delegationId: delegation.id, cohortId: delegation.cohort_id } as const
	requirePermission(viewer, action, resource)
	return {
		abilities: abilitiesOf(viewer, resource, ['view', 'edit', 'comment', 'manage']),
		intents: intentAbilities(viewer, 'assistance', resource),
	}
}

/**
 * What the viewer may do with a delegation's offers of TA, by intent, for a page that shows them
 * beside the roadmap without requiring it (`view` false: the page shows none).
 */
export function delegationOfferAbilities(viewer: Viewer, delegation: { id: string; cohort_id: string }) {
	const resource = { type: 'assistance', delegationId: delegation.id, cohortId: delegation.cohort_id } as const
	return { view: can(viewer, 'view', resource), ...intentAbilities(viewer, 'offers', resource) }
}

// -------------------------------------------------------------------------------------------------
// Roadmaps

/**
 * The roadmap of the delegation in the URL, for a viewer allowed to `action` it (403 otherwise,
 * 404 for an unknown delegation or one without a roadmap). Only reads: a roadmap is created with
 * its delegation (see `createRoadmap`).
 */
export async function requireRoadmap(request: Request, delegationId: string | undefined, action: Action) {
	const viewer = await requireViewer(request)
	const delegation = await db
		.selectFrom('delegations as d')
		.innerJoin('cohorts as c', 'c.id', 'd.cohort_id')
		.select(['d.id', 'd.country_code', 'd.cohort_id', 'c.name as cohortName', 'c.status as cohortStatus', 'c.end_date as cohortEndDate'])
		.where('d.id', '=', delegationId ?? '')
		.executeTakeFirst()
	invariantResponse(delegation)
	const roadmap = await db.selectFrom('roadmaps').selectAll().where('delegation_id', '=', delegation.id).executeTakeFirst()
	const resource = {
		type: 'roadmap' as const,
		delegationId: delegation.id,
		cohortId: delegation.cohort_id,
		sharedWithCohort: roadmap?.shared_with_cohort === 1,
	}
	requirePermission(viewer, action, resource)
	invariantResponse(roadmap)
	const language = await getLanguage(request, viewer.language)
	return {
		viewer,
		delegation,
		roadmap,
		language,
		// `inspect` false (a peer reading a shared roadmap): loaders leave out everything but the plan.
		abilities: abilitiesOf(viewer, resource, ['inspect', 'edit', 'comment', 'manage', 'reopen', 'snapshot']),
	}
}

// -------------------------------------------------------------------------------------------------
// Sent mail

/** The Sent mail page: anyone signed in (their own mail); `manage` (every message) is staff's. */
export async function requireSentMail(request: Request) {
	const viewer = await requireViewer(request)
	requirePermission(viewer, 'view', { type: 'mail' })
	return { viewer, abilities: abilitiesOf(viewer, { type: 'mail' }, ['manage']) }
}

/** One message: its recipient, and staff. Someone else's message is a 404 (its id says nothing). */
export async function requireMailMessage(request: Request, messageId: string | undefined) {
	const viewer = await requireViewer(request)
	const message = messageId ? await getMail(viewer, messageId) : undefined
	invariantResponse(message)
	requirePermission(viewer, 'view', { type: 'mail-message', toUserId: message.to_user_id, toAddress: message.to_address })
	return { viewer, message, abilities: abilitiesOf(viewer, { type: 'mail' }, ['manage']) }
}

// -------------------------------------------------------------------------------------------------
// The audit log and people's data

/** The audit log (page and CSV): staff only. */
export async function requireAuditLog(request: Request) {
	const viewer = await requireViewer(request)
	requirePermission(viewer, 'view', { type: 'audit-log' })
	return { viewer }
}

/** The list of people: staff only. */
export async function requirePeople(request: Request) {
	const viewer = await requireViewer(request)
	requirePermission(viewer, 'manage', { type: 'people' })
	return { viewer }
}

/** One person's page, for staff (403 for anyone else before learning whether the account exists; 404 when it does not). */
export async function requirePerson(request: Request, userId: string | undefined, action: Action = 'manage') {
	const viewer = await requireViewer(request)
	requirePermission(viewer, action, { type: 'people' })
	const person = userId ? await getPerson(userId) : undefined
	invariantResponse(person)
	return { viewer, person, intents: intentAbilities(viewer, 'people', { type: 'people' }) }
}

/** The viewer's own data, to download. */
export async function requirePersonalData(request: Request) {
	const viewer = await requireViewer(request)
	requirePermission(viewer, 'view', { type: 'personal-data', userId: viewer.id })
	return { viewer }
}
